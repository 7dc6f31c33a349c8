// Newsletter signup forms without a page load: posts the form with `Accept: application/json`
// and shows the answer inside the form. Without this script the form still works (303 to a
// result page). Safe to load more than once; each form is enhanced once and works on its own.
(function () {
  function enhance(form) {
    if (form.getAttribute('data-nl-enhanced')) return;
    form.setAttribute('data-nl-enhanced', '1');
    var email = form.querySelector('input[name="email"]');
    var emailError = email && document.getElementById(email.id + '-error');
    var status = form.querySelector('[role="status"]');
    var button = form.querySelector('button[type="submit"]');
    // The words come from the page (the site's language), with English as a last resort.
    function word(name, fallback) {
      return form.getAttribute('data-' + name) || fallback;
    }
    function showError(message) {
      if (!email || !emailError) return;
      emailError.textContent = message;
      emailError.hidden = !message;
      if (message) email.setAttribute('aria-invalid', 'true');
      else email.removeAttribute('aria-invalid');
    }
    form.addEventListener('submit', function (event) {
      if (!window.fetch || !window.URLSearchParams) return;
      event.preventDefault();
      showError('');
      if (status) status.textContent = word('sending', 'Sending…');
      if (button) button.disabled = true;
      var body = new window.URLSearchParams(new window.FormData(form));
      window
        .fetch(form.action, {
          method: 'POST',
          headers: {
            Accept: 'application/json',
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          body: body,
          credentials: 'same-origin',
        })
        .then(function (response) {
          return response.json().then(function (data) {
            return { status: response.status, data: data };
          });
        })
        .then(function (result) {
          var data = result.data || {};
          if (result.status === 202) {
            if (status) status.textContent = data.message || word('thanks', 'Thank you.');
            form.reset();
          } else if (result.status === 422 && data.fields && data.fields.email) {
            if (status) status.textContent = '';
            showError(data.fields.email[0]);
            email.focus();
          } else if (status) {
            status.textContent =
              data.message || word('failed', 'Something went wrong. Please try again.');
          }
        })
        .catch(function () {
          if (status) status.textContent = word('offline', 'The network failed. Please try again.');
        })
        .then(function () {
          if (button) button.disabled = false;
        });
    });
  }
  var forms = document.querySelectorAll('form[data-nl-signup]');
  for (var i = 0; i < forms.length; i += 1) enhance(forms[i]);
})();
