import type { Executor } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import { type Offers, offersSchema, readOffers } from '../offers.js';
import {
  defaultPromptSettings,
  type PromptSettings,
  readPromptSettings,
} from './prompt-settings.js';

// Prompts render inside synchronous page slots, so the offers and prompt settings they show
// are held in memory rather than read per page view (the newsletter directory does the same).
// Each process reloads both rows on a timer and at once after a change made through its own
// admin API; when they changed, it drops its cached pages.

export interface SupportState {
  offers: Offers;
  prompts: PromptSettings;
}

let current: SupportState = { offers: offersSchema.parse({}), prompts: defaultPromptSettings() };
let currentKey = '';

/** The offers and prompt settings as last loaded (defaults before the first load). */
export function supportState(): SupportState {
  return current;
}

export interface SupportStateKeeper {
  /** Loads both settings rows now; calls onChange when they changed. */
  refresh(): Promise<void>;
  stop(): void;
}

/** Starts keeping this process's copy of the offers and prompt settings fresh. */
export function startSupportState(options: {
  db: Executor;
  logger: Logger;
  onChange: () => void;
  intervalMs?: number;
}): SupportStateKeeper {
  async function refresh(): Promise<void> {
    const [offers, prompts] = await Promise.all([
      readOffers(options.db),
      readPromptSettings(options.db),
    ]);
    const key = JSON.stringify([offers, prompts]);
    if (key === currentKey) return;
    current = { offers, prompts };
    currentKey = key;
    options.onChange();
  }
  const timer = setInterval(() => {
    refresh().catch((error: unknown) =>
      options.logger.warn({ err: error }, 'refreshing the support prompt settings failed'),
    );
  }, options.intervalMs ?? 15_000);
  timer.unref();
  return { refresh, stop: () => clearInterval(timer) };
}
