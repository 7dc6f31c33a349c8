import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { SmtpSink } from '../../../platform/mail/test-fixtures/smtp-sink.js';
import type { TestApp } from '../../../test-support/test-app.js';

// A reader's browser in tests: asks for a sign-in link, reads it from the SMTP sink, signs in,
// and keeps the session cookie and the page's CSRF token.

export const origin = 'http://news.test';
const linkPattern = /http:\/\/news\.test\/account\/sign-in\/confirm\?token=([A-Za-z0-9_-]{43})/;

let ipCounter = 0;
/** A fresh client address, so one test's rate limits do not spill into another's. */
export function freshIp(): string {
  ipCounter += 1;
  return `10.9.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

export function askForLink(
  t: TestApp,
  email: string,
  ip = freshIp(),
  headers: Record<string, string> = { origin },
): Promise<LightMyRequestResponse> {
  return t.app
    .inject({
      method: 'POST',
      url: '/account/sign-in',
      remoteAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams({ email }).toString(),
    })
    .then((response) => response);
}

/** Asks for a link and returns the token from the email that arrives. */
export async function tokenFromMail(t: TestApp, sink: SmtpSink, email: string): Promise<string> {
  const count = sink.received.length + 1;
  const response = await askForLink(t, email);
  assert.equal(response.statusCode, 200, response.body);
  const mail = await sink.waitFor(count);
  const token = linkPattern.exec(mail.parsed.text ?? '')?.[1];
  assert.ok(token, 'the email carries a sign-in link');
  return token;
}

export function postForm(
  t: TestApp,
  url: string,
  form: Record<string, string | string[]>,
  cookie?: string,
  extraHeaders: Record<string, string> = { origin },
): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form))
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return t.app
    .inject({
      method: 'POST',
      url,
      remoteAddress: freshIp(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...extraHeaders,
        ...(cookie ? { cookie } : {}),
      },
      payload: body.toString(),
    })
    .then((response) => response);
}

/** The cookies a response set, by name. */
export function setCookies(response: LightMyRequestResponse): Map<string, string> {
  const raw = response.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [String(raw)];
  return new Map(list.map((c) => [c.slice(0, c.indexOf('=')), c]));
}

export interface SignedInMember {
  cookie: string;
  sessionToken: string;
  /** Reads the CSRF token from the account page. */
  csrf(): Promise<string>;
}

/** Signs `email` in through the emailed link, as a browser would. */
export async function signInMember(
  t: TestApp,
  sink: SmtpSink,
  email: string,
): Promise<SignedInMember> {
  const token = await tokenFromMail(t, sink, email);
  const response = await postForm(t, '/account/sign-in/confirm', { token });
  assert.equal(response.statusCode, 303, response.body);
  const session = response.cookies.find((c) => c.name === 'masthead_member_session');
  assert.ok(session, 'a session cookie is set');
  const cookie = `masthead_member_session=${session.value}`;
  return {
    cookie,
    sessionToken: session.value,
    async csrf() {
      const page = await t.app.inject({ method: 'GET', url: '/account/', headers: { cookie } });
      const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
      assert.ok(csrf, 'the account page has a CSRF token');
      return csrf;
    },
  };
}
