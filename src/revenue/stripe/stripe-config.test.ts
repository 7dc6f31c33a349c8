import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../config.js';
import { createTestDatabase, type TestDatabase } from '../../platform/db/test-databases.js';
import { createPaymentProvider } from '../payment-providers.js';

const key = 'sk_test_51SecretValueNeverPrinted';
const webhookSecret = 'whsec_SecretValueNeverPrinted';

describe('Stripe configuration', () => {
  test('a secret key without a webhook secret stops start-up, naming the variable, not the key', () => {
    assert.throws(
      () => loadConfig({ STRIPE_SECRET_KEY: key }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(
          error.message,
          /STRIPE_WEBHOOK_SECRET: is required when STRIPE_SECRET_KEY is set/,
        );
        assert.doesNotMatch(error.message, /SecretValueNeverPrinted/);
        return true;
      },
    );
  });

  test('keys of the wrong form are refused; restricted keys are accepted', () => {
    assert.throws(
      () => loadConfig({ STRIPE_SECRET_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: webhookSecret }),
      /STRIPE_SECRET_KEY/,
    );
    assert.throws(
      () => loadConfig({ STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: 'abc' }),
      /STRIPE_WEBHOOK_SECRET/,
    );
    const config = loadConfig({
      STRIPE_SECRET_KEY: 'rk_live_abc',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
    });
    assert.equal(config.stripeSecretKey, 'rk_live_abc');
  });

  test('a webhook secret alone keeps the sandbox', () => {
    assert.equal(loadConfig({ STRIPE_WEBHOOK_SECRET: webhookSecret }).stripeSecretKey, undefined);
  });

  describe('createPaymentProvider', () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase('sqlite');
    });
    after(async () => database.cleanup());

    test('builds the Stripe provider when both are set, the sandbox otherwise', async () => {
      const now = () => new Date();
      const stripe = await createPaymentProvider({
        config: loadConfig({ STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: webhookSecret }),
        database,
        now,
      });
      assert.equal(stripe.name, 'stripe');
      const sandbox = await createPaymentProvider({ config: loadConfig({}), database, now });
      assert.equal(sandbox.name, 'sandbox');
    });
  });
});
