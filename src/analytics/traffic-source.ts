// Where a page view came from, in the few buckets a newsroom acts on. The input is whatever
// the reader's browser sent (document.referrer and location.search), so it may be empty,
// truncated or hostile: nothing here throws, and every returned string is reduced to a
// short run of plain ASCII that is safe to store and show.

export type TrafficMedium =
  'direct' | 'search' | 'social' | 'newsletter' | 'email' | 'campaign' | 'referral' | 'internal';

export interface TrafficSource {
  medium: TrafficMedium;
  source: string;
  campaign: string;
}

const DIRECT: TrafficSource = { medium: 'direct', source: '', campaign: '' };

// A referrer host matches a domain when it is the domain or one of its subdomains.
type DomainList = ReadonlyArray<readonly [name: string, domains: readonly string[]]>;

const SEARCH_ENGINES: DomainList = [
  ['bing', ['bing.com']],
  ['duckduckgo', ['duckduckgo.com']],
  ['ecosia', ['ecosia.org']],
  ['baidu', ['baidu.com']],
  ['qwant', ['qwant.com']],
  ['startpage', ['startpage.com']],
  ['brave', ['search.brave.com']],
  ['kagi', ['kagi.com']],
  ['yandex', ['ya.ru']],
];
// Engines that run under many country domains (google.de, google.co.uk, yandex.com.tr).
const SEARCH_ENGINE_PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
  ['google', /(?:^|\.)google\.(?:com?\.)?[a-z]{2,3}$/],
  ['yahoo', /(?:^|\.)yahoo\.(?:com?\.)?[a-z]{2,3}$/],
  ['yandex', /(?:^|\.)yandex\.(?:com?\.)?[a-z]{2,3}$/],
];

// Mastodon and other federated servers cannot be listed, so they count as referrals.
const SOCIAL_NETWORKS: DomainList = [
  ['facebook', ['facebook.com', 'fb.com', 'fb.me', 'messenger.com']],
  ['x', ['t.co', 'twitter.com', 'x.com']],
  ['instagram', ['instagram.com']],
  ['linkedin', ['linkedin.com', 'lnkd.in']],
  ['reddit', ['reddit.com', 'redd.it']],
  ['telegram', ['t.me', 'telegram.me', 'telegram.org']],
  ['whatsapp', ['whatsapp.com', 'wa.me']],
  ['youtube', ['youtube.com', 'youtu.be']],
  ['tiktok', ['tiktok.com']],
  ['threads', ['threads.net', 'threads.com']],
  ['bluesky', ['bsky.app']],
  ['vk', ['vk.com', 'vk.ru']],
  ['pinterest', ['pinterest.com', 'pin.it']],
  ['hackernews', ['news.ycombinator.com']],
];

const WEBMAIL_DOMAINS = [
  'mail.google.com',
  'outlook.live.com',
  'outlook.office.com',
  'outlook.office365.com',
  'mail.yahoo.com',
  'mail.aol.com',
  'mail.proton.me',
  'mail.zoho.com',
  'mail.yandex.ru',
  'mail.ukr.net',
  'e.mail.ru',
  'navigator.gmx.net',
  'email.t-online.de',
];

// Android apps send `android-app://<package>/` as the referrer.
const ANDROID_APPS: Record<string, Pick<TrafficSource, 'medium' | 'source'>> = {
  'com.google.android.googlequicksearchbox': { medium: 'search', source: 'google' },
  'com.google.android.gm': { medium: 'email', source: 'com.google.android.gm' },
  'com.facebook.katana': { medium: 'social', source: 'facebook' },
  'com.twitter.android': { medium: 'social', source: 'x' },
  'com.linkedin.android': { medium: 'social', source: 'linkedin' },
  'com.reddit.frontpage': { medium: 'social', source: 'reddit' },
  'org.telegram.messenger': { medium: 'social', source: 'telegram' },
};

const EMAIL_MEDIUMS = new Set(['email', 'e-mail', 'mail']);
const NEWSLETTER_SOURCE =
  /newsletter|digest|briefing|mailchimp|substack|buttondown|mailerlite|sendinblue|brevo|convertkit/;
const SOCIAL_SOURCES = new Set([
  ...SOCIAL_NETWORKS.map(([name]) => name),
  'fb',
  'ig',
  'twitter',
  'tw',
  'li',
]);

/** Classifies a page view's referrer and UTM parameters into a medium, source and campaign. */
export function classifySource(input: {
  referrer: string;
  query: string;
  siteHost: string;
}): TrafficSource {
  try {
    return fromUtm(text(input.query)) ?? fromReferrer(text(input.referrer), text(input.siteHost));
  } catch {
    return { ...DIRECT };
  }
}

function fromUtm(query: string): TrafficSource | undefined {
  const params = new URLSearchParams(query.slice(0, 4000));
  const source = normalise(params.get('utm_source'), 60);
  const medium = normalise(params.get('utm_medium'), 60);
  const campaign = normalise(params.get('utm_campaign'), 80);
  if (!source && !medium && !campaign) return undefined;

  if (EMAIL_MEDIUMS.has(medium) || medium === 'newsletter' || NEWSLETTER_SOURCE.test(source)) {
    const kind = source || medium === 'newsletter' ? 'newsletter' : 'email';
    return { medium: kind, source, campaign };
  }
  // Paid or organic, a post on a network is social traffic (utm_medium=cpc&utm_source=facebook).
  const social = medium.includes('social') || SOCIAL_SOURCES.has(source);
  return { medium: social ? 'social' : 'campaign', source, campaign };
}

function fromReferrer(referrer: string, siteHost: string): TrafficSource {
  if (!referrer) return { ...DIRECT };
  let url: URL;
  try {
    url = new URL(referrer.slice(0, 2000));
  } catch {
    return { ...DIRECT };
  }
  const host = bareHost(url.hostname);
  if (!host) return { ...DIRECT };

  if (url.protocol === 'android-app:') {
    const app = ANDROID_APPS[host];
    return app ? { ...app, campaign: '' } : { medium: 'referral', source: host, campaign: '' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ...DIRECT };

  if (host === bareHost(siteHost.split(':')[0] ?? '')) {
    return { medium: 'internal', source: '', campaign: '' };
  }
  if (WEBMAIL_DOMAINS.some((domain) => isWithin(host, domain))) {
    return { medium: 'email', source: host, campaign: '' };
  }
  const engine = nameFor(host, SEARCH_ENGINES) ?? patternNameFor(host);
  if (engine) return { medium: 'search', source: engine, campaign: '' };
  const network = nameFor(host, SOCIAL_NETWORKS);
  if (network) return { medium: 'social', source: network, campaign: '' };
  return { medium: 'referral', source: host, campaign: '' };
}

function nameFor(host: string, list: DomainList): string | undefined {
  return list.find(([, domains]) => domains.some((domain) => isWithin(host, domain)))?.[0];
}

function patternNameFor(host: string): string | undefined {
  return SEARCH_ENGINE_PATTERNS.find(([, pattern]) => pattern.test(host))?.[0];
}

function isWithin(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** Lowercase host without "www." or a trailing dot, reduced to host characters. */
function bareHost(hostname: string): string {
  return hostname
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '')
    .replace(/[^a-z0-9.:_-]/g, '')
    .slice(0, 100);
}

function normalise(value: string | null, maxLength: number): string {
  if (!value) return '';
  return value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '')
    .slice(0, maxLength);
}

// The beacon's fields are typed as strings, but a hand-written request may send anything.
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
