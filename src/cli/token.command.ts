import { loadConfig } from '../config.js';
import { createApiToken } from '../admin/api-token.service.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { parseOptions, UsageError } from './options.js';

/** `masthead token create --name N --role R` — the token is the last line printed. */
export async function runToken(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    name: { type: 'string' },
    role: { type: 'string' },
  });
  if (positionals[0] !== 'create')
    throw new UsageError('Only `masthead token create` is available.');
  if (!values.name || !values.role) throw new UsageError('Both --name and --role are required.');
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const { token, row } = await createApiToken(database.db, {
      name: values.name,
      role: values.role,
    });
    console.log(
      `Created API token "${row.name}" with role ${row.role}. It is shown once; store it now:`,
    );
    console.log(token);
    return 0;
  } finally {
    await database.destroy();
  }
}
