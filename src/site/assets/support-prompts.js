// Support prompts and the /support/ forms, in the browser. The page is the same for every
// reader (cacheable); the inline gate at the top of <body> already hid what this reader should
// not see (paying member, visit from our email, frequency caps). This script:
// - counts a view for each prompt the reader sees (localStorage, last 7 days), for the caps;
// - makes the banner dismissible (button, remembered for the configured number of days);
// - posts the donation and membership forms as JSON and shows errors next to their field,
//   swaps monthly/yearly prices and shows the processing fee. Without it, forms post normally.
(function () {
  var storageKey = 'masthead_support';
  var week = 7 * 24 * 3600 * 1000;
  var root = document.documentElement;

  function load() {
    try {
      var state = JSON.parse(localStorage.getItem(storageKey) || '{}');
      return state && typeof state === 'object' ? state : {};
    } catch {
      return {};
    }
  }
  function save(state) {
    try {
      localStorage.setItem(storageKey, JSON.stringify(state));
    } catch {
      // Storage refused (private mode, quota): the prompts simply are not capped.
    }
  }
  function visible(element) {
    return element.getClientRects().length > 0;
  }

  function countViews() {
    var state = load();
    var now = Date.now();
    var views = state.views && typeof state.views === 'object' ? state.views : {};
    var changed = false;
    ['inline', 'afterBody', 'banner'].forEach(function (placement) {
      var element = document.querySelector('[data-support-prompt="' + placement + '"]');
      if (!element || !visible(element)) return;
      var list = Array.isArray(views[placement]) ? views[placement] : [];
      list = list.filter(function (time) {
        return now - time < week;
      });
      list.push(now);
      views[placement] = list.slice(-100);
      changed = true;
    });
    if (changed) {
      state.views = views;
      save(state);
    }
  }

  function enhanceBanner() {
    var button = document.querySelector('[data-support-dismiss]');
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var state = load();
      state.dismissed = Date.now();
      save(state);
      root.classList.add('support-banner-off');
      // The button disappears with the banner: give focus a sensible place to continue from.
      var main = document.getElementById('main');
      if (main) main.focus();
    });
  }

  function money(form, minor) {
    var digits = Number(form.getAttribute('data-digits') || '2');
    var major = minor / Math.pow(10, digits);
    var whole = major === Math.floor(major);
    return new window.Intl.NumberFormat(form.getAttribute('data-locale') || 'en', {
      style: 'currency',
      currency: form.getAttribute('data-currency') || 'USD',
      minimumFractionDigits: whole ? 0 : digits,
      maximumFractionDigits: digits,
    }).format(major);
  }

  /** The amount the form would send, in minor units, or NaN. */
  function chosenMinor(form) {
    var digits = Number(form.getAttribute('data-digits') || '2');
    var custom = form.querySelector('[data-custom-amount]');
    var raw = custom && custom.value.trim() !== '' ? custom.value : '';
    if (!raw) {
      var checked = form.querySelector('input[name="amount"]:checked, input[name="tier"]:checked');
      if (!checked) return NaN;
      raw = checked.getAttribute('data-' + intervalOf(form)) || checked.value;
    }
    var match = /^\s*(\d{1,9})(?:[.,](\d+))?\s*$/.exec(raw);
    if (!match) return NaN;
    var fraction = (match[2] || '').slice(0, digits);
    while (fraction.length < digits) fraction += '0';
    return Number(match[1]) * Math.pow(10, digits) + Number(fraction || '0');
  }

  function intervalOf(form) {
    var checked = form.querySelector('input[name="interval"]:checked');
    return checked ? checked.value : 'month';
  }

  function updateForm(form) {
    var interval = intervalOf(form);
    form.querySelectorAll('[data-interval]').forEach(function (element) {
      element.hidden = element.getAttribute('data-interval') !== interval;
    });
    var output = form.querySelector('[data-fee-output]');
    var box = form.querySelector('input[name="cover_fee"]');
    if (!output || !box) return;
    var amount = chosenMinor(form);
    if (!box.checked || !(amount > 0)) {
      output.textContent = '';
      return;
    }
    var percent = Number(form.getAttribute('data-fee-percent') || '0');
    var fixed = Number(form.getAttribute('data-fee-fixed') || '0');
    var total = Math.ceil((amount + fixed) / (1 - percent / 100));
    output.textContent = (output.getAttribute('data-template') || '')
      .replace('{fee}', money(form, total - amount))
      .replace('{total}', money(form, total));
  }

  function showError(form, field, message) {
    var target =
      form.querySelector('[data-error-for="' + field + '"]') ||
      form.querySelector('[data-error-for="_"]');
    if (target) target.textContent = message;
    var input =
      field === 'amount'
        ? form.querySelector('[data-custom-amount]') || form.querySelector('input[name="amount"]')
        : form.querySelector('[name="' + field + '"]');
    if (input && message) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  }

  function clearErrors(form) {
    form.querySelectorAll('[data-error-for]').forEach(function (element) {
      element.textContent = '';
    });
    form.querySelectorAll('[aria-invalid]').forEach(function (element) {
      element.removeAttribute('aria-invalid');
    });
  }

  function formBody(form) {
    var data = new window.FormData(form);
    var custom = form.querySelector('[data-custom-amount]');
    var amounts = data.getAll('amount').filter(function (value) {
      return String(value).trim() !== '';
    });
    data.delete('amount');
    data.delete('amount_custom');
    var amount = custom && custom.value.trim() !== '' ? custom.value.trim() : amounts[0];
    if (amount !== undefined) data.set('amount', String(amount));
    if (!data.get('page') && !form.querySelector('[name="page"]'))
      data.set('page', window.location.pathname);
    return new window.URLSearchParams(data);
  }

  function enhanceForm(form) {
    if (form.getAttribute('data-support-enhanced')) return;
    form.setAttribute('data-support-enhanced', '1');
    var custom = form.querySelector('[data-custom-amount]');
    var wrap = form.querySelector('[data-custom-wrap]');
    if (wrap) wrap.hidden = false;
    form.addEventListener('change', function (event) {
      var target = event.target;
      if (target && target.name === 'amount' && target.type === 'radio' && custom)
        custom.value = '';
      updateForm(form);
    });
    if (custom)
      custom.addEventListener('input', function () {
        if (custom.value.trim() !== '')
          form.querySelectorAll('input[type="radio"][name="amount"]').forEach(function (radio) {
            radio.checked = false;
          });
        updateForm(form);
      });
    updateForm(form);
    form.addEventListener('submit', function (event) {
      if (!window.fetch || !window.URLSearchParams || !window.FormData) return;
      event.preventDefault();
      clearErrors(form);
      var status = form.querySelector('[data-error-for="_"]');
      var button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      if (status) status.textContent = form.getAttribute('data-sending') || '';
      window
        .fetch(form.action, {
          method: 'POST',
          headers: {
            Accept: 'application/json',
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          body: formBody(form),
          credentials: 'same-origin',
        })
        .then(function (response) {
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (data) {
              return { status: response.status, data: data || {} };
            });
        })
        .then(function (result) {
          if (result.status === 200 && typeof result.data.url === 'string') {
            window.location.assign(result.data.url);
            return;
          }
          if (button) button.disabled = false;
          if (status) status.textContent = '';
          var message =
            typeof result.data.error === 'string' && result.status === 422
              ? result.data.error
              : result.data.message || result.data.error || form.getAttribute('data-failed') || '';
          showError(form, typeof result.data.field === 'string' ? result.data.field : '_', message);
        })
        .catch(function () {
          if (button) button.disabled = false;
          showError(form, '_', form.getAttribute('data-failed') || '');
        });
    });
  }

  function start() {
    countViews();
    enhanceBanner();
    document.querySelectorAll('form[data-support-form]').forEach(enhanceForm);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
