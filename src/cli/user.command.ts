import { loadConfig } from '../config.js';
import { createUser } from '../admin/user.service.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { parseOptions, UsageError } from './options.js';

/** `masthead user create --email E --password P --role R --name N` */
export async function runUser(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    email: { type: 'string' },
    password: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
  });
  if (positionals[0] !== 'create')
    throw new UsageError('Only `masthead user create` is available.');
  const missing = (['email', 'password', 'role', 'name'] as const).filter((key) => !values[key]);
  if (missing.length > 0)
    throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}.`);
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const user = await createUser(database.db, {
      email: values.email ?? '',
      password: values.password ?? '',
      role: values.role ?? '',
      name: values.name ?? '',
    });
    console.log(`Created ${user.role} ${user.name} <${user.email}> (id ${user.id}).`);
    return 0;
  } finally {
    await database.destroy();
  }
}
