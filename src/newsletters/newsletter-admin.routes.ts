import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { notFound } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import {
  deleteNewsletter,
  findNewsletterById,
  findNewsletterBySlug,
  listNewsletters,
} from './newsletter.repository.js';
import {
  changeNewsletter,
  createNewsletter,
  newsletterInput,
  newsletterPatch,
  presentNewsletter,
} from './newsletter.service.js';
import {
  listConsentRecords,
  listSubscriptionsWithSlugs,
  searchSubscribers,
} from './subscriber.repository.js';
import { scheduleDigest } from './digest.job.js';
import { csvLine } from './subscriber-csv.js';
import { importSubscribers } from './subscriber-import.service.js';

const subscriberQuery = z.object({
  q: z.string().trim().max(200).optional(),
  newsletter: z.string().trim().max(120).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

const importBody = z
  .object({
    csv: z
      .string()
      .min(1, 'The CSV is empty.')
      .max(20 * 1024 * 1024),
    newsletters: z.array(z.string().trim().min(1)).max(50).default([]),
  })
  .strict();

const pageSize = 50;

/**
 * Admin API for newsletters and subscribers (editor and up). `onChange` runs after a change
 * that public pages show (the signup forms' list of newsletters).
 */
export function registerNewsletterAdminRoutes(
  app: FastifyInstance,
  services: AppServices,
  onChange: () => Promise<void>,
): void {
  const { db } = services.database;

  app.get('/api/admin/newsletters', async (request) => {
    requireRole(request, 'editor');
    return { newsletters: (await listNewsletters(db)).map(presentNewsletter) };
  });

  app.post('/api/admin/newsletters', async (request, reply) => {
    requireRole(request, 'editor');
    const input = parseInput(newsletterInput, request.body);
    const row = await createNewsletter(db, input, services.now());
    await scheduleDigest(db, row, await services.settings.get(), services.now());
    await onChange();
    return reply.status(201).send({ newsletter: presentNewsletter(row) });
  });

  app.get('/api/admin/newsletters/:id', async (request) => {
    requireRole(request, 'editor');
    const row = await findNewsletterById(
      db,
      parseId((request.params as { id: string }).id, 'Newsletter'),
    );
    if (!row) throw notFound('Newsletter');
    return { newsletter: presentNewsletter(row) };
  });

  app.patch('/api/admin/newsletters/:id', async (request) => {
    requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id, 'Newsletter');
    const row = await changeNewsletter(
      db,
      id,
      parseInput(newsletterPatch, request.body),
      services.now(),
    );
    // A changed schedule queues its next slot; the old slot's job finds it is no slot any more.
    await scheduleDigest(db, row, await services.settings.get(), services.now());
    await onChange();
    return { newsletter: presentNewsletter(row) };
  });

  app.delete('/api/admin/newsletters/:id', async (request, reply) => {
    requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id, 'Newsletter');
    if (!(await deleteNewsletter(db, id))) throw notFound('Newsletter');
    await onChange();
    return reply.status(204).send();
  });

  app.get('/api/admin/newsletter-subscribers', async (request) => {
    requireRole(request, 'editor');
    const query = parseInput(subscriberQuery, request.query);
    const newsletter = query.newsletter
      ? await findNewsletterBySlug(db, query.newsletter)
      : undefined;
    if (query.newsletter && !newsletter) throw notFound('Newsletter');
    const { rows, total } = await searchSubscribers(db, {
      ...(query.q ? { query: query.q } : {}),
      ...(newsletter ? { newsletterId: newsletter.id } : {}),
      limit: pageSize,
      offset: (query.page - 1) * pageSize,
    });
    const ids = rows.map((r) => r.id);
    const [subscriptions, consents] = await Promise.all([
      listSubscriptionsWithSlugs(db, ids),
      listConsentRecords(db, ids),
    ]);
    return {
      total,
      page: query.page,
      page_size: pageSize,
      subscribers: rows.map((row) => ({
        ...row,
        subscriptions: subscriptions
          .filter((s) => s.subscriber_id === row.id)
          .map(({ subscriber_id: _, ...s }) => ({
            newsletter: s.slug,
            status: s.status,
            confirmed_at: s.confirmed_at,
            unsubscribed_at: s.unsubscribed_at,
          })),
        consent: consents
          .filter((c) => c.subscriber_id === row.id)
          .map((c) => ({
            action: c.action,
            newsletter_ids: JSON.parse(c.newsletter_ids) as number[],
            consent_text: c.consent_text,
            location: c.location,
            ip: c.ip,
            user_agent: c.user_agent,
            at: c.created_at,
            confirmed_at: c.confirmed_at,
            confirm_ip: c.confirm_ip,
          })),
      })),
    };
  });

  app.post('/api/admin/newsletter-subscribers/import', async (request) => {
    const actor = requireRole(request, 'editor');
    const input = parseInput(importBody, request.body);
    const report = await db.transaction().execute((trx) =>
      importSubscribers(trx, input.csv, {
        defaultSlugs: input.newsletters,
        actorLabel: actor.userId ? `user ${actor.userId}` : `API token ${actor.tokenId ?? ''}`,
        now: services.now(),
      }),
    );
    return report;
  });

  app.get('/api/admin/newsletter-subscribers/export', async (request, reply) => {
    requireRole(request, 'editor');
    let out = csvLine([
      'email',
      'name',
      'status',
      'newsletters',
      'created_at',
      'consent_text',
      'consent_at',
      'consent_ip',
      'consent_location',
    ]);
    for (let after = 0; ;) {
      const rows = await db
        .selectFrom('subscribers')
        .selectAll()
        .where('id', '>', after)
        .orderBy('id')
        .limit(1000)
        .execute();
      if (rows.length === 0) break;
      after = rows[rows.length - 1]?.id ?? after;
      const ids = rows.map((r) => r.id);
      const [subscriptions, consents] = await Promise.all([
        listSubscriptionsWithSlugs(db, ids),
        listConsentRecords(db, ids),
      ]);
      for (const row of rows) {
        const active = subscriptions
          .filter((s) => s.subscriber_id === row.id && s.status === 'active')
          .map((s) => s.slug);
        const consent = consents.filter((c) => c.subscriber_id === row.id).at(-1);
        out += csvLine([
          row.email,
          row.name,
          row.status,
          active.join(' '),
          row.created_at,
          consent?.consent_text,
          consent?.confirmed_at ?? consent?.created_at,
          consent?.ip,
          consent?.location,
        ]);
      }
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="subscribers.csv"')
      .send(out);
  });
}
