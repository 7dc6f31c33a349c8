import { useState } from 'react';
import { api } from '../../api';
import { Alert, useLoad } from '../../ui';
import { usePreviewPlayer } from './preview-player';

/** GET /api/admin/audio/lexicon/suggestions (src/audio/lexicon-suggest.routes.ts). */
interface Suggestion {
  term: string;
  respelling: string;
  count: number;
}

/**
 * Names in the latest English stories the voice is likely to mispronounce, each with a
 * suggested respelling: hear it with Listen, change it if needed, and add it to the lexicon.
 */
export function LexiconSuggestions({ onAdded }: { onAdded: () => void }) {
  const loaded = useLoad(
    () =>
      api<{ suggestions: Suggestion[]; stories: number }>(
        'GET',
        '/api/admin/audio/lexicon/suggestions',
      ),
    [],
  );
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const play = usePreviewPlayer();
  const said = (s: Suggestion) => edits[s.term] ?? s.respelling;

  async function add(s: Suggestion) {
    setError(null);
    try {
      await api('POST', '/api/admin/audio/lexicon', {
        language: 'en',
        engine: '',
        term: s.term,
        replacement: said(s),
        note: 'From the suggestions',
      });
      setNotice(`Added: “${s.term}” is now said as “${said(s)}”.`);
      onAdded();
      loaded.reload();
    } catch (err) {
      setError(err);
    }
  }

  async function listen(text: string) {
    setError(null);
    try {
      await play({ text, language: 'en' });
    } catch (err) {
      setError(err);
    }
  }

  const suggestions = loaded.data?.suggestions ?? [];
  return (
    <section aria-labelledby="lexicon-suggestions-title">
      <h3 id="lexicon-suggestions-title">Suggested respellings</h3>
      <p className="hint">
        Ukrainian and Russian names found in the latest English stories, which English voices often
        misread. Listen to each as written and as respelled; add the ones that sound right.
      </p>
      <Alert error={loaded.error ?? error} />
      <p role="status" className="visually-hidden">
        {notice}
      </p>
      {loaded.data && suggestions.length === 0 ? <p>No names to suggest right now.</p> : null}
      {suggestions.length > 0 ? (
        <div className="table-wrap">
          <table className="lexicon-suggestions">
            <caption className="visually-hidden">Suggested respellings</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Times</th>
                <th scope="col">Say it as</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {suggestions.map((s) => (
                <tr key={s.term}>
                  <td>{s.term}</td>
                  <td>{s.count}</td>
                  <td>
                    <label className="visually-hidden" htmlFor={`suggest-${s.term}`}>
                      Say {s.term} as
                    </label>
                    <input
                      id={`suggest-${s.term}`}
                      value={said(s)}
                      maxLength={300}
                      onChange={(e) => setEdits({ ...edits, [s.term]: e.target.value })}
                    />
                  </td>
                  <td>
                    <div className="row wrap">
                      <button type="button" onClick={() => void listen(s.term)}>
                        Listen as written<span className="visually-hidden">: {s.term}</span>
                      </button>
                      <button type="button" onClick={() => void listen(said(s))}>
                        Listen respelled<span className="visually-hidden">: {said(s)}</span>
                      </button>
                      <button type="button" onClick={() => void add(s)}>
                        Add<span className="visually-hidden"> {s.term}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
