import type { AppConfig } from '../config.js';
import type { PushKeys } from './push-keys.js';
import { createPushSender, type PushSender } from './push-sender.js';

// One sender (and so one pool of keep-alive connections per push service) per process.

let shared: { publicKey: string; sender: PushSender } | undefined;

/** `mailto:` + the newsroom's sender address: who push services contact about our traffic. */
export function vapidSubject(mailFrom: string): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return `mailto:${address}`;
}

/** The process's push sender for these keys. */
export function processPushSender(keys: PushKeys, config: Pick<AppConfig, 'mailFrom'>): PushSender {
  if (shared?.publicKey !== keys.vapidPublicKey) {
    shared?.sender.close();
    shared = {
      publicKey: keys.vapidPublicKey,
      sender: createPushSender({
        vapid: {
          publicKey: keys.vapidPublicKey,
          privateKey: keys.vapidPrivateKey,
          subject: vapidSubject(config.mailFrom),
        },
      }),
    };
  }
  return shared.sender;
}
