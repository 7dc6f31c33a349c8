import { createHash } from 'node:crypto';

// Named fixed-window rate limits over a shared store (ADR 0019). Every web process and every
// node counts in the same place — the database by default, Redis when REDIS_URL is set — so a
// limit of 10 means 10 in total behind a load balancer, not 10 per node.

/** What a store says about one hit: the count in the key's window, and when the window ends. */
export interface WindowCount {
  count: number;
  /** Epoch milliseconds at which the window (and its count) ends. */
  resetAt: number;
}

/** Where hits are counted. A window starts at a key's first hit and lasts `windowMs`. */
export interface RateLimitStore {
  /** Adds one hit to `key` atomically, starting a new window when the last one has ended. */
  hit(key: string, windowMs: number, now: number): Promise<WindowCount>;
  /** The key's current window without counting a hit; undefined when it has none. */
  peek(key: string, now: number): Promise<WindowCount | undefined>;
  /** Forgets the key's window (e.g. after a successful sign-in). */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

/** A limit's name (unique in the set; part of every stored key), how many hits, per how long. */
export interface LimitDefinition {
  name: string;
  limit: number;
  windowMs: number;
}

export interface LimitDecision {
  allowed: boolean;
  /** Seconds until the window ends when refused (at least 1); 0 when allowed. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  readonly definition: LimitDefinition;
  /** Counts one hit for `key`; refused once the key is over the limit in its window. */
  hit(key: string): Promise<LimitDecision>;
  /** Whether a hit would be allowed now, without counting one (for limits on failures). */
  peek(key: string): Promise<LimitDecision>;
  reset(key: string): Promise<void>;
}

/** The process's limits: define each once at start-up, hit it per request. */
export interface RateLimits {
  define(definition: LimitDefinition): RateLimiter;
  close(): Promise<void>;
}

const namePattern = /^[a-z0-9][a-z0-9.-]*$/;

/**
 * Named limits over one store. Keys are stored as `prefix + name + ':' + hash(key)`, so two
 * limits never share a counter and no address or email is stored as such (a pseudonym, kept
 * one window); `prefix` separates tests (or sites) sharing one store.
 */
export function createRateLimits(options: {
  store: RateLimitStore;
  now?: () => number;
  prefix?: string;
}): RateLimits {
  const now = options.now ?? Date.now;
  const prefix = options.prefix ?? '';
  const defined = new Map<string, RateLimiter>();
  return {
    define(definition) {
      const { name, limit, windowMs } = definition;
      if (!namePattern.test(name)) throw new Error(`Rate limit name "${name}" must be kebab.case`);
      if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(windowMs) || windowMs < 1)
        throw new Error(`Rate limit "${name}" needs a positive whole limit and window`);
      const existing = defined.get(name);
      if (existing) {
        // The same routes registered twice share one limit; two different limits may not.
        if (existing.definition.limit === limit && existing.definition.windowMs === windowMs)
          return existing;
        throw new Error(`Rate limit "${name}" is already defined with other numbers`);
      }
      const storedKey = (key: string) => `${prefix}${name}:${hashKey(key)}`;
      const limiter: RateLimiter = {
        definition: { name, limit, windowMs },
        async hit(key) {
          const at = now();
          return decide(await options.store.hit(storedKey(key), windowMs, at), limit, at);
        },
        async peek(key) {
          const at = now();
          const window = await options.store.peek(storedKey(key), at);
          // Allowed when one more hit would be: the count is still below the limit.
          return decide(window && { ...window, count: window.count + 1 }, limit, at);
        },
        reset: (key) => options.store.reset(storedKey(key)),
      };
      defined.set(name, limiter);
      return limiter;
    },
    close: () => options.store.close(),
  };
}

function decide(window: WindowCount | undefined, limit: number, now: number): LimitDecision {
  if (!window || window.count <= limit) return { allowed: true, retryAfterSeconds: 0 };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)),
  };
}

/**
 * Hits every limiter with its key (all of them count, as each attempt should) and returns the
 * longest wait in seconds, or 0 when every one allows the request.
 */
export async function hitAll(checks: Array<[RateLimiter, string]>): Promise<number> {
  const decisions = await Promise.all(checks.map(([limiter, key]) => limiter.hit(key)));
  return Math.max(0, ...decisions.map((decision) => decision.retryAfterSeconds));
}

/** A fixed-length stand-in for a caller's key (an IP, an email, a user id). */
function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}
