import { type FormEvent, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { Alert, useLoad } from '../../ui';
import { NeuralVoices, type RegisteredVoice } from './NeuralVoices';
import { usePreviewPlayer } from './preview-player';

interface VoiceScore {
  voice: string;
  language: string;
  word_error_rate: number | null;
  real_time_factor: number;
  cpu_per_audio_second: number | null;
}
interface EngineInfo {
  id: string;
  label: string;
  installed: boolean;
  languages: 'en' | 'all';
  voices: string[];
  scores: VoiceScore[];
  note?: string;
}
interface AutomaticVoice {
  engine: string;
  voice: string;
  reason: string;
}
interface LanguageRule {
  language: string;
  engine: string;
  voice: string;
}
interface TagRule extends LanguageRule {
  tag: string;
}
interface VoiceSettings {
  languages: LanguageRule[];
  tags: TagRule[];
}
interface VoicesResponse {
  settings: VoiceSettings;
  engines: EngineInfo[];
  registered: RegisteredVoice[];
  default_engine: string;
  automatic: Record<string, AutomaticVoice>;
  max_real_time_factor: number;
}

const sample: Record<string, string> = {
  en: 'The city council approved the budget on Tuesday.',
  uk: 'Міська рада ухвалила бюджет у вівторок.',
};

/** Which voice reads which articles: per language, and per tag (a tag rule wins). */
export function Voices() {
  const loaded = useLoad(() => api<VoicesResponse>('GET', '/api/admin/audio/voices'), []);
  const [draft, setDraft] = useState<VoiceSettings>({ languages: [], tags: [] });
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [playing, setPlaying] = useState<string | null>(null);
  const play = usePreviewPlayer();
  const fields = error instanceof ApiError ? error.fields : {};
  const engines = loaded.data?.engines ?? [];

  useEffect(() => {
    if (loaded.data) setDraft(loaded.data.settings);
  }, [loaded.data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await api<{ settings: VoiceSettings }>('PUT', '/api/admin/audio/voices', draft);
      setDraft(saved.settings);
      setNotice('Saved the voices. Regenerate an article’s narration to hear a change.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function listen(key: string, rule: LanguageRule) {
    setPlaying(key);
    setError(null);
    try {
      const language = rule.language || 'en';
      await play({
        text: sample[language] ?? sample.en ?? '',
        language,
        engine: rule.engine,
        voice: rule.voice,
      });
    } catch (err) {
      setError(err);
    } finally {
      setPlaying(null);
    }
  }

  function change<K extends 'languages' | 'tags'>(
    list: K,
    index: number,
    patch: Partial<VoiceSettings[K][number]>,
  ) {
    setDraft({
      ...draft,
      [list]: draft[list].map((rule, i) => (i === index ? { ...rule, ...patch } : rule)),
    });
  }
  function remove(list: 'languages' | 'tags', index: number) {
    setDraft({ ...draft, [list]: draft[list].filter((_, i) => i !== index) });
  }

  const problem = (key: string) =>
    fields[key] ? (
      <p className="alert" id={`voice-${key}-error`}>
        {fields[key].join(', ')}
      </p>
    ) : null;
  const described = (key: string) =>
    fields[key] ? { 'aria-invalid': true as const, 'aria-describedby': `voice-${key}-error` } : {};

  function ruleCells(list: 'languages' | 'tags', index: number, rule: LanguageRule, name: string) {
    const key = `${list}.${index}`;
    const engine = engines.find((e) => e.id === rule.engine);
    const voices = engine?.voices ?? engines.find((e) => e.id === 'espeak-ng-wasm')?.voices ?? [];
    return (
      <>
        <td>
          <label className="visually-hidden" htmlFor={`voice-${key}-engine`}>
            Engine for {name}
          </label>
          <select
            id={`voice-${key}-engine`}
            value={rule.engine}
            onChange={(e) => change(list, index, { engine: e.target.value })}
            {...described(`${key}.engine`)}
          >
            <option value="">Automatic ({loaded.data?.default_engine ?? 'auto'})</option>
            {engines.map((e) => (
              <option key={e.id} value={e.id} disabled={!e.installed}>
                {e.label}
                {e.languages === 'en' ? ' · English only' : ''}
                {e.installed ? '' : ' · not installed'}
              </option>
            ))}
          </select>
          {problem(`${key}.engine`)}
        </td>
        <td>
          <label className="visually-hidden" htmlFor={`voice-${key}-voice`}>
            Voice for {name}
          </label>
          <input
            id={`voice-${key}-voice`}
            list={`voice-${key}-voices`}
            value={rule.voice}
            placeholder="Engine default"
            maxLength={64}
            onChange={(e) => change(list, index, { voice: e.target.value })}
            {...described(`${key}.voice`)}
          />
          <datalist id={`voice-${key}-voices`}>
            {voices.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
          {problem(`${key}.voice`)}
        </td>
        <td>
          <div className="row wrap">
            <button
              type="button"
              disabled={playing !== null}
              onClick={() => void listen(key, rule)}
            >
              {playing === key ? 'Loading…' : 'Listen'}
              <span className="visually-hidden"> to the voice for {name}</span>
            </button>
            <button type="button" onClick={() => remove(list, index)}>
              Remove<span className="visually-hidden"> the rule for {name}</span>
            </button>
          </div>
        </td>
      </>
    );
  }

  return (
    <section aria-labelledby="voices-title">
      <h2 id="voices-title">Voices</h2>
      <p className="hint">
        Articles are read by the voice of their first tag that has a rule, else of their language,
        else the server default. A rule whose engine cannot speak an article’s language is skipped.
      </p>
      <Alert error={loaded.error} />
      <p role="status" className="visually-hidden">
        {notice}
      </p>
      {loaded.data ? <MeasuredVoices data={loaded.data} /> : null}
      <form onSubmit={(e) => void save(e)} noValidate>
        <h3>By language</h3>
        <div className="table-wrap">
          <table className="voice-table">
            <caption className="visually-hidden">Voice per language</caption>
            <thead>
              <tr>
                <th scope="col">Language</th>
                <th scope="col">Engine</th>
                <th scope="col">Voice</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {draft.languages.map((rule, index) => (
                <tr key={index}>
                  <td>
                    <label
                      className="visually-hidden"
                      htmlFor={`voice-languages.${index}-language`}
                    >
                      Language code
                    </label>
                    <input
                      id={`voice-languages.${index}-language`}
                      value={rule.language}
                      size={4}
                      maxLength={3}
                      onChange={(e) => change('languages', index, { language: e.target.value })}
                      {...described(`languages.${index}.language`)}
                    />
                    {problem(`languages.${index}.language`)}
                  </td>
                  {ruleCells('languages', index, rule, `language ${rule.language || index + 1}`)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {problem('languages')}
        <button
          type="button"
          onClick={() =>
            setDraft({
              ...draft,
              languages: [...draft.languages, { language: '', engine: '', voice: '' }],
            })
          }
        >
          Add a language rule
        </button>

        <h3>By tag</h3>
        <div className="table-wrap">
          <table className="voice-table">
            <caption className="visually-hidden">Voice per tag</caption>
            <thead>
              <tr>
                <th scope="col">Tag</th>
                <th scope="col">Only for language</th>
                <th scope="col">Engine</th>
                <th scope="col">Voice</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {draft.tags.map((rule, index) => (
                <tr key={index}>
                  <td>
                    <label className="visually-hidden" htmlFor={`voice-tags.${index}-tag`}>
                      Tag name or slug
                    </label>
                    <input
                      id={`voice-tags.${index}-tag`}
                      value={rule.tag}
                      maxLength={100}
                      onChange={(e) => change('tags', index, { tag: e.target.value })}
                      {...described(`tags.${index}.tag`)}
                    />
                    {problem(`tags.${index}.tag`)}
                  </td>
                  <td>
                    <label className="visually-hidden" htmlFor={`voice-tags.${index}-language`}>
                      Only for articles in language (empty for any)
                    </label>
                    <input
                      id={`voice-tags.${index}-language`}
                      value={rule.language}
                      placeholder="Any"
                      size={4}
                      maxLength={3}
                      onChange={(e) => change('tags', index, { language: e.target.value })}
                      {...described(`tags.${index}.language`)}
                    />
                    {problem(`tags.${index}.language`)}
                  </td>
                  {ruleCells('tags', index, rule, `tag ${rule.tag || index + 1}`)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button
          type="button"
          onClick={() =>
            setDraft({
              ...draft,
              tags: [...draft.tags, { tag: '', language: '', engine: '', voice: '' }],
            })
          }
        >
          Add a tag rule
        </button>
        <Alert error={error} />
        <div className="row wrap">
          <button type="submit" disabled={busy || !loaded.data}>
            Save voices
          </button>
        </div>
      </form>
    </section>
  );
}

const languageNames: Record<string, string> = { en: 'English', uk: 'Ukrainian' };

/**
 * Each voice's measured intelligibility and speed (from `npm run bench narration`), and what
 * the automatic choice reads each language with on this server.
 */
function MeasuredVoices({ data }: { data: VoicesResponse }) {
  const label = (id: string) => data.engines.find((e) => e.id === id)?.label ?? id;
  const rows = data.engines.flatMap((engine) => engine.scores.map((score) => ({ engine, score })));
  const notes = [...new Set(data.engines.flatMap((e) => (e.note ? [e.note] : [])))];
  return (
    <>
      <h3>Automatic choice on this server</h3>
      <p className="hint">
        {data.default_engine === 'auto'
          ? `The automatic voice is the clearest installed one (lowest measured word error rate) that is fast enough (real-time factor ≤ ${data.max_real_time_factor}).`
          : `TTS_ENGINE=${data.default_engine}: the server default is that engine; the automatic choice below applies with TTS_ENGINE=auto.`}
      </p>
      <ul>
        {Object.entries(data.automatic).map(([language, choice]) => (
          <li key={language}>
            {languageNames[language] ?? language}: {label(choice.engine)}
            {choice.voice ? ` · ${choice.voice}` : ''} ({choice.reason})
          </li>
        ))}
      </ul>
      {notes.map((note) => (
        <p key={note} className="hint">
          eSpeak NG: {note}
        </p>
      ))}
      <h3>Measured voices</h3>
      <p className="hint">
        Word error rate: how much of a news text an offline speech recognizer gets wrong when it
        listens to the voice (lower is clearer). Real-time factor: processing time ÷ audio length on
        one core. Ukrainian voices have no word error rate: no offline recognizer hears Ukrainian.
      </p>
      <div className="table-wrap">
        <table className="voice-table">
          <caption className="visually-hidden">Measured score of each voice</caption>
          <thead>
            <tr>
              <th scope="col">Engine</th>
              <th scope="col">Voice</th>
              <th scope="col">Language</th>
              <th scope="col">Word error rate</th>
              <th scope="col">Real-time factor</th>
              <th scope="col">On this server</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ engine, score }) => (
              <tr key={`${engine.id}-${score.voice}-${score.language}`}>
                <td>{engine.label}</td>
                <td>{score.voice}</td>
                <td>{languageNames[score.language] ?? score.language}</td>
                <td>
                  {score.word_error_rate === null
                    ? 'not measured'
                    : score.word_error_rate.toFixed(2)}
                </td>
                <td>{score.real_time_factor.toFixed(3)}</td>
                <td>{engine.installed ? 'Installed' : 'Not installed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <NeuralVoices data={data} names={languageNames} />
    </>
  );
}
