import assert from 'node:assert/strict';
import { it } from 'node:test';
import { classifySource, type TrafficSource } from './traffic-source.js';

function buildInput(overrides: { referrer?: string; query?: string; siteHost?: string } = {}) {
  return { referrer: '', query: '', siteHost: 'news.example.org', ...overrides };
}

function classify(referrer: string, query = ''): TrafficSource {
  return classifySource(buildInput({ referrer, query }));
}

it('counts an empty or unparseable referrer as direct', () => {
  const direct = { medium: 'direct', source: '', campaign: '' };
  assert.deepEqual(classify(''), direct);
  assert.deepEqual(classify('not a url'), direct);
  assert.deepEqual(classify('google.com'), direct);
  assert.deepEqual(classify('javascript:alert(1)'), direct);
  assert.deepEqual(classify('file:///etc/passwd'), direct);
});

it('recognises the site itself, ignoring case and www.', () => {
  const internal = { medium: 'internal', source: '', campaign: '' };
  assert.deepEqual(classify('https://news.example.org/politics/a-story'), internal);
  assert.deepEqual(classify('https://WWW.News.Example.org/'), internal);
  assert.deepEqual(
    classifySource(
      buildInput({ referrer: 'https://news.example.org/', siteHost: 'www.NEWS.example.org:8080' }),
    ),
    internal,
  );
  assert.equal(classify('https://other.example.org/').medium, 'referral');
});

it('names search engines', () => {
  const cases: Array<[string, string]> = [
    ['https://www.google.com/', 'google'],
    ['https://www.google.co.uk/', 'google'],
    ['https://google.de/search?q=x', 'google'],
    ['https://news.google.com/', 'google'],
    ['https://www.bing.com/search?q=x', 'bing'],
    ['https://duckduckgo.com/', 'duckduckgo'],
    ['https://search.yahoo.com/', 'yahoo'],
    ['https://yandex.ru/search/', 'yandex'],
    ['https://ya.ru/', 'yandex'],
    ['https://www.ecosia.org/', 'ecosia'],
    ['https://www.baidu.com/', 'baidu'],
    ['https://www.qwant.com/', 'qwant'],
    ['https://www.startpage.com/', 'startpage'],
    ['https://search.brave.com/search?q=x', 'brave'],
    ['https://kagi.com/', 'kagi'],
    ['android-app://com.google.android.googlequicksearchbox/', 'google'],
  ];
  for (const [referrer, source] of cases) {
    assert.deepEqual(classify(referrer), { medium: 'search', source, campaign: '' }, referrer);
  }
});

it('does not mistake look-alike hosts for search engines', () => {
  assert.deepEqual(classify('https://google.com.evil.example/'), {
    medium: 'referral',
    source: 'google.com.evil.example',
    campaign: '',
  });
  assert.equal(classify('https://notbing.com/').medium, 'referral');
});

it('names social networks canonically', () => {
  const cases: Array<[string, string]> = [
    ['https://www.facebook.com/', 'facebook'],
    ['https://m.facebook.com/', 'facebook'],
    ['https://l.facebook.com/l.php?u=x', 'facebook'],
    ['https://fb.com/', 'facebook'],
    ['https://t.co/abc', 'x'],
    ['https://twitter.com/', 'x'],
    ['https://x.com/someone', 'x'],
    ['https://l.instagram.com/', 'instagram'],
    ['https://www.linkedin.com/', 'linkedin'],
    ['https://lnkd.in/abc', 'linkedin'],
    ['https://old.reddit.com/r/news', 'reddit'],
    ['https://t.me/channel', 'telegram'],
    ['https://web.telegram.org/', 'telegram'],
    ['https://web.whatsapp.com/', 'whatsapp'],
    ['https://m.youtube.com/', 'youtube'],
    ['https://www.tiktok.com/', 'tiktok'],
    ['https://www.threads.net/', 'threads'],
    ['https://bsky.app/profile/x', 'bluesky'],
    ['https://vk.com/', 'vk'],
    ['https://news.ycombinator.com/item?id=1', 'hackernews'],
    ['android-app://com.twitter.android/', 'x'],
  ];
  for (const [referrer, source] of cases) {
    assert.deepEqual(classify(referrer), { medium: 'social', source, campaign: '' }, referrer);
  }
  assert.deepEqual(classify('https://mastodon.social/@someone'), {
    medium: 'referral',
    source: 'mastodon.social',
    campaign: '',
  });
});

