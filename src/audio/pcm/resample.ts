/**
 * Band-limited resampling with a Lanczos-windowed sinc (a = 8). Engines speak at 16–48 kHz;
 * the MP3 is 44.1 kHz. Linear interpolation would alias and muffle; this keeps speech clean
 * at a cost of 2·a multiply-adds per output sample (when downsampling the kernel is widened
 * so it also low-passes below the new Nyquist frequency).
 */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input.slice();
  const a = 8;
  const ratio = toRate / fromRate;
  const scale = Math.min(1, ratio); // < 1 when downsampling: cut-off at the new Nyquist
  const radius = a / scale;
  const length = Math.floor(input.length * ratio);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i += 1) {
    const center = i / ratio;
    const first = Math.max(0, Math.ceil(center - radius));
    const last = Math.min(input.length - 1, Math.floor(center + radius));
    let sum = 0;
    let weights = 0;
    for (let j = first; j <= last; j += 1) {
      const w = lanczos((center - j) * scale, a);
      sum += (input[j] ?? 0) * w;
      weights += w;
    }
    out[i] = weights > 0 ? sum / weights : 0;
  }
  return out;
}

function lanczos(x: number, a: number): number {
  if (x === 0) return 1;
  if (x <= -a || x >= a) return 0;
  const px = Math.PI * x;
  return (a * Math.sin(px) * Math.sin(px / a)) / (px * px);
}

/** Int16 samples as floats in [-1, 1). */
export function toFloat(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i += 1) out[i] = (samples[i] ?? 0) / 32768;
  return out;
}

/** Floats to Int16 with a gain, clamped. */
export function toInt16(samples: Float32Array, gain = 1): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i += 1) {
    const v = Math.round((samples[i] ?? 0) * gain * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}
