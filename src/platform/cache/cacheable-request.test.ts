import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { it } from 'node:test';
import { isCacheableRequest } from './cacheable-request.js';

const request = (url: string, headers: Record<string, string> = {}) =>
  ({ url, headers }) as unknown as IncomingMessage;

it('keeps sessions, bearer tokens and reader-account pages out of the shared cache', () => {
  assert.equal(isCacheableRequest(request('/a-story/')), true);
  assert.equal(
    isCacheableRequest(request('/a-story/', { cookie: 'masthead_consent=1; utm=news' })),
    true,
    'a reader cookie that is not a session',
  );
  assert.equal(isCacheableRequest(request('/', { cookie: 'a=1; masthead_session=x' })), false);
  assert.equal(isCacheableRequest(request('/', { authorization: 'Bearer t' })), false);
  for (const url of ['/account', '/account/', '/account/sign-in', '/account?next=/'])
    assert.equal(isCacheableRequest(request(url)), false, url);
  for (const url of ['/accounts-payable/', '/accountability/', '/tag/account/'])
    assert.equal(isCacheableRequest(request(url)), true, url);
});
