import assert from 'node:assert/strict';
import { it } from 'node:test';
import sharp from 'sharp';
import { claimsToBeImage, sniffImageType } from './image-type.js';

const base = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } });

it('recognizes the accepted formats by their bytes', async () => {
  const cases = [
    ['jpeg', await base().jpeg().toBuffer()],
    ['png', await base().png().toBuffer()],
    ['webp', await base().webp().toBuffer()],
    ['avif', await base().avif().toBuffer()],
    ['gif', await base().gif().toBuffer()],
  ] as const;
  for (const [type, bytes] of cases) {
    const result = sniffImageType(bytes);
    assert.equal(result.kind === 'accepted' ? result.type : result.kind, type);
  }
});

it('names what refused files are, and never calls text an image', () => {
  const label = (text: string | Buffer) => {
    const result = sniffImageType(typeof text === 'string' ? Buffer.from(text) : text);
    return `${result.kind}: ${result.label}`;
  };
  assert.match(label('<svg onload="alert(1)"></svg>'), /^refused: an SVG image/);
  assert.match(label('\uFEFF  <?xml version="1.0"?>\n<svg></svg>'), /^refused: an SVG image/);
  assert.match(label('%PDF-1.4'), /^refused: a PDF document/);
  assert.match(label('BMW drivers rally in Kyiv'), /^unknown: text/);
  assert.match(
    label(
      Buffer.from([
        0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0, 0, 0, 0x6d, 0x69, 0x66,
        0x31,
      ]),
    ),
    /^refused: a HEIC/,
  );
  assert.match(label(Buffer.from([0xff, 0xd8])), /^unknown/);
  assert.match(
    label(Buffer.from([1, 2, 3, 250, 251, 0, 0, 9])),
    /^unknown: not a recognized image/,
  );
  assert.equal(claimsToBeImage('holiday.JPG', 'application/octet-stream'), true);
  assert.equal(claimsToBeImage('notes.txt', 'image/png'), true);
  assert.equal(claimsToBeImage('notes.txt', 'text/plain'), false);
});
