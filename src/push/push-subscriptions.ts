import type { EventBus } from '../platform/events/domain-events.js';
import { alertLiveFollowers } from './push-alert.service.js';

/**
 * What web push does when live coverage changes, in the change's transaction: a published
 * update with "push" ticked records an alert for the coverage's followers and queues its send
 * (a durable job; nothing here talks to a push service).
 */
export function subscribePush(bus: EventBus, options: { now?: () => Date } = {}): void {
  const now = options.now ?? (() => new Date());
  bus.subscribe(['live.update-published'], {
    name: 'push.live-alert',
    handle: async (executor, event) => {
      if (!event.push) return;
      await alertLiveFollowers(executor, { now }, event);
    },
  });
}
