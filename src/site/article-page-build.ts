import { type AccessRule, isGated } from '../content/access/access-level.js';
import { articleAccessRule } from '../content/access/article-access.js';
import type { MeterSettings } from '../content/access/meter-cookie.js';
import { cutPreview } from '../content/access/preview-cut.js';
import type { DocumentJson } from '../content/document/document-types.js';
import { renderArticleBody } from './article-body.js';
import { renderAccessWall } from './access-wall.js';
import { gatedSectionClass } from './distribution/structured-data.js';
import { localeFor, translator } from './i18n/translate.js';
import { html } from '../platform/http/html.js';
import type { AppServices } from '../platform/app-services.js';
import type { FragmentStore } from '../platform/cache/fragment-store.js';
import { renderArticlePage } from './article.page.js';
import { loadArticleTranslations } from './article-translations.js';
import { loadLiveFeed } from './live/live-feed.js';
import { type ArticleAudio, loadLiveSummaryAudio } from './slots.js';
import type { ArticleLookup } from './site.queries.js';

export interface BuiltPage {
  body: string;
  surrogateKeys: string[];
  /** The article's rule when it is gated (the cache stores it with the page as its gate). */
  gate?: AccessRule | undefined;
}

/** Which body a gated article's page shows: the preview and the wall, or everything. */
export type BodyVariant = 'preview' | 'full';

// Marks the end of the preview in a gated body's HTML (an HTML comment no document renders).
const previewEnd = '<!--masthead:preview-end-->';

/** A gated body as one document with a preview marker at the cut (whatever the editor placed). */
function markedDocJson(docJson: string, previewParagraphs: number | null): string {
  const cut = cutPreview(JSON.parse(docJson) as DocumentJson, previewParagraphs);
  return JSON.stringify({
    type: 'doc',
    content: [...cut.preview.content, { type: 'previewBreak' }, ...cut.rest.content],
  });
}

/**
 * The body's HTML, kept as a fragment for this version of the article: its pictures, links and
 * embeds change only with a purge of the article (media edits, linked articles' moves and
 * oEmbed fetches purge the articles that show them).
 */
async function articleBodyHtml(
  services: Pick<AppServices, 'database'>,
  found: Extract<ArticleLookup, { kind: 'found' }>,
  fragments: FragmentStore | undefined,
): Promise<string> {
  const { article } = found;
  const narrated = found.narration !== undefined;
  const gated = isGated(articleAccessRule(article));
  const key = `body:${article.id}:${article.version}:${narrated ? 'narrated' : 'plain'}:${gated ? `gated-${article.access_level}` : 'public'}`;
  const kept = found.readAt === undefined ? undefined : fragments?.get<string>(key);
  if (kept !== undefined) return kept;
  const docJson = gated ? markedDocJson(article.doc, article.preview_paragraphs) : article.doc;
  const html = await renderArticleBody(services.database.db, docJson, '', found.pictures, {
    // Paragraph markers let the audio player highlight and jump to what is being read.
    markNarrationParagraphs: narrated,
    language: article.language,
    ...(gated ? { previewBreakHtml: previewEnd } : {}),
  });
  if (found.readAt !== undefined)
    fragments?.set(key, html, {
      surrogateKeys: [`article:${article.id}`],
      bytes: html.length * 2,
      generation: found.readAt,
    });
  return html;
}

/** A gated story's body after its preview (what metering opens in the page, in place). */
export async function gatedRestHtml(
  services: Pick<AppServices, 'database'>,
  found: Extract<ArticleLookup, { kind: 'found' }>,
  fragments?: FragmentStore,
): Promise<string> {
  const marked = await articleBodyHtml(services, found, fragments);
  const at = marked.indexOf(previewEnd);
  return at === -1 ? marked : marked.slice(at + previewEnd.length);
}

/**
 * The article's live coverage, if it has one. That most articles have none is kept as a
 * fragment until `live:ID` is purged (starting a coverage does), so their pages skip the query.
 */
async function liveFeedOf(
  services: Pick<AppServices, 'database'>,
  found: Extract<ArticleLookup, { kind: 'found' }>,
  fragments: FragmentStore | undefined,
) {
  const key = `live-none:${found.article.id}`;
  if (found.readAt !== undefined && fragments?.get<boolean>(key) === true) return undefined;
  const feed = await loadLiveFeed(services.database.db, found.article);
  if (!feed && found.readAt !== undefined)
    fragments?.set(key, true, {
      surrogateKeys: [`live:${found.article.id}`],
      bytes: 64,
      generation: found.readAt,
    });
  return feed;
}

