import { renderArticleBody } from '../site/article-body.js';
import { sanitizeUrl } from '../content/document/safe-url.js';
import type { Executor } from '../platform/db/database.js';
import { escapeHtml } from '../platform/http/html.js';
import { lazyModule } from '../platform/modules/lazy-module.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { localeFor, type Translate, translator } from '../site/i18n/translate.js';
import { collectTrackableLinks, rewriteLinks } from './click-tracking.js';
import { findDigestArticles } from './issue.repository.js';
import { saveIssueLinks } from './tracking.repository.js';
import { joinQuotedPrintable, newBoundary, quotedPrintable } from './raw-message.js';
import type { IssueRow, NewsletterRow } from './newsletter.table.js';

// An issue is compiled once (MJML → responsive HTML, and its plain-text twin) with markers where
// each reader's values go; sending a message is then string joins, no templating per reader.

const markers = {
  greeting: '%%MH_GREETING%%',
  unsubscribe: '%%MH_UNSUBSCRIBE_URL%%',
  preferences: '%%MH_PREFERENCES_URL%%',
} as const;
type MarkerName = keyof typeof markers;
const markerPattern = /(%%MH_[A-Z]+(?:_URL|_\d+)?%%)/;
const openMarker = '%%MH_OPEN%%';

// MJML and html-to-text load on the first compile, not when a web process starts.
const loadMjml = lazyModule(async () => (await import('mjml')).default);
const loadHtmlToText = lazyModule(() => import('html-to-text'));

/** One reader's tracking tokens (see newsletter-tokens.ts); absent in previews. */
export interface RecipientTracking {
  /** Click token per link id. */
  links: ReadonlyMap<number, string>;
  /** The opens pixel's token, when the newsletter counts opens. */
  open?: string;
}

export interface RecipientValues {
  name: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
  tracking?: RecipientTracking;
}

export interface CompiledIssue {
  subject: string;
  html: string;
  text: string;
  /** The issue's tracked links (empty when the newsletter does not track clicks). */
  links: ReadonlyArray<{ id: number; url: string }>;
  /** True when the HTML carries the opens pixel. */
  tracksOpens: boolean;
  personalize(values: RecipientValues): { html: string; text: string };
  /** The MIME boundary every copy of this issue uses. */
  boundary: string;
  /** The same, quoted-printable encoded (for raw MIME; see raw-message.ts). */
  personalizeEncoded(values: RecipientValues): { htmlQp: string; textQp: string };
}

const esc = (value: string) => escapeHtml(value);

