import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createConfirmToken,
  createManageToken,
  readConfirmToken,
  readManageToken,
} from './newsletter-tokens.js';

describe('newsletter tokens', () => {
  const secret = 'test-secret-test-secret-test-secret';
  const now = new Date('2026-11-25T10:00:00Z');

  it('round-trips a confirmation token until it expires', () => {
    const token = createConfirmToken(secret, 42, now);
    assert.deepEqual(readConfirmToken(secret, token, now), { ok: true, consentId: 42 });
    const later = new Date(now.getTime() + 8 * 24 * 3600_000);
    assert.deepEqual(readConfirmToken(secret, token, later), { ok: false, reason: 'expired' });
  });

  it('rejects tampered, foreign and cross-kind tokens', () => {
    const token = createConfirmToken(secret, 42, now);
    const tampered = token.replace('c.42.', 'c.43.');
    assert.deepEqual(readConfirmToken(secret, tampered, now), { ok: false, reason: 'invalid' });
    assert.deepEqual(readConfirmToken('another-secret', token, now), {
      ok: false,
      reason: 'invalid',
    });
    const manage = createManageToken(secret, 42);
    assert.equal(readConfirmToken(secret, manage, now).ok, false);
    assert.equal(readManageToken(secret, token), undefined);
    assert.deepEqual(readManageToken(secret, manage), {
      subscriberId: 42,
      newsletterId: undefined,
    });
    assert.deepEqual(readManageToken(secret, createManageToken(secret, 42, 7)), {
      subscriberId: 42,
      newsletterId: 7,
    });
    assert.equal(readManageToken(secret, `${manage}x`), undefined);
    assert.equal(readManageToken(secret, ''), undefined);
  });

  it('makes tokens that fit in a URL and an email local part', () => {
    const manage = createManageToken(secret, 123456);
    assert.match(manage, /^[A-Za-z0-9._-]+$/);
    assert.ok(!manage.includes('..'));
  });
});
