import type { AddressObject } from 'mailparser';
import type { BlobStore } from '../storage/blob-store.js';
import { OUTBOX_FILE_PATTERN, outboxKey } from './mail-transport.js';
import { parseMail } from './parse-mail.js';

export interface OutboxEntry {
  id: string;
  date: string | null;
  to: string;
  subject: string;
}

export interface OutboxMessage extends OutboxEntry {
  from: string;
  html: string | null;
  text: string | null;
}

/** True when `id` is a name the outbox transport made; nothing else ever reaches the disk. */
export function isOutboxId(id: string): boolean {
  return OUTBOX_FILE_PATTERN.test(id);
}

async function listIds(storage: BlobStore): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of storage.list('outbox/')) {
    const name = blob.key.slice('outbox/'.length);
    if (isOutboxId(name)) names.push(name);
  }
  return names.sort().reverse();
}

function addressText(address: AddressObject | AddressObject[] | undefined): string {
  if (!address) return '';
  return (Array.isArray(address) ? address : [address]).map((a) => a.text).join(', ');
}

async function parse(storage: BlobStore, id: string) {
  const source = await storage.get(outboxKey(id));
  if (!source) return undefined;
  return parseMail(source, { skipImageLinks: true });
}

/** One page of outbox messages, newest first (file names sort by time). */
export async function listOutbox(
  storage: BlobStore,
  options: { page?: number; pageSize?: number } = {},
): Promise<{ messages: OutboxEntry[]; total: number }> {
  const pageSize = options.pageSize ?? 25;
  const page = Math.max(1, options.page ?? 1);
  const ids = await listIds(storage);
  const slice = ids.slice((page - 1) * pageSize, page * pageSize);
  const messages = await Promise.all(
    slice.map(async (id) => {
      const mail = await parse(storage, id);
      return {
        id,
        date: mail?.date ? mail.date.toISOString() : null,
        to: addressText(mail?.to),
        subject: mail?.subject ?? '',
      };
    }),
  );
  return { messages, total: ids.length };
}

/** One outbox message parsed, or undefined when the id is malformed or no such file exists. */
export async function readOutboxMessage(
  storage: BlobStore,
  id: string,
): Promise<OutboxMessage | undefined> {
  if (!isOutboxId(id)) return undefined;
  const mail = await parse(storage, id);
  if (!mail) return undefined;
  return {
    id,
    from: addressText(mail.from),
    to: addressText(mail.to),
    subject: mail.subject ?? '',
    date: mail.date ? mail.date.toISOString() : null,
    html: typeof mail.html === 'string' ? mail.html : null,
    text: mail.text ?? null,
  };
}
