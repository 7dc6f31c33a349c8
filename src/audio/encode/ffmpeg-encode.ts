import { spawn } from 'node:child_process';
import { mp3Format } from './encode-mp3.js';

/**
 * 44.1 kHz mono PCM (already at the target loudness, see prepareSpeech) to MP3 with Debian
 * ffmpeg's libmp3lame. Loudness is measured and applied in Masthead's own BS.1770 code for
 * both encoders: ffmpeg's single-pass `loudnorm` works at 192 kHz internally and cost three
 * times the encoding itself, and one normalization keeps both encoders' output alike.
 */
export function encodeWithFfmpeg(
  pcm: Int16Array,
  options: { signal?: AbortSignal; timeoutMs: number },
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
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
        String(mp3Format.sampleRate),
        '-ac',
        '1',
        '-i',
        'pipe:0',
        '-c:a',
        'libmp3lame',
        '-b:a',
        `${mp3Format.bitrateKbps}k`,
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
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
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
      resolve(Buffer.concat(chunks));
    });
    child.stdin.on('error', () => undefined); // ffmpeg exiting early surfaces as 'close'
    child.stdin.end(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
  });
}
