import { type FormEvent, useId, useState } from 'react';
import { api, ApiError } from '../../api';
import { Alert, useLoad } from '../../ui';
import type { AnalyticsSettings } from './types';

/** The admins' analytics settings: collect or not, and how long raw events are kept. */
export function SettingsForm() {
  const id = useId();
  const loaded = useLoad(() => api<AnalyticsSettings>('GET', '/api/admin/analytics/settings'), []);
  const [draft, setDraft] = useState<AnalyticsSettings | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const value = draft ?? loaded.data;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!value) return;
    setSaving(true);
    setSaved(false);
    setError(null);
    setFields({});
    try {
      const next = await api<AnalyticsSettings>('PUT', '/api/admin/analytics/settings', value);
      loaded.setData(next);
      setDraft(null);
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) setFields(err.fields);
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (name: keyof AnalyticsSettings) => fields[name]?.join(' ');
  const errorProps = (name: keyof AnalyticsSettings) =>
    fieldError(name) ? { 'aria-invalid': true as const } : {};
  const change = (patch: Partial<AnalyticsSettings>) => {
    if (value) setDraft({ ...value, ...patch });
    setSaved(false);
  };

  return (
    <section aria-labelledby={`${id}-title`} className="analytics-settings">
      <h2 id={`${id}-title`}>Analytics settings</h2>
      <Alert error={loaded.error} />
      {!value ? (
        loaded.error ? null : (
          <p className="loading" role="status">
            Loading the settings…
          </p>
        )
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          {error && Object.keys(fields).length === 0 ? <Alert error={error} /> : null}
          <div className="field">
            <label className="analytics-check">
              <input
                type="checkbox"
                checked={value.enabled}
                onChange={(e) => change({ enabled: e.target.checked })}
                aria-describedby={
                  [`${id}-enabled-hint`, fieldError('enabled') ? `${id}-enabled-error` : '']
                    .filter(Boolean)
                    .join(' ') || undefined
                }
                {...errorProps('enabled')}
              />{' '}
              Collect analytics
            </label>
            <p className="hint" id={`${id}-enabled-hint`}>
              Off: pages carry no beacon and nothing is counted. No cookies either way.
            </p>
            {fieldError('enabled') ? (
              <p className="alert" id={`${id}-enabled-error`}>
                {fieldError('enabled')}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-days`}>Keep raw events for (days)</label>
            <input
              id={`${id}-days`}
              type="number"
              inputMode="numeric"
              min={1}
              max={400}
              step={1}
              value={Number.isNaN(value.rawDays) ? '' : value.rawDays}
              onChange={(e) => change({ rawDays: e.target.valueAsNumber })}
              aria-describedby={[`${id}-days-hint`, fieldError('rawDays') ? `${id}-days-error` : '']
                .filter(Boolean)
                .join(' ')}
              {...errorProps('rawDays')}
            />
            <p className="hint" id={`${id}-days-hint`}>
              1 to 400. After that only the daily totals remain.
            </p>
            {fieldError('rawDays') ? (
              <p className="alert" id={`${id}-days-error`}>
                {fieldError('rawDays')}
              </p>
            ) : null}
          </div>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>{' '}
          <span role="status">{saved ? 'Saved.' : ''}</span>
        </form>
      )}
    </section>
  );
}
