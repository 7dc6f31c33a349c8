import type { PcmAudio } from './wav.js';

// The short cue before a section heading in a narration (issue 18: headings "read with a pause
// and a short cue"): two soft notes, a fifth apart, 90 ms each with smooth edges, then a short
// rest, quiet enough under speech loudness not to startle. Made at the voice's sample rate.

const notes = [660, 990];
const noteMs = 90;
const restMs = 160;
const peak = 0.18 * 32767;

/** The voice's audio with the chime before it. */
export function withChime(pcm: PcmAudio): PcmAudio {
  const rate = pcm.sampleRate;
  const noteLength = Math.round((noteMs / 1000) * rate);
  const rest = Math.round((restMs / 1000) * rate);
  const chime = new Int16Array(notes.length * noteLength + rest);
  notes.forEach((hz, n) => {
    for (let i = 0; i < noteLength; i += 1) {
      // A raised-cosine envelope: no click at either end.
      const envelope = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (noteLength - 1));
      chime[n * noteLength + i] = Math.round(
        peak * envelope * Math.sin((2 * Math.PI * hz * i) / rate),
      );
    }
  });
  const samples = new Int16Array(chime.length + pcm.samples.length);
  samples.set(chime, 0);
  samples.set(pcm.samples, chime.length);
  return { ...pcm, samples };
}
