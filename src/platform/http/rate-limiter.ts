// A fixed-window counter per key, in this process's memory. Enough to slow a script hammering
// one node; the per-address signup limit that protects inboxes lives in the database
// (subscription.service.ts), so it holds across every node.

export interface RateLimiter {
  /** Counts one hit; false when the key is over its limit in the current window. */
  hit(key: string): boolean;
}

export function createRateLimiter(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
  maxKeys?: number;
}): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const at = now();
      let entry = windows.get(key);
      if (!entry || at - entry.start >= options.windowMs) {
        if (windows.size >= maxKeys) windows.clear(); // bounded memory under a flood
        entry = { start: at, count: 0 };
        windows.set(key, entry);
      }
      entry.count += 1;
      return entry.count <= options.limit;
    },
  };
}
