import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createFragmentStore, type FragmentStore } from './fragment-store.js';
import { createTaggedLru } from './tagged-lru.js';

// Rendered public pages kept in memory, bounded in bytes, each stored once per encoding
// (identity, gzip, brotli) with its headers precomputed, so a hit is a buffer copy (ADR 0004).

export type Encoding = 'identity' | 'gzip' | 'br';

export interface CachedRepresentation {
  body: Buffer;
  /** Strong ETag of this representation (each encoding has its own bytes, so its own tag). */
  etag: string;
  /** Header name/value pairs (lower-case names), for inspection. */
  headers: Record<string, string>;
  /** The same headers as a flat [name, value, name, value…] list: the cheapest form for writeHead. */
  headerList: string[];
  /** The headers for a 304 (no body, no length), flat. */
  notModifiedHeaderList: string[];
  /** `headerList` and `notModifiedHeaderList` with `x-cache: MISS`: the response that rendered it. */
  missHeaderList: string[];
  missNotModifiedHeaderList: string[];
}

export interface CacheEntry {
  key: string;
  status: number;
  surrogateKeys: string[];
  storedAt: number;
  /** `storedAt` to the second, as sent in Last-Modified (If-Modified-Since compares with it). */
  lastModifiedSeconds: number;
  /** Bytes counted against the budget: the three bodies plus the key. */
  bytes: number;
  representations: Record<Encoding, CachedRepresentation>;
  /** An opaque access rule: only readers it admits get this page's full variant (ADR 0026). */
  gate?: string | undefined;
}

export interface StoreInput {
  status: number;
  contentType: string;
  body: Buffer | string;
  surrogateKeys: string[];
  /** Seconds shared caches and browsers may reuse the page (default 60). */
  maxAgeSeconds?: number;
  /** The whole Cache-Control value, when the default built from `maxAgeSeconds` does not fit. */
  cacheControl?: string;
  extraHeaders?: Record<string, string>;
  /** The Vary header (default `Accept-Encoding`). */
  vary?: string;
  /** Kept with the entry (see CacheEntry.gate). */
  gate?: string;
  /**
   * `generation()` read before the page was rendered. The store is refused when one of its
   * surrogate keys was purged since: the page may show data from before that change.
   */
  generation?: number;
}

