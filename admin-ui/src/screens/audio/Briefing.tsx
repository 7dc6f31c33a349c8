import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api';
import { Alert, useLoad } from '../../ui';

interface BriefingSettings {
  enabled: boolean;
  time: string;
  stories: number;
  intro: Record<string, string>;
  outro: Record<string, string>;
}
interface BriefingSummary {
  language: string;
  local_date: string;
  file: string;
  duration_ms: number;
  article_ids: number[];
  updated_at: string;
}
interface BriefingResponse {
  settings: BriefingSettings;
  time_zone: string;
  briefings: BriefingSummary[];
}

const languages = [
  { code: 'en', label: 'English' },
  { code: 'uk', label: 'Ukrainian' },
] as const;

const minutes = (ms: number) =>
  `${Math.floor(ms / 60_000)}:${String(Math.round(ms / 1000) % 60).padStart(2, '0')}`;

/**
 * The daily audio briefing: when it is made, how many stories, the intro and outro per language,
 * "make today's now", and the latest briefings to listen to.
 */
export function Briefing() {
  const load = useLoad(() => api<BriefingResponse>('GET', '/api/admin/audio/briefing'), []);
  const [draft, setDraft] = useState<BriefingSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (load.data) setDraft(load.data.settings);
  }, [load.data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      const clean = (texts: Record<string, string>) =>
        Object.fromEntries(Object.entries(texts).filter(([, text]) => text.trim() !== ''));
      await api('PUT', '/api/admin/audio/briefing', {
        ...draft,
        intro: clean(draft.intro),
        outro: clean(draft.outro),
      });
      setNotice('Saved the briefing settings.');
      load.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function makeToday() {
    setError(null);
    try {
      const made = await api<{ local_date: string; languages: string[] }>(
        'POST',
        '/api/admin/audio/briefing/today',
        {},
      );
      setNotice(
        made.languages.length > 0
          ? `Making the briefing for ${made.local_date} (${made.languages.join(', ')}); it appears here in a minute.`
          : 'The briefing is switched off.',
      );
    } catch (err) {
      setError(err);
    }
  }

  const text = (kind: 'intro' | 'outro', code: string) =>
    draft ? (
      <div className="field" key={`${kind}-${code}`}>
        <label htmlFor={`briefing-${kind}-${code}`}>
          {kind === 'intro' ? 'Intro' : 'Outro'} ({languages.find((l) => l.code === code)?.label})
        </label>
        <textarea
          id={`briefing-${kind}-${code}`}
          aria-describedby="briefing-text-hint"
          maxLength={1000}
          rows={2}
          value={draft[kind][code] ?? ''}
          onChange={(e) =>
            setDraft({ ...draft, [kind]: { ...draft[kind], [code]: e.target.value } })
          }
        />
      </div>
    ) : null;

  return (
    <section aria-labelledby="briefing-title">
      <h2 id="briefing-title">Daily audio briefing</h2>
      <p className="hint">
        Every morning the top stories (Editors&apos; Picks first, then the most read, then the
        latest) are read as headline and standfirst, for the home page player and the podcast at
        /podcast/briefing.xml. Changing Editors&apos; Picks remakes today&apos;s briefing.
      </p>
      <Alert error={load.error} />
      <p role="status" className="visually-hidden">
        {notice}
      </p>
      {draft && load.data ? (
        <form className="panel narrow" onSubmit={(e) => void save(e)}>
          <div className="field">
            <label>
              <input
                type="checkbox"
                checked={draft.enabled}
                onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
              />{' '}
              Make a briefing every morning
            </label>
          </div>
          <div className="field">
            <label htmlFor="briefing-time">Time</label>
            <input
              id="briefing-time"
              type="time"
              required
              aria-describedby="briefing-time-hint"
              value={draft.time}
              onChange={(e) => setDraft({ ...draft, time: e.target.value })}
            />
            <p className="hint" id="briefing-time-hint">
              In the newsroom&apos;s time zone ({load.data.time_zone}).
            </p>
          </div>
          <div className="field">
            <label htmlFor="briefing-stories">Stories</label>
            <input
              id="briefing-stories"
              type="number"
              min={1}
              max={30}
              required
              value={draft.stories}
              onChange={(e) => setDraft({ ...draft, stories: Number(e.target.value) })}
            />
          </div>
          {languages.map((l) => text('intro', l.code))}
          {languages.map((l) => text('outro', l.code))}
          <p className="hint" id="briefing-text-hint">
            Leave empty for the built-in wording. {'{site}'} and {'{date}'} are filled in.
          </p>
          <Alert error={error} />
          <div className="row wrap">
            <button type="submit" disabled={busy}>
              Save briefing settings
            </button>
            <button type="button" onClick={() => void makeToday()}>
              Make today&apos;s briefing now
            </button>
          </div>
        </form>
      ) : null}
      {load.data && load.data.briefings.length > 0 ? (
        <ul className="briefing-list">
          {load.data.briefings.map((b) => (
            <li key={`${b.language}-${b.local_date}`}>
              <p>
                {b.local_date} · {b.article_ids.length} stories · {minutes(b.duration_ms)}
              </p>
              <audio
                controls
                preload="none"
                src={`/audio/${b.file}`}
                aria-label={`Briefing for ${b.local_date}`}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
