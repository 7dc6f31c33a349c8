// Two cheap filters in front of the analytics write: a user-agent check for crawlers, link
// previewers, monitors and HTTP libraries, and a per-visitor rate check for scripts that
// pretend to be browsers. Neither is meant to be complete; they keep the obvious noise out
// of the counts without storing anything about a reader beyond an opaque daily hash.

// "bot" alone would also match Cubot phones, whose model name Android puts in the UA.
const BOT_PATTERNS: readonly RegExp[] = [
  /(?<!cu)bot/,
  /crawl|spider|slurp|archiver|scrapy/,
  /headless|phantomjs|lighthouse|puppeteer|playwright|selenium|webdriver/,
  /^(?:curl|wget|httpie|dart|deno|bun)\b|\bcurl\/|\bwget\//,
  /python-requests|python-urllib|python\/|aiohttp|httpx|go-http-client|java\/|okhttp/,
  /axios|node-fetch|undici|libwww|http\.rb|apache-httpclient|guzzle|postman|powershell/,
  /facebookexternalhit|facebookcatalog|twitterbot|slackbot|telegrambot|whatsapp|discordbot/,
  /preview|embedly|iframely|vkshare|linkexpand/,
  /monitor|uptimerobot|pingdom|statuscake|site24x7|check_http|nagios|zabbix/,
  /feed|\brss\b|newsblur|inoreader|netnewswire|tiny tiny rss/,
  /mediapartners|adsbot|google-inspectiontool|bytespider|gptbot|chatgpt|claude|anthropic/,
  /ccbot|perplexity|yandeximages|yandexmetrika|semrush|ahrefs/,
  // Real browsers never put a contact URL in their UA; almost every crawler does.
  /\+https?:\/\//,
];

/** True when a user agent is missing, implausibly short, or names a known robot or tool. */
export function isBotUserAgent(userAgent: string | undefined): boolean {
  if (typeof userAgent !== 'string') return true;
  const ua = userAgent.trim().toLowerCase();
  if (ua.length < 10) return true;
  return BOT_PATTERNS.some((pattern) => pattern.test(ua));
}

export interface BehaviourFilter {
  /** Records a beacon's page views and events; false when the visitor is to be ignored. */
  allow(visitor: string, views: number, events: number): boolean;
}

interface MinuteCounts {
  minute: number;
  views: number;
  events: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const VIEW_WINDOW_MINUTES = 10;

/**
 * Creates an in-memory filter that refuses a visitor for the rest of the UTC day once it
 * sends more than `maxEventsPerMinute` events in a minute or `maxViewsPer10Minutes` views.
 */
export function createBehaviourFilter(
  options: {
    maxEventsPerMinute?: number;
    maxViewsPer10Minutes?: number;
    maxVisitors?: number;
    now?: () => number;
  } = {},
): BehaviourFilter {
  const maxEvents = options.maxEventsPerMinute ?? 120;
  const maxViews = options.maxViewsPer10Minutes ?? 60;
  const maxVisitors = options.maxVisitors ?? 100_000;
  const now = options.now ?? Date.now;

  // Counts per calendar minute (at most ten per visitor). Map order is kept as
  // least-recently-seen first, so stale visitors are always at the front.
  const active = new Map<string, { lastSeen: number; minutes: MinuteCounts[] }>();
  // Refused visitors, by the UTC day they were refused; kept apart so they outlive the window.
  const refused = new Map<string, number>();
  let refusedDay = -1;

  function dropStale(at: number): void {
    for (const [visitor, state] of active) {
      if (state.lastSeen > at - VIEW_WINDOW_MINUTES * MINUTE && active.size <= maxVisitors) break;
      active.delete(visitor);
    }
  }

  function refuse(visitor: string, day: number): false {
    active.delete(visitor);
    refused.set(visitor, day);
    if (refused.size > maxVisitors) {
      const oldest = refused.keys().next().value;
      if (oldest !== undefined) refused.delete(oldest);
    }
    return false;
  }

  return {
    allow(visitor, views, events) {
      const at = now();
      const day = Math.floor(at / DAY);
      if (day !== refusedDay) {
        refused.clear();
        refusedDay = day;
      }
      if (refused.has(visitor)) return false;

      const minute = Math.floor(at / MINUTE);
      const state = active.get(visitor) ?? { lastSeen: at, minutes: [] };
      active.delete(visitor);
      state.lastSeen = at;
      state.minutes = state.minutes.filter((m) => m.minute > minute - VIEW_WINDOW_MINUTES);
      let current = state.minutes.at(-1);
      if (current?.minute !== minute) {
        current = { minute, views: 0, events: 0 };
        state.minutes.push(current);
      }
      current.views += count(views);
      current.events += count(events);

      const windowViews = state.minutes.reduce((sum, m) => sum + m.views, 0);
      if (current.events > maxEvents || windowViews > maxViews) return refuse(visitor, day);

      active.set(visitor, state);
      dropStale(at);
      return true;
    },
  };
}

function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
