import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { AppError } from '../platform/errors.js';
import { parseMail } from '../platform/mail/parse-mail.js';
import { loadSigningSecret, readManageToken } from './newsletter-tokens.js';
import { unsubscribe } from './preferences.service.js';

// The mailto half of List-Unsubscribe: every bulk message names
// `unsubscribe+<management token>@<sender domain>` (bulk-message.ts). The operator's MTA hands
// mail for that address to
//   POST /api/newsletters/unsubscribe-mail[?recipient=<envelope recipient>]  (the raw message)
// and the token — signed, naming the subscriber and the newsletter — unsubscribes them, as the
// one-click https link does. No other credential: the token is the proof, as in the link.

const tokenPattern = /unsubscribe\+(m\.\d{1,15}(?:\.\d{1,15})?\.[A-Za-z0-9_-]{10,100})@/i;

/** The management token in an unsubscribe email: envelope recipient, To/Cc/Delivered-To, subject. */
export async function findUnsubscribeToken(
  raw: string,
  recipient: string | undefined,
): Promise<string | undefined> {
  const fromRecipient = tokenPattern.exec(recipient ?? '')?.[1];
  if (fromRecipient) return fromRecipient;
  const parsed = await parseMail(raw, { skipHtmlToText: true, skipTextToHtml: true });
  const candidates = [
    ...['to', 'cc', 'delivered-to', 'x-original-to', 'envelope-to'].map((key) => {
      const value = parsed.headers.get(key);
      return typeof value === 'string' ? value : JSON.stringify(value ?? '');
    }),
    parsed.subject ?? '',
  ];
  for (const candidate of candidates) {
    const token = tokenPattern.exec(candidate)?.[1];
    if (token) return token;
  }
  return undefined;
}

/** Registers the route in a scope whose bodies are kept as text (see bounce.routes.ts). */
export function registerUnsubscribeMailRoute(scope: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const perIp = services.limits.define({
    name: 'unsubscribe-mail.ip',
    limit: 300,
    windowMs: 60_000,
  });
  scope.post('/api/newsletters/unsubscribe-mail', async (request) => {
    if (!(await perIp.hit(request.ip)).allowed)
      throw new AppError(429, 'rate_limited', 'Too many requests.');
    const raw = typeof request.body === 'string' ? request.body : '';
    const recipient = (request.query as { recipient?: unknown }).recipient;
    const token = await findUnsubscribeToken(
      raw,
      typeof recipient === 'string' ? recipient : undefined,
    );
    if (!token)
      throw new AppError(
        422,
        'no_token',
        'No unsubscribe+<token>@ address was found in the recipient, To, Cc or Delivered-To.',
      );
    const owner = readManageToken(await loadSigningSecret(db), token);
    if (!owner) throw new AppError(403, 'bad_token', 'The unsubscribe token is not valid.');
    const done = await db
      .transaction()
      .execute((trx) => unsubscribe(trx, owner.subscriberId, owner.newsletterId, services.now()));
    if (!done) throw new AppError(404, 'not_found', 'This subscriber no longer exists.');
    return {
      unsubscribed: true,
      subscriber_id: owner.subscriberId,
      newsletter_id: owner.newsletterId ?? null,
    };
  });
}
