import { spawn } from 'node:child_process';
import { commandExists } from '../engines/binary-engines.js';
import { audioChildPool } from '../engines/child-engines.js';
import type { PcmAudio } from '../pcm/wav.js';
import { type EncodedAudio, mp3Format } from './encode-mp3.js';

// MP3 encoding with loudness normalization: Debian ffmpeg (loudnorm + libmp3lame) when it is
// installed, else lamejs with Masthead's own BS.1770 measurement in the audio child process.

export interface Mp3Encoder {
  id: 'ffmpeg' | 'lamejs';
  encode(
    audio: PcmAudio,
    pauseMs: number,
    options?: { signal?: AbortSignal },
  ): Promise<EncodedAudio>;
}

function encodeTimeoutMs(audio: PcmAudio): number {
  return 60_000 + Math.round((audio.samples.length / audio.sampleRate) * 1000);
}

/** lamejs in the audio child process. */
export const lamejsEncoder: Mp3Encoder = {
  id: 'lamejs',
  encode: (audio, pauseMs, options = {}) =>
    audioChildPool().run<EncodedAudio>(
      {
        kind: 'encode-mp3',
        payload: { samples: audio.samples, sampleRate: audio.sampleRate, pauseMs },
      },
      { timeoutMs: encodeTimeoutMs(audio), signal: options.signal },
    ),
};

/** Debian ffmpeg: loudnorm to −16 LUFS / −1 dBTP, then MP3 mono 44.1 kHz 64 kbit/s. */
export const ffmpegEncoder: Mp3Encoder = {
  id: 'ffmpeg',
  encode: (audio, pauseMs, options = {}) =>
    new Promise((resolve, reject) => {
      const { sampleRate, bitrateKbps, targetLufs, ceilingDb } = mp3Format;
      const child = spawn(
        'ffmpeg',
        [
          '-hide_banner',
          '-loglevel',
          'error',
          '-nostdin',
          '-f',
          's16le',
          '-ar',
          String(audio.sampleRate),
          '-ac',
          '1',
          '-i',
          'pipe:0',
          '-af',
          `loudnorm=I=${targetLufs}:TP=${ceilingDb - 0.5}:LRA=11,aresample=${sampleRate},apad=pad_dur=${pauseMs / 1000}`,
          '-ac',
          '1',
          '-ar',
          String(sampleRate),
          '-c:a',
          'libmp3lame',
          '-b:a',
          `${bitrateKbps}k`,
          '-write_xing',
          '0',
          '-id3v2_version',
          '0',
          '-map_metadata',
          '-1',
          '-f',
          'mp3',
          'pipe:1',
        ],
        { stdio: ['pipe', 'pipe', 'pipe'], signal: options.signal },
      );
      const chunks: Buffer[] = [];
      let stderr = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), encodeTimeoutMs(audio));
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-1000);
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code !== 0) return reject(new Error(`ffmpeg failed (${code}): ${stderr.trim()}`));
        resolve({ mp3: Buffer.concat(chunks), loudness: targetLufs, truePeak: ceilingDb - 0.5 });
      });
      child.stdin.on('error', () => undefined); // ffmpeg exiting early surfaces as 'close'
      child.stdin.end(
        Buffer.from(audio.samples.buffer, audio.samples.byteOffset, audio.samples.byteLength),
      );
    }),
};

let chosen: Promise<Mp3Encoder> | undefined;

/** ffmpeg when installed, else lamejs (decided once per process). */
export function selectEncoder(): Promise<Mp3Encoder> {
  chosen ??= commandExists('ffmpeg').then((found) => (found ? ffmpegEncoder : lamejsEncoder));
  return chosen;
}
