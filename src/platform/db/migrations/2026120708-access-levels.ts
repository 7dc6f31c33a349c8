import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Access levels (issue 17, ADR 0026). An article keeps its effective level (what readers are
// checked against), whether it follows its tags' default, the tiers of a `tiers` article and
// its preview length; a tag keeps the default it gives its articles. Gift links count their
// opens here. Adding columns with defaults is safe on both dialects and on a re-run.

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function hasColumn(db: AnyDb, table: string, column: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === table && t.columns.some((c) => c.name === column));
}

export async function up(db: AnyDb): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) =>
    isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
  const articleColumns: [
    string,
    (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder,
    string,
  ][] = [
    ['access_level', (c) => c.notNull().defaultTo('public'), 'text'],
    ['access_tiers', (c) => c.notNull().defaultTo('[]'), 'text'],
    ['access_default', (c) => c.notNull().defaultTo(1), 'integer'],
    ['preview_paragraphs', (c) => c, 'integer'],
  ];
  for (const [name, build, type] of articleColumns) {
    if (!(await hasColumn(db, 'articles', name)))
      await db.schema
        .alterTable('articles')
        .addColumn(name, type as 'text', build)
        .execute();
  }
  if (!(await hasColumn(db, 'tags', 'access_level')))
    await db.schema.alterTable('tags').addColumn('access_level', 'text').execute();
  if (!(await hasColumn(db, 'tags', 'access_tiers')))
    await db.schema
      .alterTable('tags')
      .addColumn('access_tiers', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();

  await db.schema
    .createTable('access_gift_links')
    .ifNotExists()
    .addColumn('id', 'integer', id)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('member_id', 'integer', (c) =>
      c.notNull().references('members.id').onDelete('cascade'),
    )
    .addColumn('max_opens', 'integer', (c) => c.notNull())
    .addColumn('opens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('access_gift_links_member')
    .ifNotExists()
    .on('access_gift_links')
    .columns(['member_id', 'created_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('access_gift_links').ifExists().execute();
  for (const [table, columns] of [
    ['articles', ['access_level', 'access_tiers', 'access_default', 'preview_paragraphs']],
    ['tags', ['access_level', 'access_tiers']],
  ] as const)
    for (const column of columns)
      if (await hasColumn(db, table, column))
        await db.schema.alterTable(table).dropColumn(column).execute();
}
