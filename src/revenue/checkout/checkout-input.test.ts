import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offersSchema } from '../offers.js';
import { parseCheckoutForm } from './checkout-input.js';

const offers = offersSchema.parse({});

describe('checkout form', () => {
  it('takes "Other amount" over a ticked preset, so the form works without JavaScript', () => {
    const parsed = parseCheckoutForm(
      { kind: 'donation', amount: '25', amount_custom: ' 1 ' },
      offers,
      'en-US',
    );
    assert.equal(parsed.ok, true);
    assert.equal(parsed.ok && parsed.input.baseAmount, 100);
  });

  it('falls back to the preset when "Other amount" is empty', () => {
    const parsed = parseCheckoutForm(
      { kind: 'donation', amount: '25', amount_custom: '' },
      offers,
      'en-US',
    );
    assert.equal(parsed.ok && parsed.input.baseAmount, 2500);
  });

  it('checks the custom amount against the minimum', () => {
    const parsed = parseCheckoutForm({ kind: 'donation', amount_custom: '0.50' }, offers, 'en-US');
    assert.deepEqual(parsed.ok ? undefined : parsed.problem.field, 'amount');
  });
});
