// Soft walls (src/revenue/prompts/wall-render.ts; ADR 0026, "soft walls"). The page is the same
// for every reader (cacheable) and carries the walls `hidden`; this script decides, from what
// this browser read, whether one shows. It keeps, in localStorage (masthead_support, beside the
// prompts' view counts), the time each article was first read in the last 30 days — article ids
// only, never sent anywhere. From the wall's Nth article it moves the wall into the body after
// a few paragraphs and hides the rest (still in the page: without JavaScript, or by reading the
// source, the story is there). One wall per page, the registration wall first:
// - registration: never for signed-in readers (the masthead_member hint cookie, any status);
// - donation: "Continue reading" (or Escape) puts the story back, and the wall stays away for
//   data-dismiss-days on this browser.
// The after-body prompt steps aside while a wall shows (one ask per page).
// Neither shows when the prompts' gate turned support off (paying member, a visit from our
// emails), nor more than data-max-views times a week (0: no cap).
(function () {
  var storageKey = 'masthead_support';
  var day = 864e5;
  var period = 30 * day;
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
      // Storage refused (private mode, quota): nothing is counted, no wall shows.
    }
  }
  function object(value) {
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  }
  function number(element, name) {
    var value = Number(element.getAttribute('data-' + name));
    return value > 0 ? value : 0;
  }

  /** The distinct articles read in the period, this one included (at most 500 kept). */
  function countRead(state, id, now) {
    var reads = object(state.reads);
    var kept = {};
    Object.keys(reads)
      .filter(function (key) {
        return typeof reads[key] === 'number' && now - reads[key] < period;
      })
      .sort(function (a, b) {
        return reads[b] - reads[a];
      })
      .slice(0, 499)
      .forEach(function (key) {
        kept[key] = reads[key];
      });
    if (!kept[id]) kept[id] = now;
    state.reads = kept;
    return Object.keys(kept).length;
  }

  function viewsThisWeek(state, name, now) {
    var list = object(state.views)[name];
    return (Array.isArray(list) ? list : []).filter(function (time) {
      return now - time < 7 * day;
    });
  }

  function eligible(wall, state, read, now) {
    if (!wall) return false;
    var name = wall.getAttribute('data-support-prompt');
    if (read < Math.max(1, number(wall, 'after-articles'))) return false;
    var cap = number(wall, 'max-views');
    if (cap > 0 && viewsThisWeek(state, name, now).length >= cap) return false;
    var dismissed = object(state.wallDismissed)[name];
    var days = number(wall, 'dismiss-days');
    return !(days > 0 && typeof dismissed === 'number' && now - dismissed < days * day);
  }

  /** Puts the wall after paragraph N of the body and hides what follows; false if too short. */
  function place(wall, body) {
    var wanted = Math.max(1, number(wall, 'after-paragraph'));
    var paragraphs = 0;
    var anchor = null;
    for (var child = body.firstElementChild; child; child = child.nextElementSibling)
      if (child.tagName === 'P' && ++paragraphs === wanted) {
        anchor = child;
        break;
      }
    if (!anchor) return false;
    var rest = [];
    // What was hidden already (an empty slot) stays as it was when the wall steps aside.
    for (var next = anchor.nextElementSibling; next; next = next.nextElementSibling)
      if (!next.hidden) rest.push(next);
    if (rest.length === 0) return false;
    anchor.after(wall);
    wall.hidden = false;
    if (wall.getClientRects().length === 0) {
      // Hidden by the stylesheet after all (support turned off): leave the story whole.
      wall.hidden = true;
      return false;
    }
    rest.forEach(function (element) {
      element.hidden = true;
      element.style.display = 'none';
      element.setAttribute('data-wall-hidden', '');
    });
    // One ask per page: the after-body prompt would follow the wall at once.
    var afterBody = document.querySelector('[data-support-prompt="afterBody"]');
    if (afterBody) afterBody.style.display = 'none';
    return rest;
  }

  function enableContinue(wall, rest) {
    var button = wall.querySelector('[data-wall-continue]');
    if (!button) return;
    function dismiss() {
      var state = load();
      state.wallDismissed = object(state.wallDismissed);
      state.wallDismissed[wall.getAttribute('data-support-prompt')] = Date.now();
      save(state);
      wall.hidden = true;
      rest.forEach(function (element) {
        element.hidden = false;
        element.style.display = '';
        element.removeAttribute('data-wall-hidden');
      });
      // Focus goes on where the reader left off, not back to the top of the page.
      var first = rest[0];
      if (first) {
        if (!first.hasAttribute('tabindex')) first.setAttribute('tabindex', '-1');
        first.focus();
      }
    }
    button.addEventListener('click', dismiss);
    wall.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') dismiss();
    });
  }

  function start() {
    var article = document.querySelector('[data-article-id]');
    var body = article && article.querySelector('.article__body');
    if (!body) return;
    var now = Date.now();
    var state = load();
    var read = countRead(state, String(article.getAttribute('data-article-id')), now);
    save(state);
    if (root.classList.contains('support-off')) return;
    var registration = document.querySelector('[data-support-prompt="registration-wall"]');
    var donation = document.querySelector('[data-support-prompt="donation-wall"]');
    var member = /(?:^|;\s*)masthead_member=[a-z]/.test(document.cookie);
    var wall =
      !member && eligible(registration, state, read, now)
        ? registration
        : eligible(donation, state, read, now)
          ? donation
          : null;
    if (!wall) return;
    var rest = place(wall, body);
    if (!rest) return;
    var name = wall.getAttribute('data-support-prompt');
    state.views = object(state.views);
    state.views[name] = viewsThisWeek(state, name, now).concat(now).slice(-100);
    save(state);
    enableContinue(wall, rest);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
