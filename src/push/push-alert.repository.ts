import type { Insertable } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type { PushAlertRow, PushAlertTable } from './push.table.js';

// Alerts: what was sent, to which topic, and how far the send has got.

/** Inserts an alert; undefined when its live update already has one (sent once, ever). */
export async function insertAlert(
  executor: Executor,
  values: Insertable<PushAlertTable>,
): Promise<PushAlertRow | undefined> {
  return executor
    .insertInto('push_alerts')
    .values(values)
    .onConflict((oc) => oc.column('live_update_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findAlert(executor: Executor, id: number): Promise<PushAlertRow | undefined> {
  return executor.selectFrom('push_alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest alerts first. */
export async function listAlerts(executor: Executor, limit: number): Promise<PushAlertRow[]> {
  return executor
    .selectFrom('push_alerts')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Records the frozen recipient count (once). */
export async function markFrozen(
  executor: Executor,
  id: number,
  input: { recipients: number; now: string },
): Promise<void> {
  await executor
    .updateTable('push_alerts')
    .set({ frozen_at: input.now, recipients_total: input.recipients })
    .where('id', '=', id)
    .where('frozen_at', 'is', null)
    .execute();
}

/** sending → sent, once no row of the alert is pending or in flight. */
export async function markFinished(executor: Executor, id: number, now: string): Promise<void> {
  await executor
    .updateTable('push_alerts')
    .set({ status: 'sent', finished_at: now })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}
