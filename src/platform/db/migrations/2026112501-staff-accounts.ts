import { type Kysely, PostgresAdapter } from 'kysely';

// Staff accounts: password-reset tokens, invitations and TOTP two-factor secrets. Tokens are
// stored only as sha256 hashes; each table belongs to the admin domain alone (ADR 0003 types).

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function up(db: AnyDb): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (table: string) =>
    db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn('id', 'integer', (c) =>
        isPostgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
      );

  await id('password_resets')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('password_resets_user_id')
    .ifNotExists()
    .on('password_resets')
    .column('user_id')
    .execute();

  await id('invitations')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('invitations_email')
    .ifNotExists()
    .on('invitations')
    .column('email')
    .execute();

  await db.schema
    .createTable('user_totp')
    .ifNotExists()
    .addColumn('user_id', 'integer', (c) =>
      c.primaryKey().references('users.id').onDelete('cascade'),
    )
    // Base32 secrets. `secret` is the active one; `pending_secret` waits for a first right code.
    .addColumn('secret', 'text')
    .addColumn('pending_secret', 'text')
    .addColumn('enabled_at', 'text')
    // The last accepted 30-second step: a code from that step or earlier is never taken again.
    .addColumn('last_used_step', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('user_totp').ifExists().execute();
  await db.schema.dropTable('invitations').ifExists().execute();
  await db.schema.dropTable('password_resets').ifExists().execute();
}
