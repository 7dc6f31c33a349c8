import type { AppServices } from '../platform/app-services.js';
import {
  type BulkTransport,
  createMailBulkTransport,
  createSmtpBulkTransport,
} from './bulk-transport.js';

// One bulk transport (one SMTP pool) per process, made on first use by a send.

let shared: { key: string; transport: BulkTransport } | undefined;
let override: BulkTransport | undefined;

/** The process's bulk transport: the SMTP pool on SMTP_URL, else the mail outbox. */
export function processBulkTransport(deps: Pick<AppServices, 'config' | 'mail'>): BulkTransport {
  if (override) return override;
  const { smtpUrl } = deps.config;
  const key = smtpUrl ?? 'outbox';
  if (!shared || shared.key !== key) {
    void shared?.transport.close();
    const connections = Number(process.env.NEWSLETTER_SMTP_CONNECTIONS ?? 5);
    const rate = Number(process.env.NEWSLETTER_RATE_PER_SECOND ?? 0);
    const hourly = Number(process.env.NEWSLETTER_RATE_PER_HOUR ?? 0);
    shared = {
      key,
      transport: smtpUrl
        ? createSmtpBulkTransport(smtpUrl, {
            maxConnections: Number.isInteger(connections) && connections > 0 ? connections : 5,
            ...(rate > 0 ? { rateLimitPerSecond: rate } : {}),
            ...(hourly > 0 ? { rateLimitPerHour: Math.floor(hourly) } : {}),
          })
        : createMailBulkTransport(deps.mail),
    };
  }
  return shared.transport;
}

/** Tests: use this transport instead (undefined restores the default). */
export function setBulkTransportOverride(transport: BulkTransport | undefined): void {
  override = transport;
}

/** Closes the process's pool (CLI commands, shutdown). */
export async function closeBulkTransport(): Promise<void> {
  await shared?.transport.close();
  shared = undefined;
}
