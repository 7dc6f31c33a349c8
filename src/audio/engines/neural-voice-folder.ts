import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';

// What `masthead narrate voice add DIR` accepts: a Piper/VITS or Kokoro model folder laid out
// for sherpa-onnx (the layout of the sherpa-onnx release archives, e.g. vits-piper-en_US-amy-low
// or kokoro-en-v0_19). Every check names the file that is missing or broken, so an operator
// knows what to fetch again: a truncated download is the usual fault.
//
// Piper/VITS: one `.onnx` model, `tokens.txt`, `espeak-ng-data/` (or a `lexicon.txt` for
// models that do not use espeak phonemes) and the model's JSON config (`<model>.onnx.json` as
// Piper ships it, or `config.json`) with its sample rate and language.
// Kokoro: also `voices.bin`; its sample rate is 24 kHz and a config is optional (then the
// language comes from the command line).

export interface NeuralVoiceFolder {
  dir: string;
  kind: 'vits' | 'kokoro';
  model: string;
  modelBytes: number;
  tokens: string;
  dataDir: string | undefined;
  lexicon: string | undefined;
  voices: string | undefined;
  config: string | undefined;
  sampleRate: number;
  /** The base language code (en, uk, de …). */
  language: string;
  /**
   * How many speakers the model has (1 for most Piper voices); undefined when the folder does
   * not say (Kokoro's voices.bin holds several, chosen with --speaker).
   */
  speakers: number | undefined;
  /** The licence line of the folder's MODEL_CARD (Piper voices have one), if any. */
  licence: string | undefined;
}

/** The licence a Piper MODEL_CARD states ("* License: CC BY 4.0" or a "License" heading). */
function licenceOf(root: string, files: string[]): string | undefined {
  if (!files.includes('MODEL_CARD')) return undefined;
  const lines = readFileSync(join(root, 'MODEL_CARD'), 'utf8').split('\n');
  for (const [i, line] of lines.entries()) {
    const inline = /licen[cs]e\s*[:=]\s*(.+)/i.exec(line);
    if (inline?.[1]) return inline[1].trim().slice(0, 200);
    if (/^#+\s*licen[cs]e/i.test(line))
      return lines
        .slice(i + 1)
        .find((l) => l.trim() !== '')
        ?.trim()
        .slice(0, 200);
  }
  return undefined;
}

/** A folder that cannot be used: the message names the file and what is wrong with it. */
export class NeuralVoiceFolderError extends Error {}

/** Smaller than any real voice model (Piper "x_low" models are about 20 MB): a truncated file. */
export const minModelBytes = 1 << 20;
const kokoroSampleRate = 24_000;
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

function fail(message: string): never {
  throw new NeuralVoiceFolderError(message);
}

/** The base code of a language tag (en_US → en), or undefined when no language has that code. */
export function knownLanguage(tag: string): string | undefined {
  const match = /^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$/.exec(tag.trim());
  if (!match?.[1]) return undefined;
  const base = match[1].toLowerCase();
  const name = languageNames.of(base);
  return name && name.toLowerCase() !== base ? base : undefined;
}

function readConfig(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch (error) {
    fail(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  fail(`${file} is not a JSON object.`);
}

function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const inner = (value as Record<string, unknown>)[key];
  return inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : undefined;
}

/** Piper's `audio.sample_rate`, or a top-level `sample_rate`. */
function sampleRateOf(config: Record<string, unknown>): unknown {
  return objectAt(config, 'audio')?.sample_rate ?? config.sample_rate;
}

/** Piper's `language.code` (newer configs), `espeak.voice`, or a top-level `language`. */
function languageOf(config: Record<string, unknown>): unknown {
  return objectAt(config, 'language')?.code ?? objectAt(config, 'espeak')?.voice ?? config.language;
}

/** An ONNX file is a protobuf ModelProto whose first field is ir_version (tag byte 0x08). */
function checkModel(file: string): number {
  const bytes = statSync(file).size;
  if (bytes === 0) fail(`${file} is empty (0 bytes): download the model again.`);
  if (bytes < minModelBytes)
    fail(
      `${file} is only ${bytes} bytes: too small for a voice model, probably a truncated download.`,
    );
  const head = Buffer.alloc(1);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 1, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] !== 0x08)
    fail(`${file} is not an ONNX model (it does not start like one; an HTML error page saved?).`);
  return bytes;
}

