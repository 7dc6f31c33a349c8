import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../platform/db/database.js';
import { loadInstallationSecret } from '../../platform/settings/installation-secret.js';
import { type ProviderEvent, WebhookSignatureError } from '../payment-provider.js';
import { type SandboxObject, sandboxId, unixSeconds } from './sandbox-store.js';

// Sandbox events are Stripe-shaped and signed like Stripe's (`t=<unix>,v1=<hex HMAC-SHA256 of
// "t.body">`) with a per-install secret kept in the settings table. They are delivered in
// process, but through the same verify → record → job path a Stripe webhook takes, so the
// sandbox exercises exactly the code that runs in production.

export interface SandboxEvent {
  id: string;
  object: 'event';
  api_version: 'sandbox';
  livemode: false;
  type: string;
  created: number;
  data: { object: SandboxObject };
}

/** The install's sandbox signing secret, made on first use. */
export function loadSandboxSecret(executor: Executor): Promise<string> {
  return loadInstallationSecret(executor, 'revenue-sandbox-webhook-secret');
}

export function buildSandboxEvent(type: string, object: SandboxObject, now: Date): SandboxEvent {
  return {
    id: sandboxId('evt'),
    object: 'event',
    api_version: 'sandbox',
    livemode: false,
    type,
    created: unixSeconds(now),
    // A copy: later changes to the object must not change the event already "sent".
    data: { object: JSON.parse(JSON.stringify(object)) as SandboxObject },
  };
}

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The signature header for a body, as Stripe builds `Stripe-Signature`. */
export function signSandboxPayload(secret: string, body: string, now: Date): string {
  const timestamp = unixSeconds(now);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/** Verifies a signed body (5 minutes' tolerance) and parses the event. */
export function verifySandboxPayload(
  secret: string,
  rawBody: Buffer,
  header: string | undefined,
  now: Date,
  toleranceSeconds = 300,
): ProviderEvent {
  if (!header) throw new WebhookSignatureError('The signature header is missing.');
  const parts = new Map<string, string>();
  for (const piece of header.split(',')) {
    const [key, value] = piece.split('=', 2);
    if (key && value) parts.set(key.trim(), value.trim());
  }
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given))
    throw new WebhookSignatureError('The signature header is malformed.');
  const body = rawBody.toString('utf8');
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex')))
    throw new WebhookSignatureError('The signature does not match the body.');
  if (Math.abs(unixSeconds(now) - timestamp) > toleranceSeconds)
    throw new WebhookSignatureError('The signature is too old.');
  let event: SandboxEvent;
  try {
    event = JSON.parse(body) as SandboxEvent;
  } catch {
    throw new WebhookSignatureError('The body is not JSON.');
  }
  if (typeof event.id !== 'string' || typeof event.type !== 'string' || !event.data?.object?.id)
    throw new WebhookSignatureError('The body is not an event.');
  return {
    id: event.id,
    type: event.type,
    created: new Date(event.created * 1000).toISOString(),
    objectId: event.data.object.id,
    raw: event,
  };
}
