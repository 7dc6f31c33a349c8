import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createBehaviourFilter, isBotUserAgent } from './bots.js';

const BROWSERS: Record<string, string> = {
  'Chrome on Windows':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Firefox on Linux': 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Safari on macOS':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Edge on Windows':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67',
  'Safari on iPhone':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Safari on iPad':
    'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Chrome on Android':
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Android WebView':
    'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36',
  'Firefox on Android': 'Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0',
  'Samsung Internet on a Cubot phone':
    'Mozilla/5.0 (Linux; Android 11; CUBOT_X30) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  'Facebook in-app browser':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/458.0.0.39.108;FBBV/582281818;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/5]',
  'Yandex Browser':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 YaBrowser/24.4.0.0 Safari/537.36',
};

const ROBOTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36',
  'Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse',
  'Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1',
  'curl/8.5.0',
  'Wget/1.21.4',
  'python-requests/2.31.0',
  'Python-urllib/3.11',
  'Python/3.11 aiohttp/3.9.3',
  'python-httpx/0.27.0',
  'Go-http-client/2.0',
  'Java/17.0.2',
  'okhttp/4.12.0',
  'axios/1.6.8',
  'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
  'undici',
  'libwww-perl/6.72',
  'Scrapy/2.11.1 (+https://scrapy.org)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Twitterbot/1.0',
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'TelegramBot (like TwitterBot)',
  'WhatsApp/2.23.20.0 A',
  'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5',
  'Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)',
  'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)',
  'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 3 subscribers; like FeedFetcher-Google)',
  'Mediapartners-Google',
  'AdsBot-Google (+http://www.google.com/adsbot.html)',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)',
  'Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)',
  'CCBot/2.0 (https://commoncrawl.org/faq/)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)',
];

it('lets ordinary desktop and mobile browsers through', () => {
  for (const [name, ua] of Object.entries(BROWSERS)) assert.equal(isBotUserAgent(ua), false, name);
});

it('recognises crawlers, previewers, monitors and HTTP libraries', () => {
  for (const ua of ROBOTS) assert.equal(isBotUserAgent(ua), true, ua);
  assert.equal(isBotUserAgent('MOZILLA/5.0 (COMPATIBLE; GOOGLEBOT/2.1)'), true, 'case-insensitive');
});

it('treats a missing or implausibly short user agent as a robot', () => {
  assert.equal(isBotUserAgent(undefined), true);
  assert.equal(isBotUserAgent(''), true);
  assert.equal(isBotUserAgent('   Mozilla   '), true);
  assert.equal(isBotUserAgent('Mozilla/5.0'), false);
});

function buildClock(start = Date.UTC(2026, 11, 7, 12, 0, 0)) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

it('refuses a visitor for the rest of the UTC day after too many events in a minute', () => {
  const clock = buildClock(Date.UTC(2026, 11, 7, 23, 0, 0));
  const filter = createBehaviourFilter({ now: clock.now });
  assert.equal(filter.allow('a', 1, 100), true);
  assert.equal(filter.allow('a', 0, 20), true, 'exactly the limit is allowed');
  assert.equal(filter.allow('b', 1, 120), true, 'visitors are counted apart');
  assert.equal(filter.allow('a', 0, 1), false);
  clock.advance(30 * 60_000);
  assert.equal(filter.allow('a', 1, 1), false, 'still refused later the same day');
  assert.equal(filter.allow('b', 1, 1), true);
  clock.advance(30 * 60_000);
  assert.equal(filter.allow('a', 1, 1), true, 'a new UTC day starts afresh');
});

it('counts events per minute, so a steady reader is never refused', () => {
  const clock = buildClock();
  const filter = createBehaviourFilter({ now: clock.now });
  for (let i = 0; i < 600; i++) {
    assert.equal(filter.allow('reader', 0, 20), true);
    clock.advance(15_000);
  }
});

it('refuses more than 60 page views in 10 minutes', () => {
  const clock = buildClock();
  const filter = createBehaviourFilter({ now: clock.now });
  for (let i = 0; i < 60; i++) {
    assert.equal(filter.allow('scraper', 1, 1), true, `view ${i + 1}`);
    clock.advance(9_000);
  }
  assert.equal(filter.allow('scraper', 1, 1), false);

  const other = createBehaviourFilter({ now: clock.now, maxViewsPer10Minutes: 5 });
  for (let i = 0; i < 20; i++) {
    assert.equal(other.allow('slow', 1, 1), true, 'views older than the window are dropped');
    clock.advance(2 * 60_000 + 1);
  }
});

it('ignores nonsense counts', () => {
  const filter = createBehaviourFilter({ now: buildClock().now, maxEventsPerMinute: 2 });
  assert.equal(filter.allow('v', Number.NaN, -5), true);
  assert.equal(filter.allow('v', Number.POSITIVE_INFINITY, 2), true);
  assert.equal(filter.allow('v', 0, 1), false);
});

it('keeps at most maxVisitors, forgetting the least recently seen', () => {
  const clock = buildClock();
  const filter = createBehaviourFilter({ now: clock.now, maxViewsPer10Minutes: 2, maxVisitors: 2 });
  assert.equal(filter.allow('a', 2, 2), true);
  assert.equal(filter.allow('b', 2, 2), true);
  assert.equal(filter.allow('a', 0, 0), true, 'a is now the most recent');
  assert.equal(filter.allow('c', 2, 2), true, 'evicts b');
  assert.equal(filter.allow('a', 1, 1), false, 'a was kept and is still counted');
  assert.equal(filter.allow('b', 2, 2), true, 'b was forgotten and starts from zero');
});
