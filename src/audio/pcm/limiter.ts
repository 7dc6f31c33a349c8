/**
 * A look-ahead peak limiter. Synthetic speech has a high crest factor: bringing it to −16 LUFS
 * puts plosives above full scale, and lowering the whole file to respect the peak ceiling
 * would leave it too quiet. The limiter lowers only those peaks: the gain needed at each
 * sample is reached before the peak (sliding minimum over the look-ahead window, then
 * averaged over the same window so the gain changes smoothly) and recovers slowly after it.
 */
export function limitPeaks(
  samples: Float32Array,
  rate: number,
  ceiling: number,
  options: { lookaheadMs?: number; releaseMs?: number } = {},
): Float32Array {
  const window = Math.max(1, Math.round(((options.lookaheadMs ?? 5) / 1000) * rate));
  const release = Math.exp(-1 / (((options.releaseMs ?? 80) / 1000) * rate));
  const n = samples.length;
  const required = new Float32Array(n);
  for (let i = 0; i < n; i += 1) {
    const v = Math.abs(samples[i] ?? 0);
    required[i] = v > ceiling ? ceiling / v : 1;
  }
  // env[i] = min(required[i … i + window]) with a monotonic deque (O(n)).
  const env = new Float32Array(n);
  const deque = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = n - 1; i >= 0; i -= 1) {
    while (tail > head && (required[deque[tail - 1] ?? 0] ?? 1) >= (required[i] ?? 1)) tail -= 1;
    deque[tail] = i;
    tail += 1;
    while ((deque[head] ?? 0) > i + window) head += 1;
    env[i] = required[deque[head] ?? i] ?? 1;
  }
  // Average over the previous `window` samples: every window containing a peak has env ≤ its need.
  const out = new Float32Array(n);
  let sum = 0;
  let gain = 1;
  for (let i = 0; i < n; i += 1) {
    sum += env[i] ?? 1;
    if (i >= window) sum -= env[i - window] ?? 1;
    const smoothed = sum / Math.min(i + 1, window);
    const target = Math.min(smoothed, env[i] ?? 1);
    gain = target < gain ? target : Math.min(target, 1 - (1 - gain) * release);
    out[i] = (samples[i] ?? 0) * gain;
  }
  return out;
}
