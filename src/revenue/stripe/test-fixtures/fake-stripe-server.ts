import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FakeStripeAccount,
  type FormData,
  type FormValue,
  fakeId,
  list,
  metadataOf,
  obj,
  type StripeObject,
  str,
} from './fake-stripe-objects.js';

// A small fake of Stripe's HTTP API for tests: exactly the endpoints Masthead calls, with
// form-encoded bodies, Stripe-shaped JSON and errors, and idempotency keys honoured the way
// Stripe does (same key + same parameters → the first answer again; different parameters →
// 400 idempotency_error). Point the SDK at it with `{ host, port, protocol: 'http' }`.

export interface RecordedRequest {
  method: string;
  path: string;
  /** Parsed form body (POST) or query (GET). */
  params: FormData;
  idempotencyKey: string | undefined;
  /** True when the answer was replayed for a repeated idempotency key. */
  replayed: boolean;
}

export interface FakeStripeServer {
  readonly account: FakeStripeAccount;
  readonly requests: RecordedRequest[];
  readonly url: string;
  /** Options for createStripeProvider / new Stripe(…) to talk to this server. */
  readonly connection: { host: string; port: number; protocol: 'http' };
  close(): Promise<void>;
}

/** Parses `a[b][0][c]=v&expand[]=x` into nested objects and arrays, as Stripe's API does. */
export function parseForm(body: string): FormData {
  const root: Record<string, FormValue> = {};
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const [rawKey = '', rawValue = ''] = pair.split('=', 2) as [string?, string?];
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    const key = decode(rawKey);
    const segments = [
      key.replace(/\[.*$/, ''),
      ...[...key.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? ''),
    ];
    let node: Record<string, FormValue> | FormValue[] = root;
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      const nextIsIndex = /^\d*$/.test(segments[index + 1] ?? 'x');
      const container = node as Record<string, FormValue>;
      const slot = segment === '' && Array.isArray(node) ? String(node.length) : segment;
      if (last) {
        container[slot] = decode(rawValue);
        return;
      }
      container[slot] ??= nextIsIndex ? [] : {};
      node = container[slot] as Record<string, FormValue> | FormValue[];
    });
  }
  return root;
}

class StripeError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const missing = (id: string, param = 'id') =>
  new StripeError(
    404,
    'invalid_request_error',
    `No such object: '${id}'`,
    param,
    'resource_missing',
  );

function expand(account: FakeStripeAccount, object: StripeObject, params: FormData): StripeObject {
  const copy: Record<string, unknown> = { ...object };
  for (const path of list(params.expand)) {
    if (typeof path !== 'string') continue;
    const value = copy[path];
    if (typeof value === 'string') copy[path] = account.get(value) ?? value;
  }
  return copy as StripeObject;
}

function createCheckoutSession(account: FakeStripeAccount, params: FormData): StripeObject {
  const mode = str(params.mode);
  if (mode !== 'payment' && mode !== 'subscription')
    throw new StripeError(400, 'invalid_request_error', 'Missing required param: mode.', 'mode');
  if (list(params.line_items).length === 0)
    throw new StripeError(400, 'invalid_request_error', 'line_items is required.', 'line_items');
  if (params.customer !== undefined && params.customer_email !== undefined)
    throw new StripeError(
      400,
      'invalid_request_error',
      'You may only specify one of these parameters: customer, customer_email.',
      'customer_email',
    );
  if (params.customer_creation !== undefined && mode !== 'payment')
    throw new StripeError(
      400,
      'invalid_request_error',
      '`customer_creation` can only be used in `payment` mode.',
      'customer_creation',
    );
  if (mode === 'payment' && params.subscription_data !== undefined)
    throw new StripeError(
      400,
      'invalid_request_error',
      'You can not pass `subscription_data` in `payment` mode.',
      'subscription_data',
    );
  if (mode === 'subscription' && params.payment_intent_data !== undefined)
    throw new StripeError(
      400,
      'invalid_request_error',
      'You can not pass `payment_intent_data` in `subscription` mode.',
      'payment_intent_data',
    );
  for (const [index, item] of list(params.line_items).entries()) {
    const priceData = obj(obj(item).price_data);
    if (!/^\d+$/.test(str(priceData.unit_amount) ?? ''))
      throw new StripeError(
        400,
        'invalid_request_error',
        'Invalid integer: unit_amount',
        `line_items[${index}][price_data][unit_amount]`,
      );
    const recurring = priceData.recurring !== undefined;
    if (recurring !== (mode === 'subscription'))
      throw new StripeError(
        400,
        'invalid_request_error',
        recurring
          ? 'You specified `payment` mode but passed a recurring price.'
          : 'You must provide at least one recurring price in `subscription` mode.',
        `line_items[${index}][price_data]`,
      );
  }
  const customer = str(params.customer);
  if (customer !== undefined && !account.get(customer, 'customer'))
    throw new StripeError(
      400,
      'invalid_request_error',
      `No such customer: '${customer}'`,
      'customer',
      'resource_missing',
    );
  return account.createCheckoutSession(params);
}

