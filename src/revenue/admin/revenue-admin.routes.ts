import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireRole, staffScope } from '../../platform/http/staff-access.js';
import { csvLine } from '../../newsletters/subscriber-csv.js';
import type { RevenueServices } from '../payment-provider.js';
import { notFound, validationError } from '../../platform/errors.js';
import { parseId, parseInput } from '../../platform/http/validate.js';
import { minorDigits } from '../money.js';
import { readOffers } from '../offers.js';
import { memberSorts } from './member-admin.repository.js';
import { listMembers, loadMemberDetail } from './member-admin.service.js';
import { requestPaymentRefund } from './payment-refund.service.js';
import { summarizeRevenue } from './revenue-summary.service.js';

// Admin API for reader revenue. Members' addresses and money are personal and commercial
// data: editors and admins see them; contributors and authors get 403 (the same line as the
// newsletter subscriber list). Refunds move money, so only admins may ask for one; like every
// cookie-authenticated write it needs the session's CSRF token (checked by the authenticator).

const minimumRole = 'editor';

/** Major units as typed ("12.50"); empty or absent means everything that is left. */
const refundBody = z.object({ amount: z.string().max(40).optional() }).strict();
const pageSize = 50;

const memberQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    status: z
      .enum(['paying', 'free', 'lapsed'], { message: 'must be paying, free or lapsed' })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    sort: z
      .enum(memberSorts, { message: `must be one of ${memberSorts.join(', ')}` })
      .default('newest'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
  })
  .strict();

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31')
  .refine((v) => {
    const time = Date.parse(`${v}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(v);
  }, 'is not a real date');

const summaryQuery = z.object({ from: isoDay.optional(), to: isoDay.optional() }).strict();

/** The longest range the dashboard reports on at once. */
const maxRangeDays = 3 * 366;

/** Minor units as a plain decimal for spreadsheets: 1250 USD → "12.50". */
function decimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/** Registers the revenue admin API behind staff authentication. */
export async function registerRevenueAdminRoutes(
  app: FastifyInstance,
  services: RevenueServices,
): Promise<void> {
  const { db } = services.database;
  await staffScope(app, async (scope) => {
    scope.get('/api/admin/members', async (request) => {
      requireRole(request, minimumRole);
      const query = parseInput(memberQuery, request.query);
      const offers = await readOffers(db);
      const { members, total } = await listMembers(db, offers, {
        query: query.q,
        status: query.status,
        sort: query.sort,
        limit: pageSize,
        offset: (query.page - 1) * pageSize,
      });
      return { total, page: query.page, page_size: pageSize, currency: offers.currency, members };
    });

    scope.get('/api/admin/members.csv', async (request, reply) => {
      requireRole(request, minimumRole);
      const query = parseInput(memberQuery.omit({ page: true }), request.query);
      const offers = await readOffers(db);
      let out = csvLine(['email', 'name', 'status', 'tier', 'since', 'lifetime_total', 'currency']);
      const batch = 1000;
      for (let offset = 0; ; offset += batch) {
        const { members } = await listMembers(db, offers, {
          query: query.q,
          status: query.status,
          sort: query.sort,
          limit: batch,
          offset,
        });
        for (const m of members) {
          out += csvLine([
            m.email,
            m.name,
            m.status,
            m.tier,
            m.since,
            decimal(m.lifetime_total, m.currency),
            m.currency,
          ]);
        }
        if (members.length < batch) break;
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="members.csv"')
        .send(out);
    });

    scope.get('/api/admin/members/:id', async (request) => {
      requireRole(request, minimumRole);
      const id = parseId((request.params as { id: string }).id, 'Member');
      const detail = await loadMemberDetail(db, await readOffers(db), id);
      if (!detail) throw notFound('Member');
      return detail;
    });

    scope.post('/api/admin/members/:id/payments/:paymentId/refund', async (request, reply) => {
      requireRole(request, 'admin');
      const params = request.params as { id: string; paymentId: string };
      const memberId = parseId(params.id, 'Member');
      const paymentId = parseId(params.paymentId, 'Payment');
      const body = parseInput(refundBody, request.body);
      await requestPaymentRefund(
        {
          db,
          payments: services.payments,
          logError: (error) => request.log.error({ err: error }, 'refund request failed'),
        },
        { memberId, paymentId, amount: body.amount },
      );
      // The payment row changes when the provider's charge.refunded event is processed.
      return reply.code(202).send({ status: 'requested' });
    });

    scope.get('/api/admin/revenue/summary', async (request) => {
      requireRole(request, minimumRole);
      const query = parseInput(summaryQuery, request.query);
      const now = services.now();
      const to = query.to ?? now.toISOString().slice(0, 10);
      const from =
        query.from ??
        new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 12, 1))
          .toISOString()
          .slice(0, 10);
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (days < 0) throw validationError({ from: ['must not be after to'] });
      if (days > maxRangeDays)
        throw validationError({ from: [`the range may span at most ${maxRangeDays} days`] });
      return summarizeRevenue(db, await readOffers(db), { from, to }, now);
    });
  });
}
