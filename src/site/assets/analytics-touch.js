// Attribution for the reading statistics (src/analytics/attribution.ts reads what this sends).
// The beacon (analytics.js) loads this only on a page reached from elsewhere (another site's
// referrer or a utm_ query) or holding a newsletter or support form, and never when the reader
// asks not to be tracked. It keeps the first and the last visit from elsewhere in this
// browser's localStorage for 30 days (key mt: f first, l last; r referrer, q query, p path,
// t time) and sends them only as the hidden field `touch` of a newsletter or support form the
// reader submits. It reads and sets no cookie.
//
// Served compacted like analytics.js: comments on lines of their own, no regular expressions.
(function (d, L, R, T, N, J) {
  N = Date.now;
  J = JSON.stringify;
  try {
    T = JSON.parse(localStorage.mt || '{}');
    if (N() - (T.f && T.f.t) > 2592e6) T = {};
    if ((R && R.indexOf(L.origin + '/')) || ~L.search.indexOf('utm_')) {
      T.l = { r: R, q: L.search, p: L.pathname, t: N() };
      T.f = T.f || T.l;
      localStorage.mt = J(T);
    }
  } catch {
    T = {};
  }
  // Capturing, so the field is there before a form's own script reads the form.
  d.addEventListener(
    'submit',
    function (x) {
      x = x.target;
      if (x.matches('form[action$="/newsletters/subscribe"],[data-support-form]')) {
        if (!x.touch) x.insertAdjacentHTML('beforeend', '<input type=hidden name=touch>');
        x.touch.value = J(T);
      }
    },
    !0,
  );
})(document, window.location, document.referrer);
