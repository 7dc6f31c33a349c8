import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { suppressAddress } from './subscriber.repository.js';

// Bounces and complaints: a hard bounce or a complaint suppresses the address at once; soft
// bounces suppress it on the third (counted per address, reset by nothing: three soft bounces
// over any time is a dead or full mailbox we should stop filling).

export type BounceKind = 'hard' | 'soft' | 'complaint';
const softBounceLimit = 3;

async function suppressSubscriber(executor: Executor, email: string, stamp: string) {
  await executor
    .updateTable('subscribers')
    .set({ status: 'suppressed', updated_at: stamp })
    .where('email', '=', email)
    .execute();
}

/** Records a bounce or complaint and applies the suppression rules. Returns whether suppressed. */
export async function recordBounce(
  executor: Executor,
  input: { email: string; kind: BounceKind; deliveryId: number | null; detail: string; now: Date },
): Promise<boolean> {
  const stamp = nowIso(input.now);
  const email = input.email.toLowerCase();
  await executor
    .insertInto('bounce_events')
    .values({
      email,
      delivery_id: input.deliveryId,
      kind: input.kind,
      detail: input.detail.slice(0, 500),
      created_at: stamp,
    })
    .execute();
  if (input.kind === 'soft') {
    await executor
      .updateTable('subscribers')
      .set((eb) => ({ soft_bounces: eb('soft_bounces', '+', 1), updated_at: stamp }))
      .where('email', '=', email)
      .execute();
    const soft = await executor
      .selectFrom('bounce_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', email)
      .where('kind', '=', 'soft')
      .executeTakeFirstOrThrow();
    if (Number(soft.n) < softBounceLimit) return false;
    await suppressAddress(executor, email, 'hard_bounce', `${softBounceLimit} soft bounces`, stamp);
    await suppressSubscriber(executor, email, stamp);
    return true;
  }
  await suppressAddress(
    executor,
    email,
    input.kind === 'complaint' ? 'complaint' : 'hard_bounce',
    input.detail,
    stamp,
  );
  await suppressSubscriber(executor, email, stamp);
  return true;
}

/** A 5.1.x refusal at send time. */
export function recordHardBounce(
  executor: Executor,
  input: { email: string; deliveryId: number; detail: string; now: Date },
): Promise<boolean> {
  return recordBounce(executor, { ...input, kind: 'hard' });
}
