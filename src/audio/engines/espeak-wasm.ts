import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// The npm `espeak-ng` package is the espeak-ng CLI compiled to WebAssembly: each run is a
// fresh instance that executes `main` once with the given arguments and leaves the WAV in
// its in-memory file system. Compiling the 18 MB module once per process and instantiating
// it per request keeps a request to ~0.25 s of set-up plus synthesis. This file is loaded
// only inside the audio child process (espeak-ng is GPL-3.0; Masthead talks to it over IPC).

interface EspeakInstance {
  FS: { readFile(path: string): Uint8Array };
}
type EspeakFactory = (options: Record<string, unknown>) => Promise<EspeakInstance>;

let compiled: Promise<{ factory: EspeakFactory; module: WebAssembly.Module }> | undefined;

function load() {
  compiled ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('espeak-ng');
    const wasmPath = entry.replace(/espeak-ng\.js$/, 'espeak-ng.wasm');
    const [imported, module] = await Promise.all([
      import(pathToFileURL(entry).href) as Promise<{ default: EspeakFactory }>,
      readFile(wasmPath).then((bytes) => WebAssembly.compile(bytes)),
    ]);
    return { factory: imported.default, module };
  })();
  return compiled;
}

/** Synthesizes `text` with the wasm espeak-ng; returns the WAV file it wrote. */
export async function synthesizeWithEspeakWasm(
  text: string,
  voice: string,
  wordsPerMinute: number,
): Promise<Uint8Array> {
  const { factory, module } = await load();
  const errors: string[] = [];
  // Setting up an instance builds its in-memory file system, which throws and catches an
  // "already exists" error per directory of every embedded data file; each one captures a
  // stack trace (mapped through source maps under tsx), which was most of the set-up time.
  // The child runs one request at a time and reports errors by message only.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const instance = await factory({
    // `--` ends the options, so text starting with "-" is read as text.
    arguments: ['-v', voice, '-s', String(wordsPerMinute), '-w', '/out.wav', '--', text],
    instantiateWasm(
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
    ) {
      void WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module));
      return {};
    },
    print: () => undefined,
    printErr: (line: string) => errors.push(line),
  }).finally(() => {
    Error.stackTraceLimit = stackTraceLimit;
  });
  try {
    return instance.FS.readFile('/out.wav');
  } catch {
    throw new Error(
      `espeak-ng (wasm) wrote no audio${errors.length ? `: ${errors.join(' ')}` : ''}`,
    );
  }
}