/** tokens.txt: lines of "<symbol> <id>", as sherpa-onnx reads them. */
function checkTokens(file: string): void {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  if (lines.length === 0) fail(`${file} is empty.`);
  const bad = lines.findIndex((line) => !/^.*\s\d+\s*$/.test(line) && !/^\s*\d+\s*$/.test(line));
  if (bad !== -1) fail(`${file} line ${bad + 1} is not "<symbol> <id>".`);
}

/**
 * Checks a model folder; throws a NeuralVoiceFolderError naming the missing or broken file.
 * `language` (from the command line) is used when the config names none, or overrides it.
 */
export function validateNeuralVoiceFolder(
  dir: string,
  options: { language?: string } = {},
): NeuralVoiceFolder {
  const root = resolve(dir);
  if (!existsSync(root)) fail(`${root} does not exist.`);
  if (!statSync(root).isDirectory()) fail(`${root} is not a folder.`);
  const files = readdirSync(root);
  const models = files.filter((f) => f.endsWith('.onnx'));
  if (models.length === 0) fail(`${root} has no .onnx model file (e.g. model.onnx).`);
  const modelName = models.includes('model.onnx')
    ? 'model.onnx'
    : models.length === 1 && models[0] !== undefined
      ? models[0]
      : fail(`${root} has several .onnx files (${models.join(', ')}); name the voice model.onnx.`);
  const model = join(root, modelName);
  const modelBytes = checkModel(model);

  const tokens = join(root, 'tokens.txt');
  if (!files.includes('tokens.txt')) fail(`${tokens} is missing.`);
  checkTokens(tokens);

  const dataDir = files.includes('espeak-ng-data') ? join(root, 'espeak-ng-data') : undefined;
  const lexicon = files.includes('lexicon.txt') ? join(root, 'lexicon.txt') : undefined;
  if (dataDir && !existsSync(join(dataDir, 'phontab')))
    fail(`${join(dataDir, 'phontab')} is missing: espeak-ng-data/ is incomplete.`);
  const voicesFile = files.includes('voices.bin') ? join(root, 'voices.bin') : undefined;
  if (voicesFile && statSync(voicesFile).size === 0) fail(`${voicesFile} is empty.`);
  const kind = voicesFile ? 'kokoro' : 'vits';
  // A VITS model that is not phoneme-based may read through lexicon.txt instead.
  if (!dataDir && !(lexicon && kind === 'vits'))
    fail(`${join(root, 'espeak-ng-data')}/ is missing (Piper and Kokoro models need it).`);

  const configName = [`${modelName}.json`, 'config.json'].find((f) => files.includes(f));
  const config = configName ? join(root, configName) : undefined;
  if (!config && kind === 'vits')
    fail(`${join(root, `${modelName}.json`)} is missing (the Piper config with the sample rate).`);
  const json = config ? readConfig(config) : {};

  const rate = config ? sampleRateOf(json) : kokoroSampleRate;
  if (rate === undefined) fail(`${config} has no sample rate (audio.sample_rate).`);
  if (typeof rate !== 'number' || !Number.isInteger(rate) || rate < 8000 || rate > 48_000)
    fail(`${config} has an unusable sample rate (${JSON.stringify(rate)}; 8000–48000 Hz).`);

  const tag = options.language ?? languageOf(json);
  if (tag === undefined)
    fail(
      `${config ?? join(root, 'config.json')} names no language (language.code or espeak.voice); pass --language.`,
    );
  const language = typeof tag === 'string' ? knownLanguage(tag) : undefined;
  if (!language)
    fail(
      `${options.language !== undefined ? '--language' : config} names an unknown language (${JSON.stringify(tag)}).`,
    );

  const speakers = json.num_speakers;
  return {
    dir: root,
    kind,
    model,
    modelBytes,
    tokens,
    dataDir,
    lexicon,
    voices: voicesFile,
    config,
    sampleRate: rate,
    language,
    speakers:
      typeof speakers === 'number' && speakers >= 1
        ? Math.floor(speakers)
        : kind === 'kokoro'
          ? undefined
          : 1,
    licence: licenceOf(root, files),
  };
}

/** A voice name from the folder's name ("vits-piper-en_US-amy-low" → "piper-en_us-amy-low"). */
export function voiceNameFromFolder(dir: string): string {
  const name = basename(resolve(dir))
    .toLowerCase()
    .replace(/^vits-/, '')
    .replace(/[^a-z0-9_+-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64);
  return name || 'neural-voice';
}
