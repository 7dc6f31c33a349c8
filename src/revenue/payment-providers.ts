import type { AppConfig } from '../config.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { receiveProviderEvent } from './events/receive-event.js';
import type { PaymentProvider } from './payment-provider.js';
import type { ProviderName } from './revenue.table.js';
import { createSandboxProvider } from './sandbox/sandbox-provider.js';
import { loadSandboxSecret } from './sandbox/sandbox-webhook.js';

// Chooses the process's payment provider: Stripe when STRIPE_SECRET_KEY is set, else the
// sandbox (TEST MODE pages served by Masthead, no account needed).

export interface PaymentProviderDeps {
  config: Pick<AppConfig, 'baseUrl' | 'stripeSecretKey' | 'stripeWebhookSecret'>;
  database: DatabaseHandle;
  now: () => Date;
}

/** Which provider the configuration selects. */
export function selectedProvider(config: PaymentProviderDeps['config']): ProviderName {
  return config.stripeSecretKey ? 'stripe' : 'sandbox';
}

/** Builds the provider for this process (the database must be migrated). */
export async function createPaymentProvider(deps: PaymentProviderDeps): Promise<PaymentProvider> {
  const name = selectedProvider(deps.config);
  switch (name) {
    case 'stripe':
      // Added with the Stripe provider (src/revenue/stripe/).
      throw new Error('STRIPE_SECRET_KEY is set but this build has no Stripe provider yet.');
    case 'sandbox': {
      const secret = await loadSandboxSecret(deps.database.db);
      return createSandboxProvider(
        { db: deps.database.db, baseUrl: deps.config.baseUrl, now: deps.now },
        secret,
        (provider, event) => receiveProviderEvent(deps, provider, event),
      );
    }
  }
}