/** Root-relative URLs in src, href and srcset become absolute: mail has no base URL. */
export function absolutizeUrls(markup: string, baseUrl: string): string {
  return markup
    .replace(/\b(src|href)="\/(?!\/)/g, `$1="${baseUrl}/`)
    .replace(
      /\bsrcset="([^"]*)"/g,
      (_m, list: string) => `srcset="${list.replace(/(^|,\s*)\/(?!\/)/g, `$1${baseUrl}/`)}"`,
    );
}

async function contentHtml(
  executor: Executor,
  issue: IssueRow,
  baseUrl: string,
  t: Translate,
): Promise<string> {
  if (issue.content_kind === 'document') {
    return absolutizeUrls(
      await renderArticleBody(executor, issue.doc || '{"type":"doc","content":[]}', baseUrl),
      baseUrl,
    );
  }
  const articles = await findDigestArticles(executor, JSON.parse(issue.article_ids) as number[]);
  return articles
    .map((a) => {
      const url = `${baseUrl}/${encodeURI(a.slug)}/`;
      const src = a.featured_image_url ? sanitizeUrl(a.featured_image_url, 'image') : null;
      const image = src
        ? `<p><a href="${esc(url)}"><img src="${esc(src.startsWith('/') && !src.startsWith('//') ? baseUrl + src : src)}" alt="${esc(a.featured_image_alt)}" width="540" style="max-width:100%;height:auto"></a></p>`
        : '';
      return `${image}<h2 style="font-size:21px;margin:24px 0 6px"><a href="${esc(url)}" style="color:#111;text-decoration:none">${esc(a.title)}</a></h2>${a.excerpt ? `<p>${esc(a.excerpt)}</p>` : ''}<p><a href="${esc(url)}">${esc(t('newsletters.issue.readStory'))}</a></p>`;
    })
    .join('');
}

/** The issue's MJML source, with reader markers. */
export async function buildIssueMjml(
  executor: Executor,
  input: { issue: IssueRow; newsletter: NewsletterRow; settings: SiteSettings; baseUrl: string },
): Promise<string> {
  const { issue, newsletter, settings, baseUrl } = input;
  const accent = settings.accentColor;
  const t = translator(localeFor(settings.language));
  const body = await contentHtml(executor, issue, baseUrl, t);
  const address = settings.postalAddress || settings.name;
  return `<mjml lang="${localeFor(settings.language)}">
<mj-head>
<mj-title>${esc(issue.subject)}</mj-title>
${issue.preheader ? `<mj-preview>${esc(issue.preheader)}</mj-preview>` : ''}
<mj-attributes><mj-all font-family="Georgia, 'Times New Roman', serif"/><mj-text font-size="17px" line-height="1.55" color="#1a1a1a"/></mj-attributes>
<mj-style>a{color:${esc(accent)}} img{max-width:100%;height:auto} h2,h3{font-family:Arial,Helvetica,sans-serif} blockquote{margin:16px 0;padding:0 0 0 14px;border-left:3px solid ${esc(accent)};color:#333}</mj-style>
</mj-head>
<mj-body background-color="#f3f3f1" width="600px">
<mj-section padding="24px 0 8px"><mj-column><mj-text align="center" font-family="Arial, Helvetica, sans-serif" font-size="13px" letter-spacing="2px" color="${esc(accent)}">${esc(newsletter.name.toUpperCase())}</mj-text><mj-text align="center" font-size="28px" font-weight="700" line-height="1.2"><a href="${esc(baseUrl)}/" style="color:#111;text-decoration:none">${esc(settings.name)}</a></mj-text></mj-column></mj-section>
<mj-section background-color="#ffffff" padding="24px 16px"><mj-column>
<mj-text><h1 style="font-size:26px;line-height:1.25;margin:0 0 12px">${esc(issue.subject)}</h1><p>${markers.greeting}</p>${body}</mj-text>
</mj-column></mj-section>
<mj-section padding="16px"><mj-column><mj-text font-family="Arial, Helvetica, sans-serif" font-size="12px" line-height="1.5" color="#555555" align="center">${esc(t('newsletters.issue.why', { newsletter: newsletter.name }))}<br><a href="${markers.preferences}">${esc(t('newsletters.issue.manage'))}</a> · <a href="${markers.unsubscribe}">${esc(t('newsletters.issue.unsubscribe'))}</a><br>${esc(address)}</mj-text></mj-column></mj-section>
</mj-body>
</mjml>`;
}

/**
 * MJML's output is indented for people; every message carries it, quoted-printable encoded.
 * Leading indentation is dropped (outside <pre>, where it is content): a third less to encode
 * and write per message.
 */
function trimIndentation(markup: string): string {
  return markup
    .split(/(<pre[\s>][\s\S]*?<\/pre>)/i)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/\n[ \t]+/g, '\n').replace(/\n{2,}/g, '\n'),
    )
    .join('');
}

type TemplatePart =
  string | { marker: MarkerName } | { link: number; url: string } | { open: true };

function splitTemplate(template: string): TemplatePart[] {
  return template.split(markerPattern).map((part): TemplatePart => {
    if (!part.startsWith('%%MH_')) return part;
    if (part === openMarker) return { open: true };
    const link = /^%%MH_LINK_(\d+)%%$/.exec(part);
    if (link) return { link: Number(link[1]), url: '' };
    const name = (Object.keys(markers) as MarkerName[]).find((key) => markers[key] === part);
    return name ? { marker: name } : part;
  });
}

/** What fills the link and pixel markers for one reader, in one part (HTML or text). */
interface TrackingFill {
  /** A tracked link: prefix (already in the part's form) + token. */
  clickPrefix: string;
  tracking: RecipientTracking | undefined;
  escape: (value: string) => string;
  openPixel: (token: string) => string;
}

function linkValue(part: { link: number; url: string }, t: TrackingFill): string | undefined {
  const token = t.tracking?.links.get(part.link);
  return token === undefined ? undefined : t.clickPrefix + token;
}

function fillEncoded(
  parts: TemplatePart[],
  values: Record<MarkerName, string>,
  t: TrackingFill,
): string {
  return joinQuotedPrintable(
    parts.map((part) => {
      if (typeof part === 'string') return part;
      if ('marker' in part) return quotedPrintable(values[part.marker]);
      if ('open' in part)
        return t.tracking?.open ? quotedPrintable(t.openPixel(t.tracking.open)) : '';
      // Tokens are base64url and dots: valid quoted-printable as they are, after a soft break.
      const token = t.tracking?.links.get(part.link);
      return token === undefined
        ? quotedPrintable(t.escape(part.url))
        : `${quotedPrintable(t.clickPrefix)}=\r\n${token}`;
    }),
  );
}

function fill(parts: TemplatePart[], values: Record<MarkerName, string>, t: TrackingFill): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if ('marker' in part) out += values[part.marker];
    else if ('open' in part) out += t.tracking?.open ? t.openPixel(t.tracking.open) : '';
    else out += linkValue(part, t) ?? t.escape(part.url);
  }
  return out;
}

/** Compiles an issue (MJML v5 is async) into a template personalized per reader. */
export async function compileIssue(
  executor: Executor,
  input: { issue: IssueRow; newsletter: NewsletterRow; settings: SiteSettings; baseUrl: string },
): Promise<CompiledIssue> {
  const source = await buildIssueMjml(executor, input);
  const [mjml, { convert }] = await Promise.all([loadMjml(), loadHtmlToText()]);
  const compiled = await mjml(source, { validationLevel: 'soft', keepComments: false });
  compiled.html = trimIndentation(compiled.html);
  const textSource = convert(compiled.html, {
    wordwrap: 78,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
    ],
  });
  const { baseUrl, issue, newsletter } = input;
  const links: Array<{ id: number; url: string }> = [];
  let html = compiled.html;
  let text = textSource;
  if (newsletter.track_clicks === 1) {
    const urls = collectTrackableLinks(html, baseUrl);
    const stored = await saveIssueLinks(executor, issue.id, urls, new Date().toISOString());
    for (const url of urls) {
      const id = stored.get(url);
      if (id !== undefined) links.push({ id, url });
    }
    ({ html, text } = rewriteLinks(
      { html, text },
      new Map(links.map((l) => [l.url, l.id])),
      baseUrl,
    ));
  }
  const tracksOpens = newsletter.track_opens === 1;
  if (tracksOpens) html = html.replace(/<\/body>/i, `${openMarker}</body>`);
  const urlOf = new Map(links.map((l) => [l.id, l.url]));
  const withUrls = (parts: TemplatePart[]) =>
    parts.map((part) =>
      typeof part !== 'string' && 'link' in part
        ? { link: part.link, url: urlOf.get(part.link) ?? baseUrl }
        : part,
    );
  const htmlParts = withUrls(splitTemplate(html));
  const textParts = withUrls(splitTemplate(text));
  const encode = (parts: TemplatePart[]) =>
    parts.map((part) => (typeof part === 'string' ? quotedPrintable(part) : part));
  const htmlQpParts = encode(htmlParts);
  const textQpParts = encode(textParts);
  const clickBase = `${baseUrl}/newsletters/c/`;
  const openPixel = (token: string) =>
    `<img src="${esc(baseUrl)}/newsletters/o/${token}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0">`;
  const htmlFill = (v: RecipientValues): TrackingFill => ({
    clickPrefix: esc(clickBase),
    tracking: v.tracking,
    escape: esc,
    openPixel,
  });
  const textFill = (v: RecipientValues): TrackingFill => ({
    clickPrefix: clickBase,
    tracking: v.tracking,
    escape: (x) => x,
    openPixel: () => '',
  });
  const t = translator(localeFor(input.settings.language));
  const hello = t('newsletters.mail.hello');
  // Formatted once: per reader the name is only joined in.
  const [helloBefore = '', helloAfter = ''] = t('newsletters.mail.helloName', {
    name: '\u0000',
  }).split('\u0000');
  const values = (v: RecipientValues, escape: (s: string) => string) => ({
    greeting: escape(v.name ? helloBefore + v.name + helloAfter : hello),
    unsubscribe: escape(v.unsubscribeUrl),
    preferences: escape(v.preferencesUrl),
  });
  return {
    boundary: newBoundary(),
    personalizeEncoded(v) {
      return {
        htmlQp: fillEncoded(htmlQpParts, values(v, esc), htmlFill(v)),
        textQp: fillEncoded(
          textQpParts,
          values(v, (x) => x),
          textFill(v),
        ),
      };
    },
    subject: issue.subject,
    html,
    text,
    links,
    tracksOpens,
    personalize(v) {
      return {
        html: fill(htmlParts, values(v, esc), htmlFill(v)),
        text: fill(
          textParts,
          values(v, (x) => x),
          textFill(v),
        ),
      };
    },
  };
}

const cache = new Map<string, Promise<CompiledIssue>>();

/** The compiled issue, once per process per issue version (keyed by `updated_at`). */
export function compiledIssueFor(
  executor: Executor,
  input: { issue: IssueRow; newsletter: NewsletterRow; settings: SiteSettings; baseUrl: string },
): Promise<CompiledIssue> {
  const { issue, newsletter } = input;
  const key = `${issue.id}:${issue.updated_at}:${newsletter.track_clicks}${newsletter.track_opens}`;
  let found = cache.get(key);
  if (!found) {
    if (cache.size > 50) cache.clear();
    found = compileIssue(executor, input);
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}
