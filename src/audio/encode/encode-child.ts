import { reapedChildrenCpuMs } from '../engines/cpu-time.js';
import { type EncodedAudio, encodeWithLamejs, prepareSpeech } from './encode-mp3.js';
import type { EncodeChildPayload } from './encoder.js';
import { encodeWithFfmpeg } from './ffmpeg-encode.js';

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * The audio child's side of encoding: loudness and resampling here, then lamejs here or
 * ffmpeg as a command. Reports the CPU time of each stage (ffmpeg's from /proc, as it is
 * this process's child; the child pool runs one request per process at a time).
 */
export async function encodeInChild(payload: EncodeChildPayload): Promise<EncodedAudio> {
  let start = process.cpuUsage();
  const prepared = prepareSpeech(payload);
  const loudness = cpuMsSince(start);
  let mp3: Uint8Array;
  let encoding: number;
  if (payload.encoder === 'ffmpeg') {
    const before = reapedChildrenCpuMs();
    start = process.cpuUsage();
    mp3 = await encodeWithFfmpeg(prepared.pcm, { timeoutMs: payload.timeoutMs });
    const after = reapedChildrenCpuMs();
    encoding =
      cpuMsSince(start) + (before !== undefined && after !== undefined ? after - before : 0);
  } else {
    start = process.cpuUsage();
    mp3 = encodeWithLamejs(prepared.pcm);
    encoding = cpuMsSince(start);
  }
  return {
    mp3,
    loudness: prepared.loudness,
    truePeak: prepared.truePeak,
    cpuMs: { loudness, encoding },
  };
}
