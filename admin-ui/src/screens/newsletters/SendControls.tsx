import { type FormEvent, useState } from 'react';
import { api } from '../../api';
import { useSite } from '../../site';
import { Alert, Field } from '../../ui';
import { zonedToUtc } from '../../zone-time';
import type { IssueStatus, Progress } from './types';

/** Test send, send now and schedule. `beforeSend` saves the composer first. */
export function SendControls({
  issueId,
  status,
  beforeSend,
  onStatus,
}: {
  issueId: number;
  status: IssueStatus;
  beforeSend: () => Promise<boolean>;
  onStatus: (status: IssueStatus) => void;
}) {
  const { site } = useSite();
  const [testTo, setTestTo] = useState('');
  const [at, setAt] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const canSend = status === 'draft' || status === 'scheduled';

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      if (await beforeSend()) setNotice(await work());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const testSend = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const answer = await api<{ to: string }>(
        'POST',
        `/api/admin/newsletter-issues/${issueId}/test`,
        { email: testTo },
      );
      return `Test sent to ${answer.to}.`;
    });
  };

  const send = (when?: string) =>
    void run(async () => {
      // 202 Accepted: the api client gives no body for it, so ask for the progress.
      await api('POST', `/api/admin/newsletter-issues/${issueId}/send`, when ? { at: when } : {});
      const p = await api<Progress>('GET', `/api/admin/newsletter-issues/${issueId}/progress`);
      onStatus(p.status);
      return when ? 'Scheduled.' : 'Sending started.';
    });

  const schedule = (event: FormEvent) => {
    event.preventDefault();
    const utc = zonedToUtc(at, site.timeZone);
    if (!utc) {
      setError(new Error('Choose a date and a time.'));
      return;
    }
    send(utc);
  };

  return (
    <section className="panel" aria-labelledby="send-title">
      <h2 id="send-title">Test and send</h2>
      <form className="row wrap" onSubmit={testSend}>
        <Field label="Send a test to">
          {(p) => (
            <input
              {...p}
              type="email"
              required
              autoComplete="email"
              value={testTo}
              onChange={(e) => setTestTo(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          Send test
        </button>
      </form>
      {canSend ? (
        <>
          <p>
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => {
                if (confirm('Send this issue to every confirmed subscriber now?')) send();
              }}
            >
              Send now
            </button>
          </p>
          <form className="row wrap" onSubmit={schedule}>
            <Field label={`Send at (${site.timeZone} time)`}>
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  required
                  value={at}
                  onChange={(e) => setAt(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" disabled={busy}>
              {status === 'scheduled' ? 'Reschedule' : 'Schedule'}
            </button>
          </form>
        </>
      ) : null}
      <Alert error={error} />
      {notice ? <p role="status">{notice}</p> : null}
    </section>
  );
}
