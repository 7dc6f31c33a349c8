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

/**
 * The K-weighted signal's energy per 100 ms step: both filter stages run in one pass with no
 * intermediate arrays, and each 400 ms block (four steps, 75 % overlap) is then a sum of four
 * step energies instead of a second pass over its samples.
 */
function stepEnergies(samples: Float32Array, rate: number, step: number): Float64Array {
  const s = highShelf(rate);
  const h = highPass(rate);
  const energies = new Float64Array(Math.ceil(samples.length / step));
  let sx1 = 0;
  let sx2 = 0;
  let sy1 = 0;
  let sy2 = 0;
  let hy1 = 0;
  let hy2 = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const x = samples[i] ?? 0;
    const y = s.b0 * x + s.b1 * sx1 + s.b2 * sx2 - s.a1 * sy1 - s.a2 * sy2;
    sx2 = sx1;
    sx1 = x;
    // The high-pass input is the shelf output: its x1/x2 are the shelf's y1/y2 before update.
    const z = h.b0 * y + h.b1 * sy1 + h.b2 * sy2 - h.a1 * hy1 - h.a2 * hy2;
    sy2 = sy1;
    sy1 = y;
    hy2 = hy1;
    hy1 = z;
    const k = (i / step) | 0;
    energies[k] = (energies[k] ?? 0) + z * z;
  }
  return energies;
}

/** Integrated loudness in LUFS; −Infinity for silence. */
export function integratedLoudness(samples: Float32Array, rate: number): number {
  const block = Math.round(rate * 0.4);
  const step = Math.round(rate * 0.1);
  const energies = stepEnergies(samples, rate, step);
  const powers: number[] = [];
  if (samples.length < block) {
    let sum = 0;
    for (const e of energies) sum += e;
    powers.push(samples.length > 0 ? sum / samples.length : 0);
  } else {
    // Blocks start every step and span four whole steps (block = 4 × step at every rate used).
    const stepsPerBlock = Math.round(block / step);
    for (let first = 0; first * step + block <= samples.length; first += 1) {
      let sum = 0;
      for (let k = first; k < first + stepsPerBlock; k += 1) sum += energies[k] ?? 0;
      powers.push(sum / (stepsPerBlock * step));
    }
  }
  const lufs = (p: number) => -0.691 + 10 * Math.log10(p);
  const absolute = powers.filter((p) => p > 0 && lufs(p) > -70);
  if (absolute.length === 0) return -Infinity;
  const relativeGate = lufs(average(absolute)) - 10;
  const gated = absolute.filter((p) => lufs(p) > relativeGate);
  return lufs(average(gated.length > 0 ? gated : absolute));
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
