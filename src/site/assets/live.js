/* global fetch, EventSource, __MASTHEAD_MESSAGES__ */
// Live coverage: keeps a live page's updates current without a reload. The page (the same
// cached HTML for everyone) works without this script; with it, new, edited and deleted updates
// arrive over Server-Sent Events (falling back to polling the cacheable live.json when SSE is
// unavailable), new ones wait behind a polite "N new updates" bar (focus is never moved unless
// the reader asks), screen readers hear a short announcement, and "Load earlier" appends the
// next page in place.
(() => {
  const root = document.querySelector('section.live[data-live-stream]');
  if (!root || root.hasAttribute('data-enhanced') || !window.fetch) return;
  root.setAttribute('data-enhanced', '');
  const messages = __MASTHEAD_MESSAGES__;
  const lang = (
    root.closest('[lang]')?.getAttribute('lang') ||
    document.documentElement.lang ||
    'en'
  )
    .toLowerCase()
    .split('-')[0];
  const text = messages[lang] || messages.en;
  const plurals = new Intl.PluralRules(lang === 'uk' ? 'uk' : 'en');
  // `{count, plural, one {# x} other {# xs}}` with the count filled in.
  const plural = (message, count) => {
    const match = /\{count, plural, (.*)\}$/.exec(message);
    if (!match) return message;
    const forms = {};
    match[1].replace(/(\w+) \{([^}]*)\}/g, (_m, name, form) => {
      forms[name] = form;
      return '';
    });
    const form = forms[plurals.select(count)] ?? forms.other ?? '';
    return form.replace(/#/g, String(count));
  };

  const list = root.querySelector('.live__updates');
  const bar = root.querySelector('.live__new-bar');
  const announcer = root.querySelector('[data-live-announce]');
  const jsonUrl = root.getAttribute('data-live-json');
  const streamUrl = root.getAttribute('data-live-stream');
  const pollMs = Number(window.__mastheadLivePollMs) || 15000;
  let pending = []; // { id, version, publishedAt, html } not yet shown
  // The state the page shows; the stream starts from it (a resync when the server is ahead).
  let digest = root.getAttribute('data-live-digest') || '';

  const parse = (markup) => {
    const template = document.createElement('template');
    template.innerHTML = markup.trim();
    return template.content.firstElementChild;
  };
  const shown = (id) => list.querySelector(`[data-update-id="${id}"]`);
  const newestShown = () =>
    list.querySelector('[data-update-id]')?.getAttribute('data-published') || '';

  function announce(message) {
    if (!announcer) return;
    announcer.textContent = '';
    // A fresh text node is what makes screen readers speak it again.
    window.setTimeout(() => {
      announcer.textContent = message;
    }, 50);
  }

  function renderBar() {
    if (!bar) return;
    if (pending.length === 0) {
      bar.hidden = true;
      bar.textContent = '';
      return;
    }
    bar.textContent = '';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'live__new-button';
    button.textContent = `${plural(text['live.newUpdates'], pending.length)} · ${text['live.showNew']}`;
    button.addEventListener('click', showPending);
    bar.appendChild(button);
    bar.hidden = false;
  }

  function insertSorted(node) {
    const at = node.getAttribute('data-published') || '';
    for (const existing of list.querySelectorAll(':scope > [data-update-id]')) {
      if ((existing.getAttribute('data-published') || '') <= at) {
        list.insertBefore(node, existing);
        return;
      }
    }
    list.appendChild(node);
  }

  function showPending() {
    const items = pending.slice().sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
    pending = [];
    list.querySelector('.live__empty')?.remove();
    for (const item of items) {
      const node = shown(item.id) ? undefined : parse(item.html);
      if (node) insertSorted(node);
    }
    renderBar();
    // The reader asked to see them: take them to the newest (focus follows their request).
    const top = list.querySelector('[data-update-id]');
    if (top) {
      top.setAttribute('tabindex', '-1');
      top.focus({ preventScroll: false });
    }
  }

  function receiveUpdate(update) {
    const existing = shown(update.id);
    if (existing) {
      if (existing.getAttribute('data-version') !== String(update.version))
        replaceNode(existing, update.html);
      return;
    }
    const queued = pending.findIndex((p) => p.id === update.id);
    if (queued >= 0) {
      pending[queued] = update;
      return;
    }
    pending.push(update);
    renderBar();
    announce(plural(text['live.announceNew'], pending.length));
  }

  function replaceNode(existing, markup) {
    const node = parse(markup);
    if (node) existing.replaceWith(node);
  }

  function receiveEdit(update) {
    const existing = shown(update.id);
    if (existing) replaceNode(existing, update.html);
    else receiveUpdate(update);
  }

  function receiveDelete(id) {
    shown(id)?.remove();
    const before = pending.length;
    pending = pending.filter((p) => p.id !== id);
    if (pending.length !== before) renderBar();
  }

  function setBlock(selector, markup) {
    const block = root.querySelector(selector);
    if (block && block.innerHTML !== markup) block.innerHTML = markup;
  }

  function receiveBlocks(blocks) {
    setBlock('.live__key-events-block', blocks.keyEventsHtml);
    setBlock('.live__pinned-block', blocks.pinnedHtml);
    const status = root.querySelector('.live__status');
    const next = parse(blocks.statusHtml);
    if (status && next && status.outerHTML !== next.outerHTML) status.replaceWith(next);
    root.setAttribute('data-live-state', blocks.state);
  }

  /** Brings the page in line with a full first page (polling, or after a missed stretch). */
  function reconcile(data) {
    if (data.digest === digest) return;
    digest = data.digest;
    const ids = new Set(data.updates.map((u) => u.id));
    const oldest = data.updates.length > 0 ? data.updates[data.updates.length - 1].publishedAt : '';
    for (const node of list.querySelectorAll(':scope > [data-update-id]')) {
      const id = Number(node.getAttribute('data-update-id'));
      // Gone from a first page that is not full, or from inside it: deleted.
      if (!ids.has(id) && (!data.more || (node.getAttribute('data-published') || '') >= oldest))
        node.remove();
    }
    const newest = newestShown();
    for (const update of data.updates.slice().reverse()) {
      if (shown(update.id)) receiveEdit(update);
      else if (update.publishedAt > newest || list.querySelector('.live__empty'))
        receiveUpdate(update);
      else insertSorted(parse(update.html));
    }
    receiveBlocks(data);
  }

  async function fetchJson(url) {
    const response = await fetch(url, {
      cache: 'no-cache',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`live.json answered ${response.status}`);
    return response.json();
  }

  let pollTimer;
  function poll() {
    window.clearTimeout(pollTimer);
    fetchJson(jsonUrl)
      .then(reconcile)
      .catch(() => undefined)
      .finally(() => {
        pollTimer = window.setTimeout(poll, document.hidden ? pollMs * 4 : pollMs);
      });
  }

  let failures = 0;
  function connect() {
    if (!window.EventSource) {
      poll();
      return;
    }
    const source = new EventSource(`${streamUrl}?since=${encodeURIComponent(digest)}`);
    const on = (name, handle) =>
      source.addEventListener(name, (event) => {
        failures = 0;
        handle(JSON.parse(event.data || '{}'));
      });
    on('ready', () => undefined);
    on('update', receiveUpdate);
    on('edit', receiveEdit);
    on('delete', (data) => receiveDelete(data.id));
    on('blocks', receiveBlocks);
    on('state', (data) => {
      digest = data.digest;
    });
    on('resync', () =>
      fetchJson(jsonUrl)
        .then(reconcile)
        .catch(() => undefined),
    );
    on('gone', () => source.close());
    source.addEventListener('error', () => {
      failures += 1;
      // Closed for good (e.g. 503: the server is full) or failing again and again: poll instead.
      if (source.readyState === 2 || failures >= 3) {
        source.close();
        poll();
      }
    });
  }

  // "Load earlier updates": the next page in place (the link works without this script).
  root.addEventListener('click', (event) => {
    const link = event.target.closest?.('.live__earlier a[data-before]');
    if (!link) return;
    event.preventDefault();
    const before = link.getAttribute('data-before');
    fetchJson(`${jsonUrl}?before=${encodeURIComponent(before)}`)
      .then((data) => {
        for (const update of data.updates)
          if (!shown(update.id)) list.appendChild(parse(update.html));
        const holder = link.closest('.live__earlier');
        const next = data.earlierHtml ? parse(data.earlierHtml) : null;
        if (next) holder.replaceWith(next);
        else holder.remove();
      })
      .catch(() => {
        window.location.href = link.href;
      });
  });

  if (root.getAttribute('data-live-state') === 'live') connect();
})();
