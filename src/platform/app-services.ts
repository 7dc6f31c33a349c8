import type { AppConfig } from '../config.js';
import type { CachePurger } from './cache/cache-purger.js';
import type { PageCache } from './cache/page-cache.js';
import type { DatabaseHandle } from './db/database.js';
import type { EventBus } from './events/domain-events.js';
import type { RateLimits } from './limits/rate-limits.js';
import type { Logger } from './logger.js';
import type { MailTransport } from './mail/mail-transport.js';
import type { SettingsCache } from './settings/site-settings.js';
import type { BlobStore } from './storage/blob-store.js';

/**
 * What route modules receive: explicit dependencies, no container (STYLE.md §7). Only
 * platform services: a domain that brings its own (revenue's payment provider) extends this
 * type, and the composition (jobs.ts `openAppServices`, or a test) adds them.
 */
export interface AppServices {
  config: AppConfig;
  database: DatabaseHandle;
  logger: Logger;
  pageCache: PageCache;
  purger: CachePurger;
  settings: SettingsCache;
  /** Outgoing mail: SMTP when SMTP_URL is set, else `.eml` files in the blob store's outbox/. */
  mail: MailTransport;
  /** Rate limits counted once for every process and node: database or Redis (ADR 0019). */
  limits: RateLimits;
  /** Media and audio files: DATA_DIR, or an S3-compatible bucket (STORAGE_URL). */
  storage: BlobStore;
  /** Domain events: content announces changes here; the domains above subscribe (ADR 0015). */
  events: EventBus;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
}