function updateSubscription(
  account: FakeStripeAccount,
  id: string,
  params: FormData,
): StripeObject {
  const subscription = account.get(id, 'subscription');
  if (!subscription) throw missing(id);
  const patch: Record<string, unknown> = {};
  const flag = str(params.cancel_at_period_end);
  if (flag !== undefined) patch.cancel_at_period_end = flag === 'true';
  if (params.metadata !== undefined)
    patch.metadata = { ...(subscription.metadata as object), ...metadataOf(params.metadata) };
  return account.update(id, patch);
}

/** POST /v1/refunds: refunds a charge (named directly or by its payment intent); no events. */
function createRefund(account: FakeStripeAccount, params: FormData): StripeObject {
  const intentId = str(params.payment_intent);
  const intent = intentId ? account.get(intentId, 'payment_intent') : undefined;
  if (intentId && !intent) throw missing(intentId, 'payment_intent');
  const chargeId = intent ? (intent.latest_charge as string | null) : str(params.charge);
  if (!chargeId)
    throw new StripeError(
      400,
      'invalid_request_error',
      'One of `charge` or `payment_intent` is required.',
    );
  const charge = account.get(chargeId, 'charge');
  if (!charge) throw missing(chargeId, 'charge');
  const left = (charge.amount as number) - (charge.amount_refunded as number);
  if (left <= 0)
    throw new StripeError(
      400,
      'invalid_request_error',
      `Charge ${chargeId} has already been refunded.`,
      undefined,
      'charge_already_refunded',
    );
  const amount = params.amount === undefined ? left : Number(str(params.amount));
  if (!Number.isInteger(amount) || amount <= 0 || amount > left)
    throw new StripeError(
      400,
      'invalid_request_error',
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
      'amount',
      'amount_too_large',
    );
  const refunded = (charge.amount_refunded as number) + amount;
  account.update(chargeId, {
    amount_refunded: refunded,
    refunded: refunded >= (charge.amount as number),
  });
  return account.put({
    id: fakeId('re'),
    object: 'refund',
    amount,
    charge: chargeId,
    payment_intent: (charge.payment_intent as string | null) ?? null,
    currency: charge.currency,
    status: 'succeeded',
    metadata: metadataOf(params.metadata),
    created: account.now(),
  });
}

