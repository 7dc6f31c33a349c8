import { sql } from 'kysely';
import { createDomainEvents } from '../src/jobs.js';
import { createArticle } from '../src/content/article.service.js';
import type { DatabaseHandle } from '../src/platform/db/database.js';

const words =
  'the city council said on tuesday that repairs to the power grid would take weeks as engineers worked through the night to restore heating for residents across the region while officials in kyiv warned of further strikes and volunteers delivered generators water and medicine to villages near the front line according to local reports and statements from the ministry'.split(
    ' ',
  );

function paragraph(seed: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += `${words[(seed * 7 + i * 13) % words.length]} `;
  return `${out.charAt(0).toUpperCase()}${out.slice(1).trim()}.`;
}

/** Fills the database with `count` published articles over 20 tags and 15 authors (one a desk). */
export async function generateArticles(database: DatabaseHandle, count: number): Promise<void> {
  const tags = Array.from({ length: 20 }, (_, i) => `Section ${i + 1}`);
  const authors = [
    ...Array.from({ length: 14 }, (_, i) => `Reporter ${i + 1}`),
    'The Bench news desk',
  ];
  const deps = {
    now: () => new Date(),
    timeZone: 'Europe/Kyiv',
    internalHosts: [],
    events: createDomainEvents(),
    origin: 'seed' as const,
  };
  const actor = { role: 'admin' as const, userId: null, tokenId: null };
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    await database.db.transaction().execute(async (tx) => {
      for (let i = start; i < Math.min(count, start + batch); i += 1) {
        const paragraphs = Array.from(
          { length: 8 + (i % 10) },
          (_, p) => `<p>${paragraph(i + p, 40 + ((i + p) % 30))}</p>`,
        );
        if (i % 3 === 0) paragraphs.splice(3, 0, `<h2>${paragraph(i, 5)}</h2>`);
        await createArticle(
          tx,
          deps,
          {
            title: `${paragraph(i, 8).slice(0, -1)} ${i}`,
            excerpt: paragraph(i + 1, 25),
            authors: [authors[i % authors.length] ?? 'Reporter 1'],
            tags: [
              tags[i % tags.length] ?? 'Section 1',
              tags[(i * 7) % tags.length] ?? 'Section 2',
            ],
            status: 'published',
            published_at: new Date(Date.now() - (count - i) * 60_000).toISOString(),
            html: paragraphs.join(''),
          },
          actor,
        );
      }
    });
  }
}

/**
 * Grows a database made by `generateArticles` to `total` published articles by copying its
 * rows with SQL (the content service would take hours for a million): each copy gets new ids,
 * slugs and UUIDs and an earlier publication time (one a minute back, as a real archive), and
 * keeps the template's body, tags and authors — so pages, related lists and listings have the
 * shape they have at that size. SQLite only (the site benchmark's database). Search is not
 * indexed for the copies.
 */
export async function cloneArticles(database: DatabaseHandle, total: number): Promise<void> {
  const sqlite = database.dialect === 'sqlite' ? database.db : undefined;
  if (!sqlite) throw new Error('cloneArticles works on SQLite only');
  const { templates, oldest } = (
    await sql<{ templates: number; oldest: string }>`
    select count(*) as templates, min(published_at) as oldest from articles`.execute(sqlite)
  ).rows[0] ?? { templates: 0, oldest: new Date().toISOString() };
  if (templates === 0) throw new Error('cloneArticles needs template articles first');
  for (let copy = 1; copy * templates < total; copy += 1) {
    // Literals, not parameters: better-sqlite3 binds JS numbers as REAL ("20.0" in a slug).
    const offset = sql.lit(copy * templates);
    const count = sql.lit(Math.min(templates, total - copy * templates));
    const suffix = sql.lit(`-${copy}`);
    // Copy k is published k × templates minutes before the oldest template article.
    const shift = `'-' || (${copy * templates} + (${templates} - id)) || ' minutes'`;
    const publishedAt = sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', '${oldest}', ${shift})`);
    await sqlite.transaction().execute(async (tx) => {
      await sql`
        insert into articles (id, uuid, title, slug, excerpt, word_count, reading_minutes, status,
          published_at, language, featured_image_url, featured_image_alt, featured_image_caption,
          version, created_at, updated_at, doc, plain_text)
        select id + ${offset}, substr(uuid, 1, 24) || substr('000000000000' || (id + ${offset}), -12, 12),
          title, slug || ${suffix}, excerpt, word_count, reading_minutes, status,
          ${publishedAt}, language, featured_image_url, featured_image_alt, featured_image_caption,
          version, ${publishedAt}, ${publishedAt}, doc, ''
        from articles where id <= ${count}`.execute(tx);
      await sql`
        insert into article_tags (article_id, tag_id, position, status, published_at)
        select article_id + ${offset}, tag_id, position, status,
          (select published_at from articles where id = article_id + ${offset})
        from article_tags where article_id <= ${count}`.execute(tx);
      await sql`
        insert into article_authors (article_id, author_id, position)
        select article_id + ${offset}, author_id, position
        from article_authors where article_id <= ${count}`.execute(tx);
    });
  }
}
