import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { defaultMediaLimits, uploadMedia } from '../media/media.service.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import type { BlobStore } from '../platform/storage/blob-store.js';
import { buildArticle, buildTestApp, buildToken, buildUser } from './test-app.js';

// Test data for the backup tests: a small site with an uploaded image and a narration-like MP3.

/** The public pages a restore must reproduce byte for byte. */
export const publicPages = ['/', '/budget-vote/', '/tag/ukraine-news/', '/rss/', '/sitemap.xml'];

/** Seeds articles, a staff user and token, an image and an audio blob. */
export async function buildBackupTestSite(database: DatabaseHandle, storage: BlobStore) {
  await buildUser(database, 'admin');
  await buildToken(database, 'editor');
  const image = await sharp({
    create: { width: 1600, height: 900, channels: 3, background: '#336699' },
  })
    .jpeg()
    .toBuffer();
  const media = await uploadMedia(
    database.db,
    { storage, limits: defaultMediaLimits, now: () => new Date() },
    {
      bytes: image,
      fileName: 'council.jpg',
      declaredType: 'image/jpeg',
      alt: 'The council chamber',
      caption: 'Before the vote',
      credit: 'Staff',
    },
    null,
  );
  await buildArticle(database, {
    title: 'Budget vote',
    slug: 'budget-vote',
    featured_media_id: media.id,
    featured_image_alt: 'The council chamber',
    html: '<p>The council voted on Tuesday: “yes”, 12 to 3.</p><p>Ukrainian: Привіт.</p>',
  });
  for (let i = 0; i < 5; i += 1) await buildArticle(database);
  await buildArticle(database, { status: 'draft', title: 'Not yet' });
  const audio = Buffer.from(`ID3 fake narration ${'x'.repeat(5000)}`);
  await storage.put(`audio/${createHash('sha256').update(audio).digest('hex')}.mp3`, audio);
}

/** Each public page's status and body, rendered by a fresh app over the database. */
export async function renderPublicPages(database: DatabaseHandle, storage: BlobStore) {
  const app = await buildTestApp(database, { storage });
  try {
    const pages: Record<string, string> = {};
    for (const url of publicPages) {
      const response = await app.app.inject({ method: 'GET', url });
      pages[url] = `${response.statusCode}\n${response.body}`;
    }
    return pages;
  } finally {
    await app.close();
  }
}

/** Every media and audio blob's sha256, by key. */
export async function hashBlobs(storage: BlobStore) {
  const hashes: Record<string, string> = {};
  for (const prefix of ['media/', 'audio/'])
    for await (const info of storage.list(prefix)) {
      const data = await storage.get(info.key);
      hashes[info.key] = createHash('sha256')
        .update(data ?? '')
        .digest('hex');
    }
  return hashes;
}
