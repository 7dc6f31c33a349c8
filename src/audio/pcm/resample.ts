/**
 * Band-limited resampling with a Lanczos-windowed sinc (a = 8). Engines speak at 16–48 kHz;
 * the MP3 is 44.1 kHz. Linear interpolation would alias and muffle; this keeps speech clean.
 * The rates' ratio is reduced to L/M, so there are only L distinct filter phases: their
 * weights are computed once (when downsampling the kernel is widened so it also low-passes
 * below the new Nyquist frequency), and each output sample is a short dot product.
 */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input.slice();
  const a = 8;
  const divisor = gcd(fromRate, toRate);
  const up = toRate / divisor; // L
  const down = fromRate / divisor; // M
  const scale = Math.min(1, up / down); // < 1 when downsampling: cut-off at the new Nyquist
  const radius = Math.ceil(a / scale);
  const taps = 2 * radius;
  const weights = new Float32Array(up * taps);
  for (let phase = 0; phase < up; phase += 1) {
    const fraction = phase / up; // position of the output sample past input sample `base`
    let sum = 0;
    for (let k = 0; k < taps; k += 1) {
      const w = lanczos((fraction - (k - radius + 1)) * scale, a);
      weights[phase * taps + k] = w;
      sum += w;
    }
    for (let k = 0; k < taps; k += 1)
      weights[phase * taps + k] = (weights[phase * taps + k] ?? 0) / sum;
  }
  // A phase's weights can be zero at its ends (at phase 0 of an integer-ratio upsampling
  // every weight but one is: those outputs are copies of input samples), so each phase keeps
  // only its non-zero span; ×2 (22,050 → 44,100 Hz) then costs half the multiplications.
  const spans = new Int32Array(up * 2);
  for (let phase = 0; phase < up; phase += 1) {
    let from = 0;
    let to = taps;
    while (from < to && weights[phase * taps + from] === 0) from += 1;
    while (to > from && weights[phase * taps + to - 1] === 0) to -= 1;
    spans[phase * 2] = from;
    spans[phase * 2 + 1] = to;
  }
  const length = Math.floor((input.length * up) / down);
  const out = new Float32Array(length);
  const last = input.length - 1;
  for (let i = 0; i < length; i += 1) {
    const position = i * down;
    const base = Math.floor(position / up);
    const phase = position % up;
    const offset = phase * taps;
    const first = base - radius + 1;
    const from = spans[phase * 2] ?? 0;
    const to = spans[phase * 2 + 1] ?? taps;
    let sum = 0;
    if (first + from >= 0 && first + to - 1 <= last) {
      for (let k = from; k < to; k += 1)
        sum += (input[first + k] ?? 0) * (weights[offset + k] ?? 0);
    } else {
      for (let k = from; k < to; k += 1) {
        const j = first + k;
        if (j >= 0 && j <= last) sum += (input[j] ?? 0) * (weights[offset + k] ?? 0);
      }
    }
    out[i] = sum;
  }
  return out;
}

function gcd(x: number, y: number): number {
  return y === 0 ? x : gcd(y, x % y);
}

function lanczos(x: number, a: number): number {
  if (x === 0) return 1;
  // sin(πx) at a whole number is 0 mathematically but ~1e-16 in floating point.
  if (x <= -a || x >= a || Number.isInteger(x)) return 0;
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
