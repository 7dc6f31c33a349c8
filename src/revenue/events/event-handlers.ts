import type { Executor } from '../../platform/db/database.js';
import { enqueueJob } from '../../platform/jobs/job-queue.js';
import { checkEmailAddress } from '../../newsletters/email-address.js';
import { revenueEmailJob, type RevenueEmail } from '../emails/revenue-email.job.js';
import {
  type Checkout,
  claimNotice,
  completeCheckout,
  countSubscriptionPayments,
  findCheckout,
  findPayment,
  insertPayment,
  type RevenueSubscription,
  setAmountRefunded,
  upsertSubscription,
} from '../ledger.repository.js';
import {
  findMemberByCustomer,
  findOrCreateMember,
  linkCustomer,
  type Member,
  refreshMemberStatus,
} from '../member.repository.js';
import type {
  ChargeSnapshot,
  CheckoutSessionSnapshot,
  InvoiceSnapshot,
  PaymentIntentSnapshot,
  SubscriptionSnapshot,
} from '../payment-provider.js';
import type { EventHandler, ProcessDeps } from './event-handler.js';

// One handler per event type we act on (the EventHandler contract is in event-handler.ts).

/** The payer's address and name when no member is linked to the customer yet. */
interface PayerHint {
  email: string | null;
  name: string | null;
}

/** Thrown when an event needs something another event brings (retried by the job). */
export class NotReadyError extends Error {}

function define<State>(handler: EventHandler<State>): EventHandler<unknown> {
  return handler as EventHandler<unknown>;
}

async function payerHint(
  deps: ProcessDeps,
  customerId: string,
  metadata: Record<string, string>,
): Promise<PayerHint> {
  const { db } = deps.database;
  if (await findMemberByCustomer(db, deps.payments.name, customerId))
    return { email: null, name: null };
  const checkout = metadata.checkout_id ? await findCheckout(db, metadata.checkout_id) : undefined;
  if (checkout?.provider_session_id) {
    const session = await deps.payments.retrieveCheckoutSession(checkout.provider_session_id);
    return { email: session.customerEmail ?? checkout.email, name: session.customerName };
  }
  return { email: checkout?.email || null, name: null };
}

async function resolveMember(
  trx: Executor,
  deps: ProcessDeps,
  customerId: string,
  hint: PayerHint,
  now: string,
): Promise<Member> {
  const linked = await findMemberByCustomer(trx, deps.payments.name, customerId);
  if (linked) return linked;
  const checked = checkEmailAddress(hint.email ?? '');
  if (!checked.ok) throw new NotReadyError(`no usable email for customer ${customerId} yet`);
  const member = await findOrCreateMember(trx, checked.address, now, hint.name ?? '');
  await linkCustomer(trx, member.id, deps.payments.name, customerId, now);
  return member;
}

async function checkoutFor(trx: Executor, metadata: Record<string, string>) {
  return metadata.checkout_id ? findCheckout(trx, metadata.checkout_id) : undefined;
}

async function notify(trx: Executor, key: string, email: RevenueEmail, now: string) {
  if (await claimNotice(trx, key, now))
    await enqueueJob(trx, revenueEmailJob, email, { idempotencyKey: key });
}

async function applySubscription(
  trx: Executor,
  deps: ProcessDeps,
  member: Member,
  snapshot: SubscriptionSnapshot,
  fetchedAt: string,
): Promise<RevenueSubscription> {
  const checkout = await checkoutFor(trx, snapshot.metadata);
  const kind =
    (checkout?.kind ?? snapshot.metadata.kind) === 'recurring_donation'
      ? 'recurring_donation'
      : 'membership';
  const stored = await upsertSubscription(
    trx,
    {
      member_id: member.id,
      provider: deps.payments.name,
      provider_subscription_id: snapshot.id,
      kind,
      tier_id: checkout?.tier_id ?? snapshot.metadata.tier_id ?? '',
      interval: snapshot.interval,
      amount: snapshot.amount,
      currency: snapshot.currency,
      status: snapshot.status,
      current_period_end: snapshot.currentPeriodEnd,
      cancel_at_period_end: snapshot.cancelAtPeriodEnd ? 1 : 0,
      canceled_at: snapshot.canceledAt,
      checkout_id: checkout?.id ?? null,
      article_id: checkout?.article_id ?? null,
      prompt: checkout?.prompt ?? '',
      page: checkout?.page ?? '',
      provider_updated_at: fetchedAt,
    },
    fetchedAt,
  );
  if (stored.cancel_at_period_end === 1 || stored.status === 'canceled') {
    await notify(
      trx,
      `cancellation:${stored.provider}:${stored.provider_subscription_id}`,
      { kind: 'cancellation', subscriptionId: stored.id },
      fetchedAt,
    );
  }
  await refreshMemberStatus(trx, member.id, fetchedAt);
  return stored;
}

