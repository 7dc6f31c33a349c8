/** Mono 16-bit PCM at a sample rate: what every engine hands to the encoder. */
export interface PcmAudio {
  samples: Int16Array;
  sampleRate: number;
}

/**
 * Reads a RIFF/WAVE file (PCM 16-bit or 8-bit, or 32-bit float; any channel count, mixed down
 * to mono). Engines differ: festival and flite write 16-bit mono, espeak-ng streams with an
 * unknown length (0xFFFFFFFF), so the data chunk may run to the end of the file.
 */
export function parseWav(bytes: Uint8Array): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE')
    throw new Error('not a WAV file (no RIFF/WAVE header)');
  let offset = 12;
  let format: { code: number; channels: number; rate: number; bits: number } | undefined;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const start = offset + 8;
    if (id === 'fmt ') {
      format = {
        code: view.getUint16(start, true),
        channels: view.getUint16(start + 2, true),
        rate: view.getUint32(start + 4, true),
        bits: view.getUint16(start + 14, true),
      };
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data chunk before its fmt chunk');
      const end =
        size === 0xffffffff || start + size > bytes.byteLength ? bytes.byteLength : start + size;
      return { samples: decodeSamples(view, start, end, format), sampleRate: format.rate };
    }
    offset = start + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}

function decodeSamples(
  view: DataView,
  start: number,
  end: number,
  format: { code: number; channels: number; bits: number },
): Int16Array {
  const bytesPerSample = format.bits / 8;
  const frameBytes = bytesPerSample * format.channels;
  if (frameBytes <= 0) throw new Error('WAV file has an invalid sample format');
  const frames = Math.floor((end - start) / frameBytes);
  const out = new Int16Array(frames);
  const read = (at: number): number => {
    if (format.code === 3 && format.bits === 32) return view.getFloat32(at, true) * 32767;
    if (format.bits === 16) return view.getInt16(at, true);
    if (format.bits === 8) return (view.getUint8(at) - 128) * 256;
    if (format.bits === 32) return view.getInt32(at, true) / 65536;
    throw new Error(`WAV sample format not supported (${format.bits}-bit, code ${format.code})`);
  };
  for (let i = 0; i < frames; i += 1) {
    let sum = 0;
    for (let c = 0; c < format.channels; c += 1)
      sum += read(start + i * frameBytes + c * bytesPerSample);
    out[i] = Math.max(-32768, Math.min(32767, Math.round(sum / format.channels)));
  }
  return out;
}

/** A 16-bit mono WAV file (used for the per-engine tests and the lexicon preview). */
export function encodeWav(audio: PcmAudio): Buffer {
  const data = Buffer.from(
    audio.samples.buffer,
    audio.samples.byteOffset,
    audio.samples.byteLength,
  );
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(audio.sampleRate, 24);
  header.writeUInt32LE(audio.sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
