import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWav } from '../pcm/wav.js';
import { createSemaphore } from './semaphore.js';
import {
  assertSafeVoice,
  engineConcurrency,
  espeakVoiceFor,
  type SpeechEngine,
  synthesisTimeoutMs,
} from './speech-engine.js';

// Debian's festival, flite and espeak-ng, each run as a command per paragraph. The text goes
// through a file (never the command line), the voice is checked against a strict pattern.

/** Whether a command is on the PATH. */
export function commandExists(command: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('which', [command], (error) => resolve(!error));
  });
}

function runCommand(
  command: string,
  args: string[],
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], signal });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-1000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, killSignal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${command} failed (${killSignal === 'SIGKILL' ? `timed out after ${Math.round(timeoutMs / 1000)} s` : (killSignal ?? `exit ${code}`)})${stderr ? `: ${stderr.trim()}` : ''}`,
          ),
        );
    });
  });
}

function versionOf(command: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 10_000 }, (error, stdout, stderr) => {
      const text = `${stdout}${stderr}`.match(/\d+\.\d+(\.\d+)?/)?.[0];
      resolve(error && !text ? 'unknown' : (text ?? 'unknown'));
    });
  });
}

interface CommandEngineSpec {
  id: 'festival' | 'flite' | 'espeak-ng';
  command: string;
  /** festival's `text2wave` has no version flag; festival itself does. */
  versionCommand?: string;
  versionArgs: string[];
  speaks(language: string): boolean;
  defaultVoice(language: string): string;
  args(voice: string, textFile: string, wavFile: string): string[];
}

function createCommandEngine(spec: CommandEngineSpec): SpeechEngine {
  const withPermit = createSemaphore(engineConcurrency);
  let version: Promise<string> | undefined;
  return {
    id: spec.id,
    version: () => (version ??= versionOf(spec.versionCommand ?? spec.command, spec.versionArgs)),
    speaks: spec.speaks,
    defaultVoice: spec.defaultVoice,
    synthesize: (text, voice, options = {}) =>
      withPermit(async () => {
        assertSafeVoice(voice);
        const dir = await mkdtemp(join(tmpdir(), `masthead-${spec.id}-`));
        try {
          const textFile = join(dir, 'text.txt');
          const wavFile = join(dir, 'out.wav');
          await writeFile(textFile, `${text}\n`);
          await runCommand(
            spec.command,
            spec.args(voice, textFile, wavFile),
            synthesisTimeoutMs(text),
            options.signal,
          );
          return parseWav(await readFile(wavFile));
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }),
  };
}

const english = (language: string) => language === 'en';

export const festivalEngine = (): SpeechEngine =>
  createCommandEngine({
    id: 'festival',
    command: 'text2wave',
    versionCommand: 'festival',
    versionArgs: ['--version'],
    speaks: english,
    defaultVoice: () => 'cmu_us_slt_arctic_hts',
    args: (voice, textFile, wavFile) => ['-eval', `(voice_${voice})`, '-o', wavFile, textFile],
  });

export const fliteEngine = (): SpeechEngine =>
  createCommandEngine({
    id: 'flite',
    command: 'flite',
    versionArgs: ['--version'],
    speaks: english,
    defaultVoice: () => 'slt',
    args: (voice, textFile, wavFile) => ['-voice', voice, '-f', textFile, '-o', wavFile],
  });

export const espeakEngine = (): SpeechEngine =>
  createCommandEngine({
    id: 'espeak-ng',
    command: 'espeak-ng',
    versionArgs: ['--version'],
    speaks: () => true,
    defaultVoice: espeakVoiceFor,
    args: (voice, textFile, wavFile) => ['-v', voice, '-s', '165', '-w', wavFile, '-f', textFile],
  });
