import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, buildUser, type TestApp } from '../test-support/test-app.js';
import { requestJson, type SignedIn, signInNewUser } from './test-fixtures/admin-client.js';

const linkPattern = /http:\/\/news\.test\/admin\/accept-invitation\?token=([A-Za-z0-9_-]{43})/;

describeEachDialect('invitations and the outbox viewer', (getDatabase) => {
  let t: TestApp;
  let admin: SignedIn;
  before(async () => {
    t = await buildTestApp(getDatabase());
    admin = await signInNewUser(t, getDatabase(), 'admin');
  });
  after(() => t.close());

  /** The newest outbox email, read through the admin API as an admin would. */
  async function newestEmail() {
    const list = await requestJson(t, 'GET', '/api/admin/outbox?page=1', undefined, admin.headers);
    assert.equal(list.statusCode, 200, list.body);
    const { messages, total } = list.json() as {
      messages: Array<{ id: string; to: string; subject: string; date: string }>;
      total: number;
    };
    assert.ok(total >= 1 && messages[0]);
    const read = await requestJson(
      t,
      'GET',
      `/api/admin/outbox/${messages[0].id}`,
      undefined,
      admin.headers,
    );
    assert.equal(read.statusCode, 200, read.body);
    return read.json() as {
      id: string;
      from: string;
      to: string;
      subject: string;
      html: string;
      text: string;
    };
  }

  it('invites by email; the invitee accepts, is signed in with the role and can call whoami', async () => {
    const created = await requestJson(
      t,
      'POST',
      '/api/admin/invitations',
      { email: ' New.Reporter@News.test ', role: 'author', name: 'New Reporter' },
      admin.headers,
    );
    assert.equal(created.statusCode, 201, created.body);
    const { invitation } = created.json() as {
      invitation: {
        id: number;
        email: string;
        role: string;
        expires_at: string;
        created_at: string;
      };
    };
    assert.equal(invitation.email, 'new.reporter@news.test');
    assert.equal(invitation.role, 'author');
    const days =
      (Date.parse(invitation.expires_at) - Date.parse(invitation.created_at)) / 86_400_000;
    assert.equal(days, 7);

    const pending = await requestJson(t, 'GET', '/api/admin/invitations', undefined, admin.headers);
    assert.deepEqual(
      (pending.json() as { invitations: Array<{ id: number }> }).invitations.map((i) => i.id),
      [invitation.id],
    );

    const email = await newestEmail();
    assert.equal(email.to, 'new.reporter@news.test');
    assert.match(email.subject, /invited to join Masthead News/);
    assert.match(email.from, /"Masthead News" <newsroom@localhost>/);
    const token = linkPattern.exec(email.text)?.[1];
    assert.ok(token, 'the text part carries the accept link');
    assert.ok(email.html.includes(token));

    const lookup = await requestJson(t, 'GET', `/api/admin/invitations/lookup?token=${token}`);
    assert.equal(lookup.statusCode, 200);
    assert.deepEqual(lookup.json(), {
      email: 'new.reporter@news.test',
      role: 'author',
      name: 'New Reporter',
    });

    const weak = await requestJson(t, 'POST', '/api/admin/invitations/accept', {
      token,
      name: 'Nadia Reporter',
      password: 'short',
    });
    assert.equal(weak.statusCode, 422);

    const accepted = await requestJson(t, 'POST', '/api/admin/invitations/accept', {
      token,
      name: 'Nadia Reporter',
      password: 'a long enough password',
    });
    assert.equal(accepted.statusCode, 201, accepted.body);
    const body = accepted.json() as { user: Record<string, unknown>; csrfToken: string };
    assert.deepEqual(Object.keys(body).sort(), ['csrfToken', 'user']);
    assert.equal(body.user.role, 'author');
    assert.equal(body.user.name, 'Nadia Reporter');
    assert.equal(body.user.totp_enabled, false);
    const session = accepted.cookies.find((c) => c.name === 'masthead_session');
    const hint = accepted.cookies.find((c) => c.name === 'masthead_staff');
    assert.ok(session?.httpOnly, 'same cookies as a password sign-in');
    assert.equal(hint?.value, '1');
    const whoami = await requestJson(t, 'GET', '/api/admin/whoami', undefined, {
      cookie: `masthead_session=${session.value}`,
    });
    assert.equal(whoami.statusCode, 200);
    assert.equal((whoami.json() as { role: string }).role, 'author');

    const again = await requestJson(t, 'POST', '/api/admin/invitations/accept', {
      token,
      name: 'Someone Else',
      password: 'a long enough password',
    });
    assert.equal(again.statusCode, 400, 'an invitation works once');
    const lookupAgain = await requestJson(t, 'GET', `/api/admin/invitations/lookup?token=${token}`);
    assert.equal(lookupAgain.statusCode, 400);
    const left = await requestJson(t, 'GET', '/api/admin/invitations', undefined, admin.headers);
    assert.deepEqual((left.json() as { invitations: unknown[] }).invitations, []);
  });

  it('refuses an existing staff address, bad input, and a revoked invitation', async () => {
    const { email } = await buildUser(getDatabase(), 'editor');
    const taken = await requestJson(
      t,
      'POST',
      '/api/admin/invitations',
      { email, role: 'editor' },
      admin.headers,
    );
    assert.equal(taken.statusCode, 409);
    const bad = await requestJson(
      t,
      'POST',
      '/api/admin/invitations',
      { email: 'not-an-address', role: 'owner' },
      admin.headers,
    );
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(Object.keys((bad.json() as { fields: object }).fields).sort(), [
      'email',
      'role',
    ]);

    const created = await requestJson(
      t,
      'POST',
      '/api/admin/invitations',
      { email: 'revoked@news.test', role: 'contributor' },
      admin.headers,
    );
    const { invitation } = created.json() as { invitation: { id: number } };
    const token = linkPattern.exec((await newestEmail()).text)?.[1];
    assert.ok(token);
    const revoked = await requestJson(
      t,
      'DELETE',
      `/api/admin/invitations/${invitation.id}`,
      undefined,
      admin.headers,
    );
    assert.equal(revoked.statusCode, 204);
    const accept = await requestJson(t, 'POST', '/api/admin/invitations/accept', {
      token,
      name: 'Too Late',
      password: 'a long enough password',
    });
    assert.equal(accept.statusCode, 400);
    assert.match(
      (accept.json() as { message: string }).message,
      /invalid, already used, revoked or expired/,
    );
    const twice = await requestJson(
      t,
      'DELETE',
      `/api/admin/invitations/${invitation.id}`,
      undefined,
      admin.headers,
    );
    assert.equal(twice.statusCode, 404);
  });

  it('never lets an outbox id name a path', async () => {
    for (const id of [
      '..%2F..%2Fetc%2Fpasswd',
      '..%2Fmasthead.db',
      '%2Fetc%2Fpasswd',
      'x.eml',
      '20260101T000000000Z-000001-aaaaaaaaaaaa.eml',
    ]) {
      const response = await requestJson(
        t,
        'GET',
        `/api/admin/outbox/${id}`,
        undefined,
        admin.headers,
      );
      assert.equal(response.statusCode, 404, id);
    }
    const traversal = await t.app.inject({
      method: 'GET',
      url: '/api/admin/outbox/../../etc/passwd',
      headers: admin.headers,
    });
    assert.notEqual(traversal.statusCode, 200);
    const page = await requestJson(
      t,
      'GET',
      '/api/admin/outbox?page=zero',
      undefined,
      admin.headers,
    );
    assert.equal(page.statusCode, 422);
  });
});
