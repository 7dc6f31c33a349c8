// First-party, cookie-less reading statistics (src/analytics/; the collector validates this
// protocol). Nothing runs when the reader asks not to be tracked (Do Not Track, Global Privacy
// Control). The view goes at once, in its own beacon; every other event waits in a queue sent
// when the page is hidden or left (a beacon outlives the page), or as soon as 30 are waiting.
// Audio plays are not sent from here: the player counts them itself (POST /audio/beacon, also
// for readers with DNT, as it stores no visitor), and the dashboard shows that count.
//
// Attribution lives in analytics-touch.js, loaded (async) only where it can matter: on a page
// not reached from this site (a referrer from elsewhere, or none: links in emails and apps),
// or one holding a form it counts. That script keeps the visits that
// led to a signup or a donation in localStorage; this one stores nothing and sets no cookie.
//
// It is on every page and must stay within 1 KB as served, hence the one-letter names: there is
// no minifier for site assets, and analytics-assets.ts only drops whole-line comments and the
// whitespace between tokens. So: comments on lines of their own, no regular-expression literals.
//
// Referrers, queries and links go whole: the collector cuts them to size.
//
// Names: w window, d document, n navigator, A 'addEventListener', L location, q the queue,
// R the referrer, e the article element (none: depth is the whole page's), m quarters of depth
// sent, o when the tab was last seen visible (else 0 or false), v visible milliseconds
// not yet sent, F the forms counted, P the support prompts (data-support-prompt: inline,
// afterBody or banner). Functions: S send, U queue, K mark, I tick, H flush, C scroll.
(function (w, d, n, A, R) {
  if (n.doNotTrack === '1' || n.globalPrivacyControl || !n.sendBeacon) return;
  var L = w.location,
    q = [],
    e = d.querySelector('[data-article-id]'),
    m = 0,
    o = 0,
    v = 0,
    F = 'form[action$="/newsletters/subscribe"],[data-support-form]',
    P = '[data-support-prompt]';
  R = d.referrer;
  // The path is the touch script's hashed one, put in by analytics-assets.ts.
  if (R.indexOf(L.origin + '/') || d.querySelector(F))
    d.head.appendChild(d.createElement('script')).src = '/stats/touch.js';
  // `f` marks the view's batch: only it carries the referrer and query (undefined is left out).
  function S(b, f) {
    n.sendBeacon(
      '/api/event',
      JSON.stringify({
        p: L.pathname,
        a: e && +e.dataset.articleId,
        r: f && R,
        q: f && L.search,
        w: w.innerWidth,
        e: b,
      }),
    );
  }
  function U(x) {
    if (q.push(x) > 29) S(q.splice(0));
  }
  // A form's event (newsletter or support) or a prompt's (by placement: the collector says
  // after-body where the markup says afterBody).
  function K(x, k) {
    U(
      x.tagName === 'FORM'
        ? { t: 'form-' + k, n: 'supportForm' in x.dataset ? 'support' : 'newsletter' }
        : { t: 'prompt-' + k, n: x.dataset.supportPrompt.replace('B', '-b') },
    );
  }
  // Adds the visible time since the last call; the clock runs on only while the tab is shown.
  function I(x) {
    x = Date.now();
    v += o && x - o;
    o = d.visibilityState === 'visible' && x;
  }
  function H(s) {
    I();
    s = Math.round(v / 1e3);
    if (s) q.push({ t: 'engage', s: Math.min(s, 1800) });
    v -= s * 1e3;
    while (q[0]) S(q.splice(0, 30));
  }
  // How far the bottom of the viewport has come, in quarters of the article (else the page).
  function C() {
    var r = (e || d.documentElement).getBoundingClientRect(),
      p = ((w.innerHeight - r.top + 9) / r.height) * 4;
    while (m < 4 && p >= m + 1) U({ t: 'scroll', d: ++m * 25 });
  }
  S([{ t: 'view' }], 1);
  I();
  C();
  w[A]('scroll', C);
  w[A]('pagehide', H);
  d[A]('visibilitychange', H);
  d[A](
    'click',
    function (x) {
      var a = x.target.closest('a[href]'),
        p = a && a.closest(P);
      if (a) U({ t: 'click', k: a.host === L.host ? 'in' : 'out', h: a.href });
      if (p) K(p, 'click');
    },
    !0,
  );
  d[A](
    'submit',
    function (x) {
      if (x.target.matches(F)) K(x.target, 'submit');
    },
    !0,
  );
  // Seen: at least half of it on screen, counted once.
  var io = new w.IntersectionObserver(
    function (l) {
      l.forEach(function (x) {
        if (x.intersectionRatio >= 0.5) {
          io.unobserve(x.target);
          K(x.target, 'view');
        }
      });
    },
    { threshold: 0.5 },
  );
  d.querySelectorAll(F + ',' + P).forEach(function (x) {
    io.observe(x);
  });
})(window, document, navigator, 'addEventListener');
