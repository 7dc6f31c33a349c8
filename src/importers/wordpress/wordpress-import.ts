import type { EventPublisher } from '../../platform/events/domain-events.js';
import { importableSlug } from '../../content/slug.js';
import { Parser } from 'htmlparser2';
import { articleCreateSchema, type ArticleCreateInput } from '../../content/article.input.js';
import type { Actor } from '../../content/article.policy.js';
import * as articleService from '../../content/article.service.js';
import { addRedirect } from '../../content/redirect.repository.js';
import { cachePurgeJob } from '../../platform/cache/cache-purge.job.js';
import { type Db, nowIso } from '../../platform/db/database.js';
import { enqueueJob } from '../../platform/jobs/job-queue.js';
import { findImported, recordImported } from '../import.repository.js';
import { lookupMedia } from '../../media/media.service.js';
import { autoParagraph } from './autop.js';
import { copyAttachment, type WordPressMediaSource } from './wordpress-media.js';
import { openWxrFile, type WxrItem } from './wxr-reader.js';
import { createImportReport, type ImportReport, noteSkipped } from '../import-report.js';

export interface WordPressImportDeps {
  db: Db;
  now: () => Date;
  timeZone: string;
  /** The new site's hosts (links to them are internal). */
  internalHosts: string[];
  /** Where the imported articles are announced (search indexes them, oEmbed fetches embeds). */
  events: EventPublisher;
}

export interface WordPressImportOptions {
  onProgress?: (bytesRead: number) => void;
  /** `--media-dir`: copy attachments from this folder into the media library (else link). */
  media?: WordPressMediaSource;
}

const importer: Actor = { role: 'admin', userId: null, tokenId: null };

/** WordPress statuses → ours; undefined means the item is not imported (with the reason). */
function mapStatus(
  item: WxrItem,
  now: Date,
): { status: ArticleCreateInput['status'] } | { skip: string } {
  switch (item.status) {
    case 'publish':
      return { status: 'published' };
    case 'future': {
      const at = wordpressDate(item.postDateGmt);
      return { status: at && at.getTime() > now.getTime() ? 'scheduled' : 'published' };
    }
    case 'draft':
      return { status: 'draft' };
    case 'pending':
      return { status: 'submitted' };
    case 'private':
      return { status: 'draft' };
    case 'auto-draft':
      return { skip: 'auto-drafts (never saved by a person)' };
    case 'trash':
      return { skip: 'in the WordPress trash' };
    default:
      return { skip: `unknown status "${item.status}"` };
  }
}

