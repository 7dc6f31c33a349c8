import type { ArticleDeps } from '../content/article.service.js';
import { createArticle } from '../content/article.service.js';
import { seedDemoLiveCoverage } from './demo-live.js';
import { insertAuthor } from '../content/author.repository.js';
import {
  findCollectionBySlug,
  insertCollection,
  setCollectionItems,
} from '../content/collection.repository.js';
import { slugify } from '../content/slug.js';
import { insertTag } from '../content/tag.repository.js';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { writeSiteSettings } from '../platform/settings/site-settings.js';
import { seedDemoNewsletters } from '../newsletters/newsletter-seed.js';
import { commentSettingsSchema, storeCommentSettings } from '../comments/comment-settings.js';
import { allDemoArticles, type DemoArticle } from './demo-articles.js';
import { demoAuthors, demoTags, editorsPicks } from './demo-authors.js';

/** True when the database has neither articles nor staff users. */
export async function isDatabaseEmpty(executor: Executor): Promise<boolean> {
  const article = await executor.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  const user = await executor.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !article && !user;
}

// Internal links resolve to article ids at save time, so a linked article is saved first.
function orderByLinks(articles: DemoArticle[]): DemoArticle[] {
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const ordered: DemoArticle[] = [];
  const placed = new Set<string>();
  const place = (article: DemoArticle, trail: Set<string>) => {
    if (placed.has(article.slug) || trail.has(article.slug)) return;
    trail.add(article.slug);
    for (const match of article.html.matchAll(/href="\/([a-z0-9-]+)\/"/g)) {
      const target = match[1] ? bySlug.get(match[1]) : undefined;
      if (target) place(target, trail);
    }
    placed.add(article.slug);
    ordered.push(article);
  };
  for (const article of articles) place(article, new Set());
  return ordered;
}

/** Seeds The Kyiv Ledger (fictional): settings, authors, tags, ~30 articles, Editors' Picks. */
export async function seedDemoContent(
  executor: Executor,
  deps: ArticleDeps,
): Promise<{ articles: number }> {
  const stamp = nowIso(deps.now());
  await writeSiteSettings(executor, {
    name: 'The Kyiv Ledger',
    description: 'Independent news from Ukraine, reported by people who live here.',
    timeZone: 'Europe/Kyiv',
    language: 'en',
    navigation: [
      'Ukraine news',
      'War',
      'Politics',
      'Economy',
      'Energy',
      'Culture',
      'Investigations',
    ].map((name) => ({ label: name, url: `/tag/${slugify(name)}/` })),
    footerText:
      'The Kyiv Ledger is an independent newsroom funded by its readers. This is demo content: the outlet, its people and its stories are fictional.',
    postalAddress: 'The Kyiv Ledger, 12 Example Street, Kyiv 01001, Ukraine',
  });
  // Members (free or paying) may comment; a reader's first comment waits for an editor.
  await storeCommentSettings(executor, commentSettingsSchema.parse({ mode: 'members' }));
  for (const author of demoAuthors) {
    await insertAuthor(executor, {
      kind: author.kind,
      name: author.name,
      slug: slugify(author.name),
      bio: author.bio,
      image_url: null,
      now: stamp,
    });
  }
  for (const tag of demoTags)
    await insertTag(executor, {
      name: tag.name,
      slug: slugify(tag.name),
      description: tag.description,
      now: stamp,
    });
  const actor = { role: 'admin' as const, userId: null, tokenId: null };
  const ids = new Map<string, number>();
  for (const article of orderByLinks(allDemoArticles)) {
    const { article: row } = await createArticle(
      executor,
      deps,
      {
        title: article.title,
        slug: article.slug,
        excerpt: article.excerpt,
        authors: article.authors,
        tags: article.tags,
        status: 'published',
        published_at: new Date(deps.now().getTime() - article.hoursAgo * 3600_000).toISOString(),
        html: article.html,
        language: 'en',
        ...(article.access ? { access_level: article.access } : {}),
      },
      actor,
    );
    ids.set(article.slug, row.id);
  }
  const existing = await findCollectionBySlug(executor, 'editors-picks');
  const collection =
    existing ??
    (await insertCollection(executor, {
      name: "Editors' Picks",
      slug: 'editors-picks',
      description: 'Stories our editors think you should not miss.',
      now: stamp,
    }));
  await setCollectionItems(
    executor,
    collection.id,
    editorsPicks.map((slug) => ids.get(slug)).filter((id): id is number => id !== undefined),
  );
  await seedDemoLiveCoverage(executor, deps);
  await seedDemoNewsletters(executor, deps.now());
  return { articles: ids.size + 1 };
}
