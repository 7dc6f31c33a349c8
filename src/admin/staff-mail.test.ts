import assert from 'node:assert/strict';
import { createLocalBlobStore } from '../platform/storage/local-blob-store.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createMailTransport } from '../platform/mail/mail-transport.js';
import { listOutbox, readOutboxMessage } from '../platform/mail/outbox.js';
import { siteSettingsSchema } from '../platform/settings/site-settings.js';
import { senderFor, sendInvitationMail } from './staff-mail.js';

const xss = `<script>alert("x")</script>"'&`;

describe('staff emails', () => {
  it('escape every value in the HTML part and keep the text part plain', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'masthead-staff-mail-'));
    try {
      const mail = createMailTransport({ smtpUrl: undefined, dataDir, mailFrom: 'x@news.test' });
      const settings = siteSettingsSchema.parse({ name: xss, postalAddress: `${xss} street` });
      await sendInvitationMail(
        { mail, mailFrom: 'Masthead <newsroom@news.test>', settings },
        { to: 'reader@news.test', role: 'editor', invitedBy: xss },
        'http://news.test/admin/accept-invitation?token=abc&x="y"',
      );
      const [entry] = (await listOutbox(createLocalBlobStore(dataDir))).messages;
      const message = entry
        ? await readOutboxMessage(createLocalBlobStore(dataDir), entry.id)
        : undefined;
      assert.ok(message?.html && message.text);
      assert.ok(!message.html.includes('<script>'), 'no markup from names');
      assert.ok(message.html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
      assert.ok(message.html.includes('token=abc&amp;x=&quot;y&quot;'), 'the link is escaped too');
      assert.ok(message.text.includes(`${xss} invited you`), 'the text part is plain text');
      assert.ok(message.text.includes(`${xss} street`), 'with the postal address in the footer');
      assert.equal(message.from, '"scriptalert(x)/script\'&" <newsroom@news.test>');
      await mail.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('send from MAIL_FROM under the site name', () => {
    assert.equal(
      senderFor('Masthead <desk@news.test>', 'Kyiv Ledger'),
      '"Kyiv Ledger" <desk@news.test>',
    );
    assert.equal(senderFor('desk@news.test', 'Kyiv Ledger'), '"Kyiv Ledger" <desk@news.test>');
    assert.equal(senderFor('desk@news.test', '""'), 'desk@news.test');
  });
});