function route(
  account: FakeStripeAccount,
  method: string,
  path: string,
  params: FormData,
): StripeObject | Record<string, unknown> {
  const parts = path.split('/').filter(Boolean);
  const id = parts.at(-1) ?? '';
  const retrieve = (type: string) => {
    const found = account.get(id, type);
    if (!found) throw missing(id);
    return expand(account, found, params);
  };
  const at = `${method} /${parts.slice(0, -1).join('/')}`;
  if (method === 'POST' && path === '/v1/checkout/sessions')
    return createCheckoutSession(account, params);
  if (method === 'POST' && path === '/v1/billing_portal/sessions') {
    const customer = str(params.customer) ?? '';
    if (!account.get(customer, 'customer'))
      throw new StripeError(
        400,
        'invalid_request_error',
        `No such customer: '${customer}'`,
        'customer',
        'resource_missing',
      );
    const sessionId = fakeId('bps');
    return account.put({
      id: sessionId,
      object: 'billing_portal.session',
      customer,
      return_url: str(params.return_url) ?? null,
      url: `${account.baseUrl()}/portal/${sessionId}`,
      livemode: false,
      created: account.now(),
    });
  }
  if (method === 'POST' && path === '/v1/refunds') return createRefund(account, params);
  if (method === 'GET' && path === '/v1/invoice_payments') {
    const payment = obj(params.payment);
    const invoice = str(params.invoice);
    const data = [...account.objects.values()].filter(
      (o) =>
        o.object === 'invoice_payment' &&
        (invoice === undefined || o.invoice === invoice) &&
        (payment.payment_intent === undefined ||
          (o.payment as { payment_intent?: string }).payment_intent ===
            str(payment.payment_intent)),
    );
    return { object: 'list', data, has_more: false, url: '/v1/invoice_payments' };
  }
  if (at === 'GET /v1/checkout/sessions') return retrieve('checkout.session');
  if (at === 'GET /v1/subscriptions') return retrieve('subscription');
  if (at === 'POST /v1/subscriptions') return updateSubscription(account, id, params);
  if (at === 'GET /v1/invoices') return retrieve('invoice');
  if (at === 'GET /v1/charges') return retrieve('charge');
  if (at === 'GET /v1/payment_intents') return retrieve('payment_intent');
  throw new StripeError(
    404,
    'invalid_request_error',
    `Unrecognized request URL (${method}: ${path}).`,
  );
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeStripeServer(): Promise<FakeStripeServer> {
  let url = '';
  const account = new FakeStripeAccount(() => url);
  const requests: RecordedRequest[] = [];
  const answered = new Map<string, { fingerprint: string; status: number; body: string }>();

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const method = request.method ?? 'GET';
    const target = new URL(request.url ?? '/', 'http://fake');
    const raw = method === 'GET' ? target.search.slice(1) : await readBody(request);
    const params = parseForm(raw);
    const header = request.headers['idempotency-key'];
    const idempotencyKey = typeof header === 'string' ? header : undefined;
    const send = (status: number, body: string, replayed = false) => {
      requests.push({ method, path: target.pathname, params, idempotencyKey, replayed });
      response.writeHead(status, {
        'content-type': 'application/json',
        'request-id': fakeId('req'),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      });
      response.end(body);
    };
    if (!/^Bearer sk_(test|live)_/.test(request.headers.authorization ?? '')) {
      send(
        401,
        JSON.stringify({
          error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' },
        }),
      );
      return;
    }
    const fingerprint = `${method} ${target.pathname} ${raw}`;
    const previous = idempotencyKey && method === 'POST' ? answered.get(idempotencyKey) : undefined;
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        send(
          400,
          JSON.stringify({
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            },
          }),
        );
        return;
      }
      send(previous.status, previous.body, true);
      return;
    }
    let status = 200;
    let body: string;
    try {
      body = JSON.stringify(route(account, method, target.pathname, params));
    } catch (error) {
      if (!(error instanceof StripeError)) throw error;
      status = error.status;
      body = JSON.stringify({
        error: { type: error.type, message: error.message, param: error.param, code: error.code },
      });
    }
    // Like Stripe: a request that failed validation saves no result for its key.
    if (idempotencyKey && method === 'POST' && status === 200)
      answered.set(idempotencyKey, { fingerprint, status, body });
    send(status, body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  return {
    account,
    requests,
    url,
    connection: { host: '127.0.0.1', port, protocol: 'http' },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
