import { parseArgs } from 'node:util';
import { selectEncoder } from '../audio/encode/encoder.js';
import { strictNeuralEngine } from '../audio/engines/neural-voice-engine.js';
import {
  NeuralVoiceFolderError,
  validateNeuralVoiceFolder,
  voiceNameFromFolder,
} from '../audio/engines/neural-voice-folder.js';
import { measureVoice, type VoiceMeasurement } from '../audio/intelligibility/measure-voice.js';
import { newsPassages, testSentence } from '../audio/intelligibility/news-passages.js';
import {
  deleteNarrationVoice,
  listNarrationVoices,
  saveNarrationVoice,
} from '../audio/narration-voices.repository.js';
import type { NarrationVoiceRow } from '../audio/narration-voices.table.js';
import { loadConfig } from '../config.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import type { NarrateArticleIo } from './narrate-article.command.js';

const USAGE = `Usage: masthead narrate voice add DIR [--name NAME] [--language TAG] [--speaker N] [--all-passages] [--no-measure]
       masthead narrate voice list
       masthead narrate voice remove NAME
`;

/** How the command reaches the database (tests pass their own). */
export interface NarrateVoiceDeps {
  open(): Promise<{ database: DatabaseHandle; close(): Promise<void> }>;
  /** Measures a voice (tests replace the pipeline run; the default is measure-voice.ts). */
  measure?: (row: NarrationVoiceRow, allPassages: boolean) => Promise<VoiceMeasurement>;
  now?: () => Date;
}

class UsageError extends Error {}

const defaultDeps: NarrateVoiceDeps = {
  async open() {
    const { openAppServices } = await import('../jobs.js');
    const runtime = await openAppServices(loadConfig(), 'narrate');
    return { database: runtime.database, close: () => runtime.close() };
  },
};

async function measureWithPipeline(
  row: NarrationVoiceRow,
  allPassages: boolean,
): Promise<VoiceMeasurement> {
  return measureVoice({
    engine: strictNeuralEngine(row),
    voice: row.name,
    encoder: await selectEncoder(),
    passages: allPassages ? newsPassages : [testSentence],
    language: row.language,
  });
}

const figure = (value: number | null, digits: number) =>
  value === null ? '—' : value.toFixed(digits);

