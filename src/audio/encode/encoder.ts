import { commandExists } from '../engines/binary-engines.js';
import { audioChildPool } from '../engines/child-engines.js';
import type { PcmAudio } from '../pcm/wav.js';
import type { EncodedAudio } from './encode-mp3.js';
import { narrationLameQuality } from './lame-quality.js';

// MP3 encoding: loudness normalization (Masthead's BS.1770 code) and resampling in the audio
// child process, then Debian ffmpeg's libmp3lame when it is installed, else lamejs in the
// same child. See encode-child.ts.

export type EncoderId = 'ffmpeg' | 'lamejs';

export interface Mp3Encoder {
  id: EncoderId;
  /** Part of each paragraph's cache key: a different encoder or setting re-encodes. */
  variant: string;
  encode(
    audio: PcmAudio,
    pauseMs: number,
    options?: { signal?: AbortSignal },
  ): Promise<EncodedAudio>;
}

/** The request the audio child process answers (see encode-child.ts). */
export interface EncodeChildPayload {
  samples: Int16Array;
  sampleRate: number;
  pauseMs: number;
  encoder: EncoderId;
  timeoutMs: number;
}

function encodeTimeoutMs(audio: PcmAudio): number {
  return 60_000 + Math.round((audio.samples.length / audio.sampleRate) * 1000);
}

function childEncoder(id: EncoderId, variant: string): Mp3Encoder {
  return {
    id,
    variant,
    encode: (audio, pauseMs, options = {}) => {
      const timeoutMs = encodeTimeoutMs(audio);
      const payload: EncodeChildPayload = {
        samples: audio.samples,
        sampleRate: audio.sampleRate,
        pauseMs,
        encoder: id,
        timeoutMs,
      };
      return audioChildPool().run<EncodedAudio>(
        { kind: 'encode-mp3', payload },
        { timeoutMs: timeoutMs + 5_000, signal: options.signal },
      );
    },
  };
}

/** lamejs in the audio child process (LAME quality 7, see lame-quality.ts). */
export const lamejsEncoder = childEncoder('lamejs', `lamejs-q${narrationLameQuality}`);

/** Debian ffmpeg (libmp3lame), started by the audio child process per paragraph. */
export const ffmpegEncoder = childEncoder('ffmpeg', 'ffmpeg-libmp3lame');

let chosen: Promise<Mp3Encoder> | undefined;

/** ffmpeg when installed, else lamejs (decided once per process). */
export function selectEncoder(): Promise<Mp3Encoder> {
  chosen ??= commandExists('ffmpeg').then((found) => (found ? ffmpegEncoder : lamejsEncoder));
  return chosen;
}