export interface PageCache {
  /** The entry for a cache key (marking it recently used), or undefined. */
  lookup(key: string): CacheEntry | undefined;
  /** Compresses once and stores; undefined when refused (disabled, too large, purged since). */
  store(key: string, input: StoreInput): CacheEntry | undefined;
  /** A counter that moves on every purge: read it before rendering, pass it to `store`. */
  generation(): number;
  /** Removes every entry tagged with one of the surrogate keys (`all`: everything). */
  purgeKeys(keys: string[]): number;
  purgeAll(): number;
  /**
   * Calls `listener` after every purge, local or from another node (`['all']` for everything):
   * live pages learn of new updates this way. Returns the function that stops it.
   */
  onPurge(listener: (keys: string[]) => void): () => void;
  stats(): { entries: number; bytes: number; maxBytes: number; hits: number; misses: number };
  /** Parts of pages (bylines, related lists) purged with the pages, under their own budget. */
  fragments: FragmentStore;
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

/** The default Cache-Control of a cached page: CDNs may serve it stale while they revalidate. */
export function pageCacheControl(maxAgeSeconds = 60): string {
  return `public, max-age=${maxAgeSeconds}, stale-while-revalidate=600, stale-if-error=86400`;
}

/** The cache key of a page's variant for entitled readers (never a URL anyone can request). */
export function fullVariantKey(key: string): string {
  return `${key}\u0000full`;
}

function representation(
  body: Buffer,
  encoding: Encoding,
  base: string[],
  etagBase: string,
  vary = 'Accept-Encoding',
): CachedRepresentation {
  const etag = encoding === 'identity' ? `"${etagBase}"` : `"${etagBase}-${encoding}"`;
  const lists = (state: 'HIT' | 'MISS') => {
    const common = [...base, 'etag', etag, 'vary', vary, 'x-cache', state];
    if (encoding !== 'identity') common.push('content-encoding', encoding);
    return { common, full: [...common, 'content-length', String(body.length)] };
  };
  const hit = lists('HIT');
  const miss = lists('MISS');
  const headers: Record<string, string> = {};
  for (let i = 0; i < hit.full.length; i += 2) headers[hit.full[i] ?? ''] = hit.full[i + 1] ?? '';
  return {
    body,
    etag,
    headers,
    headerList: hit.full,
    notModifiedHeaderList: hit.common,
    missHeaderList: miss.full,
    missNotModifiedHeaderList: miss.common,
  };
}

/** The ETag of these bytes, unquoted: 22 characters of their sha1 (for pages and API answers alike). */
export function etagBaseOf(bytes: Buffer | string): string {
  return createHash('sha1').update(bytes).digest('base64url').slice(0, 22);
}

/** What every representation of a page shares: the identity bytes, headers, ETag base. */
function pageParts(input: StoreInput, now: number) {
  const surrogateKeys = [...new Set(input.surrogateKeys)];
  const identity = Buffer.isBuffer(input.body) ? input.body : Buffer.from(input.body);
  const lastModifiedSeconds = Math.floor(now / 1000);
  const base = [
    'content-type',
    input.contentType,
    'cache-control',
    input.cacheControl ?? pageCacheControl(input.maxAgeSeconds),
    'surrogate-key',
    surrogateKeys.join(' '),
    'last-modified',
    new Date(lastModifiedSeconds * 1000).toUTCString(),
  ];
  for (const [name, value] of Object.entries(input.extraHeaders ?? {})) base.push(name, value);
  const etagBase = etagBaseOf(identity);
  return { surrogateKeys, identity, lastModifiedSeconds, base, etagBase };
}

function encode(identity: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'gzip') return gzipSync(identity, { level: 6 });
  if (encoding === 'br')
    return brotliCompressSync(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    });
  return identity;
}

/**
 * The bytes in a buffer of their own, exactly as long. zlib's sync output is a slice of its
 * 16 KB working chunk and a short string's Buffer is a slice of Node's shared 8 KB pool:
 * stored as they are, a 3 KB compressed page would hold 16 KB for as long as it is cached (the
 * budget counted 19 KB for a page that held 45 KB). Stored bodies are copied out once.
 */
export function ownedBytes(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length) return bytes;
  const owned = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(owned);
  return owned;
}

/**
 * Every representation of a page (identity, gzip, brotli) with its headers, ETags and
 * Last-Modified: what the cache stores, and what the miss that stored it is answered from,
 * so a miss is negotiated and revalidated exactly like a hit.
 */
function renderCacheEntry(key: string, input: StoreInput, now = Date.now()): CacheEntry {
  const parts = pageParts(input, now);
  const { surrogateKeys, lastModifiedSeconds, base, etagBase } = parts;
  const identity = ownedBytes(parts.identity);
  const gzip = ownedBytes(encode(identity, 'gzip'));
  const brotli = ownedBytes(encode(identity, 'br'));
  return {
    key,
    status: input.status,
    surrogateKeys,
    storedAt: now,
    lastModifiedSeconds,
    bytes: identity.length + gzip.length + brotli.length + key.length * 2,
    representations: {
      identity: representation(identity, 'identity', base, etagBase, input.vary),
      gzip: representation(gzip, 'gzip', base, etagBase, input.vary),
      br: representation(brotli, 'br', base, etagBase, input.vary),
    },
    gate: input.gate,
  };
}

/** A page the cache did not keep: only the representation this reader gets, the same headers. */
export interface RenderedPage {
  status: number;
  lastModifiedSeconds: number;
  representation: CachedRepresentation;
}

/** One representation of a page, as `renderCacheEntry` would make it (compressing just that one). */
export function renderRepresentation(
  input: StoreInput,
  encoding: Encoding,
  now = Date.now(),
): RenderedPage {
  const { identity, lastModifiedSeconds, base, etagBase } = pageParts(input, now);
  return {
    status: input.status,
    lastModifiedSeconds,
    representation: representation(
      encode(identity, encoding),
      encoding,
      base,
      etagBase,
      input.vary,
    ),
  };
}

