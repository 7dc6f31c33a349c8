import { lazyModule } from '../platform/modules/lazy-module.js';

/** The `web-push` library (VAPID keys and headers, RFC 8291 encryption), loaded on first use. */
export const loadWebPush = lazyModule(async () => (await import('web-push')).default);
