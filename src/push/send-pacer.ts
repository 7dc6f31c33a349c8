// Paces sending to a rate (notifications per second) shared by every job of one process:
// each caller reserves the next free slot and waits for it. 0 means no limit.

export interface SendPacer {
  /** Resolves when the next notification may go. */
  take(): Promise<void>;
}

export function createSendPacer(ratePerSecond: number, now: () => number = Date.now): SendPacer {
  if (ratePerSecond <= 0) return { take: () => Promise.resolve() };
  const interval = 1000 / ratePerSecond;
  let nextAt = 0;
  return {
    take() {
      const at = now();
      // A burst of up to a tenth of a second's worth may go at once after an idle spell.
      nextAt = Math.max(nextAt, at - 100) + interval;
      const wait = nextAt - at;
      return wait <= 1 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}

const shared = new Map<number, SendPacer>();

/** The process's pacer for this rate. */
export function processSendPacer(ratePerSecond: number): SendPacer {
  let pacer = shared.get(ratePerSecond);
  if (!pacer) shared.set(ratePerSecond, (pacer = createSendPacer(ratePerSecond)));
  return pacer;
}
