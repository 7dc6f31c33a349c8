import type { SiteSettings } from '../platform/settings/site-settings.js';
import { localeFor, translator } from '../site/i18n/translate.js';
import type { AudioBriefingRow } from './briefing.table.js';
import { escapeXml, rfc2822 } from './podcast-feed.js';

// The briefing podcast (`/podcast/briefing.xml`): RSS 2.0 with the iTunes namespace, one item
// per daily briefing of one language, newest first. The GUID is the briefing's UUID, kept when
// the briefing is regenerated, so a podcast app replaces the episode rather than adding one;
// its pubDate is the last build's, so apps see that the episode's audio changed.

function duration(ms: number): string {
  const total = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

function parseTitles(json: string): string[] {
  try {
    const titles = JSON.parse(json) as unknown;
    return Array.isArray(titles) ? titles.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** The feed of a language's briefings. */
export function renderBriefingFeed(input: {
  settings: SiteSettings;
  baseUrl: string;
  language: string;
  briefings: AudioBriefingRow[];
}): string {
  const { settings, baseUrl } = input;
  const x = escapeXml;
  const locale = localeFor(input.language);
  const t = translator(locale);
  const dates = new Intl.DateTimeFormat(locale === 'uk' ? 'uk' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const title = t('audio.briefingFeed', { site: settings.name });
  const self =
    input.language === settings.language
      ? `${baseUrl}/podcast/briefing.xml`
      : `${baseUrl}/podcast/briefing.xml?lang=${encodeURIComponent(input.language)}`;
  const image = settings.podcastImageUrl
    ? new URL(settings.podcastImageUrl, baseUrl).toString()
    : undefined;
  const explicit = settings.podcastExplicit ? 'true' : 'false';
  const items = input.briefings.map((b) => {
    const itemTitle = t('audio.briefingFor', {
      date: dates.format(new Date(`${b.local_date}T12:00:00Z`)),
    });
    const titles = parseTitles(b.titles);
    const description = titles.length > 0 ? titles.join(' · ') : itemTitle;
    return `<item>
<title>${x(itemTitle)}</title>
<link>${x(`${baseUrl}/`)}</link>
<guid isPermaLink="false">${x(b.uuid)}</guid>
<pubDate>${rfc2822(b.updated_at)}</pubDate>
<description>${x(description)}</description>
<enclosure url="${x(`${baseUrl}/audio/${b.file}`)}" length="${b.bytes}" type="audio/mpeg"/>
<itunes:duration>${duration(b.duration_ms)}</itunes:duration>
<itunes:explicit>${explicit}</itunes:explicit>
<itunes:episodeType>full</itunes:episodeType>
</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${x(title)}</title>
<link>${x(`${baseUrl}/`)}</link>
<atom:link href="${x(self)}" rel="self" type="application/rss+xml"/>
<description>${x(t('audio.briefingFeedSummary'))}</description>
<language>${x(input.language)}</language>
<itunes:author>${x(settings.name)}</itunes:author>
<itunes:summary>${x(`${t('audio.briefingFeedSummary')} ${settings.audioDisclosure}.`)}</itunes:summary>
${image ? `<itunes:image href="${x(image)}"/>\n<image><url>${x(image)}</url><title>${x(title)}</title><link>${x(`${baseUrl}/`)}</link></image>` : ''}
<itunes:category text="${x(settings.podcastCategory)}"/>
<itunes:explicit>${explicit}</itunes:explicit>
<itunes:type>episodic</itunes:type>
${items.join('\n')}
</channel>
</rss>
`;
}
