import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMoney, isKnownCurrency, minorDigits, parseAmount, processingFee } from './money.js';

const limits = { minimum: 100, maximum: 1_000_000 };
const numberHint = 'Enter the amount as a number, for example 5 or 12.50.';

describe('money', () => {
  it('knows currencies and their minor units', () => {
    assert.equal(isKnownCurrency('USD'), true);
    assert.equal(isKnownCurrency('UAH'), true);
    assert.equal(isKnownCurrency('usd'), false);
    assert.equal(isKnownCurrency('XXQ'), false);
    assert.equal(minorDigits('USD'), 2);
    assert.equal(minorDigits('JPY'), 0);
  });

  it('formats for a locale, dropping .00 on whole amounts', () => {
    assert.equal(formatMoney(100, 'USD'), '$1');
    assert.equal(formatMoney(150, 'USD'), '$1.50');
    assert.equal(formatMoney(2500, 'EUR'), '€25');
    assert.match(formatMoney(10000, 'UAH', 'uk'), /^100\s₴$|^100\sгрн\.?$/);
  });

  const accepted: Array<[unknown, number]> = [
    ['1', 100],
    ['1.50', 150],
    ['1,5', 150],
    ['$ 5', 500],
    ['10000', 1_000_000],
    [25, 2500],
  ];
  for (const [input, minor] of accepted) {
    it(`parses ${JSON.stringify(input)}`, () => {
      assert.deepEqual(parseAmount(input, 'USD', limits), { ok: true, minor });
    });
  }

  const refused: Array<[unknown, string]> = [
    ['', 'Enter an amount.'],
    [undefined, 'Enter an amount.'],
    ['abc', numberHint],
    ['-5', 'The amount cannot be negative.'],
    ['0.99', 'The smallest amount is $1.'],
    ['1.999', 'Use at most 2 digits after the decimal point.'],
    ['10000.01', 'The largest amount we accept online is $10,000.'],
    ['99999999999999999', numberHint],
    ['1e5', numberHint],
  ];
  for (const [input, message] of refused) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      assert.deepEqual(parseAmount(input, 'USD', limits), { ok: false, message });
    });
  }

  it('refuses fractions of a currency with no minor unit', () => {
    assert.deepEqual(parseAmount('5.5', 'JPY', { minimum: 100, maximum: 100000 }), {
      ok: false,
      message: 'JPY amounts are whole numbers.',
    });
  });

  it('adds a processing fee that leaves the newsroom the whole amount', () => {
    const fee = processingFee(1000, { percent: 2.9, fixed: 30 });
    const total = 1000 + fee;
    assert.ok(total - Math.round(total * 0.029) - 30 >= 1000);
    assert.equal(fee, 61);
  });
});
