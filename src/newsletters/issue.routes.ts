import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { AppError, notFound } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import { checkEmailAddress } from './email-address.js';
import { findIssue, listIssues } from './issue.repository.js';
import { compileIssue } from './issue-render.js';
import {
  cancelSend,
  changeIssue,
  createIssue,
  issueInput,
  issuePatch,
  pauseSend,
  resendAmbiguous,
  resumeSend,
  sendProgress,
  startSend,
} from './issue.service.js';
import { findNewsletterById } from './newsletter.repository.js';
import { loadSigningSecret } from './newsletter-tokens.js';
import { buildBulkMessage } from './bulk-message.js';
import { processBulkTransport } from './bulk-transport-registry.js';

const sendBody = z
  .object({
    at: z.iso
      .datetime({
        offset: true,
        message: 'must be an ISO date-time such as 2026-12-01T07:00:00+02:00',
      })
      .optional(),
    lanes: z.number().int().min(1).max(8).optional(),
  })
  .strict();
const testBody = z.object({ email: z.string().max(320) }).strict();

/** Admin API for issues: compose, preview, test-send, send, schedule, pause, resume, cancel. */
export function registerIssueRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const testSends = services.limits.define({
    name: 'newsletter-test-sends.sender',
    limit: 10,
    windowMs: 10 * 60_000,
  });
  const issueId = (params: unknown) => parseId((params as { id: string }).id, 'Issue');

  async function compiled(id: number) {
    const issue = await findIssue(db, id);
    if (!issue) throw notFound('Issue');
    const newsletter = await findNewsletterById(db, issue.newsletter_id);
    if (!newsletter) throw notFound('Newsletter');
    const settings = await services.settings.get();
    return {
      issue,
      newsletter,
      compiled: await compileIssue(db, {
        issue,
        newsletter,
        settings,
        baseUrl: services.config.baseUrl,
      }),
    };
  }

  app.get('/api/admin/newsletter-issues', async (request) => {
    requireRole(request, 'editor');
    const newsletter = (request.query as { newsletter_id?: string }).newsletter_id;
    return {
      issues: await listIssues(db, newsletter ? parseId(newsletter, 'Newsletter') : undefined),
    };
  });

  app.post('/api/admin/newsletter-issues', async (request, reply) => {
    requireRole(request, 'editor');
    const issue = await createIssue(db, parseInput(issueInput, request.body), services.now());
    return reply.status(201).send({ issue });
  });

  app.get('/api/admin/newsletter-issues/:id', async (request) => {
    requireRole(request, 'editor');
    const issue = await findIssue(db, issueId(request.params));
    if (!issue) throw notFound('Issue');
    return { issue };
  });

  app.patch('/api/admin/newsletter-issues/:id', async (request) => {
    requireRole(request, 'editor');
    return {
      issue: await changeIssue(
        db,
        issueId(request.params),
        parseInput(issuePatch, request.body),
        services.now(),
      ),
    };
  });

  // The email as a reader sees it (with placeholder links), for the browser.
  app.get('/api/admin/newsletter-issues/:id/preview', async (request, reply) => {
    requireRole(request, 'editor');
    const { compiled: c } = await compiled(issueId(request.params));
    const sample = c.personalize({
      name: 'Reader',
      unsubscribeUrl: '#unsubscribe',
      preferencesUrl: '#preferences',
    });
    const text = (request.query as { format?: string }).format === 'text';
    return reply
      .header('content-type', text ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; img-src * data:; style-src 'unsafe-inline'",
      )
      .send(text ? sample.text : sample.html);
  });

  app.post('/api/admin/newsletter-issues/:id/test', async (request) => {
    const actor = requireRole(request, 'editor');
    const id = issueId(request.params);
    const checked = checkEmailAddress(parseInput(testBody, request.body).email);
    if (!checked.ok)
      throw new AppError(422, 'validation_failed', checked.reason, { email: [checked.reason] });
    if (!(await testSends.hit(`${actor.userId ?? 'token'}:${actor.tokenId ?? ''}`)).allowed)
      throw new AppError(429, 'rate_limited', 'Too many test sends; wait a few minutes.');
    const { issue, newsletter, compiled: c } = await compiled(id);
    const secret = await loadSigningSecret(db);
    // A test copy carries real-looking links that name no subscriber (id 0 never exists).
    const message = buildBulkMessage({
      row: { id: 0, subscriber_id: 0, email: checked.address, name: '' },
      issue,
      newsletter,
      compiled: c,
      secret,
      baseUrl: services.config.baseUrl,
      mailFrom: services.config.mailFrom,
    });
    const outcome = await processBulkTransport(services).send({
      ...message,
      subject: `[TEST] ${message.subject}`,
    });
    if (outcome.kind !== 'sent')
      throw new AppError(
        502,
        'mail_failed',
        `The mail server did not accept the test: ${outcome.response}`,
      );
    return { sent: true, to: checked.address };
  });

  app.post('/api/admin/newsletter-issues/:id/send', async (request, reply) => {
    requireRole(request, 'editor');
    const id = issueId(request.params);
    const body = parseInput(sendBody, request.body ?? {});
    await db.transaction().execute((trx) =>
      startSend(trx, id, {
        now: services.now(),
        ...(body.at ? { at: new Date(body.at) } : {}),
        ...(body.lanes ? { lanes: body.lanes } : {}),
      }),
    );
    return reply.status(202).send(await sendProgress(db, id));
  });

  for (const [action, run] of [
    ['pause', (id: number) => pauseSend(db, id, services.now())],
    [
      'resume',
      (id: number) => db.transaction().execute((trx) => resumeSend(trx, id, services.now())),
    ],
    ['cancel', (id: number) => cancelSend(db, id, services.now())],
  ] as const) {
    app.post(`/api/admin/newsletter-issues/:id/${action}`, async (request) => {
      requireRole(request, 'editor');
      const id = issueId(request.params);
      await run(id);
      return sendProgress(db, id);
    });
  }

  app.post('/api/admin/newsletter-issues/:id/resend-ambiguous', async (request) => {
    requireRole(request, 'editor');
    const id = issueId(request.params);
    const resent = await db
      .transaction()
      .execute((trx) => resendAmbiguous(trx, id, services.now()));
    return { requeued: resent, progress: await sendProgress(db, id) };
  });

  app.get('/api/admin/newsletter-issues/:id/progress', async (request) => {
    requireRole(request, 'editor');
    return sendProgress(db, issueId(request.params));
  });
}
