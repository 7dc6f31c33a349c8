import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PushKeys } from './push-keys.js';

// Each notification carries its delivery id and a token for it, so the click ping counts one
// click per delivery and nobody can inflate another alert's figures by guessing ids.

/** The click token of a delivery. */
export function clickToken(keys: Pick<PushKeys, 'hashKey'>, deliveryId: number): string {
  return createHmac('sha256', keys.hashKey)
    .update(`click:${deliveryId}`)
    .digest('base64url')
    .slice(0, 22);
}

/** True when the token is the delivery's. */
export function checkClickToken(
  keys: Pick<PushKeys, 'hashKey'>,
  deliveryId: number,
  token: string,
): boolean {
  const expected = Buffer.from(clickToken(keys, deliveryId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
