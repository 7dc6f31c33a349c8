// The support prompts' early check (src/revenue/prompts/prompt-gate.ts): a tiny blocking
// script placed before the first prompt, so it runs before the prompts paint. It sets classes
// on <html> that site.css uses to hide prompts; without JavaScript none is set and every
// prompt shows. The caps come from the page (data-caps on this script element).
(function (d) {
  var classes = d.documentElement.classList;
  if (/(?:^|;\s*)masthead_member=paying(?:;|$)/.test(d.cookie)) classes.add('support-off');
  try {
    var session = window.sessionStorage;
    if (/[?&]utm_medium=email(?:&|$)/i.test(window.location.search))
      session.setItem('masthead_support_from_email', '1');
    if (session.getItem('masthead_support_from_email')) classes.add('support-off');
    var script = d.currentScript;
    var caps = JSON.parse((script && script.getAttribute('data-caps')) || '{}');
    var state = JSON.parse(window.localStorage.getItem('masthead_support') || '{}');
    var now = Date.now();
    if (state.dismissed && now - state.dismissed < (caps.d || 0) * 864e5)
      classes.add('support-banner-off');
    var views = state.views || {};
    var limits = caps.v || {};
    Object.keys(limits).forEach(function (placement) {
      var seen = (Array.isArray(views[placement]) ? views[placement] : []).filter(function (t) {
        return now - t < 6048e5;
      }).length;
      if (limits[placement] > 0 && seen >= limits[placement])
        classes.add('support-' + placement + '-off');
    });
  } catch {
    // Storage refused (private mode): prompts show, uncapped.
  }
})(document);
