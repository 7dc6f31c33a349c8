import { convert } from 'html-to-text';
import mjml from 'mjml';
import { renderArticleBody } from '../content/article-body.js';
import { sanitizeUrl } from '../content/document/safe-url.js';
import type { Executor } from '../platform/db/database.js';
import { escapeHtml } from '../platform/http/html.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';
import { findDigestArticles } from './issue.repository.js';
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
const markerPattern = /(%%MH_GREETING%%|%%MH_UNSUBSCRIBE_URL%%|%%MH_PREFERENCES_URL%%)/;

export interface RecipientValues {
  name: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
}

export interface CompiledIssue {
  subject: string;
  html: string;
  text: string;
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

async function contentHtml(executor: Executor, issue: IssueRow, baseUrl: string): Promise<string> {
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
      return `${image}<h2 style="font-size:21px;margin:24px 0 6px"><a href="${esc(url)}" style="color:#111;text-decoration:none">${esc(a.title)}</a></h2>${a.excerpt ? `<p>${esc(a.excerpt)}</p>` : ''}<p><a href="${esc(url)}">Read the story</a></p>`;
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
  const body = await contentHtml(executor, issue, baseUrl);
  const address = settings.postalAddress || settings.name;
  return `<mjml>
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
<mj-section padding="16px"><mj-column><mj-text font-family="Arial, Helvetica, sans-serif" font-size="12px" line-height="1.5" color="#555555" align="center">You receive ${esc(newsletter.name)} because you subscribed to it.<br><a href="${markers.preferences}">Manage your newsletters</a> · <a href="${markers.unsubscribe}">Unsubscribe</a><br>${esc(address)}</mj-text></mj-column></mj-section>
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

type TemplatePart = string | { marker: MarkerName };

function splitTemplate(template: string): TemplatePart[] {
  return template.split(markerPattern).map((part) => {
    const name = (Object.keys(markers) as MarkerName[]).find((key) => markers[key] === part);
    return name ? { marker: name } : part;
  });
}

function fillEncoded(parts: TemplatePart[], values: Record<MarkerName, string>): string {
  return joinQuotedPrintable(
    parts.map((part) => (typeof part === 'string' ? part : quotedPrintable(values[part.marker]))),
  );
}

function fill(parts: TemplatePart[], values: Record<MarkerName, string>): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : values[part.marker];
  return out;
}

/** Compiles an issue (MJML v5 is async) into a template personalized per reader. */
export async function compileIssue(
  executor: Executor,
  input: { issue: IssueRow; newsletter: NewsletterRow; settings: SiteSettings; baseUrl: string },
): Promise<CompiledIssue> {
  const source = await buildIssueMjml(executor, input);
  const compiled = await mjml(source, { validationLevel: 'soft', keepComments: false });
  compiled.html = trimIndentation(compiled.html);
  const htmlParts = splitTemplate(compiled.html);
  const text = convert(compiled.html, {
    wordwrap: 78,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
    ],
  });
  const textParts = splitTemplate(text);
  const encode = (parts: TemplatePart[]) =>
    parts.map((part) => (typeof part === 'string' ? quotedPrintable(part) : part));
  const htmlQpParts = encode(htmlParts);
  const textQpParts = encode(textParts);
  const values = (v: RecipientValues, escape: (s: string) => string) => ({
    greeting: escape(v.name ? `Hello ${v.name},` : 'Hello,'),
    unsubscribe: escape(v.unsubscribeUrl),
    preferences: escape(v.preferencesUrl),
  });
  return {
    boundary: newBoundary(),
    personalizeEncoded(v) {
      return {
        htmlQp: fillEncoded(htmlQpParts, values(v, esc)),
        textQp: fillEncoded(
          textQpParts,
          values(v, (x) => x),
        ),
      };
    },
    subject: input.issue.subject,
    html: compiled.html,
    text,
    personalize(values) {
      const greeting = values.name ? `Hello ${values.name},` : 'Hello,';
      return {
        html: fill(htmlParts, {
          greeting: esc(greeting),
          unsubscribe: esc(values.unsubscribeUrl),
          preferences: esc(values.preferencesUrl),
        }),
        text: fill(textParts, {
          greeting,
          unsubscribe: values.unsubscribeUrl,
          preferences: values.preferencesUrl,
        }),
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
  const key = `${input.issue.id}:${input.issue.updated_at}`;
  let found = cache.get(key);
  if (!found) {
    if (cache.size > 50) cache.clear();
    found = compileIssue(executor, input);
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}
