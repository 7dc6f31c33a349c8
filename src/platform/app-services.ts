import type { AppConfig } from '../config.js';
import type { CachePurger } from './cache/cache-purger.js';
import type { PageCache } from './cache/page-cache.js';
import type { DatabaseHandle } from './db/database.js';
import type { Logger } from './logger.js';
import type { MailTransport } from './mail/mail-transport.js';
import type { SettingsCache } from './settings/site-settings.js';
import type { PaymentProvider } from '../revenue/payment-provider.js';

/**
 * What route modules receive: explicit dependencies, no container (STYLE.md §7).
 * Built once in `startServer` (or by a test) and passed to `buildApp`.
 */
export interface AppServices {
  config: AppConfig;
  database: DatabaseHandle;
  logger: Logger;
  pageCache: PageCache;
  purger: CachePurger;
  settings: SettingsCache;
  /** Outgoing mail: SMTP when SMTP_URL is set, else `.eml` files in DATA_DIR/outbox/. */
  mail: MailTransport;
  /** Reader payments: Stripe when STRIPE_SECRET_KEY is set, else the TEST MODE sandbox. */
  payments: PaymentProvider;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
}
