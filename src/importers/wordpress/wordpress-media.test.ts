import assert from 'node:assert/strict';
import { testEvents } from '../../test-support/test-app.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { defaultMediaLimits } from '../../media/media.service.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { importWordPress } from './wordpress-import.js';
import { findAttachmentFile } from './wordpress-media.js';
import { createLocalBlobStore } from '../../platform/storage/local-blob-store.js';

const fixture = new URL('../../../test/fixtures/wordpress/export.xml', import.meta.url).pathname;

/** A copy of wp-content/uploads holding the fixture's featured image (grid.jpg, 2022/10). */
async function buildUploadsFolder(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-uploads-'));
  mkdirSync(join(dir, '2022', '10'), { recursive: true });
  const jpeg = await sharp({
    create: { width: 1600, height: 900, channels: 3, background: '#336699' },
  })
    .jpeg()
    .toBuffer();
  writeFileSync(join(dir, '2022', '10', 'grid.jpg'), jpeg);
  writeFileSync(join(dir, 'notes.jpg'), 'not really an image');
  return dir;
}

describe('finding attachment files', () => {
  it('looks under the uploads path, then by name, and never outside the folder', async () => {
    const dir = await buildUploadsFolder();
    const base = 'https://old.example/wp-content/uploads';
    assert.equal(
      await findAttachmentFile(dir, `${base}/2022/10/grid.jpg`),
      join(dir, '2022', '10', 'grid.jpg'),
    );
    assert.equal(
      await findAttachmentFile(dir, `${base}/2031/01/notes.jpg`),
      join(dir, 'notes.jpg'),
    );
    assert.equal(await findAttachmentFile(dir, `${base}/%2e%2e/%2e%2e/etc/hostname`), undefined);
    assert.equal(await findAttachmentFile(dir, `${base}/2022/10/missing.jpg`), undefined);
    assert.equal(await findAttachmentFile(dir, 'not a url'), undefined);
  });
});

describeEachDialect('WordPress import with --media-dir', (getDatabase) => {
  it('copies attachments into the media library (with crops) and uses them as featured images, once', async () => {
    const dir = await buildUploadsFolder();
    const dataDir = mkdtempSync(join(tmpdir(), 'masthead-media-'));
    const deps = {
      db: getDatabase().db,
      now: () => new Date('2026-11-25T10:00:00Z'),
      timeZone: 'Europe/Kyiv',
      internalHosts: ['news.test'],
      events: testEvents(),
    };
    const media = {
      dir,
      deps: { storage: createLocalBlobStore(dataDir), limits: defaultMediaLimits, now: deps.now },
    };
    const report = await importWordPress(deps, fixture, { media });
    assert.equal(report.mediaCopied, 1);
    assert.ok(report.featuredImages >= 1);
    const { db } = getDatabase();
    const featured = await db
      .selectFrom('articles')
      .select(['featured_media_id', 'featured_image_url'])
      .where('featured_media_id', 'is not', null)
      .execute();
    assert.equal(featured.length, 1);
    assert.match(
      featured[0]?.featured_image_url ?? '',
      /^\/media\/[0-9a-f]{2}\/[0-9a-f]{64}-1280\.jpg$/,
    );
    const row = await db
      .selectFrom('media')
      .selectAll()
      .where('id', '=', featured[0]?.featured_media_id ?? 0)
      .executeTakeFirstOrThrow();
    assert.equal(row.alt, 'A substation at dusk');
    const crops = (JSON.parse(row.variants) as Array<{ crop?: string }>).filter((v) => v.crop);
    assert.equal(crops.length, 3);

    const again = await importWordPress(deps, fixture, { media });
    assert.equal(again.mediaCopied, 0);
    assert.equal(again.imported, 0);
    const count = await db
      .selectFrom('media')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });
});
