import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config.js';
import { createUser } from '../admin/user.service.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import type { EventPublisher } from '../platform/events/domain-events.js';
import { readSiteSettings } from '../platform/settings/site-settings.js';
import { isDatabaseEmpty, seedDemoContent } from './seed-demo.js';

export interface SeedResult {
  articles: number;
  admin: { email: string; password: string } | undefined;
}

/**
 * Seeds the demo newsroom and a first admin account into an empty database; returns
 * undefined (and changes nothing) when there is content or a user already.
 */
export async function seedIfEmpty(
  database: DatabaseHandle,
  config: AppConfig,
  events: EventPublisher,
): Promise<SeedResult | undefined> {
  return database.db.transaction().execute(async (tx) => {
    if (!(await isDatabaseEmpty(tx))) return undefined;
    const settings = await readSiteSettings(tx);
    const { articles } = await seedDemoContent(tx, {
      now: () => new Date(),
      timeZone: settings.timeZone,
      internalHosts: [new URL(config.baseUrl).host],
      events,
      origin: 'seed',
    });
    const email = 'admin@masthead.localhost';
    const password = randomBytes(12).toString('base64url');
    await createUser(tx, { email, password, role: 'admin', name: 'Newsroom Admin' });
    return { articles, admin: { email, password } };
  });
}
