import assert from 'node:assert/strict';
import { createLocalBlobStore } from '../storage/local-blob-store.js';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { createMailTransport, OUTBOX_FILE_PATTERN } from './mail-transport.js';
import { isOutboxId, listOutbox, readOutboxMessage } from './outbox.js';
import { startSmtpSink, type SmtpSink } from './test-fixtures/smtp-sink.js';

const mailFrom = 'Kyiv Ledger <newsroom@ledger.test>';

describe('mail transport: SMTP', () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink({ user: 'relay', pass: 's3cret/pass' });
  });
  after(() => sink.close());

  it('delivers a multipart message with envelope, reply-to and headers', async () => {
    const transport = createMailTransport({ smtpUrl: sink.url, dataDir: '/nonexistent', mailFrom });
    assert.equal(transport.kind, 'smtp');
    const sent = await transport.send({
      to: 'reader@example.org',
      subject: 'Привіт — hello',
      text: 'Plain body',
      html: '<p>HTML body</p>',
      replyTo: 'desk@ledger.test',
      headers: { 'X-Masthead-Kind': 'test' },
      envelopeFrom: 'bounces@ledger.test',
    });
    await transport.close();
    assert.match(sent.messageId, /^<.+@.+>$/);
    const mail = await sink.waitFor(1);
    assert.equal(mail.envelopeFrom, 'bounces@ledger.test');
    assert.deepEqual(mail.recipients, ['reader@example.org']);
    assert.equal(mail.parsed.subject, 'Привіт — hello');
    assert.equal(mail.parsed.text?.trim(), 'Plain body');
    assert.equal(mail.parsed.html, '<p>HTML body</p>');
    assert.equal(mail.parsed.from?.text, '"Kyiv Ledger" <newsroom@ledger.test>');
    assert.equal(mail.parsed.replyTo?.text, 'desk@ledger.test');
    assert.equal(mail.parsed.headers.get('x-masthead-kind'), 'test');
  });

  it('sends through a pool', async () => {
    const transport = createMailTransport(
      { smtpUrl: sink.url, dataDir: '/nonexistent', mailFrom },
      { pool: true, maxConnections: 2 },
    );
    const before = sink.received.length;
    await Promise.all(
      [1, 2, 3].map((n) =>
        transport.send({ to: `r${n}@example.org`, subject: `Pooled ${n}`, text: 'x' }),
      ),
    );
    await transport.close();
    const subjects = sink.received.slice(before).map((m) => m.parsed.subject);
    assert.deepEqual(subjects.sort(), ['Pooled 1', 'Pooled 2', 'Pooled 3']);
  });

  it('rejects when the relay refuses the credentials', async () => {
    const transport = createMailTransport({
      smtpUrl: sink.url.replace('s3cret', 'wrong'),
      dataDir: '/nonexistent',
      mailFrom,
    });
    await assert.rejects(transport.send({ to: 'a@example.org', subject: 's', text: 't' }));
    await transport.close();
  });
});

describe('mail transport: outbox', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'masthead-outbox-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('writes real MIME messages with sortable server-made names, listed newest first', async () => {
    const transport = createMailTransport({ smtpUrl: undefined, dataDir, mailFrom });
    assert.equal(transport.kind, 'outbox');
    for (let n = 1; n <= 3; n += 1) {
      await transport.send({
        to: `person${n}@example.org`,
        subject: `Message ${n}`,
        text: `Text ${n}`,
        html: `<p>Html ${n} &amp; more</p>`,
      });
    }
    await transport.close();
    const names = await readdir(join(dataDir, 'outbox'));
    assert.equal(names.length, 3, 'no temporary files are left behind');
    for (const name of names) assert.match(name, OUTBOX_FILE_PATTERN);

    const raw = await readFile(join(dataDir, 'outbox', names.sort()[0] as string), 'utf8');
    assert.match(raw, /\r\nSubject: Message 1\r\n/);
    assert.match(raw, /Content-Type: multipart\/alternative/);
    const parsed = await simpleParser(raw);
    assert.equal(
      parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '',
      'person1@example.org',
    );

    const firstPage = await listOutbox(createLocalBlobStore(dataDir), { page: 1, pageSize: 2 });
    assert.equal(firstPage.total, 3);
    assert.deepEqual(
      firstPage.messages.map((m) => m.subject),
      ['Message 3', 'Message 2'],
    );
    const secondPage = await listOutbox(createLocalBlobStore(dataDir), { page: 2, pageSize: 2 });
    assert.deepEqual(
      secondPage.messages.map((m) => m.subject),
      ['Message 1'],
    );

    const id = firstPage.messages[0]?.id as string;
    const message = await readOutboxMessage(createLocalBlobStore(dataDir), id);
    assert.ok(message);
    assert.equal(message.from, '"Kyiv Ledger" <newsroom@ledger.test>');
    assert.equal(message.to, 'person3@example.org');
    assert.equal(message.text?.trim(), 'Text 3');
    assert.equal(message.html, '<p>Html 3 &amp; more</p>');
    assert.ok(message.date);
  });

  it('refuses ids that are not outbox file names', async () => {
    for (const id of ['../masthead.db', '..%2Fsecret', 'x.eml', '/etc/passwd', '']) {
      assert.equal(isOutboxId(id), false);
      assert.equal(await readOutboxMessage(createLocalBlobStore(dataDir), id), undefined);
    }
    assert.equal(
      await readOutboxMessage(
        createLocalBlobStore(dataDir),
        '20260101T000000000Z-000001-aaaaaaaaaaaa.eml',
      ),
      undefined,
    );
  });

  it('lists an empty outbox when the folder does not exist yet', async () => {
    assert.deepEqual(await listOutbox(createLocalBlobStore(join(dataDir, 'missing'))), {
      messages: [],
      total: 0,
    });
  });
});