async function add(args: string[], io: NarrateArticleIo, deps: NarrateVoiceDeps) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        language: { type: 'string' },
        speaker: { type: 'string' },
        'all-passages': { type: 'boolean' },
        'no-measure': { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !positionals[0])
    throw new UsageError('narrate voice add needs exactly one model folder.');
  const dir = positionals[0];
  const name = values.name ?? voiceNameFromFolder(dir);
  if (!/^[A-Za-z0-9][A-Za-z0-9_+-]{0,63}$/.test(name))
    throw new UsageError(`--name "${name}" is not a voice name (letters, digits, _ + -).`);
  const speaker = values.speaker === undefined ? 0 : Number(values.speaker);
  if (!Number.isInteger(speaker) || speaker < 0)
    throw new UsageError('--speaker must be a whole number (0 or more).');

  let folder;
  try {
    folder = validateNeuralVoiceFolder(dir, { language: values.language });
  } catch (error) {
    if (!(error instanceof NeuralVoiceFolderError)) throw error;
    io.errors.write(`Cannot use this voice folder: ${error.message}\n`);
    return 1;
  }
  if (folder.speakers !== undefined && speaker >= folder.speakers) {
    io.errors.write(
      `Cannot use this voice folder: --speaker ${speaker}, but the model has ${folder.speakers} speaker(s).\n`,
    );
    return 1;
  }
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const row: NarrationVoiceRow = {
    name,
    dir: folder.dir,
    kind: folder.kind,
    language: folder.language,
    sample_rate: folder.sampleRate,
    speaker,
    model_bytes: folder.modelBytes,
    word_error_rate: null,
    real_time_factor: null,
    cpu_per_audio_second: null,
    not_measured: 'not measured (--no-measure)',
    measured_at: null,
    created_at: now,
  };
  io.output.write(
    `${folder.kind === 'kokoro' ? 'Kokoro' : 'Piper/VITS'} voice in ${folder.dir}: language ${folder.language}, ${folder.sampleRate} Hz, model ${(folder.modelBytes / 1e6).toFixed(1)} MB\n`,
  );
  io.output.write(
    folder.licence
      ? `Licence (MODEL_CARD): ${folder.licence}. Check that it allows your use (some voices are non-commercial).\n`
      : 'No MODEL_CARD licence found: check the voice’s licence where you downloaded it before publishing with it.\n',
  );
  if (!values['no-measure']) {
    io.output.write('Reading a test passage through the narration pipeline…\n');
    let measured: VoiceMeasurement;
    try {
      measured = await (deps.measure ?? measureWithPipeline)(row, values['all-passages'] === true);
    } catch (error) {
      io.errors.write(
        `The voice could not read the test passage, so it is not registered: ${error instanceof Error ? error.message : String(error)}\n` +
          'Check that sherpa-onnx-node is installed (npm install sherpa-onnx-node) and the model files are complete.\n',
      );
      return 1;
    }
    row.real_time_factor = measured.realTimeFactor;
    row.cpu_per_audio_second = measured.cpuPerAudioSecond ?? null;
    row.word_error_rate = measured.wordErrorRate ?? null;
    row.not_measured = measured.notMeasured ?? '';
    row.measured_at = now;
    io.output.write(
      `RTF ${figure(row.real_time_factor, 3)} (synthesis + encoding ÷ ${measured.audioSeconds.toFixed(1)} s of audio)\n` +
        (row.word_error_rate === null
          ? `WER not measured: ${row.not_measured}\n`
          : `WER ${figure(row.word_error_rate, 3)} (pocketsphinx)\n`),
    );
  }
  const { database, close } = await deps.open();
  try {
    await saveNarrationVoice(database.db, row);
  } finally {
    await close();
  }
  io.output.write(
    `Registered voice ${name}. ` +
      (row.word_error_rate === null
        ? 'Without a measured word error rate it is used only where a voice rule names it (engine sherpa-onnx).\n'
        : 'TTS_ENGINE=auto uses it where its measured figures beat the built-in voices.\n'),
  );
  return 0;
}

async function list(io: NarrateArticleIo, deps: NarrateVoiceDeps) {
  const { database, close } = await deps.open();
  try {
    const voices = await listNarrationVoices(database.db);
    if (voices.length === 0) {
      io.output.write('No neural voices registered (masthead narrate voice add DIR).\n');
      return 0;
    }
    io.output.write('name\tlanguage\tkind\tHz\tWER\tRTF\tfolder\n');
    for (const v of voices)
      io.output.write(
        `${v.name}\t${v.language}\t${v.kind}\t${v.sample_rate}\t${figure(v.word_error_rate, 3)}\t${figure(v.real_time_factor, 3)}\t${v.dir}\n`,
      );
    return 0;
  } finally {
    await close();
  }
}

async function remove(args: string[], io: NarrateArticleIo, deps: NarrateVoiceDeps) {
  if (args.length !== 1 || !args[0])
    throw new UsageError('narrate voice remove needs a voice name.');
  const { database, close } = await deps.open();
  try {
    if (!(await deleteNarrationVoice(database.db, args[0]))) {
      io.errors.write(
        `No registered voice is named ${args[0]} (see masthead narrate voice list).\n`,
      );
      return 1;
    }
    io.output.write(
      `Removed voice ${args[0]}; its model folder is left in place. Voice rules naming it fall back to the automatic voice.\n`,
    );
    return 0;
  } finally {
    await close();
  }
}

/** `masthead narrate voice add|list|remove`; exit 2 for a bad command line, 1 for a bad folder. */
export async function runNarrateVoice(
  args: string[],
  io: NarrateArticleIo,
  deps: NarrateVoiceDeps = defaultDeps,
): Promise<number> {
  const [subcommand, ...rest] = args;
  try {
    if (subcommand === 'add') return await add(rest, io, deps);
    if (subcommand === 'list') return await list(io, deps);
    if (subcommand === 'remove') return await remove(rest, io, deps);
    throw new UsageError(
      subcommand === undefined
        ? 'Missing subcommand: add, list or remove.'
        : `Unknown subcommand "${subcommand}": add, list or remove.`,
    );
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.errors.write(`${error.message}\n${USAGE}`);
    return 2;
  }
}
