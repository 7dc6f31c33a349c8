/* global __MASTHEAD_MESSAGES__ */
// Metering (site/access-meter.routes.ts, ADR 0026). On a gated story's preview whose wall says
// data-meter, this asks the server whether the reader has a free story left this period; if
// so, the rest of the story (the server's own rendering of the article) takes the wall's
// place. The server counts, in a signed cookie this script cannot read or change; the script
// only shows the answer. Without scripts the wall stays.
(function () {
  var wall = document.getElementById('access-wall');
  if (!wall || wall.getAttribute('data-meter') !== '1' || !window.fetch) return;
  var messages = __MASTHEAD_MESSAGES__;
  var lang = (document.documentElement.getAttribute('lang') || 'en').toLowerCase().split('-')[0];
  var m = messages[lang] || messages.en;
  var say = function (key, answer) {
    return m[key].replace('{n}', String(answer.left)).replace('{total}', String(answer.allowance));
  };
  window
    .fetch('/access/meter', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slug: window.location.pathname.split('/')[1] }),
    })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (answer) {
      if (!answer || !answer.metered) return;
      var note = document.createElement('p');
      note.className = 'access-meter';
      note.setAttribute('role', 'status');
      if (answer.open) {
        var rest = document.createElement('div');
        rest.className = 'article__gated';
        rest.innerHTML = answer.html;
        note.textContent = say(answer.left > 0 ? 'access.meter.left' : 'access.meter.last', answer);
        wall.parentNode.insertBefore(note, wall);
        wall.parentNode.replaceChild(rest, wall);
      } else {
        note.textContent = say('access.meter.spent', answer);
        wall.insertBefore(note, wall.children[1] || null);
      }
    })
    .catch(function () {});
})();
