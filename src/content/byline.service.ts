import type { Executor } from '../platform/db/database.js';
import { findAuthorsByNames, insertAuthor } from './author.repository.js';
import { slugify } from './slug.js';
import { findTagsByNames, insertTag } from './tag.repository.js';

/** A byline that names a desk ("The Kyiv Ledger news desk") is an organisation, not a person. */
export function isDeskName(name: string): boolean {
  return /\b(desk|newsroom|staff|editors|editorial board|team)\b/i.test(name);
}

async function uniqueSlug(
  executor: Executor,
  table: 'authors' | 'tags',
  base: string,
): Promise<string> {
  const root = base || (table === 'authors' ? 'author' : 'tag');
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? root : `${root}-${n}`;
    const taken = await executor
      .selectFrom(table)
      .select('id')
      .where('slug', '=', candidate)
      .executeTakeFirst();
    if (!taken) return candidate;
  }
}

/** Ids of the named authors, in order; unknown names are created (desks detected by name). */
export async function resolveAuthorIds(
  executor: Executor,
  names: string[],
  now: string,
): Promise<number[]> {
  const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  const existing = new Map((await findAuthorsByNames(executor, unique)).map((a) => [a.name, a.id]));
  const ids: number[] = [];
  for (const name of unique) {
    let id = existing.get(name);
    if (id === undefined) {
      const slug = await uniqueSlug(executor, 'authors', slugify(name));
      id = (
        await insertAuthor(executor, {
          kind: isDeskName(name) ? 'desk' : 'person',
          name,
          slug,
          bio: '',
          image_url: null,
          now,
        })
      ).id;
    }
    ids.push(id);
  }
  return ids;
}

/** Ids of the named tags, in order; unknown names are created. */
export async function resolveTagIds(
  executor: Executor,
  names: string[],
  now: string,
): Promise<number[]> {
  const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  const existing = new Map((await findTagsByNames(executor, unique)).map((t) => [t.name, t.id]));
  const ids: number[] = [];
  for (const name of unique) {
    let id = existing.get(name);
    if (id === undefined) {
      const slug = await uniqueSlug(executor, 'tags', slugify(name));
      id = (await insertTag(executor, { name, slug, description: '', now })).id;
    }
    ids.push(id);
  }
  return ids;
}