function wordpressDate(gmt: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(gmt);
  if (!match || gmt.startsWith('0000')) return undefined;
  const date = new Date(`${gmt.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Plain text of an HTML fragment: tags dropped, entities decoded (WordPress keeps `&amp;` in titles). */
function plainText(fragment: string): string {
  let text = '';
  const parser = new Parser({ ontext: (chunk) => (text += chunk) }, { decodeEntities: true });
  parser.write(fragment.replace(/<[^>]*>/g, ' '));
  parser.end();
  return text.replace(/\s+/g, ' ').trim();
}

function oldPath(link: string): string | undefined {
  try {
    const url = new URL(link);
    return url.search === '' ? url.pathname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Imports a WordPress export (WXR) in one transaction: posts with their slugs, dates, statuses,
 * authors, categories and tags, content (classic or Gutenberg) and excerpts; featured images are
 * linked from their WordPress URLs; old permalinks redirect. A second run adds nothing twice.
 * A file that is not WXR or is cut short imports nothing.
 */
export async function importWordPress(
  deps: WordPressImportDeps,
  path: string,
  options: WordPressImportOptions = {},
): Promise<ImportReport> {
  const report = createImportReport();
  const { channel, records } = openWxrFile(path, options.onProgress);
  const authors = new Map<string, string>();
  const attachments = new Map<string, { url: string; alt: string; caption: string }>();
  const featured: { articleId: number; attachmentId: string }[] = [];
  const purgeKeys = new Set<string>();
  const articleDeps = {
    now: deps.now,
    timeZone: deps.timeZone,
    internalHosts: deps.internalHosts,
    skipAltTextCheck: true,
    mediaLookup: lookupMedia,
    events: deps.events,
    origin: 'import' as const,
  };
  const source = (channel: { baseSiteUrl: string; title: string }) =>
    `wordpress:${channel.baseSiteUrl || channel.title}`;
  /** Attachment id → media library id, for attachments copied in this run. */
  const copied = new Map<string, number>();
  await deps.db.transaction().execute(async (tx) => {
    for await (const record of records) {
      if (record.kind === 'author') {
        authors.set(record.login, record.displayName || record.login);
        continue;
      }
      const item = record;
      if (item.postType === 'attachment') {
        attachments.set(item.postId, {
          url: item.attachmentUrl,
          alt: item.meta.get('_wp_attachment_image_alt') ?? '',
          caption: plainText(item.excerpt),
        });
        continue;
      }
      if (item.postType !== 'post') {
        noteSkipped(
          report,
          `${item.postType || 'untyped'} items (only posts become articles)`,
          item,
        );
        continue;
      }
      const mapped = mapStatus(item, deps.now());
      if ('skip' in mapped) {
        noteSkipped(report, mapped.skip, item);
        continue;
      }
      const sourceKey = `post:${item.postId}`;
      if (await findImported(tx, source(channel), sourceKey)) {
        noteSkipped(report, 'already imported by an earlier run', item);
        continue;
      }
      const published = wordpressDate(item.postDateGmt);
      const parsed = articleCreateSchema.safeParse({
        title: plainText(item.title) || '(untitled)',
        // A slug the site uses for its own pages (/support/, /account/ …) gets a new one from
        // the title; the old URL then redirects like any path whose shape changed.
        slug: importableSlug(item.postName ? decodeURIComponent(item.postName) : undefined),
        excerpt: plainText(item.excerpt).slice(0, 1000) || undefined,
        authors: [authors.get(item.creator) ?? (item.creator || 'Staff')],
        tags: [
          ...new Set(
            item.terms
              .filter((t) => t.domain === 'category' || t.domain === 'post_tag')
              .map((t) => t.name)
              .filter((name) => name !== '' && name !== 'Uncategorized'),
          ),
        ],
        status: mapped.status,
        published_at: published ? published.toISOString() : undefined,
        html: autoParagraph(item.content),
        language: /^[a-z]{2,3}/.exec(channel.language.toLowerCase())?.[0],
      });
      if (!parsed.success) {
        noteSkipped(report, `invalid post: ${parsed.error.issues[0]?.message ?? 'unknown'}`, item);
        continue;
      }
      const change = await articleService.createArticle(tx, articleDeps, parsed.data, importer);
      const { article } = change;
      change.purgeKeys.forEach((key) => purgeKeys.add(key));
      const stamp = nowIso(deps.now());
      await recordImported(tx, {
        source: source(channel),
        sourceKey,
        articleId: article.id,
        createdAt: stamp,
      });
      report.imported += 1;
      report.byStatus[article.status] = (report.byStatus[article.status] ?? 0) + 1;
      const path = oldPath(item.link);
      if (path && path !== `/${article.slug}/` && (await addRedirect(tx, path, article.id, stamp)))
        report.redirects += 1;
      const thumbnail = item.meta.get('_thumbnail_id');
      if (thumbnail) featured.push({ articleId: article.id, attachmentId: thumbnail });
    }
    // With --media-dir, every attachment not copied by an earlier run goes into the library.
    if (options.media) {
      for (const [attachmentId, attachment] of attachments) {
        const key = `attachment:${attachmentId}`;
        if (await findImported(tx, source(channel), key)) continue;
        const mediaId = await copyAttachment(tx, options.media, attachment, report.warnings);
        if (mediaId === undefined) continue;
        copied.set(attachmentId, mediaId);
        report.mediaCopied += 1;
        const createdAt = nowIso(deps.now());
        await recordImported(tx, {
          source: source(channel),
          sourceKey: key,
          articleId: null,
          createdAt,
        });
      }
    }
    // Attachments may come after the posts that use them: featured images are linked last.
    for (const { articleId, attachmentId } of featured) {
      const image = attachments.get(attachmentId);
      if (!image?.url) {
        report.warnings.push(
          `Article ${articleId}: featured image ${attachmentId} is not in the file.`,
        );
        continue;
      }
      const change = await articleService.updateArticle(
        tx,
        articleDeps,
        articleId,
        {
          ...(copied.has(attachmentId)
            ? { featured_media_id: copied.get(attachmentId) }
            : { featured_image_url: image.url }),
          featured_image_alt: image.alt,
          featured_image_caption: image.caption,
        },
        importer,
      );
      change.purgeKeys.forEach((key) => purgeKeys.add(key));
      report.featuredImages += 1;
      if (image.alt.trim() === '')
        report.warnings.push(
          `"${change.article.title}": the featured image has no alt text; add it in the editor.`,
        );
    }
    if (purgeKeys.size > 0) await enqueueJob(tx, cachePurgeJob, { keys: [...purgeKeys] });
  });
  report.authors = authors.size;
  return report;
}
