import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// Rendered public pages kept in memory, bounded in bytes, each stored once per encoding
// (identity, gzip, brotli) with its headers precomputed, so a hit is a buffer copy (ADR 0004).

export type Encoding = 'identity' | 'gzip' | 'br';

export interface CachedRepresentation {
  body: Buffer;
  /** Header name/value pairs ready for `res.writeHead`. */
  headers: Record<string, string>;
  /** The same headers as a flat [name, value, name, value…] list: the cheapest form for writeHead. */
  headerList: string[];
  /** The headers for a 304 (no body, no length), flat. */
  notModifiedHeaderList: string[];
  etag: string;
}

export interface CacheEntry {
  key: string;
  status: number;
  surrogateKeys: string[];
  storedAt: number;
  bytes: number;
  representations: Record<Encoding, CachedRepresentation>;
}

export interface StoreInput {
  status: number;
  contentType: string;
  body: Buffer | string;
  surrogateKeys: string[];
  /** Seconds shared caches and browsers may reuse the page (default 60). */
  maxAgeSeconds?: number;
  extraHeaders?: Record<string, string>;
}

export interface PageCache {
  lookup(key: string): CacheEntry | undefined;
  store(key: string, input: StoreInput): CacheEntry | undefined;
  purgeKeys(keys: string[]): number;
  purgeAll(): number;
  stats(): { entries: number; bytes: number; maxBytes: number; hits: number; misses: number };
}

const ignoredQueryParameters = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref)$/;

/**
 * The cache key for a request, or undefined when the request is not cacheable (not GET/HEAD).
 * Tracking parameters are ignored and the rest sorted, so `?b=1&a=2` and `?a=2&b=1` share an entry.
 */
export function cacheKeyFor(method: string, url: string): string | undefined {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const question = url.indexOf('?');
  if (question === -1) return url;
  const path = url.slice(0, question);
  const params = url
    .slice(question + 1)
    .split('&')
    .filter((pair) => pair !== '' && !ignoredQueryParameters.test(pair.split('=')[0] ?? ''))
    .sort();
  return params.length === 0 ? path : `${path}?${params.join('&')}`;
}

function representation(
  body: Buffer,
  encoding: Encoding,
  base: Record<string, string>,
  etagBase: string,
): CachedRepresentation {
  const etag = encoding === 'identity' ? `"${etagBase}"` : `"${etagBase}-${encoding}"`;
  const common: Record<string, string> = {
    ...base,
    etag,
    vary: 'Accept-Encoding',
    'x-cache': 'HIT',
  };
  if (encoding !== 'identity') common['content-encoding'] = encoding;
  return {
    body,
    etag,
    headers: { ...common, 'content-length': String(body.length) },
    headerList: Object.entries({ ...common, 'content-length': String(body.length) }).flat(),
    notModifiedHeaderList: Object.entries(common).flat(),
  };
}

/** Creates an in-memory LRU page cache holding at most `maxBytes` of bodies. */
export function createPageCache(options: { maxBytes: number }): PageCache {
  const entries = new Map<string, CacheEntry>();
  const bySurrogateKey = new Map<string, Set<string>>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  function remove(key: string): boolean {
    const entry = entries.get(key);
    if (!entry) return false;
    entries.delete(key);
    bytes -= entry.bytes;
    for (const surrogate of entry.surrogateKeys) {
      const keys = bySurrogateKey.get(surrogate);
      keys?.delete(key);
      if (keys?.size === 0) bySurrogateKey.delete(surrogate);
    }
    return true;
  }

  return {
    lookup(key) {
      const entry = entries.get(key);
      if (!entry) {
        misses += 1;
        return undefined;
      }
      hits += 1;
      // Map order is insertion order: re-inserting marks the entry most recently used.
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    },

    store(key, input) {
      if (options.maxBytes <= 0) return undefined;
      const identity = Buffer.isBuffer(input.body) ? input.body : Buffer.from(input.body);
      const gzip = gzipSync(identity, { level: 6 });
      const brotli = brotliCompressSync(identity, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 6,
          [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        },
      });
      const size = identity.length + gzip.length + brotli.length + key.length * 2;
      if (size > options.maxBytes / 4) return undefined; // one page must never flush the whole cache
      const maxAge = input.maxAgeSeconds ?? 60;
      const base: Record<string, string> = {
        'content-type': input.contentType,
        'cache-control': `public, max-age=${maxAge}, stale-while-revalidate=600, stale-if-error=86400`,
        'surrogate-key': input.surrogateKeys.join(' '),
        ...input.extraHeaders,
      };
      const etagBase = createHash('sha1').update(identity).digest('base64url').slice(0, 22);
      remove(key);
      const entry: CacheEntry = {
        key,
        status: input.status,
        surrogateKeys: [...new Set(input.surrogateKeys)],
        storedAt: Date.now(),
        bytes: size,
        representations: {
          identity: representation(identity, 'identity', base, etagBase),
          gzip: representation(gzip, 'gzip', base, etagBase),
          br: representation(brotli, 'br', base, etagBase),
        },
      };
      entries.set(key, entry);
      bytes += size;
      for (const surrogate of entry.surrogateKeys) {
        let keys = bySurrogateKey.get(surrogate);
        if (!keys) bySurrogateKey.set(surrogate, (keys = new Set()));
        keys.add(key);
      }
      for (const oldest of entries.keys()) {
        if (bytes <= options.maxBytes) break;
        remove(oldest);
      }
      return entry;
    },

    purgeKeys(keys) {
      let purged = 0;
      for (const surrogate of keys) {
        if (surrogate === 'all') {
          purged += this.purgeAll();
          continue;
        }
        for (const key of [...(bySurrogateKey.get(surrogate) ?? [])]) if (remove(key)) purged += 1;
      }
      return purged;
    },

    purgeAll() {
      const count = entries.size;
      entries.clear();
      bySurrogateKey.clear();
      bytes = 0;
      return count;
    },

    stats() {
      return { entries: entries.size, bytes, maxBytes: options.maxBytes, hits, misses };
    },
  };
}