it('counts webmail as email with the host as source', () => {
  assert.deepEqual(classify('https://mail.google.com/mail/u/0/'), {
    medium: 'email',
    source: 'mail.google.com',
    campaign: '',
  });
  assert.equal(classify('https://outlook.live.com/').source, 'outlook.live.com');
  assert.equal(classify('https://us-mg5.mail.yahoo.com/').medium, 'email');
  assert.equal(classify('https://mail.ukr.net/desktop').medium, 'email');
});

it('counts other sites as referrals by host', () => {
  assert.deepEqual(classify('https://www.Partner-Site.example/story?id=1'), {
    medium: 'referral',
    source: 'partner-site.example',
    campaign: '',
  });
  assert.equal(classify(`https://${'a'.repeat(60)}.${'b'.repeat(60)}.example/`).source.length, 100);
});

it('lets UTM parameters win over the referrer', () => {
  assert.deepEqual(
    classify(
      'https://mail.google.com/',
      '?utm_source=Daily&utm_medium=email&utm_campaign=Morning_Brief',
    ),
    { medium: 'newsletter', source: 'daily', campaign: 'morning_brief' },
  );
  assert.deepEqual(classify('', '?utm_medium=email'), {
    medium: 'email',
    source: '',
    campaign: '',
  });
  assert.deepEqual(classify('', '?utm_medium=newsletter'), {
    medium: 'newsletter',
    source: '',
    campaign: '',
  });
  assert.equal(classify('', '?utm_source=weekly-newsletter').medium, 'newsletter');
  assert.equal(classify('', 'utm_source=mailchimp&utm_medium=referral').medium, 'newsletter');
});

it('tells social from other campaigns', () => {
  assert.deepEqual(
    classify('https://t.co/x', '?utm_source=facebook&utm_medium=cpc&utm_campaign=spring'),
    {
      medium: 'social',
      source: 'facebook',
      campaign: 'spring',
    },
  );
  assert.equal(classify('', '?utm_source=partner&utm_medium=social-organic').medium, 'social');
  assert.deepEqual(classify('https://www.google.com/', '?utm_source=google&utm_medium=cpc'), {
    medium: 'campaign',
    source: 'google',
    campaign: '',
  });
  assert.equal(classify('', '?utm_campaign=launch').medium, 'campaign');
  assert.equal(classify('https://www.google.com/', '?utm_source=&utm_medium=').medium, 'search');
});

it('reduces UTM values to short plain text', () => {
  const result = classify(
    '',
    `?utm_source=${encodeURIComponent(' <Script>\u0000\n' + 'x'.repeat(100))}&utm_medium=paid&utm_campaign=${'y'.repeat(100)}%E2%80%AE`,
  );
  assert.equal(result.source, 'script' + 'x'.repeat(54));
  assert.equal(result.campaign, 'y'.repeat(80));
  assert.equal(result.medium, 'campaign');
});

it('never throws and returns plain text for hostile input', () => {
  const hostile = [
    'https://%00/',
    'http://[::1]/',
    'https://\u202Eevil.example/',
    'https://xn--e1afmkfd.xn--p1ai/',
    'android-app://<script>/',
    'https://' + 'a'.repeat(5000) + '.example/',
  ];
  for (const referrer of hostile) {
    const result = classify(referrer, '?utm_source=%E0%A4%A');
    for (const value of Object.values(result)) assert.match(value, /^[a-z0-9.:_-]*$/, referrer);
  }
  const untyped = { referrer: 42, query: null, siteHost: undefined } as unknown as Parameters<
    typeof classifySource
  >[0];
  assert.deepEqual(classifySource(untyped), { medium: 'direct', source: '', campaign: '' });
});
