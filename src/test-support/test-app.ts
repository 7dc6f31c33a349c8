import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { createDomainEvents, type MastheadServices } from '../jobs.js';
import { loadConfig } from '../config.js';
import { createApiToken } from '../admin/api-token.service.js';
import { createUser } from '../admin/user.service.js';
import type { ArticleCreateInput } from '../content/article.input.js';
import { createArticle } from '../content/article.service.js';
import { createCachePurger } from '../platform/cache/cache-purger.js';
import { createPageCache } from '../platform/cache/page-cache.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { openRateLimits } from '../platform/limits/open-rate-limits.js';
import { createLogger } from '../platform/logger.js';
import { createMailTransport, type MailTransport } from '../platform/mail/mail-transport.js';
import { createSettingsCache } from '../platform/settings/site-settings.js';
import type { BlobStore } from '../platform/storage/blob-store.js';
import { createLocalBlobStore } from '../platform/storage/local-blob-store.js';
import { createPaymentProvider } from '../revenue/payment-providers.js';
import type { PaymentProvider } from '../revenue/payment-provider.js';

// Test factories (STYLE.md §12): a real app over a real database, and small `build*` helpers.

export interface TestApp {
  app: FastifyInstance;
  services: MastheadServices;
  /** Every surrogate key purged so far. */
  purged: string[];
  close(): Promise<void>;
}

/** The whole app over the given database, for `app.inject` tests. */
export async function buildTestApp(
  database: DatabaseHandle,
  options: {
    bodyLimit?: number;
    baseUrl?: string;
    mail?: MailTransport;
    /** E.g. the Stripe provider pointed at the fake Stripe server; the sandbox by default. */
    payments?: PaymentProvider;
    /** Apps given the same prefix share their rate limits, as nodes do; by default each counts alone. */
    rateLimitPrefix?: string;
    /** E.g. a bucket on the test S3 server; local files in the test's data folder by default. */
    storage?: BlobStore;
    /** A MaxMind DB file for the reading statistics' countries (GEOIP_DATABASE). */
    geoipDatabase?: string;
  } = {},
): Promise<TestApp> {
  // Each test app gets its own data folder, so its outbox holds only its own messages.
  const dataDir = await mkdtemp(join(tmpdir(), 'masthead-app-'));
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent' }),
    baseUrl: options.baseUrl ?? 'http://news.test',
    dataDir,
    geoipDatabase: options.geoipDatabase,
  };
  const mail = options.mail ?? createMailTransport(config);
  const logger = createLogger('silent');
  const pageCache = createPageCache({ maxBytes: 16 * 1024 * 1024 });
  const settings = createSettingsCache(database.db, 0);
  const inner = createCachePurger({ database, pageCache, logger });
  const purged: string[] = [];
  const purger = {
    ...inner,
    nodeId: inner.nodeId,
    purge: async (keys: string[]) => {
      purged.push(...keys);
      await inner.purge(keys);
    },
  };
  const now = () => new Date();
  const limits = await openRateLimits({
    db: database.db,
    logger,
    now: () => services.now().getTime(),
    prefix: options.rateLimitPrefix ?? `test-app-${randomUUID()}:`,
  });
  const services: MastheadServices = {
    config,
    database,
    logger,
    pageCache,
    purger,
    settings,
    mail,
    limits,
    storage: options.storage ?? createLocalBlobStore(dataDir),
    events: createDomainEvents({ now }),
    payments: options.payments ?? (await createPaymentProvider({ config, database, now })),
    now,
  };
  const app = await buildApp(services, options.bodyLimit ? { bodyLimit: options.bodyLimit } : {});
  await app.ready();
  return {
    app,
    services,
    purged,
    close: async () => {
      await app.close();
      await limits.close();
      if (!options.mail) await mail.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** An event bus with every domain subscribed, as a real process has (jobs.ts). */
export function testEvents() {
  return createDomainEvents();
}

/** A staff user with a known password. */
export async function buildUser(
  database: DatabaseHandle,
  role: 'contributor' | 'author' | 'editor' | 'admin',
  name: string = role,
) {
  counter += 1;
  const email = `${role}${counter}@news.test`;
  const password = 'correct horse battery staple';
  const user = await createUser(database.db, { email, password, role, name: `${name} ${counter}` });
  return { user, email, password };
}

/** A bearer token for a role. */
export async function buildToken(
  database: DatabaseHandle,
  role: 'contributor' | 'author' | 'editor' | 'admin',
) {
  return (await createApiToken(database.db, { name: `${role}-token`, role })).token;
}

/** A published (by default) article created through the content service. */
export async function buildArticle(
  database: DatabaseHandle,
  overrides: Partial<ArticleCreateInput> = {},
  /** The domain events it is announced on (by default with every domain subscribed). */
  events: Parameters<typeof createArticle>[1]['events'] = testEvents(),
) {
  counter += 1;
  const change = await createArticle(
    database.db,
    {
      now: () => new Date(),
      timeZone: 'Europe/Kyiv',
      internalHosts: ['news.test'],
      events,
    },
    {
      title: `Story number ${counter}`,
      authors: ['Olena Shevchuk'],
      tags: ['Ukraine news'],
      status: 'published',
      html: '<p>First paragraph.</p><p>Second paragraph.</p>',
      ...overrides,
    },
    { role: 'admin', userId: null, tokenId: null },
  );
  return change.article;
}

/** Signs a new staff user of `role` in through the API; headers carry the cookie and CSRF token. */
export async function signInAs(
  t: TestApp,
  role: 'contributor' | 'author' | 'editor' | 'admin',
  name?: string,
) {
  const { email, password, user } = await buildUser(t.services.database, role, name);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/admin/session',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'masthead_session');
  const { csrfToken } = response.json() as { csrfToken: string };
  return {
    user,
    headers: { cookie: `masthead_session=${cookie?.value ?? ''}`, 'x-csrf-token': csrfToken },
  };
}
