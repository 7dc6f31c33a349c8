import { lazyModule } from '../../platform/modules/lazy-module.js';

/** The Stripe SDK, loaded with the first payment call or webhook, not when a web process starts. */
export const loadStripeSdk = lazyModule(async () => (await import('stripe')).default);
