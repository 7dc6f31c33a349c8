import type { EventPublisher } from '../../platform/events/domain-events.js';
import { importableSlug } from '../../content/slug.js';
import { articleCreateSchema, type ArticleCreateInput } from '../../content/article.input.js';
import type { Actor } from '../../content/article.policy.js';
import * as articleService from '../../content/article.service.js';
import { cachePurgeJob } from '../../platform/cache/cache-purge.job.js';
import { type Db, nowIso } from '../../platform/db/database.js';
import { enqueueJob } from '../../platform/jobs/job-queue.js';
import { createImportReport, type ImportReport, noteSkipped } from '../import-report.js';
import { findImported, recordImported } from '../import.repository.js';
import { importGhostMembers } from './ghost-members.js';
import { readGhostRows } from './json-rows.js';

export interface GhostImportDeps {
  db: Db;
  now: () => Date;
  timeZone: string;
  internalHosts: string[];
  /** Where the imported articles are announced (search indexes them, oEmbed fetches embeds). */
  events: EventPublisher;
}

const importer: Actor = { role: 'admin', userId: null, tokenId: null };

/** The small tables read in the first pass (a Ghost site has few tags and staff users). */
const relationTables = ['tags', 'users', 'posts_tags', 'posts_authors', 'posts_meta'];

interface Relations {
  tags: Map<string, string>;
  users: Map<string, string>;
  postTags: Map<string, { id: string; order: number }[]>;
  postAuthors: Map<string, { id: string; order: number }[]>;
  meta: Map<string, { alt: string; caption: string }>;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function addOrdered(
  map: Map<string, { id: string; order: number }[]>,
  key: string,
  id: string,
  order: unknown,
) {
  const list = map.get(key) ?? [];
  list.push({ id, order: typeof order === 'number' ? order : list.length });
  map.set(key, list);
}

async function readRelations(path: string): Promise<Relations> {
  const relations: Relations = {
    tags: new Map(),
    users: new Map(),
    postTags: new Map(),
    postAuthors: new Map(),
    meta: new Map(),
  };
  for await (const { table, row } of readGhostRows(path, relationTables)) {
    if (table === 'tags') relations.tags.set(text(row.id), text(row.name));
    else if (table === 'users') relations.users.set(text(row.id), text(row.name));
    else if (table === 'posts_tags')
      addOrdered(relations.postTags, text(row.post_id), text(row.tag_id), row.sort_order);
    else if (table === 'posts_authors')
      addOrdered(relations.postAuthors, text(row.post_id), text(row.author_id), row.sort_order);
    else if (table === 'posts_meta')
      relations.meta.set(text(row.post_id), {
        alt: text(row.feature_image_alt),
        caption: text(row.feature_image_caption).replace(/<[^>]*>/g, ''),
      });
  }
  return relations;
}

function names(
  refs: { id: string; order: number }[] | undefined,
  lookup: Map<string, string>,
): string[] {
  return [...(refs ?? [])]
    .sort((a, b) => a.order - b.order)
    .map((ref) => lookup.get(ref.id) ?? '')
    .filter((name) => name !== '' && !name.startsWith('#')); // #internal tags are Ghost's own
}

function mapStatus(status: string, publishedAt: Date | undefined, now: Date) {
  if (status === 'published') return 'published' as const;
  if (status === 'scheduled')
    return publishedAt && publishedAt > now ? ('scheduled' as const) : ('published' as const);
  if (status === 'draft') return 'draft' as const;
  return undefined;
}

/**
 * Imports a Ghost JSON export in one transaction: posts (from their rendered HTML) with slugs,
 * dates, statuses, excerpts, featured images, tags and staff authors in order; then members as
 * newsletter subscribers (ghost-members.ts). The file is streamed in several passes, never held
 * in memory. Re-runs add nothing twice.
 */
export async function importGhost(
  deps: GhostImportDeps,
  path: string,
  options: { onProgress?: (bytesRead: number) => void } = {},
): Promise<ImportReport> {
  const report = createImportReport();
  const relations = await readRelations(path);
  report.authors = relations.users.size;
  const articleDeps = { ...deps, skipAltTextCheck: true, origin: 'import' as const };
  const purgeKeys = new Set<string>();
  await deps.db.transaction().execute(async (tx) => {
    for await (const { row } of readGhostRows(path, ['posts'], options.onProgress)) {
      const item = { postId: text(row.id), title: text(row.title) };
      if (text(row.type) === 'page') {
        noteSkipped(report, 'pages (only posts become articles)', item);
        continue;
      }
      const publishedAt = row.published_at ? new Date(text(row.published_at)) : undefined;
      const status = mapStatus(text(row.status), publishedAt, deps.now());
      if (!status) {
        noteSkipped(report, `unknown status "${text(row.status)}"`, item);
        continue;
      }
      const source = 'ghost';
      const sourceKey = `post:${text(row.uuid) || item.postId}`;
      if (await findImported(tx, source, sourceKey)) {
        noteSkipped(report, 'already imported by an earlier run', item);
        continue;
      }
      const meta = relations.meta.get(item.postId);
      const input: Partial<ArticleCreateInput> = {
        title: item.title.trim() || '(untitled)',
        slug: importableSlug(text(row.slug) || undefined),
        excerpt: text(row.custom_excerpt).slice(0, 1000) || undefined,
        authors: names(relations.postAuthors.get(item.postId), relations.users),
        tags: names(relations.postTags.get(item.postId), relations.tags),
        status,
        published_at:
          publishedAt && !Number.isNaN(publishedAt.getTime())
            ? publishedAt.toISOString()
            : undefined,
        html: text(row.html),
        featured_image_url: text(row.feature_image) || undefined,
        featured_image_alt: meta?.alt || undefined,
        featured_image_caption: meta?.caption || undefined,
      };
      const parsed = articleCreateSchema.safeParse(input);
      if (!parsed.success) {
        noteSkipped(report, `invalid post: ${parsed.error.issues[0]?.message ?? 'unknown'}`, item);
        continue;
      }
      const change = await articleService.createArticle(tx, articleDeps, parsed.data, importer);
      change.purgeKeys.forEach((key) => purgeKeys.add(key));
      await recordImported(tx, {
        source,
        sourceKey,
        articleId: change.article.id,
        createdAt: nowIso(deps.now()),
      });
      report.imported += 1;
      report.byStatus[change.article.status] = (report.byStatus[change.article.status] ?? 0) + 1;
      if (change.article.featured_image_url) report.featuredImages += 1;
      if (input.featured_image_url && !meta?.alt)
        report.warnings.push(`"${change.article.title}": the featured image has no alt text.`);
    }
    await importGhostMembers(tx, path, report, deps.now());
    if (purgeKeys.size > 0) await enqueueJob(tx, cachePurgeJob, { keys: [...purgeKeys] });
  });
  return report;
}