async function applyOneTimePayment(
  trx: Executor,
  deps: ProcessDeps,
  member: Member,
  intent: PaymentIntentSnapshot,
  checkout: Checkout | undefined,
  fetchedAt: string,
): Promise<void> {
  if (intent.status !== 'succeeded') return;
  const { payment, inserted } = await insertPayment(
    trx,
    {
      member_id: member.id,
      provider: deps.payments.name,
      provider_payment_id: intent.id,
      kind: checkout?.kind ?? 'donation',
      subscription_id: null,
      amount: intent.amount,
      fee_amount: checkout?.fee_amount ?? 0,
      currency: intent.currency,
      status: 'succeeded',
      receipt_url: intent.receiptUrl ?? '',
      checkout_id: checkout?.id ?? null,
      article_id: checkout?.article_id ?? null,
      prompt: checkout?.prompt ?? '',
      page: checkout?.page ?? '',
      paid_at: fetchedAt,
    },
    fetchedAt,
  );
  if (inserted)
    await notify(
      trx,
      `receipt:${payment.provider}:${payment.provider_payment_id}`,
      { kind: 'receipt', paymentId: payment.id, welcome: false },
      fetchedAt,
    );
}

const checkoutCompleted = define<{
  session: CheckoutSessionSnapshot;
  intent: PaymentIntentSnapshot | undefined;
  subscription: SubscriptionSnapshot | undefined;
  fetchedAt: string;
}>({
  async fetch(deps, id) {
    const session = await deps.payments.retrieveCheckoutSession(id);
    const intent = session.paymentIntentId
      ? await deps.payments.retrievePaymentIntent(session.paymentIntentId)
      : undefined;
    const subscription = session.subscriptionId
      ? await deps.payments.retrieveSubscription(session.subscriptionId)
      : undefined;
    return { session, intent, subscription, fetchedAt: deps.now().toISOString() };
  },
  async apply(trx, deps, { session, intent, subscription, fetchedAt }) {
    if (session.status !== 'complete' || !session.customerId) return;
    const checkout = await checkoutFor(trx, session.metadata);
    const member = await resolveMember(
      trx,
      deps,
      session.customerId,
      { email: session.customerEmail ?? checkout?.email ?? null, name: session.customerName },
      fetchedAt,
    );
    if (checkout) await completeCheckout(trx, checkout.id, member.id, fetchedAt);
    if (intent) await applyOneTimePayment(trx, deps, member, intent, checkout, fetchedAt);
    if (subscription) await applySubscription(trx, deps, member, subscription, fetchedAt);
  },
});

const subscriptionChanged = define<{
  subscription: SubscriptionSnapshot;
  hint: PayerHint;
  fetchedAt: string;
}>({
  async fetch(deps, id) {
    const subscription = await deps.payments.retrieveSubscription(id);
    const hint = await payerHint(deps, subscription.customerId, subscription.metadata);
    return { subscription, hint, fetchedAt: deps.now().toISOString() };
  },
  async apply(trx, deps, { subscription, hint, fetchedAt }) {
    const member = await resolveMember(trx, deps, subscription.customerId, hint, fetchedAt);
    await applySubscription(trx, deps, member, subscription, fetchedAt);
  },
});

