import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachStorage } from '../storage/test-fixtures/each-storage.js';
import { createMailTransport } from './mail-transport.js';
import { listOutbox, readOutboxMessage } from './outbox.js';

// Without SMTP the outbox is kept in the site's blob store, so on S3 every node writes to and
// reads from the same outbox (an invitation sent by node A is in node B's Outbox screen).
describeEachStorage('the outbox in the blob store', (getStore) => {
  it('writes each message under outbox/ and lists and reads it back, from another transport too', async () => {
    const nodeA = createMailTransport(
      { smtpUrl: undefined, dataDir: '/nonexistent', mailFrom: 'newsroom@ledger.test' },
      { storage: getStore() },
    );
    for (const n of [1, 2])
      await nodeA.send({ to: `reader${n}@example.org`, subject: `Hello ${n}`, text: `Text ${n}` });
    await nodeA.close();
    const listed = await listOutbox(getStore());
    assert.equal(listed.total, 2);
    assert.deepEqual(
      listed.messages.map((m) => m.subject),
      ['Hello 2', 'Hello 1'],
    );
    const message = await readOutboxMessage(getStore(), listed.messages[1]?.id ?? '');
    assert.equal(message?.to, 'reader1@example.org');
    assert.equal(message?.text?.trim(), 'Text 1');
    assert.equal(await readOutboxMessage(getStore(), '../../etc/passwd'), undefined);
  });
});
