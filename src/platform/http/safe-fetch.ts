import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isBlockedAddress } from './ip-ranges.js';

// The one way the server fetches a URL someone else chose (oEmbed, WebSub hubs, imports):
// every address is checked after DNS resolution and the connection is pinned to the checked
// address (no DNS rebinding), every redirect is checked again, and size and time are capped.

export type SafeFetchFailure =
  'bad_url' | 'blocked' | 'timeout' | 'too_large' | 'too_many_redirects' | 'network';

/** Why a safe fetch did not happen or did not finish. */
export class SafeFetchError extends Error {
  constructor(
    readonly reason: SafeFetchFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface SafeFetchPolicy {
  /** May the fetch connect to this address and port? Default: public addresses, ports 80/443. */
  isAllowed(address: string, port: number): boolean;
}

export const publicInternetOnly: SafeFetchPolicy = {
  isAllowed: (address, port) => (port === 80 || port === 443) && !isBlockedAddress(address),
};

export interface SafeFetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
}

export interface SafeResponse {
  status: number;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type SafeFetch = (url: string, options?: SafeFetchOptions) => Promise<SafeResponse>;

async function resolveChecked(
  host: string,
  port: number,
  policy: SafeFetchPolicy,
): Promise<{ address: string; family: number }> {
  const bare = host.replace(/^\[|\]$/g, '');
  const literal = isIP(bare);
  const addresses = literal
    ? [{ address: bare, family: literal }]
    : await lookup(bare, { all: true, verbatim: true }).catch(() => {
        throw new SafeFetchError('network', `The host ${host} could not be found.`);
      });
  if (addresses.length === 0)
    throw new SafeFetchError('network', `The host ${host} has no address.`);
  // Every address must pass: a name that also points inside the network is refused outright.
  const refused = addresses.find((a) => !policy.isAllowed(a.address, port));
  if (refused)
    throw new SafeFetchError(
      'blocked',
      `Refusing to fetch ${host}: it points to a private or local address.`,
    );
  return addresses[0] as { address: string; family: number };
}

function requestOnce(
  url: URL,
  pinned: { address: string; family: number },
  options: Required<Pick<SafeFetchOptions, 'maxBytes'>> & SafeFetchOptions,
  signal: AbortSignal,
): Promise<SafeResponse> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: { 'user-agent': 'Masthead (+https://github.com/masthead)', ...options.headers },
        signal,
        // Connect to the address we checked, whatever DNS says a moment later.
        lookup: (_host, lookupOptions, callback) => {
          if ((lookupOptions as { all?: boolean }).all)
            (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
              pinned,
            ]);
          else callback(null, pinned.address, pinned.family);
        },
      },
      (response) => {
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > options.maxBytes) {
          response.destroy();
          reject(
            new SafeFetchError('too_large', `The answer is larger than ${options.maxBytes} bytes.`),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            reject(
              new SafeFetchError(
                'too_large',
                `The answer is larger than ${options.maxBytes} bytes.`,
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            url: url.toString(),
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', (error) => reject(error));
      },
    );
    request.on('error', (error) => reject(error));
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

/** A fetch limited by `policy` (default: the public internet on ports 80 and 443). */
export function createSafeFetch(policy: SafeFetchPolicy = publicInternetOnly): SafeFetch {
  return async (input, options = {}) => {
    const timeoutMs = options.timeoutMs ?? 5000;
    const maxBytes = options.maxBytes ?? 1024 * 1024;
    const maxRedirects = options.maxRedirects ?? 3;
    const signal = AbortSignal.timeout(timeoutMs);
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new SafeFetchError('bad_url', 'That is not a valid URL.');
    }
    for (let redirects = 0; ; redirects += 1) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new SafeFetchError('bad_url', 'Only http and https URLs can be fetched.');
      if (url.username || url.password)
        throw new SafeFetchError('bad_url', 'URLs with credentials are not fetched.');
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      const pinned = await resolveChecked(url.hostname, port, policy);
      let response: SafeResponse;
      try {
        response = await requestOnce(url, pinned, { ...options, maxBytes }, signal);
      } catch (error) {
        if (error instanceof SafeFetchError) throw error;
        if (signal.aborted)
          throw new SafeFetchError('timeout', `No complete answer within ${timeoutMs} ms.`);
        throw new SafeFetchError('network', `The request failed: ${(error as Error).message}`);
      }
      const location = response.headers.location;
      if (response.status >= 300 && response.status < 400 && location) {
        if (redirects >= maxRedirects)
          throw new SafeFetchError('too_many_redirects', `More than ${maxRedirects} redirects.`);
        url = new URL(location, url);
        continue; // checked again at the top of the loop
      }
      return response;
    }
  };
}
