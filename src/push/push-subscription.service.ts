import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { validationError } from '../platform/errors.js';
import type { PushKeys } from './push-keys.js';
import {
  addTopics,
  deleteSubscription,
  findSubscriptionId,
  listTopics,
  removeTopics,
  upsertSubscription,
} from './push-subscription.repository.js';
import { hashEndpoint, sealSubscription, type SubscriptionSecret } from './subscription-seal.js';

// What a reader may subscribe to, and the rules: an endpoint must belong to a known push
// service (we POST to it from the worker: an arbitrary URL would let anyone aim our workers at
// an internal address), its keys must be a P-256 point and a 16-byte secret, and a topic is
// `breaking` or `live:<articleId>`.

const maxTopics = 50;

export const topicSchema = z
  .string()
  .regex(/^(breaking|live:[1-9]\d{0,15})$/, 'a topic is "breaking" or "live:<article id>"');

const base64url = (bytes: number, what: string) =>
  z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url`)
    .refine((value) => Buffer.from(value, 'base64url').length === bytes, {
      message: `${what} must be ${bytes} bytes`,
    });

export const pushSubscriptionJson = z.object({
  endpoint: z
    .string()
    .max(1000)
    .pipe(z.url({ message: 'endpoint must be a URL' })),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: base64url(65, 'keys.p256dh').refine(
      (value) => Buffer.from(value, 'base64url')[0] === 4,
      'keys.p256dh must be an uncompressed P-256 point',
    ),
    auth: base64url(16, 'keys.auth'),
  }),
});

export const subscribeInput = z
  .object({
    subscription: pushSubscriptionJson,
    topics: z.array(topicSchema).max(maxTopics),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'language must be a code such as en or uk')
      .optional(),
    /** The endpoint this one replaces (pushsubscriptionchange): its topics move here. */
    replaces: z.string().max(1000).optional(),
  })
  .strict()
  .refine((input) => input.topics.length > 0 || input.replaces !== undefined, {
    message: 'choose at least one topic',
    path: ['topics'],
  });

export const endpointInput = z
  .object({
    endpoint: z.string().min(1).max(1000),
    /** Only these topics; all of them (and the subscription) when absent. */
    topics: z.array(topicSchema).max(maxTopics).optional(),
  })
  .strict();

/** True when the endpoint's origin is one of the allowed push services (`*.` any subdomain). */
export function isAllowedPushService(endpoint: string, services: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const origin = url.origin.toLowerCase();
  return services.some((pattern) => {
    const wildcard = /^(https?:\/\/)\*\.(.+)$/.exec(pattern);
    if (!wildcard) return origin === pattern;
    const [, scheme = '', rest = ''] = wildcard;
    return origin.startsWith(scheme) && origin.slice(scheme.length).endsWith(`.${rest}`);
  });
}

export interface SubscriptionDeps {
  keys: PushKeys;
  services: readonly string[];
  defaultLanguage: string;
  now: () => Date;
}

/** Subscribes (or refreshes) a browser and adds topics; returns every topic it now follows. */
export async function subscribeToPush(
  executor: Executor,
  deps: SubscriptionDeps,
  input: z.infer<typeof subscribeInput>,
): Promise<string[]> {
  const { subscription } = input;
  if (!isAllowedPushService(subscription.endpoint, deps.services))
    throw validationError(
      { 'subscription.endpoint': ['this push service is not one we send to'] },
      'This browser’s push service is not supported.',
    );
  const secret: SubscriptionSecret = {
    endpoint: subscription.endpoint,
    p256dh: subscription.keys.p256dh,
    auth: subscription.keys.auth,
  };
  const now = nowIso(deps.now());
  const id = await upsertSubscription(executor, {
    endpointHash: hashEndpoint(deps.keys, secret.endpoint),
    sealed: sealSubscription(deps.keys.sealing, secret),
    keyId: deps.keys.sealing.id,
    language: input.language ?? deps.defaultLanguage,
    now,
  });
  let topics: string[] = input.topics;
  if (input.replaces !== undefined && input.replaces !== secret.endpoint) {
    const previous = await findSubscriptionId(executor, hashEndpoint(deps.keys, input.replaces));
    if (previous !== undefined) {
      topics = [...new Set([...topics, ...(await listTopics(executor, previous))])];
      await deleteSubscription(executor, previous);
    }
  }
  await addTopics(executor, id, topics, now);
  const all = await listTopics(executor, id);
  if (all.length === 0) await deleteSubscription(executor, id);
  if (all.length > maxTopics)
    throw validationError({ topics: [`at most ${maxTopics} topics per browser`] });
  return all;
}

/**
 * Removes topics (all of them when none are named); a subscription left with no topic is
 * deleted. Returns the topics it still follows (none for an unknown endpoint).
 */
export async function unsubscribeFromPush(
  executor: Executor,
  deps: Pick<SubscriptionDeps, 'keys'>,
  input: z.infer<typeof endpointInput>,
): Promise<string[]> {
  const id = await findSubscriptionId(executor, hashEndpoint(deps.keys, input.endpoint));
  if (id === undefined) return [];
  if (input.topics) await removeTopics(executor, id, input.topics);
  const left = input.topics ? await listTopics(executor, id) : [];
  if (left.length === 0) await deleteSubscription(executor, id);
  return left;
}

/** The topics a browser's subscription follows (none when we do not know it). */
export async function topicsOf(
  executor: Executor,
  deps: Pick<SubscriptionDeps, 'keys'>,
  endpoint: string,
): Promise<string[]> {
  const id = await findSubscriptionId(executor, hashEndpoint(deps.keys, endpoint));
  return id === undefined ? [] : listTopics(executor, id);
}
