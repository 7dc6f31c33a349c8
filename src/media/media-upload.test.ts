import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { buildApp } from '../app.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { describeEachStorage } from '../platform/storage/test-fixtures/each-storage.js';
import {
  type FilePart,
  makePng,
  makeRotatedJpeg,
  multipart,
} from './test-support/media-fixtures.js';

interface MediaJson {
  id: number;
  url: string;
  width: number;
  height: number;
  mime: string;
  alt: string;
  caption: string;
  credit: string;
  original_name: string;
  variants: Array<{ format: string; width: number; height: number; url: string; crop?: string }>;
  srcset: { webp: string; avif: string };
}

describeEachDialect('media library uploads', (getDatabase) =>
  describeEachStorage('files', (getStore) => {
    let t: TestApp;
    let token: string;
    before(async () => {
      t = await buildTestApp(getDatabase(), { storage: getStore() });
      token = await buildToken(getDatabase(), 'contributor');
    });
    after(() => t.close());

    const upload = (
      file: FilePart | undefined,
      fields: Record<string, string> = {},
      app = t.app,
    ) => {
      const body = multipart(fields, file);
      return app.inject({
        method: 'POST',
        url: '/api/admin/media',
        headers: { ...body.headers, authorization: `Bearer ${token}` },
        payload: body.payload,
      });
    };

    it('stores a PNG as AVIF/WebP variants (no upscaling) and a JPEG fallback, served with immutable caching', async () => {
      const png = await makePng(1000, 600);
      const response = await upload(
        { name: '../../etc/My Photo.png', type: 'image/png', data: png },
        { alt: 'Volunteers unload bread', caption: 'Kharkiv, October', credit: 'Jane Doe' },
      );
      assert.equal(response.statusCode, 201, response.body);
      const media = (response.json() as { media: MediaJson }).media;
      assert.equal(media.width, 1000);
      assert.equal(media.height, 600);
      assert.equal(media.mime, 'image/png');
      assert.equal(media.alt, 'Volunteers unload bread');
      assert.equal(media.original_name, 'My Photo.png');
      assert.match(media.url, /^\/media\/[0-9a-f]{2}\/[0-9a-f]{64}-960\.jpg$/);
      const widths = (format: string) =>
        media.variants.filter((v) => v.format === format && !v.crop).map((v) => v.width);
      assert.deepEqual(widths('avif'), [320, 640, 960]);
      assert.deepEqual(widths('webp'), [320, 640, 960]);
      assert.deepEqual(widths('jpeg'), [960]);
      // Crops for structured data: 16:9, 4:3 and 1:1, as wide as the 1000 × 600 original allows.
      assert.deepEqual(
        media.variants.filter((v) => v.crop).map((v) => `${v.crop} ${v.width}x${v.height}`),
        ['16x9 1000x563', '4x3 800x600', '1x1 600x600'],
      );
      assert.match(
        media.srcset.webp,
        /^\/media\/\S+-320\.webp 320w, \/media\/\S+-640\.webp 640w, \/media\/\S+-960\.webp 960w$/,
      );
      assert.match(media.srcset.avif, /-960\.avif 960w$/);
      // Every file is stored under media/ with a server-made name, and served.
      for (const variant of media.variants) {
        assert.ok(
          await getStore().stat(`media/${variant.url.slice('/media/'.length)}`),
          variant.url,
        );
      }
      const names: string[] = [];
      for await (const blob of getStore().list('media/')) names.push(blob.key);
      assert.ok(
        names.every((name) => !/photo|etc/i.test(name)),
        names.join(' '),
      );
      const webp = media.variants.find((v) => v.format === 'webp' && v.width === 640);
      const served = await t.app.inject({ method: 'GET', url: webp?.url ?? '' });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/webp');
      assert.equal(served.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal((await sharp(served.rawPayload).metadata()).width, 640);
      const etag = String(served.headers.etag);
      const again = await t.app.inject({
        method: 'GET',
        url: webp?.url ?? '',
        headers: { 'if-none-match': etag },
      });
      assert.equal(again.statusCode, 304);
      const avif = await t.app.inject({
        method: 'GET',
        url: media.srcset.avif.split(' ')[0] ?? '',
      });
      assert.equal(avif.headers['content-type'], 'image/avif');
      const fallback = await t.app.inject({ method: 'GET', url: media.url });
      assert.equal(fallback.headers['content-type'], 'image/jpeg');
    });

    it('detects by content: a PNG named .jpg is a PNG; transparency keeps a PNG fallback; same bytes reuse files', async () => {
      const png = await makePng(400, 300, true);
      const first = await upload({ name: 'photo.jpg', type: 'image/jpeg', data: png });
      assert.equal(first.statusCode, 201, first.body);
      const media = (first.json() as { media: MediaJson }).media;
      assert.equal(media.mime, 'image/png');
      assert.match(media.url, /-320\.png$/);
      assert.deepEqual(
        media.variants.filter((v) => v.format === 'webp').map((v) => v.width),
        [320],
      );
      const second = await upload(
        { name: 'copy.png', type: 'image/png', data: png },
        { alt: 'Other' },
      );
      assert.equal(second.statusCode, 201);
      const copy = (second.json() as { media: MediaJson }).media;
      assert.notEqual(copy.id, media.id, 'each upload is its own library entry');
      assert.equal(copy.url, media.url, 'but the files are shared');
    });

    it('accepts WebP, AVIF and GIF uploads as what they are', async () => {
      const image = () =>
        sharp({ create: { width: 200, height: 100, channels: 3, background: '#246' } });
      for (const [mime, data] of [
        ['image/webp', await image().webp().toBuffer()],
        ['image/avif', await image().avif().toBuffer()],
        ['image/gif', await image().gif().toBuffer()],
      ] as const) {
        const response = await upload({
          name: 'upload.bin',
          type: 'application/octet-stream',
          data,
        });
        assert.equal(response.statusCode, 201, response.body);
        const media = (response.json() as { media: MediaJson }).media;
        assert.equal(media.mime, mime);
        assert.deepEqual([media.width, media.height], [200, 100]);
        assert.deepEqual(
          media.variants.filter((v) => !v.crop).map((v) => `${v.format}${v.width}`),
          ['avif200', 'webp200', 'jpeg200'],
        );
      }
    });

    it('turns a sideways JPEG upright and strips its EXIF (camera, GPS)', async () => {
      const jpeg = await makeRotatedJpeg(700, 400);
      assert.ok((await sharp(jpeg).metadata()).exif, 'the fixture carries EXIF');
      const response = await upload({ name: 'IMG_0001.JPG', type: 'image/jpeg', data: jpeg });
      assert.equal(response.statusCode, 201, response.body);
      const media = (response.json() as { media: MediaJson }).media;
      assert.equal(media.width, 400);
      assert.equal(media.height, 700);
      const stored = await getStore().get(`media/${media.url.slice('/media/'.length)}`);
      const meta = await sharp(stored).metadata();
      assert.equal(meta.exif, undefined);
      assert.equal(meta.width, 320);
      assert.equal(meta.height, 560);
      for (const variant of media.variants) {
        const bytes = (await getStore().get(`media/${variant.url.slice(7)}`)) ?? Buffer.alloc(0);
        assert.ok(!bytes.includes(Buffer.from('SecretCam')), `${variant.url} carries no EXIF`);
      }
    });

    it('refuses disguised, damaged, SVG and other files with clear 415/422 answers', async () => {
      const text = await upload({
        name: 'photo.jpg',
        type: 'image/jpeg',
        data: Buffer.from('hello, I am not a picture\n'),
      });
      assert.equal(text.statusCode, 422);
      assert.match(
        text.json().message as string,
        /"photo\.jpg" is presented as an image, but its content is text/,
      );
      const jpeg = await makeRotatedJpeg(600, 400);
      const truncated = await upload({
        name: 'cut.jpg',
        type: 'image/jpeg',
        data: jpeg.subarray(0, Math.floor(jpeg.length / 2)),
      });
      assert.equal(truncated.statusCode, 422, truncated.body);
      assert.match(
        truncated.json().message as string,
        /starts like a JPEG image but could not be read/,
      );
      const svg = Buffer.from(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>',
      );
      for (const name of ['logo.svg', 'logo.png']) {
        const refused = await upload({ name, type: 'image/svg+xml', data: svg });
        assert.equal(refused.statusCode, 415);
        assert.equal(
          refused.json().message,
          'Only JPEG, PNG, WebP, AVIF and GIF images can be uploaded; this file is an SVG image (SVG can carry scripts).',
        );
      }
      const pdf = await upload({
        name: 'report.pdf',
        type: 'application/pdf',
        data: Buffer.from('%PDF-1.7\n%âãÏÓ\n'),
      });
      assert.equal(pdf.statusCode, 415);
      assert.match(pdf.json().message as string, /this file is a PDF document/);
      for (const type of ['image/png', 'application/json']) {
        const raw = await t.app.inject({
          method: 'POST',
          url: '/api/admin/media',
          headers: { authorization: `Bearer ${token}`, 'content-type': type },
          payload: type === 'application/json' ? '{}' : await makePng(10, 10),
        });
        assert.equal(raw.statusCode, 415, type);
        assert.match(
          raw.json().message as string,
          /multipart\/form-data with a field named "file"/,
        );
      }
      const missing = await upload(undefined, { alt: 'no file' });
      assert.equal(missing.statusCode, 422);
      assert.match(missing.body, /choose an image file/);
      const list = await t.app.inject({
        method: 'GET',
        url: '/api/admin/media?q=no%20file',
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(list.json().total, 0, 'nothing was stored for refused uploads');
    });

    it('answers 413 with the limit over the size limit and 422 with the limit over the pixel limit', async () => {
      const small = await buildApp(t.services, {
        media: { maxUploadBytes: 50_000, maxPixels: 250_000 },
      });
      try {
        const big = await sharp({
          create: {
            width: 400,
            height: 400,
            channels: 3,
            background: { r: 0, g: 0, b: 0 },
            noise: { type: 'gaussian', mean: 128, sigma: 60 },
          },
        })
          .png()
          .toBuffer();
        assert.ok(big.length > 50_000);
        const tooBig = await upload({ name: 'big.png', type: 'image/png', data: big }, {}, small);
        assert.equal(tooBig.statusCode, 413);
        assert.match(tooBig.json().message as string, /upload limit of 49 KB/);
        const wide = await makePng(1000, 400);
        const tooWide = await upload(
          { name: 'wide.png', type: 'image/png', data: wide },
          {},
          small,
        );
        assert.equal(tooWide.statusCode, 422);
        assert.match(
          tooWide.json().message as string,
          /1000 × 400 = 0\.4 megapixels\): the limit is 0\.3 megapixels/,
        );
      } finally {
        await small.close();
      }
    });

    it('serves only server-made names: traversal and odd paths are 404', async () => {
      for (const url of [
        '/media/..%2f..%2fetc/passwd',
        '/media/..%252f..%252fetc%252fpasswd',
        '/media/../../etc/passwd',
        '/media/%2e%2e/%2e%2e/etc/passwd',
        '/media/ab/../../../package.json',
        `/media/ab/${'a'.repeat(64)}-320.webp`,
        `/media/aa/${'a'.repeat(64)}-320.svg`,
        '/media/',
      ]) {
        const response = await t.app.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 404, url);
        assert.doesNotMatch(response.body, /root:|"name": "masthead"/);
      }
    });
  }),
);
