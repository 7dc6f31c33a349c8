import type { RateLimitStore, WindowCount } from './rate-limits.js';

/**
 * Counts in this process's memory: for unit tests of the window logic only. It is not shared,
 * so no process opens it for real traffic (ADR 0019).
 */
export function createMemoryLimitStore(options: { maxKeys?: number } = {}): RateLimitStore {
  const maxKeys = options.maxKeys ?? 100_000;
  const windows = new Map<string, WindowCount>();
  return {
    async hit(key, windowMs, now) {
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        if (windows.size >= maxKeys)
          for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
        window = { count: 0, resetAt: now + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return { ...window };
    },
    async peek(key, now) {
      const window = windows.get(key);
      return window && window.resetAt > now ? { ...window } : undefined;
    },
    async reset(key) {
      windows.delete(key);
    },
    async close() {
      windows.clear();
    },
  };
}
