// Sign-in attempts are limited per IP and per IP+account in memory. Behind a load balancer
// each node counts separately, so the effective limit is N × nodes: still a strong brake on
// guessing, and argon2id makes each guess expensive. (A shared counter can replace this.)

interface Window {
  count: number;
  resetAt: number;
}

export interface RateLimiter {
  /** Records one attempt; returns seconds to wait when over the limit, else 0. */
  hit(key: string, now?: number): number;
  reset(key: string): void;
}

/** A fixed-window counter per key, with memory bounded by dropping expired windows. */
export function createRateLimiter(options: {
  limit: number;
  windowMs: number;
  maxKeys?: number;
}): RateLimiter {
  const windows = new Map<string, Window>();
  return {
    hit(key, now = Date.now()) {
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        if (windows.size >= (options.maxKeys ?? 100_000)) {
          for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
          if (windows.size >= (options.maxKeys ?? 100_000))
            windows.delete(windows.keys().next().value ?? '');
        }
        window = { count: 0, resetAt: now + options.windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return window.count > options.limit ? Math.ceil((window.resetAt - now) / 1000) : 0;
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
