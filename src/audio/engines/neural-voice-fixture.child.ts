import { basename } from 'node:path';

// Test support: a neural-voice child that fails the way real models do, chosen by the model
// folder's name — crash (exits), hang (never answers), memory (grows until killed), bad
// (empty audio), flaky (one good answer, then crashes), ok (a 440 Hz tone at 16 kHz).

interface Message {
  id: number;
  payload: { modelDir: string; text: string };
}

const hold: Buffer[] = [];
const answered = new Map<string, number>();

function tone(seconds: number): Float32Array {
  const samples = new Float32Array(Math.round(16000 * seconds));
  for (let i = 0; i < samples.length; i++)
    samples[i] = 0.3 * Math.sin((2 * Math.PI * 440 * i) / 16000);
  return samples;
}

process.on('message', (message: Message) => {
  const mode = basename(message.payload.modelDir);
  const reply = (result: unknown) => process.send?.({ id: message.id, ok: true, result });
  if (mode === 'crash' || (mode === 'flaky' && (answered.get(mode) ?? 0) > 0)) process.exit(70);
  if (mode === 'hang') return;
  if (mode === 'memory') {
    setInterval(() => hold.push(Buffer.alloc(16 << 20, 1)), 20);
    return;
  }
  answered.set(mode, (answered.get(mode) ?? 0) + 1);
  if (mode === 'bad') reply({ samples: new Float32Array(0), sampleRate: 16000 });
  else reply({ samples: tone(0.5), sampleRate: 16000 });
});
process.on('disconnect', () => process.exit(0));
