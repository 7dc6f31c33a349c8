import type { Kysely } from 'kysely';

// Who has an article open in the editor: one row per (article, user), refreshed by the
// editor's heartbeat. Kept in the database (not in memory) so every app node sees it.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('article_presence')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_presence_pk', ['article_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('article_presence_seen_idx')
    .ifNotExists()
    .on('article_presence')
    .column('seen_at')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('article_presence').ifExists().execute();
}