/**
 * Renders a loaded article into its public page. The public route and the staff preview both
 * call this, so a preview is byte for byte the page readers get (but for `noindex`).
 */
export async function buildArticlePage(
  services: Pick<AppServices, 'database' | 'settings' | 'config'>,
  found: Extract<ArticleLookup, { kind: 'found' }>,
  options: {
    noindex?: boolean;
    fragments?: FragmentStore;
    variant?: BodyVariant;
    /** The full body opened by a gift link: no offer to give it on (the reader is no member). */
    gift?: boolean;
    /** A line above the wall (say, why a gift link did not open the story). */
    notice?: string;
  } = {},
): Promise<BuiltPage> {
  const rule = articleAccessRule(found.article);
  const gated = isGated(rule);
  // Preview unless the caller checked the reader's entitlement: never more than entitled.
  const variant = gated ? (options.variant ?? 'preview') : 'full';
  const [settings, markedBody, translations, liveFeed] = await Promise.all([
    services.settings.get(),
    articleBodyHtml(services, found, options.fragments),
    loadArticleTranslations(services.database.db, found.article),
    liveFeedOf(services, found, options.fragments),
  ]);
  // The spoken summary of the key events (audio/ makes it; its job purges the page).
  const liveSummary = liveFeed
    ? await loadLiveSummaryAudio(services.database.db, found.article.id)
    : undefined;
  const bodyHtml = gated
    ? gatedBodyHtml(markedBody, variant, rule, {
        id: found.article.id,
        slug: found.article.slug,
        language: found.article.language,
        gift: options.gift === true,
        notice: options.notice,
        meter: settings.meter,
      })
    : markedBody;
  const body = renderArticlePage({
    live: liveFeed,
    liveSummary,
    settings,
    baseUrl: services.config.baseUrl,
    ...found,
    narration: pageNarration(found.narration, gated && variant === 'full' && !options.gift),
    gatedPreview: gated && variant === 'preview',
    bodyHtml,
    translations: translations.published,
    noindex: options.noindex === true,
  });
  return {
    body,
    surrogateKeys: [
      `article:${found.article.id}`,
      ...(liveFeed ? [`live:${found.article.id}`] : []),
      ...found.related.map((s) => `article:${s.id}`),
      ...translations.memberIds.map((id) => `article:${id}`),
    ],
    gate: gated ? rule : undefined,
  };
}

/**
 * The audio a page plays. A gated article's public narration speaks its preview only
 * (audio/narration.service.ts); the full variant plays the whole-body narration from its
 * entitlement-checked route instead. A gift link's reader holds no entitlement, so the page
 * opened by one keeps the preview's audio (the route would refuse them).
 */
function pageNarration(
  narration: ArticleAudio | undefined,
  entitledPage: boolean,
): ArticleAudio | undefined {
  if (!narration) return undefined;
  if (entitledPage && narration.full) return narration.full;
  const { full: _full, ...preview } = narration;
  return preview;
}

/**
 * The preview and the wall, or the preview and the gated rest in its own marked section with,
 * for members, a link to give the story to someone (a gift link, revenue/members/gift.routes.ts).
 */
function gatedBodyHtml(
  marked: string,
  variant: BodyVariant,
  rule: AccessRule,
  article: {
    id: number;
    slug: string;
    language: string;
    gift: boolean;
    notice?: string | undefined;
    meter: MeterSettings;
  },
): string {
  const at = marked.indexOf(previewEnd);
  const preview = at === -1 ? '' : marked.slice(0, at);
  const locale = localeFor(article.language);
  if (variant === 'preview')
    return (
      preview +
      (article.notice
        ? html`<p class="access-notice" role="status">${article.notice}</p>`.value
        : '') +
      renderAccessWall(rule, article.slug, locale, article.meter, article.id).value
    );
  const rest = at === -1 ? marked : marked.slice(at + previewEnd.length);
  const offer = article.gift
    ? ''
    : html`<p class="access-gift"><a href="/account/gift?article=${String(article.id)}">${translator(locale)('access.gift.offer')}</a></p>`
        .value;
  return `${preview}<div class="${gatedSectionClass}">${rest}</div>${offer}`;
}
