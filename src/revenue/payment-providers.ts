import type { AppConfig } from '../config.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { receiveProviderEvent } from './events/receive-event.js';
import type { PaymentProvider } from './payment-provider.js';
import type { ProviderName } from './revenue.table.js';
import { createSandboxProvider } from './sandbox/sandbox-provider.js';
import { loadSandboxSecret } from './sandbox/sandbox-webhook.js';
import { createStripeProvider } from './stripe/stripe-provider.js';

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
    case 'stripe': {
      const { stripeSecretKey, stripeWebhookSecret, baseUrl } = deps.config;
      // loadConfig already refuses a key without a webhook secret; this guards other callers.
      if (!stripeSecretKey || !stripeWebhookSecret)
        throw new Error(
          'STRIPE_SECRET_KEY needs STRIPE_WEBHOOK_SECRET (see README, Payments with Stripe).',
        );
      return createStripeProvider({
        secretKey: stripeSecretKey,
        webhookSecret: stripeWebhookSecret,
        baseUrl,
      });
    }
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
