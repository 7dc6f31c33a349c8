import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Optional neural voices (Piper/VITS or Kokoro ONNX models) through `sherpa-onnx-node`.
// No model ships with Masthead and the package is not a dependency: an operator who wants
// neural voices runs `npm install sherpa-onnx-node`, downloads a model directory and sets
// TTS_ENGINE=sherpa-onnx and TTS_MODEL_DIR. The package is loaded with a dynamic import
// inside the audio child process, so a machine without it installs and runs normally.

export interface SherpaModel {
  kind: 'vits' | 'kokoro';
  model: string;
  tokens: string;
  dataDir: string | undefined;
  /** A VITS model that is not phoneme-based reads words through its lexicon.txt instead. */
  lexicon: string | undefined;
  voices: string | undefined;
}

/**
 * Checks an operator-supplied model directory and says exactly what is missing. A Piper/VITS
 * directory holds one `.onnx` model, `tokens.txt` and `espeak-ng-data/`; a Kokoro directory
 * also holds `voices.bin`.
 */
export function validateSherpaModelDir(dir: string | undefined): SherpaModel {
  if (!dir)
    throw new Error(
      'TTS_ENGINE=sherpa-onnx needs TTS_MODEL_DIR: a folder with a Piper or Kokoro ONNX model (model.onnx, tokens.txt, espeak-ng-data/). No model ships with Masthead.',
    );
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new Error(`TTS_MODEL_DIR ${root} does not exist or is not a folder.`);
  const files = readdirSync(root);
  const models = files.filter((f) => f.endsWith('.onnx'));
  const preferred = models.includes('model.onnx') ? 'model.onnx' : models[0];
  if (!preferred)
    throw new Error(`TTS_MODEL_DIR ${root} has no .onnx model (expected model.onnx).`);
  if (models.length > 1 && !models.includes('model.onnx'))
    throw new Error(
      `TTS_MODEL_DIR ${root} has several .onnx files (${models.join(', ')}); name the voice model model.onnx.`,
    );
  if (!files.includes('tokens.txt')) throw new Error(`TTS_MODEL_DIR ${root} has no tokens.txt.`);
  const dataDir = files.includes('espeak-ng-data') ? join(root, 'espeak-ng-data') : undefined;
  const voices = files.includes('voices.bin') ? join(root, 'voices.bin') : undefined;
  const lexicon = files.includes('lexicon.txt') ? join(root, 'lexicon.txt') : undefined;
  if (!dataDir && !(lexicon && !voices))
    throw new Error(
      `TTS_MODEL_DIR ${root} has no espeak-ng-data/ folder (Piper and Kokoro models need it for phonemes).`,
    );
  return {
    kind: voices ? 'kokoro' : 'vits',
    model: join(root, preferred),
    tokens: join(root, 'tokens.txt'),
    dataDir,
    lexicon,
    voices,
  };
}

interface SherpaTts {
  generate(input: { text: string; sid: number; speed: number }): {
    samples: Float32Array;
    sampleRate: number;
  };
}
interface SherpaModule {
  OfflineTts: new (config: unknown) => SherpaTts;
}

const loaded = new Map<string, SherpaTts>();

/** Loads `sherpa-onnx-node` (child process only), with a clear error when it is absent. */
async function loadSherpa(): Promise<SherpaModule> {
  const name = 'sherpa-onnx-node'; // a variable, so TypeScript does not require the package
  try {
    const imported = (await import(name)) as SherpaModule & { default?: SherpaModule };
    return imported.default ?? imported;
  } catch (error) {
    throw new Error(
      `TTS_ENGINE=sherpa-onnx needs the optional package sherpa-onnx-node, which is not installed (npm install sherpa-onnx-node). ${error instanceof Error ? error.message : ''}`.trim(),
    );
  }
}

/** Synthesizes with a sherpa-onnx model (child process only). `voice` is the speaker id. */
export async function synthesizeWithSherpa(
  modelDir: string,
  text: string,
  voice: string,
): Promise<{ samples: Float32Array; sampleRate: number }> {
  let tts = loaded.get(modelDir);
  if (!tts) {
    const model = validateSherpaModelDir(modelDir);
    const sherpa = await loadSherpa();
    const modelConfig =
      model.kind === 'kokoro'
        ? {
            kokoro: {
              model: model.model,
              voices: model.voices,
              tokens: model.tokens,
              dataDir: model.dataDir,
            },
          }
        : {
            vits: {
              model: model.model,
              tokens: model.tokens,
              ...(model.dataDir ? { dataDir: model.dataDir } : { lexicon: model.lexicon }),
            },
          };
    tts = new sherpa.OfflineTts({
      model: { ...modelConfig, numThreads: 1, provider: 'cpu', debug: false },
      maxNumSentences: 1,
    });
    loaded.set(modelDir, tts);
  }
  const speaker = /^\d+$/.test(voice) ? Number(voice) : 0;
  return tts.generate({ text, sid: speaker, speed: 1 });
}
