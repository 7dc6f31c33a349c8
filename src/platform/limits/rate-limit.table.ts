export interface RateLimitHitTable {
  /** `prefix + limit name + ':' + key`, e.g. `staff-sign-in.ip:203.0.113.7`. */
  key: string;
  /** Hits in the current window. */
  count: number;
  /** Epoch milliseconds at which the window ends; a hit after it starts a new window. */
  window_ends_at: number;
}

declare module '../db/database-schema.js' {
  interface Database {
    rate_limit_hits: RateLimitHitTable;
  }
}
