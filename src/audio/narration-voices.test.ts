import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import {
  deleteNarrationVoice,
  findNarrationVoice,
  listNarrationVoices,
  recordNarrationVoiceScores,
  saveNarrationVoice,
} from './narration-voices.repository.js';
import type { NarrationVoiceRow } from './narration-voices.table.js';

const row = (name: string, changes: Partial<NarrationVoiceRow> = {}): NarrationVoiceRow => ({
  name,
  dir: `/srv/voices/${name}`,
  kind: 'vits',
  language: 'en',
  sample_rate: 22050,
  speaker: 0,
  model_bytes: 63_000_000,
  word_error_rate: null,
  real_time_factor: null,
  cpu_per_audio_second: null,
  not_measured: '',
  measured_at: null,
  created_at: '2026-12-07T23:00:00.000Z',
  ...changes,
});

describeEachDialect('registered neural voices', (getDatabase) => {
  it('registers, re-registers, records scores, lists and removes', async () => {
    const { db } = getDatabase();
    await saveNarrationVoice(db, row('piper-b'));
    await saveNarrationVoice(db, row('piper-a', { language: 'uk' }));
    await saveNarrationVoice(db, row('piper-b', { sample_rate: 16000, created_at: 'later' }));
    const b = await findNarrationVoice(db, 'piper-b');
    assert.equal(b?.sample_rate, 16000);
    assert.equal(b?.created_at, '2026-12-07T23:00:00.000Z', 'first registration time kept');
    await recordNarrationVoiceScores(db, 'piper-b', {
      word_error_rate: 0.085,
      real_time_factor: 0.12,
      cpu_per_audio_second: 0.2,
      not_measured: '',
      measured_at: '2026-12-07T23:10:00.000Z',
    });
    const listed = await listNarrationVoices(db);
    assert.deepEqual(
      listed.map((v) => [v.name, v.language, v.word_error_rate, Number(v.model_bytes)]),
      [
        ['piper-a', 'uk', null, 63_000_000],
        ['piper-b', 'en', 0.085, 63_000_000],
      ],
    );
    assert.equal(await deleteNarrationVoice(db, 'piper-a'), true);
    assert.equal(await deleteNarrationVoice(db, 'piper-a'), false);
    assert.equal((await listNarrationVoices(db)).length, 1);
  });
});
