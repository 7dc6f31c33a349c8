import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandExists } from '../engines/binary-engines.js';

// An offline listener for the intelligibility measurements: Debian's pocketsphinx with its
// default US English model (apt-get install pocketsphinx pocketsphinx-en-us). It hears 16 kHz
// mono 16-bit audio, so the narration MP3 is decoded with ffmpeg first: the recognizer gets
// exactly what a listener downloads (after loudness normalization and MP3 encoding).
// English only: Debian has no pocketsphinx model for Ukrainian.

const recognizer = 'pocketsphinx_continuous';
const englishModel = '/usr/share/pocketsphinx/model/en-us';

/** Why a transcription cannot be made here (missing packages), or undefined when it can. */
export async function transcriberMissing(language: string): Promise<string | undefined> {
  if (language !== 'en') return `no offline recognizer for "${language}" (English only)`;
  if (!(await commandExists(recognizer)) || !existsSync(englishModel))
    return 'pocketsphinx is not installed (apt-get install pocketsphinx pocketsphinx-en-us)';
  if (!(await commandExists('ffmpeg'))) return 'ffmpeg is not installed (apt-get install ffmpeg)';
  return undefined;
}

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} failed: ${error.message} ${stderr.slice(-500)}`));
        else resolve(stdout);
      },
    );
  });
}

/** What pocketsphinx hears in an MP3 (lowercase words, one line per utterance joined). */
export async function transcribeMp3(mp3: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'masthead-transcribe-'));
  try {
    const mp3File = join(dir, 'in.mp3');
    const wavFile = join(dir, 'in.wav');
    await writeFile(mp3File, mp3);
    await run(
      'ffmpeg',
      [
        '-nostdin',
        '-loglevel',
        'error',
        '-y',
        '-i',
        mp3File,
        '-ar',
        '16000',
        '-ac',
        '1',
        '-c:a',
        'pcm_s16le',
        wavFile,
      ],
      120_000,
    );
    const text = await run(recognizer, ['-infile', wavFile, '-logfn', '/dev/null'], 900_000);
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
