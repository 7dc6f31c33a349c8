import { type FormEvent, useState } from 'react';
import { api } from '../../api';
import { Alert, Field } from '../../ui';
import type { ImportReport, Newsletter } from './types';
import './newsletters.css';

/**
 * CSV import: pasted or read from a file in the browser, sent as text. Rows the server skips
 * are listed with their line numbers so the editor can fix the file.
 */
export function SubscriberImport({
  newsletters,
  onDone,
}: {
  newsletters: Newsletter[];
  onDone: () => void;
}) {
  const [csv, setCsv] = useState('');
  const [slugs, setSlugs] = useState<string[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setCsv(await file.text());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setReport(
        await api<ImportReport>('POST', '/api/admin/newsletter-subscribers/import', {
          csv,
          newsletters: slugs,
        }),
      );
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="import-title">
      <h2 id="import-title">Import subscribers from CSV</h2>
      <p className="hint">
        Only import people who agreed to receive the newsletter. The first row names the columns:
        email (required), name, newsletters (slugs), consent_text, consent_at, consent_ip,
        consent_location.
      </p>
      <Field label="CSV file">
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        )}
      </Field>
      <Field label="CSV text" hint="Paste the CSV here, or choose a file above.">
        {(p) => (
          <textarea
            {...p}
            rows={6}
            className="mono"
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
          />
        )}
      </Field>
      <fieldset>
        <legend>Newsletters for rows without a newsletters column</legend>
        {newsletters.map((n) => (
          <div key={n.id}>
            <label className="choice">
              <input
                type="checkbox"
                checked={slugs.includes(n.slug)}
                onChange={(e) =>
                  setSlugs((s) =>
                    e.target.checked ? [...s, n.slug] : s.filter((x) => x !== n.slug),
                  )
                }
              />{' '}
              {n.name}
            </label>
          </div>
        ))}
      </fieldset>
      <Alert error={error} />
      <button type="submit" disabled={busy || csv.trim() === ''}>
        Import
      </button>
      {report ? (
        <div role="status">
          <p>
            Imported {report.imported} subscriber{report.imported === 1 ? '' : 's'}; skipped{' '}
            {report.skipped.length} row{report.skipped.length === 1 ? '' : 's'}.
          </p>
          {report.skipped.length > 0 ? (
            <div className="table-wrap">
              <table>
                <caption>Skipped rows</caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Email</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {report.skipped.map((row) => (
                    <tr key={row.line}>
                      <td>{row.line}</td>
                      <td className="mono">{row.email}</td>
                      <td>{row.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
