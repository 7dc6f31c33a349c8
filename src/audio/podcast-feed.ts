import type { SiteSettings } from '../platform/settings/site-settings.js';

export interface PodcastEpisode {
  uuid: string;
  title: string;
  slug: string;
  excerpt: string;
  published_at: string | null;
  file: string | null;
  bytes: number;
  duration_ms: number;
}

/** Escapes text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot carry at all (control characters) are dropped.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** An RFC 2822 date ("Thu, 06 Oct 2022 12:33:00 GMT"; GMT is a valid zone there). */
export function rfc2822(iso: string): string {
  return new Date(iso).toUTCString();
}

function duration(ms: number): string {
  const total = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/**
 * The narrations as a podcast: RSS 2.0 with the iTunes namespace, one item per narrated,
 * published article; the GUID is the article's UUID so it survives slug changes.
 */
export function renderPodcastFeed(input: {
  settings: SiteSettings;
  baseUrl: string;
  episodes: PodcastEpisode[];
}): string {
  const { settings, baseUrl } = input;
  const x = escapeXml;
  const image = input.settings.podcastImageUrl
    ? new URL(input.settings.podcastImageUrl, baseUrl).toString()
    : undefined;
  const items = input.episodes
    .filter((e) => e.file && e.published_at)
    .map((e) => {
      const link = `${baseUrl}/${e.slug}/`;
      return `<item>
<title>${x(e.title)}</title>
<link>${x(link)}</link>
<guid isPermaLink="false">${x(e.uuid)}</guid>
<pubDate>${rfc2822(e.published_at ?? '')}</pubDate>
<description>${x(e.excerpt || e.title)}</description>
<enclosure url="${x(`${baseUrl}/audio/${e.file ?? ''}`)}" length="${e.bytes}" type="audio/mpeg"/>
<itunes:duration>${duration(e.duration_ms)}</itunes:duration>
<itunes:explicit>${settings.podcastExplicit ? 'true' : 'false'}</itunes:explicit>
</item>`;
    });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${x(settings.name)}</title>
<link>${x(`${baseUrl}/`)}</link>
<atom:link href="${x(`${baseUrl}/podcast.xml`)}" rel="self" type="application/rss+xml"/>
<description>${x(settings.description)}</description>
<language>${x(settings.language)}</language>
<itunes:author>${x(settings.name)}</itunes:author>
<itunes:summary>${x(`${settings.description} ${settings.audioDisclosure}.`)}</itunes:summary>
${image ? `<itunes:image href="${x(image)}"/>\n<image><url>${x(image)}</url><title>${x(settings.name)}</title><link>${x(`${baseUrl}/`)}</link></image>` : ''}
<itunes:category text="${x(settings.podcastCategory)}"/>
<itunes:explicit>${settings.podcastExplicit ? 'true' : 'false'}</itunes:explicit>
<itunes:type>episodic</itunes:type>
${items.join('\n')}
</channel>
</rss>
`;
}
