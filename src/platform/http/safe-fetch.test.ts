import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { isBlockedAddress } from './ip-ranges.js';
import { createSafeFetch, SafeFetchError, type SafeFetchPolicy } from './safe-fetch.js';

describe('isBlockedAddress', () => {
  const blocked = [
    '127.0.0.1',
    '127.255.255.254',
    '0.0.0.0',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:0001::1',
    'fd00:ec2::254',
    'fc00::1',
    'fe80::1%eth0',
    'ff02::1',
    'not an address',
    '',
  ];
  const allowed = ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '1.1.1.1'];
  for (const address of blocked)
    it(`blocks ${address || '(empty)'}`, () => assert.equal(isBlockedAddress(address), true));
  for (const address of allowed)
    it(`allows ${address}`, () => assert.equal(isBlockedAddress(address), false));
});

describe('safe fetch', () => {
  let server: Server;
  let port: number;
  let hits = 0;
  before(async () => {
    server = createServer((request, response) => {
      hits += 1;
      switch (request.url) {
        case '/ok':
          response.end('{"ok":true}');
          return;
        case '/to-metadata':
          response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
          response.end();
          return;
        case '/to-other-port':
          response.writeHead(302, { location: `http://127.0.0.1:${port + 1}/ok` });
          response.end();
          return;
        case '/to-ok':
          response.writeHead(301, { location: '/ok' });
          response.end();
          return;
        case '/loop':
          response.writeHead(302, { location: '/loop' });
          response.end();
          return;
        case '/big':
          response.write('x'.repeat(64 * 1024));
          response.end('x'.repeat(64 * 1024));
          return;
        case '/stall':
          response.write('partial');
          return; // never ends
        default:
          response.writeHead(404);
          response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  // The tests' own server is on loopback: this policy lets exactly that address and port through.
  const onlyTestServer: SafeFetchPolicy = {
    isAllowed: (address, p) => address === '127.0.0.1' && p === port,
  };

  const reasonOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return 'fetched';
    } catch (error) {
      assert.ok(error instanceof SafeFetchError, String(error));
      return error.reason;
    }
  };

  it('refuses loopback, private and metadata addresses by default, before connecting', async () => {
    const fetch = createSafeFetch();
    const before = hits;
    assert.equal(await reasonOf(fetch(`http://127.0.0.1:${port}/ok`)), 'blocked');
    assert.equal(await reasonOf(fetch(`http://localhost:${port}/ok`)), 'blocked');
    assert.equal(await reasonOf(fetch('http://[::1]/ok')), 'blocked');
    assert.equal(await reasonOf(fetch('http://169.254.169.254/latest/meta-data/')), 'blocked');
    assert.equal(await reasonOf(fetch('http://10.0.0.1/')), 'blocked');
    assert.equal(await reasonOf(fetch('http://2130706433/')), 'blocked'); // 127.0.0.1 as a number
    assert.equal(await reasonOf(fetch('file:///etc/passwd')), 'bad_url');
    assert.equal(await reasonOf(fetch('http://user:pass@example.org/')), 'bad_url');
    assert.equal(await reasonOf(fetch('not a url')), 'bad_url');
    assert.equal(hits, before, 'nothing reached the local server');
  });

  it('fetches an allowed address and follows a safe redirect', async () => {
    const fetch = createSafeFetch(onlyTestServer);
    const response = await fetch(`http://127.0.0.1:${port}/to-ok`);
    assert.equal(response.status, 200);
    assert.equal(response.body.toString(), '{"ok":true}');
    assert.equal(response.url, `http://127.0.0.1:${port}/ok`);
  });

  it('checks every redirect again', async () => {
    const fetch = createSafeFetch(onlyTestServer);
    assert.equal(await reasonOf(fetch(`http://127.0.0.1:${port}/to-metadata`)), 'blocked');
    assert.equal(await reasonOf(fetch(`http://127.0.0.1:${port}/to-other-port`)), 'blocked');
    assert.equal(await reasonOf(fetch(`http://127.0.0.1:${port}/loop`)), 'too_many_redirects');
  });

  it('caps the size and the time of an answer', async () => {
    const fetch = createSafeFetch(onlyTestServer);
    assert.equal(
      await reasonOf(fetch(`http://127.0.0.1:${port}/big`, { maxBytes: 100_000 })),
      'too_large',
    );
    assert.equal(
      await reasonOf(fetch(`http://127.0.0.1:${port}/stall`, { timeoutMs: 300 })),
      'timeout',
    );
  });
});
