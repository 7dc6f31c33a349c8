import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, type TestApp } from '../test-support/test-app.js';
import { requestJson, type SignedIn, signInNewUser } from './test-fixtures/admin-client.js';

describeEachDialect('TOTP two-factor sign-in', (getDatabase) => {
  let t: TestApp;
  let me: SignedIn;
  // A clock the test moves in whole 30-second steps, so every code is deterministic.
  const start = new Date();
  let clock = start;
  before(async () => {
    t = await buildTestApp(getDatabase());
    t.services.now = () => clock;
    me = await signInNewUser(t, getDatabase(), 'editor');
  });
  after(() => t.close());

  const signIn = (totp?: string) =>
    requestJson(t, 'POST', '/api/admin/session', {
      email: me.email,
      password: me.password,
      ...(totp === undefined ? {} : { totp }),
    });

  it('enables with a right code, then asks for one at sign-in, refusing wrong and replayed codes', async () => {
    const setup = await requestJson(t, 'POST', '/api/admin/me/totp/setup', {}, me.headers);
    assert.equal(setup.statusCode, 200, setup.body);
    const { secret, otpauth_url } = setup.json() as { secret: string; otpauth_url: string };
    assert.match(otpauth_url, /^otpauth:\/\/totp\/Masthead%20News:/);
    assert.ok(otpauth_url.includes(`secret=${secret}`));
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    const codeAt = (offsetSteps: number) =>
      totp.generate({ timestamp: start.getTime() + offsetSteps * 30_000 });
    // A code that is right for no step near the clock (a one-in-a-million collision aside).
    const wrongCode = (around: number) =>
      ['000000', '111111', '222222', '333333'].find(
        (code) => ![around - 1, around, around + 1].some((step) => codeAt(step) === code),
      ) ?? '444444';

    assert.equal((await signIn()).statusCode, 200, 'a pending secret does not turn 2FA on');

    const wrong = await requestJson(
      t,
      'POST',
      '/api/admin/me/totp/enable',
      { code: wrongCode(0) },
      me.headers,
    );
    assert.equal(wrong.statusCode, 422);
    const enabled = await requestJson(
      t,
      'POST',
      '/api/admin/me/totp/enable',
      { code: codeAt(0) },
      me.headers,
    );
    assert.equal(enabled.statusCode, 200, enabled.body);

    const whoami = await requestJson(t, 'GET', '/api/admin/whoami', undefined, {
      cookie: me.headers.cookie ?? '',
    });
    const user = (whoami.json() as { user: Record<string, unknown> }).user;
    assert.equal(user.totp_enabled, true);
    assert.ok(!whoami.body.includes(secret), 'the secret never leaves the server again');

    const required = await signIn();
    assert.equal(required.statusCode, 401);
    assert.deepEqual(required.json(), {
      error: 'totp_required',
      message: 'Enter the 6-digit code from your authenticator app.',
    });
    assert.equal(required.cookies.length, 0, 'no session without the second factor');

    const bad = await signIn(wrongCode(0));
    assert.equal(bad.statusCode, 401);
    assert.equal((bad.json() as { error: string }).error, 'invalid_totp');
    assert.equal((await signIn(codeAt(0))).statusCode, 401, 'the code that enabled 2FA is spent');

    clock = new Date(start.getTime() + 30_000);
    const good = await signIn(codeAt(1));
    assert.equal(good.statusCode, 200, good.body);
    assert.ok(good.cookies.some((c) => c.name === 'masthead_session'));
    const replay = await signIn(codeAt(1));
    assert.equal(replay.statusCode, 401, 'a code is accepted once');
    assert.equal((replay.json() as { error: string }).error, 'invalid_totp');

    // ±1 step: the next step's code is accepted (a phone clock a little ahead)…
    assert.equal((await signIn(codeAt(2))).statusCode, 200);
    // …but nothing older than the last accepted step, and nothing two steps away.
    clock = new Date(start.getTime() + 90_000);
    assert.equal((await signIn(codeAt(2))).statusCode, 401);
    assert.equal((await signIn(codeAt(5))).statusCode, 401);

    const users = await requestJson(t, 'GET', '/api/admin/whoami', undefined, {
      cookie: me.headers.cookie ?? '',
    });
    assert.ok(!users.body.includes('secret'));

    const keepOn = await requestJson(
      t,
      'POST',
      '/api/admin/me/totp/disable',
      { code: '12' },
      me.headers,
    );
    assert.equal(keepOn.statusCode, 422);
    const off = await requestJson(
      t,
      'POST',
      '/api/admin/me/totp/disable',
      { code: codeAt(3) },
      me.headers,
    );
    assert.equal(off.statusCode, 200, off.body);
    assert.equal((await signIn()).statusCode, 200, 'after disabling, the password is enough');
  });

  it('takes at most 10 codes per account per quarter hour, whichever addresses they come from', async () => {
    const other = await signInNewUser(t, getDatabase(), 'author');
    const setup = await requestJson(t, 'POST', '/api/admin/me/totp/setup', {}, other.headers);
    const { secret } = setup.json() as { secret: string };
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    const now = clock.getTime();
    const enable = await requestJson(
      t,
      'POST',
      '/api/admin/me/totp/enable',
      { code: totp.generate({ timestamp: now }) },
      other.headers,
    );
    assert.equal(enable.statusCode, 200);
    const right = totp.generate({ timestamp: now + 30_000 });
    const wrong = ['000000', '111111', '222222'].find(
      (code) =>
        ![-30_000, 0, 30_000, 60_000].some((d) => totp.generate({ timestamp: now + d }) === code),
    );
    const attempt = (code: string, n: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/admin/session',
        remoteAddress: `10.0.0.${n}`,
        payload: { email: other.email, password: other.password, totp: code },
      });
    for (let n = 1; n <= 10; n += 1) assert.equal((await attempt(wrong ?? '', n)).statusCode, 401);
    const limited = await attempt(right, 11);
    assert.equal(limited.statusCode, 429, 'even the right code waits once the limit is reached');
    assert.match((limited.json() as { message: string }).message, /Too many two-factor codes/);
  });
});
