import { z } from 'zod';
import type { RevenueServices } from '../payment-provider.js';
import { defineJob } from '../../platform/jobs/job-definition.js';
import { findMemberById } from '../member.repository.js';
import { readOffers } from '../offers.js';
import {
  cancellationEmail,
  type EmailContext,
  paymentFailedEmail,
  receiptEmail,
} from './revenue-email.js';

// Payment emails, sent by a job so a slow relay never holds up event processing. The job is
// enqueued only when its notice row is new (ledger.repository.ts `claimNotice`), so a
// redelivered event never sends the same email twice.

const email = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('receipt'),
    paymentId: z.number().int().positive(),
    welcome: z.boolean(),
  }),
  z.object({
    kind: z.literal('payment-failed'),
    subscriptionId: z.number().int().positive(),
    link: z.string().max(2000),
  }),
  z.object({ kind: z.literal('cancellation'), subscriptionId: z.number().int().positive() }),
]);

export type RevenueEmail = z.infer<typeof email>;

type EmailDeps = Pick<RevenueServices, 'database' | 'mail' | 'config' | 'settings' | 'payments'>;

export const revenueEmailJob = defineJob({
  name: 'revenue.email',
  version: 1,
  payload: email,
  async handler(payload, deps: EmailDeps) {
    const { db } = deps.database;
    const ctx: EmailContext = {
      settings: await deps.settings.get(),
      offers: await readOffers(db),
      mailFrom: deps.config.mailFrom,
      baseUrl: deps.config.baseUrl,
      testMode: deps.payments.name === 'sandbox',
    };
    if (payload.kind === 'receipt') {
      const payment = await db
        .selectFrom('payments')
        .selectAll()
        .where('id', '=', payload.paymentId)
        .executeTakeFirst();
      if (!payment) return;
      const member = await findMemberById(db, payment.member_id);
      if (!member) return;
      const subscription =
        payment.subscription_id === null
          ? undefined
          : await db
              .selectFrom('revenue_subscriptions')
              .selectAll()
              .where('id', '=', payment.subscription_id)
              .executeTakeFirst();
      await deps.mail.send(receiptEmail(ctx, member, payment, subscription, payload.welcome));
      return;
    }
    const subscription = await db
      .selectFrom('revenue_subscriptions')
      .selectAll()
      .where('id', '=', payload.subscriptionId)
      .executeTakeFirst();
    if (!subscription) return;
    const member = await findMemberById(db, subscription.member_id);
    if (!member) return;
    await deps.mail.send(
      payload.kind === 'payment-failed'
        ? paymentFailedEmail(ctx, member, subscription, payload.link)
        : cancellationEmail(ctx, member, subscription),
    );
  },
});
