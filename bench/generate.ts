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
