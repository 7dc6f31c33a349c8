import type { Executor } from '../db/database.js';
import { nowIso } from '../db/database.js';

// Domain events (ADR 0015): a domain announces what changed; the domains above it react. The
// announcing domain never imports the reacting ones, so dependencies point one way.
//
// `publish` writes the event to `domain_events` and runs every subscriber in the caller's
// transaction: the change, its record and every reaction (a search index row, a queued job)
// commit together or not at all, as the direct calls they replace did. Subscribers do quick
// work in the transaction; anything slow or external is a durable job they enqueue.

/**
 * Every event type and its data. Empty here: each announcing domain adds its own with
 * `declare module '…/platform/events/domain-events.js'` (content: content/content-events.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEventMap {}

export type DomainEventType = keyof DomainEventMap & string;

/** One event: its type and that type's data. */
export type DomainEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: { type: K } & DomainEventMap[K];
}[T];

export interface EventSubscriber<T extends DomainEventType> {
  /** Shown in errors and in `subscribersOf`; e.g. `search.index`. */
  name: string;
  /** Runs inside the transaction that made the change; a throw rolls the change back. */
  handle(executor: Executor, event: DomainEvent<T>): Promise<void>;
}

/** What a domain that announces changes needs: only publishing. */
export interface EventPublisher {
  /** Records the event (stream: what it is about, e.g. `article:12`) and runs subscribers. */
  publish(executor: Executor, stream: string, event: DomainEvent): Promise<void>;
}

export interface EventBus extends EventPublisher {
  /** Adds a subscriber for these types; subscribers run in the order they were added. */
  subscribe<T extends DomainEventType>(types: readonly T[], subscriber: EventSubscriber<T>): void;
  /** The names of the subscribers of a type, in the order they run. */
  subscribersOf(type: DomainEventType): string[];
}

type AnySubscriber = EventSubscriber<DomainEventType>;

export function createEventBus(options: { now?: () => Date } = {}): EventBus {
  const now = options.now ?? (() => new Date());
  const byType = new Map<string, AnySubscriber[]>();
  return {
    subscribe(types, subscriber) {
      for (const type of types) {
        const list = byType.get(type) ?? [];
        if (list.some((s) => s.name === subscriber.name))
          throw new Error(`"${subscriber.name}" already subscribes to ${type}`);
        list.push(subscriber as unknown as AnySubscriber);
        byType.set(type, list);
      }
    },
    subscribersOf(type) {
      return (byType.get(type) ?? []).map((s) => s.name);
    },
    async publish(executor, stream, event) {
      const { type, ...data } = event;
      await executor
        .insertInto('domain_events')
        .values({ stream, type, payload: JSON.stringify(data), created_at: nowIso(now()) })
        .execute();
      for (const subscriber of byType.get(type) ?? []) await subscriber.handle(executor, event);
    },
  };
}

/** The recorded events of a stream, oldest first (an article's history, for tests and admin). */
export async function readEventStream(executor: Executor, stream: string, limit = 200) {
  const rows = await executor
    .selectFrom('domain_events')
    .select(['id', 'type', 'payload', 'created_at'])
    .where('stream', '=', stream)
    .orderBy('id', 'asc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    data: JSON.parse(row.payload) as Record<string, unknown>,
    createdAt: row.created_at,
  }));
}
