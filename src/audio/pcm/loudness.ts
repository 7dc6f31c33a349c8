// Loudness as ITU-R BS.1770-4 defines it (K-weighting, 400 ms blocks with 75 % overlap, an
// absolute gate at −70 LUFS and a relative gate 10 LU below), and a 4× oversampled peak as
// the true-peak estimate. Used when ffmpeg (whose loudnorm filter does the same) is absent.

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

// The two K-weighting stages, derived for any sample rate (the standard tabulates 48 kHz).
function highShelf(rate: number): Biquad {
  const gainDb = 4;
  const q = Math.SQRT1_2;
  const fc = 1500;
  const A = 10 ** (gainDb / 40);
  const w0 = (2 * Math.PI * fc) / rate;
  const alpha = Math.sin(w0) / (2 * q);
  const cos = Math.cos(w0);
  const root = 2 * Math.sqrt(A) * alpha;
  const a0 = A + 1 - (A - 1) * cos + root;
  return {
    b0: (A * (A + 1 + (A - 1) * cos + root)) / a0,
    b1: (-2 * A * (A - 1 + (A + 1) * cos)) / a0,
    b2: (A * (A + 1 + (A - 1) * cos - root)) / a0,
    a1: (2 * (A - 1 - (A + 1) * cos)) / a0,
    a2: (A + 1 - (A - 1) * cos - root) / a0,
  };
}

function highPass(rate: number): Biquad {
  const q = 0.5;
  const fc = 38;
  const w0 = (2 * Math.PI * fc) / rate;
  const alpha = Math.sin(w0) / (2 * q);
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  return {
    b0: (1 + cos) / 2 / a0,
    b1: -(1 + cos) / a0,
    b2: (1 + cos) / 2 / a0,
    a1: (-2 * cos) / a0,
    a2: (1 - alpha) / a0,
  };
}

function filter(input: Float32Array, f: Biquad): Float32Array {
  const out = new Float32Array(input.length);
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < input.length; i += 1) {
    const x = input[i] ?? 0;
    const y = f.b0 * x + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
    out[i] = y;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
  }
  return out;
}

/** Integrated loudness in LUFS; −Infinity for silence. */
export function integratedLoudness(samples: Float32Array, rate: number): number {
  const weighted = filter(filter(samples, highShelf(rate)), highPass(rate));
  const block = Math.round(rate * 0.4);
  const step = Math.round(rate * 0.1);
  const powers: number[] = [];
  if (weighted.length < block) {
    powers.push(meanSquare(weighted, 0, weighted.length));
  } else {
    for (let start = 0; start + block <= weighted.length; start += step)
      powers.push(meanSquare(weighted, start, start + block));
  }
  const lufs = (p: number) => -0.691 + 10 * Math.log10(p);
  const absolute = powers.filter((p) => p > 0 && lufs(p) > -70);
  if (absolute.length === 0) return -Infinity;
  const relativeGate = lufs(average(absolute)) - 10;
  const gated = absolute.filter((p) => lufs(p) > relativeGate);
  return lufs(average(gated.length > 0 ? gated : absolute));
}

function meanSquare(x: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i += 1) sum += (x[i] ?? 0) ** 2;
  return to > from ? sum / (to - from) : 0;
}

function average(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * The true peak estimate in dBTP: the highest absolute value of the signal upsampled 4× with
 * a short windowed sinc (inter-sample peaks are what clip in a decoder, not sample peaks).
 */
export function truePeakDb(samples: Float32Array): number {
  const taps = 6;
  let peak = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const v = Math.abs(samples[i] ?? 0);
    if (v > peak) peak = v;
  }
  // The three in-between phases' windowed-sinc weights for samples i−5 … i+6, computed once.
  const weights = [1, 2, 3].map((phase) =>
    Array.from({ length: 2 * taps }, (_, k) => {
      const px = Math.PI * (phase / 4 - (k - taps + 1));
      return (Math.sin(px) / px) * (Math.sin(px / taps) / (px / taps));
    }),
  );
  // Only the neighbourhoods of loud samples can hide an inter-sample peak above the sample peak.
  const threshold = peak * 0.5;
  for (let i = taps - 1; i < samples.length - taps; i += 1) {
    if (Math.abs(samples[i] ?? 0) < threshold && Math.abs(samples[i + 1] ?? 0) < threshold)
      continue;
    for (const w of weights) {
      let sum = 0;
      for (let k = 0; k < 2 * taps; k += 1) sum += (samples[i - taps + 1 + k] ?? 0) * (w[k] ?? 0);
      const v = Math.abs(sum);
      if (v > peak) peak = v;
    }
  }
  return peak > 0 ? 20 * Math.log10(peak) : -Infinity;
}

/**
 * The gain (linear) that brings audio to `targetLufs` without its true peak passing `ceilingDb`.
 * Speech from a synthesizer is dense, so the peak limit rarely binds; when it does, the audio
 * ends up quieter than the target rather than clipped.
 */
export function normalizationGain(
  samples: Float32Array,
  rate: number,
  targetLufs = -16,
  ceilingDb = -1,
): { gain: number; loudness: number; truePeak: number } {
  const loudness = integratedLoudness(samples, rate);
  const truePeak = truePeakDb(samples);
  if (!Number.isFinite(loudness)) return { gain: 1, loudness, truePeak };
  const gainDb = Math.min(targetLufs - loudness, ceilingDb - truePeak);
  return { gain: 10 ** (gainDb / 20), loudness, truePeak };
}
