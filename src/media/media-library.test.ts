import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';

import { makePng, multipart } from './test-support/media-fixtures.js';

const evil = `<script>alert(1)</script>"><img src=x onerror=alert(1)>`;

interface MediaJson {
  id: number;
  url: string;
  alt: string;
  caption: string;
  credit: string;
  variants: Array<{ format: string; width: number; url: string }>;
  srcset: { webp: string; avif: string };
}

describeEachDialect('media library: pages, editing, deleting', (getDatabase) => {
  let t: TestApp;
  let editor: string;
  let contributor: string;
  before(async () => {
    t = await buildTestApp(getDatabase());
    editor = await buildToken(getDatabase(), 'editor');
    contributor = await buildToken(getDatabase(), 'contributor');
  });
  after(() => t.close());

  const call = (
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  async function uploadPng(name: string, width: number, fields: Record<string, string> = {}) {
    const body = multipart(fields, {
      name,
      type: 'image/png',
      data: await makePng(width, Math.round(width / 2)),
    });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/admin/media',
      headers: { ...body.headers, authorization: `Bearer ${contributor}` },
      payload: body.payload,
    });
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as { media: MediaJson }).media;
  }

  it('renders library images as <picture> with AVIF/WebP srcset, escaping every text', async () => {
    const lead = await uploadPng('lead.png', 1400, { credit: `Photo ${evil}` });
    const inline = await uploadPng('inline.png', 700);
    const created = await call(editor, 'POST', '/api/admin/articles', {
      title: 'Bridge reopens',
      status: 'published',
      featured_media_id: lead.id,
      featured_image_alt: `Lead ${evil}`,
      featured_image_caption: `Caption ${evil}`,
      doc: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Traffic returns.' }] },
          {
            type: 'image',
            attrs: {
              src: inline.url,
              alt: `Cars ${evil}`,
              caption: `Inline ${evil}`,
              credit: '',
              mediaId: inline.id,
            },
          },
        ],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const article = (created.json() as { article: { slug: string; featured_image_url: string } })
      .article;
    assert.equal(
      article.featured_image_url,
      lead.url,
      'the featured URL is filled in from the library',
    );
    const page = await t.app.inject({ method: 'GET', url: `/${article.slug}/` });
    assert.equal(page.statusCode, 200);
    const html = page.body;
    const pictures = html.match(/<picture>.*?<\/picture>/g) ?? [];
    assert.equal(pictures.length, 2, html);
    const [featured, body] = pictures as [string, string];
    assert.match(
      featured,
      /^<picture><source type="image\/avif" srcset="\/media\/\S+-320\.avif 320w, [^"]+-1280\.avif 1280w" sizes="[^"]+"><source type="image\/webp" srcset="[^"]+-1280\.webp 1280w" sizes="[^"]+">/,
    );
    assert.match(
      featured,
      /<img src="\/media\/\S+-1280\.jpg" width="1400" height="700" alt="Lead &lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;" fetchpriority="high" decoding="async"><\/picture>$/,
    );
    assert.doesNotMatch(featured, /loading="lazy"/);
    assert.match(
      body,
      /<source type="image\/avif" srcset="[^"]+-320\.avif 320w, [^"]+-640\.avif 640w"/,
    );
    assert.match(
      body,
      /<img src="\/media\/\S+-640\.jpg" width="700" height="350" alt="Cars &lt;script&gt;[^"]*" loading="lazy" decoding="async">/,
    );
    assert.match(
      html,
      /<figcaption>Caption &lt;script&gt;alert\(1\)&lt;\/script&gt;[^<]*<span class="credit">Photo &lt;script&gt;/,
    );
    assert.match(html, /<figcaption>Inline &lt;script&gt;/);
    assert.doesNotMatch(html, /<script>alert|<img src=x/);
  });

  it('lists newest first with search, edits texts (plain, limited) and keeps roles', async () => {
    const first = await uploadPng('harbour.png', 300, { alt: 'Harbour at dawn' });
    const second = await uploadPng('market.png', 300, { caption: 'Market 100% open_now' });
    const list = await call(contributor, 'GET', '/api/admin/media?page=1');
    assert.equal(list.statusCode, 200);
    const ids = (list.json() as { media: MediaJson[] }).media.map((m) => m.id);
    assert.ok(ids.indexOf(second.id) < ids.indexOf(first.id), 'newest first');
    const found = await call(contributor, 'GET', '/api/admin/media?q=HARBOUR');
    assert.deepEqual(
      (found.json() as { media: MediaJson[] }).media.map((m) => m.id),
      [first.id],
    );
    const literal = await call(contributor, 'GET', '/api/admin/media?q=100%25%20open_');
    assert.deepEqual(
      (literal.json() as { media: MediaJson[] }).media.map((m) => m.id),
      [second.id],
    );
    const wildcard = await call(contributor, 'GET', '/api/admin/media?q=%25');
    assert.deepEqual(
      (wildcard.json() as { media: MediaJson[] }).media.map((m) => m.id),
      [second.id],
    );
    const byName = await call(contributor, 'GET', '/api/admin/media?q=market.png');
    assert.equal(byName.json().total, 1);
    const edited = await call(contributor, 'PATCH', `/api/admin/media/${first.id}`, {
      alt: `  New\u0007 alt ${evil} `,
      credit: 'Staff',
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().media.alt, `New alt ${evil}`);
    assert.equal(edited.json().media.credit, 'Staff');
    const long = await call(contributor, 'PATCH', `/api/admin/media/${first.id}`, {
      alt: 'x'.repeat(501),
    });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /at most 500 characters/);
    const unknownField = await call(contributor, 'PATCH', `/api/admin/media/${first.id}`, {
      url: '/etc',
    });
    assert.equal(unknownField.statusCode, 422);
    const one = await call(contributor, 'GET', `/api/admin/media/${first.id}`);
    assert.equal(one.json().media.alt, `New alt ${evil}`);
    assert.equal((await call(contributor, 'GET', '/api/admin/media/999999')).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/media' })).statusCode, 401);
    assert.equal(
      (await call(contributor, 'DELETE', `/api/admin/media/${first.id}`)).statusCode,
      403,
    );
  });

  it('refuses (409) to delete an image an article uses; deletes unused ones with their files', async () => {
    const used = await uploadPng('used.png', 320);
    const featured = await uploadPng('featured.png', 320, { alt: 'x' });
    const draft = await call(editor, 'POST', '/api/admin/articles', {
      title: 'Uses two images',
      featured_media_id: featured.id,
      doc: {
        type: 'doc',
        content: [
          {
            type: 'image',
            attrs: { src: used.url, alt: '', caption: '', credit: '', mediaId: used.id },
          },
        ],
      },
    });
    assert.equal(draft.statusCode, 201, draft.body);
    for (const media of [used, featured]) {
      const refused = await call(editor, 'DELETE', `/api/admin/media/${media.id}`);
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json().message as string, /used by an article: "Uses two images"/);
    }
    const unused = await uploadPng('unused.png', 330);
    const storage = t.services.storage;
    const stored = async () =>
      Promise.all(
        unused.variants.map(
          async (v) => (await storage.stat(`media/${v.url.slice(7)}`)) !== undefined,
        ),
      );
    assert.ok((await stored()).every(Boolean));
    const deleted = await call(editor, 'DELETE', `/api/admin/media/${unused.id}`);
    assert.equal(deleted.statusCode, 204);
    assert.ok(
      (await stored()).every((found) => !found),
      'files of the last entry are removed',
    );
    assert.equal((await t.app.inject({ method: 'GET', url: unused.url })).statusCode, 404);
    assert.equal((await call(editor, 'GET', `/api/admin/media/${unused.id}`)).statusCode, 404);
  });
});
