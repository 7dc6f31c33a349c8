import { sanitizeUrl } from '../../content/document/safe-url.js';
import { toZonedIso } from '../../platform/time-zone.js';
import type { NewsArticleRow, SitemapArticleRow } from './sitemap.queries.js';
import { absoluteUrl, articleUrl, escapeXml } from './xml.js';

// Sitemap documents written as a stream of string chunks: one chunk per batch of rows, so a
// page of 50,000 URLs never sits in memory as one document.

const xmlHeader = '<?xml version="1.0" encoding="UTF-8"?>\n';
const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const imageNs = 'http://www.google.com/schemas/sitemap-image/1.1';
const newsNs = 'http://www.google.com/schemas/sitemap-news/0.9';

/**
 * The most one `<url>` may take. A page holds at most 50,000 URLs, so at 1,000 bytes each it
 * stays under the protocol's 50 MB (52,428,800 bytes) whatever the data: slugs are at most 120
 * ASCII characters, and an image whose URL would push an entry over is left out of it.
 */
export const maxUrlEntryBytes = 1000;

/** W3C datetime in UTC without milliseconds, e.g. 2022-10-06T12:33:00+00:00. */
export function w3cDateTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** The sitemap index: one `<sitemap>` per child sitemap URL. */
export function renderSitemapIndex(locations: string[]): string {
  return `${xmlHeader}<sitemapindex xmlns="${sitemapNs}">\n${locations
    .map((loc) => `<sitemap><loc>${escapeXml(loc)}</loc></sitemap>\n`)
    .join('')}</sitemapindex>\n`;
}

function articleEntry(baseUrl: string, row: SitemapArticleRow): string {
  const start = `<url><loc>${escapeXml(articleUrl(baseUrl, row.slug))}</loc><lastmod>${w3cDateTime(row.updated_at)}</lastmod>`;
  const safe = row.featured_image_url ? sanitizeUrl(row.featured_image_url, 'image') : null;
  const image = safe
    ? `<image:image><image:loc>${escapeXml(absoluteUrl(baseUrl, safe))}</image:loc></image:image>`
    : '';
  const entry = `${start}${image}</url>\n`;
  return Buffer.byteLength(entry) <= maxUrlEntryBytes ? entry : `${start}</url>\n`;
}

/** One page of the article sitemap, with each article's featured image. */
export async function* renderArticleSitemap(
  baseUrl: string,
  batches: AsyncIterable<SitemapArticleRow[]>,
): AsyncGenerator<string> {
  yield `${xmlHeader}<urlset xmlns="${sitemapNs}" xmlns:image="${imageNs}">\n`;
  for await (const rows of batches) {
    let chunk = '';
    for (const row of rows) chunk += articleEntry(baseUrl, row);
    yield chunk;
  }
  yield '</urlset>\n';
}

/** The home page, then tag and author pages. */
export async function* renderPagesSitemap(
  baseUrl: string,
  homeLastmod: string | undefined,
  listings: Array<{ kind: 'tag' | 'author'; slugs: AsyncIterable<string[]> }>,
): AsyncGenerator<string> {
  yield `${xmlHeader}<urlset xmlns="${sitemapNs}">\n<url><loc>${escapeXml(`${baseUrl}/`)}</loc>${
    homeLastmod ? `<lastmod>${w3cDateTime(homeLastmod)}</lastmod>` : ''
  }</url>\n`;
  for (const listing of listings) {
    for await (const slugs of listing.slugs) {
      yield slugs
        .map(
          (slug) => `<url><loc>${escapeXml(`${baseUrl}/${listing.kind}/${slug}/`)}</loc></url>\n`,
        )
        .join('');
    }
  }
  yield '</urlset>\n';
}

/** The News extension wants an ISO 639 code (2–3 letters), or zh-cn / zh-tw. */
export function newsLanguage(language: string): string {
  const lower = language.toLowerCase().replace('_', '-');
  if (lower === 'zh-cn' || lower === 'zh-tw') return lower;
  const primary = lower.split('-')[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : 'en';
}

/** The Google News sitemap: publication name and language, publication date, title. */
export async function* renderNewsSitemap(
  input: { baseUrl: string; publicationName: string; timeZone: string },
  rows: AsyncIterable<NewsArticleRow[]>,
): AsyncGenerator<string> {
  yield `${xmlHeader}<urlset xmlns="${sitemapNs}" xmlns:news="${newsNs}">\n`;
  const name = escapeXml(input.publicationName);
  for await (const batch of rows) {
    yield batch
      .map(
        (row) =>
          `<url><loc>${escapeXml(articleUrl(input.baseUrl, row.slug))}</loc><news:news><news:publication><news:name>${name}</news:name><news:language>${newsLanguage(row.language)}</news:language></news:publication><news:publication_date>${toZonedIso(new Date(row.published_at), input.timeZone)}</news:publication_date><news:title>${escapeXml(row.title)}</news:title></news:news></url>\n`,
      )
      .join('');
  }
  yield '</urlset>\n';
}
