// First-party, cookie-less reading statistics (src/analytics/; the collector validates this
// protocol). Nothing is stored in the browser, and nothing runs when the reader asks not to be
// tracked (Do Not Track, Global Privacy Control). The view goes at once, in its own beacon;
// every other event waits in a queue sent when the page is hidden or left (a beacon outlives
// the page), or as soon as 30 are waiting.
//
// It is on every page and must stay within 1 KB as served, hence the short names: there is no
// minifier for site assets, and analytics-assets.ts only drops whole-line comments and the
// whitespace between tokens. So: comments on lines of their own, no regular-expression literals.
//
// Names: w window, d document, n navigator, A 'addEventListener', L location, q the queue,
// e the article element (none: depth is the whole page's), m quarters of depth sent, o when the
// tab was last seen visible (else 0 or false), v visible milliseconds not yet sent, F the forms
// counted, P the support prompts (data-support-prompt: inline, afterBody or banner).
(function (w, d, n, A) {
  if (n.doNotTrack === '1' || w.doNotTrack === '1' || n.globalPrivacyControl || !n.sendBeacon)
    return;
  var L = w.location,
    q = [],
    e = d.querySelector('[data-article-id]'),
    m = 0,
    o = 0,
    v = 0,
    F = 'form[action$="/newsletters/subscribe"],[data-support-form]',
    P = '[data-support-prompt]';
  // `f` marks the view's batch: only it carries the referrer and query (undefined is left out).
  function send(b, f) {
    n.sendBeacon(
      '/api/event',
      JSON.stringify({
        p: L.pathname.slice(0, 300),
        a: (e && +e.dataset.articleId) || null,
        r: f && d.referrer.slice(0, 500),
        q: f && L.search.slice(0, 500),
        w: w.innerWidth,
        e: b,
      }),
    );
  }
  function add(x) {
    if (q.push(x) > 29) send(q.splice(0));
  }
  // A form's event (newsletter or support) or a prompt's (by placement: the collector says
  // after-body where the markup says afterBody).
  function mark(x, k) {
    add(
      x.tagName === 'FORM'
        ? { t: 'form-' + k, n: 'supportForm' in x.dataset ? 'support' : 'newsletter' }
        : { t: 'prompt-' + k, n: x.dataset.supportPrompt.replace('B', '-b') },
    );
  }
  // Adds the visible time since the last call; the clock runs on only while the tab is shown.
  function tick(x) {
    x = Date.now();
    v += o && x - o;
    o = d.visibilityState === 'visible' && x;
  }
  function flush(s) {
    tick();
    s = Math.round(v / 1e3);
    if (s > 0) q.push({ t: 'engage', s: Math.min(s, 1800) });
    v -= s * 1e3;
    while (q[0]) send(q.splice(0, 30));
  }
  // How far the bottom of the viewport has come, in quarters of the article (else the page).
  function scroll() {
    var r = (e || d.documentElement).getBoundingClientRect(),
      p = ((w.innerHeight - r.top + 9) / r.height) * 4;
    while (m < 4 && p >= m + 1) add({ t: 'scroll', d: ++m * 25 });
  }
  send([{ t: 'view' }], 1);
  tick();
  scroll();
  w[A]('scroll', scroll);
  w[A]('pagehide', flush);
  d[A]('visibilitychange', flush);
  d[A](
    'click',
    function (x) {
      var a = x.target.closest('a[href]'),
        p = a && a.closest(P);
      if (a) add({ t: 'click', k: a.host === L.host ? 'in' : 'out', h: a.href.slice(0, 300) });
      if (p) mark(p, 'click');
    },
    !0,
  );
  d[A](
    'play',
    function (x) {
      if (x.target.tagName === 'AUDIO') add({ t: 'play' });
    },
    !0,
  );
  d[A](
    'submit',
    function (x) {
      if (x.target.matches(F)) mark(x.target, 'submit');
    },
    !0,
  );
  // Seen: at least half of it on screen, counted once.
  var io = new w.IntersectionObserver(
    function (l) {
      l.forEach(function (x) {
        if (x.intersectionRatio >= 0.5) {
          io.unobserve(x.target);
          mark(x.target, 'view');
        }
      });
    },
    { threshold: 0.5 },
  );
  d.querySelectorAll(F + ',' + P).forEach(function (x) {
    io.observe(x);
  });
})(window, document, navigator, 'addEventListener');
