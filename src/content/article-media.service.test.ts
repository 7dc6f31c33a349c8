import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { collectImages } from './article-media.service.js';
import type { DocumentJson } from './document/document-schema.js';

const image = (
  alt: string,
  src = 'https://cdn.test/photos/photo.jpg',
  mediaId: number | null = null,
) => ({
  type: 'image',
  attrs: { src, alt, caption: '', credit: '', mediaId },
});

const docWith = (...images: ReturnType<typeof image>[]) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Intro.' }] }, ...images],
});

describeEachDialect('alt text before publishing', (getDatabase) => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await buildTestApp(getDatabase());
    token = await buildToken(getDatabase(), 'editor');
  });
  after(() => t.close());
  const api = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    t.app.inject({
      method,
      url,
      payload: payload as object,
      headers: { authorization: `Bearer ${token}` },
    });

  it('lets a draft keep images without alt, refuses to publish or schedule it, and names each image', async () => {
    const draft = await api('POST', '/api/admin/articles', {
      title: 'Photos from the front',
      status: 'draft',
      doc: docWith(
        image('A described photo'),
        image('   ', 'https://cdn.test/photos/photo%20two.jpg'),
      ),
    });
    assert.equal(draft.statusCode, 201, draft.body);
    const id = (draft.json() as { article: { id: number } }).article.id;
    const publish = await api('POST', `/api/admin/articles/${id}/publish`, {});
    assert.equal(publish.statusCode, 422);
    const body = publish.json() as { message: string; fields: Record<string, string[]> };
    assert.deepEqual(body.fields.doc, [
      'Image 2 (photo two.jpg) needs alt text before publishing.',
    ]);
    assert.match(body.message, /Image 2 \(photo two\.jpg\) needs alt text/);
    const schedule = await api('POST', `/api/admin/articles/${id}/schedule`, {
      published_at: '2099-01-01T10:00',
    });
    assert.equal(schedule.statusCode, 422);
    const asUpdate = await api('PATCH', `/api/admin/articles/${id}`, { status: 'published' });
    assert.equal(asUpdate.statusCode, 422);
    const created = await api('POST', '/api/admin/articles', {
      title: 'Straight to print',
      status: 'published',
      html: '<p>Text.</p><img src="https://cdn.test/a.jpg">',
    });
    assert.equal(created.statusCode, 422);
    assert.deepEqual(created.json().fields.doc, [
      'Image 1 (a.jpg) needs alt text before publishing.',
    ]);
    // Nothing was published by the refused requests.
    const fixed = await api('PATCH', `/api/admin/articles/${id}`, {
      doc: docWith(image('A described photo'), image('Soldiers repair a bridge')),
      status: 'published',
    });
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.equal(fixed.json().article.status, 'published');
  });

  it('requires alt text for the featured image too', async () => {
    const refused = await api('POST', '/api/admin/articles', {
      title: 'Featured without alt',
      status: 'published',
      featured_image_url: 'https://cdn.test/lead.jpg',
    });
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(refused.json().fields.featured_image_alt, [
      'The featured image (lead.jpg) needs alt text before publishing.',
    ]);
    const accepted = await api('POST', '/api/admin/articles', {
      title: 'Featured with alt',
      status: 'published',
      featured_image_url: 'https://cdn.test/lead.jpg',
      featured_image_alt: 'A crowd on the square',
    });
    assert.equal(accepted.statusCode, 201, accepted.body);
  });

  it('refuses a featured image id that is not in the library', async () => {
    const response = await api('POST', '/api/admin/articles', {
      title: 'Unknown image',
      featured_media_id: 999_999,
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.json().fields.featured_media_id[0] as string, /no image 999999/);
  });
});

it('collects images in reading order, nested ones included', () => {
  const doc = {
    type: 'doc',
    content: [
      image('one'),
      { type: 'blockquote', content: [image('', 'https://x.test/b.png', 7)] },
    ],
  } as DocumentJson;
  assert.deepEqual(
    collectImages(doc).map((i) => [i.position, i.alt, i.mediaId]),
    [
      [1, 'one', null],
      [2, '', 7],
    ],
  );
});
