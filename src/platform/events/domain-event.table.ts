import type { Generated } from 'kysely';

export interface DomainEventTable {
  /** Global order; within a stream, the order the changes committed in. */
  id: Generated<number>;
  /** What the event is about, e.g. `article:12`. */
  stream: string;
  /** e.g. `article.published`. */
  type: string;
  /** The event without `type` and `stream`, as JSON. */
  payload: string;
  created_at: string;
}

declare module '../db/database-schema.js' {
  interface Database {
    domain_events: DomainEventTable;
  }
}