/** Surrogate keys whose last purge is remembered for `generation` checks, at most. */
const maxRememberedPurges = 10_000;

/** Fragments' budget by default: room for the bylines of ~30,000 stories. */
export const defaultFragmentBytes = 8 * 1024 * 1024;

/**
 * Creates an in-memory LRU page cache holding at most `maxBytes` (all three encodings), with a
 * fragment store of `maxFragmentBytes` purged along with it.
 */
export function createPageCache(options: {
  maxBytes: number;
  maxFragmentBytes?: number;
}): PageCache {
  const entries = createTaggedLru<CacheEntry>(options.maxBytes);
  let hits = 0;
  let misses = 0;
  // A render that started before a purge of one of its keys may hold old data: `store` refuses
  // it. `purgedAt` remembers the generation of each key's last purge; `purgedAllAt` covers
  // purgeAll and, once `purgedAt` grows too large, everything it forgot.
  let currentGeneration = 0;
  let purgedAllAt = 0;
  const purgedAt = new Map<string, number>();

  function purgedSince(generation: number, surrogateKeys: string[]): boolean {
    if (generation < purgedAllAt) return true;
    return surrogateKeys.some((surrogate) => (purgedAt.get(surrogate) ?? -1) > generation);
  }

  const fragments = createFragmentStore({
    maxBytes: options.maxFragmentBytes ?? defaultFragmentBytes,
    purgedSince,
  });

  const purgeListeners = new Set<(keys: string[]) => void>();
  // After the purge itself (a listener that re-reads must not find the purged entries).
  const tellListenersSoon = (keys: string[]) => {
    if (purgeListeners.size === 0) return;
    queueMicrotask(() => {
      for (const listener of purgeListeners) listener(keys);
    });
  };

  function purgeAll(): number {
    tellListenersSoon(['all']);
    fragments.purgeAll();
    const count = entries.size;
    entries.clear();
    currentGeneration += 1;
    purgedAllAt = currentGeneration;
    purgedAt.clear();
    return count;
  }

  return {
    lookup(key) {
      const entry = entries.get(key);
      if (!entry) {
        misses += 1;
        return undefined;
      }
      hits += 1;
      return entry;
    },

    store(key, input) {
      // Whatever happens, an older version of this page must not outlive a refused store.
      entries.delete(key);
      if (options.maxBytes <= 0) return undefined;
      const surrogateKeys = [...new Set(input.surrogateKeys)];
      if (input.generation !== undefined && purgedSince(input.generation, surrogateKeys))
        return undefined;
      const bodyLength = Buffer.isBuffer(input.body)
        ? input.body.length
        : Buffer.byteLength(input.body);
      const size = bodyLength * 2 + key.length * 2; // lower bound before compressing
      if (size > options.maxBytes / 4) return undefined; // one page must never flush the cache
      const entry = renderCacheEntry(key, input);
      if (entry.bytes > options.maxBytes / 4) return undefined;
      entries.set(key, entry, surrogateKeys, entry.bytes);
      return entry;
    },

    generation: () => currentGeneration,

    purgeKeys(keys) {
      if (keys.includes('all')) return purgeAll();
      tellListenersSoon(keys);
      currentGeneration += 1;
      if (purgedAt.size + keys.length > maxRememberedPurges) {
        purgedAt.clear();
        purgedAllAt = currentGeneration;
      }
      for (const surrogate of keys) purgedAt.set(surrogate, currentGeneration);
      fragments.purgeKeys(keys);
      return entries.purgeKeys(keys);
    },

    purgeAll,

    onPurge(listener) {
      purgeListeners.add(listener);
      return () => purgeListeners.delete(listener);
    },

    fragments: {
      get: (key) => fragments.get(key),
      set: (key, value, fragmentOptions) => fragments.set(key, value, fragmentOptions),
      stats: () => fragments.stats(),
    },

    stats() {
      return {
        entries: entries.size,
        bytes: entries.bytes,
        maxBytes: options.maxBytes,
        hits,
        misses,
      };
    },
  };
}