const invoiceChanged = define<{
  invoice: InvoiceSnapshot;
  subscription: SubscriptionSnapshot | undefined;
  hint: PayerHint;
  fetchedAt: string;
}>({
  async fetch(deps, id) {
    const invoice = await deps.payments.retrieveInvoice(id);
    const subscription = invoice.subscriptionId
      ? await deps.payments.retrieveSubscription(invoice.subscriptionId)
      : undefined;
    const hint = subscription
      ? await payerHint(deps, subscription.customerId, subscription.metadata)
      : { email: null, name: null };
    return { invoice, subscription, hint, fetchedAt: deps.now().toISOString() };
  },
  async apply(trx, deps, { invoice, subscription, hint, fetchedAt }, type) {
    if (!subscription) return; // one-off invoices are not reader revenue we sell
    const member = await resolveMember(trx, deps, subscription.customerId, hint, fetchedAt);
    const stored = await applySubscription(trx, deps, member, subscription, fetchedAt);
    if (invoice.status === 'paid' && invoice.amountPaid > 0) {
      const checkout = stored.checkout_id ? await findCheckout(trx, stored.checkout_id) : undefined;
      const { payment, inserted } = await insertPayment(
        trx,
        {
          member_id: member.id,
          provider: deps.payments.name,
          provider_payment_id: invoice.id,
          kind: stored.kind,
          subscription_id: stored.id,
          amount: invoice.amountPaid,
          fee_amount: checkout?.fee_amount ?? 0,
          currency: invoice.currency,
          status: 'succeeded',
          receipt_url: invoice.hostedInvoiceUrl ?? '',
          checkout_id: stored.checkout_id,
          article_id: stored.article_id,
          prompt: stored.prompt,
          page: stored.page,
          paid_at: invoice.paidAt ?? fetchedAt,
        },
        fetchedAt,
      );
      if (inserted) {
        const first = (await countSubscriptionPayments(trx, stored.id)) === 1;
        await notify(
          trx,
          `receipt:${payment.provider}:${payment.provider_payment_id}`,
          { kind: 'receipt', paymentId: payment.id, welcome: first },
          fetchedAt,
        );
      }
    } else if (type === 'invoice.payment_failed' && invoice.status === 'open') {
      // Still unpaid when we look: tell the reader how to fix it (once per invoice).
      await notify(
        trx,
        `payment-failed:${stored.provider}:${invoice.id}`,
        {
          kind: 'payment-failed',
          subscriptionId: stored.id,
          link: invoice.paymentUrl ?? invoice.hostedInvoiceUrl ?? '',
        },
        fetchedAt,
      );
    }
  },
});

const chargeRefunded = define<{ charge: ChargeSnapshot; fetchedAt: string }>({
  async fetch(deps, id) {
    return { charge: await deps.payments.retrieveCharge(id), fetchedAt: deps.now().toISOString() };
  },
  async apply(trx, deps, { charge, fetchedAt }) {
    const paymentId = charge.invoiceId ?? charge.paymentIntentId;
    if (!paymentId) return;
    const payment = await findPayment(trx, deps.payments.name, paymentId);
    if (!payment) throw new NotReadyError(`payment ${paymentId} is not recorded yet`);
    await setAmountRefunded(trx, payment, charge.amountRefunded, fetchedAt);
  },
});

/** Event type → handler; any other type is recorded and marked processed. */
export const eventHandlers: Readonly<Record<string, EventHandler<unknown>>> = {
  'checkout.session.completed': checkoutCompleted,
  // Delayed methods (SEPA debit, bank transfers): the session completes before the money
  // arrives; the same handler re-reads the session and records the payment once it succeeded.
  'checkout.session.async_payment_succeeded': checkoutCompleted,
  'customer.subscription.created': subscriptionChanged,
  'customer.subscription.updated': subscriptionChanged,
  'customer.subscription.deleted': subscriptionChanged,
  'invoice.paid': invoiceChanged,
  'invoice.payment_failed': invoiceChanged,
  'charge.refunded': chargeRefunded,
};
