/* global fetch, MediaMetadata, __MASTHEAD_MESSAGES__ */
// Enhances the narration player: the native <audio controls> works without this script; with
// it, the reader gets labelled controls (play/pause, ±15 s, seek, speed), the paragraph being
// read highlighted (any paragraph clickable to start there), the position remembered, the
// Media Session (lock screen, headset keys) and first-party listening beacons.
(() => {
  const root = document.querySelector('[data-audio-player]');
  const audio = root && root.querySelector('[data-audio]');
  if (!root || !audio || root.hasAttribute('data-enhanced')) return;
  root.setAttribute('data-enhanced', '');
  // Labels in the article's language (the nearest lang attribute); assets.ts fills them in.
  const messages = __MASTHEAD_MESSAGES__;
  const lang = (root.closest('[lang]')?.getAttribute('lang') || 'en').toLowerCase().split('-')[0];
  const text = messages[lang] || messages.en;
  const articleId = root.getAttribute('data-article');
  const total = Number(root.getAttribute('data-duration')) / 1000 || 0;
  let timings = [];
  try {
    timings = JSON.parse(root.getAttribute('data-paragraphs') || '[]');
  } catch {
    timings = [];
  }
  const storageKey = `masthead-audio:${audio.getAttribute('src')}`;
  const clock = (s) => {
    const t = Math.max(0, Math.floor(s || 0));
    return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`;
  };
  const el = (tag, attrs, text) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text) node.textContent = text;
    return node;
  };

  const controls = el('div', {
    class: 'audio-player__controls',
    role: 'group',
    'aria-label': text['audio.controls'],
  });
  const toggle = el(
    'button',
    { type: 'button', class: 'audio-player__play', 'aria-label': text['audio.play'] },
    text['audio.play'],
  );
  const back = el('button', { type: 'button', 'aria-label': text['audio.back'] }, '−15 s');
  const forward = el('button', { type: 'button', 'aria-label': text['audio.forward'] }, '+15 s');
  const seek = el('input', {
    type: 'range',
    min: '0',
    max: String(Math.max(1, Math.round(total))),
    step: '1',
    value: '0',
    'aria-label': text['audio.position'],
    class: 'audio-player__seek',
  });
  const speedLabel = el('label', { class: 'audio-player__speed' }, `${text['audio.speed']} `);
  const speed = el('select', {});
  for (const rate of [0.75, 1, 1.25, 1.5, 1.75, 2]) {
    const option = el('option', { value: String(rate) }, `${rate}×`);
    if (rate === 1) option.selected = true;
    speed.append(option);
  }
  speedLabel.append(speed);
  const time = el('span', { class: 'audio-player__time' }, `0:00 / ${clock(total)}`);
  controls.append(toggle, back, seek, forward, speedLabel, time);
  audio.removeAttribute('controls');
  audio.after(controls);

  const duration = () =>
    Number.isFinite(audio.duration) && audio.duration > 0 ? audio.duration : total;
  const paragraphs = new Map();
  for (const node of document.querySelectorAll('[data-narration-p]'))
    paragraphs.set(Number(node.getAttribute('data-narration-p')), node);
  const headline = document.querySelector('.article__title');
  if (headline) paragraphs.set(-1, headline);

  let current;
  function highlight() {
    const now = audio.currentTime * 1000;
    let index;
    for (const [i, start] of timings) if (start <= now) index = i;
    if (index === current) return;
    if (current !== undefined) paragraphs.get(current)?.classList.remove('is-narrated');
    current = index;
    if (current !== undefined && (audio.currentTime > 0 || !audio.paused))
      paragraphs.get(current)?.classList.add('is-narrated');
  }

  function render() {
    const d = duration();
    toggle.textContent = audio.paused ? text['audio.play'] : text['audio.pause'];
    toggle.setAttribute('aria-label', toggle.textContent);
    seek.max = String(Math.max(1, Math.round(d)));
    seek.value = String(Math.round(audio.currentTime));
    seek.setAttribute(
      'aria-valuetext',
      text['audio.positionOf']
        .replace('{position}', clock(audio.currentTime))
        .replace('{duration}', clock(d)),
    );
    time.textContent = `${clock(audio.currentTime)} / ${clock(d)}`;
    highlight();
  }

  const sent = new Set();
  function beacon(event) {
    if (sent.has(event) || !articleId) return;
    sent.add(event);
    fetch('/audio/beacon', {
      method: 'POST',
      keepalive: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ article: Number(articleId), event }),
    }).catch(() => undefined);
  }

  let resumeAt = Number(localStorage.getItem(storageKey) || 0);
  function play() {
    if (resumeAt > 5 && resumeAt < duration() - 5) audio.currentTime = resumeAt;
    resumeAt = 0;
    return audio.play();
  }
  const jump = (delta) => {
    audio.currentTime = Math.min(Math.max(0, audio.currentTime + delta), duration());
    render();
  };

  toggle.addEventListener('click', () => (audio.paused ? play() : audio.pause()));
  back.addEventListener('click', () => jump(-15));
  forward.addEventListener('click', () => jump(15));
  seek.addEventListener('input', () => {
    audio.currentTime = Number(seek.value);
    render();
  });
  speed.addEventListener('change', () => {
    audio.playbackRate = Number(speed.value);
  });
  let lastSaved = 0;
  audio.addEventListener('timeupdate', () => {
    render();
    const d = duration();
    for (const p of [25, 50, 75]) if (audio.currentTime >= (d * p) / 100) beacon(String(p));
    if (Math.abs(audio.currentTime - lastSaved) >= 5) {
      lastSaved = audio.currentTime;
      localStorage.setItem(storageKey, String(Math.floor(audio.currentTime)));
    }
  });
  audio.addEventListener('play', () => {
    beacon('play');
    render();
  });
  audio.addEventListener('pause', render);
  audio.addEventListener('ratechange', () => {
    speed.value = String(audio.playbackRate);
  });
  audio.addEventListener('ended', () => {
    beacon('100');
    localStorage.removeItem(storageKey);
    render();
  });

  // A click on a paragraph (not on a link in it) starts the audio there.
  for (const [index, node] of paragraphs) {
    const timing = timings.find(([i]) => i === index);
    if (!timing) continue;
    node.classList.add('is-narratable');
    node.addEventListener('click', (event) => {
      if (event.target.closest('a, button, input, select') || window.getSelection()?.toString())
        return;
      resumeAt = 0;
      audio.currentTime = timing[1] / 1000;
      if (audio.paused) audio.play();
      render();
    });
  }

  if ('mediaSession' in navigator) {
    navigator.mediaSession.metadata = new MediaMetadata({
      title: headline ? headline.textContent : document.title,
      artist: document.querySelector('.site-title, .masthead a')?.textContent || '',
    });
    const actions = {
      play: () => play(),
      pause: () => audio.pause(),
      seekbackward: () => jump(-15),
      seekforward: () => jump(15),
      seekto: (details) => {
        audio.currentTime = details.seekTime;
        render();
      },
    };
    for (const [action, handler] of Object.entries(actions)) {
      try {
        navigator.mediaSession.setActionHandler(action, handler);
      } catch {
        // an action this browser does not support
      }
    }
  }
  if (resumeAt > 5) time.textContent = `Resumes at ${clock(resumeAt)} / ${clock(total)}`;
})();
