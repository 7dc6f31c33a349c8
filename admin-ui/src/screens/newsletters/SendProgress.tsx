import { useEffect, useState } from 'react';
import { api } from '../../api';
import { Dialog } from '../../dialog';
import { useSite } from '../../site';
import { Alert, formatDate } from '../../ui';
import type { IssueStatus, Progress } from './types';
import './newsletters.css';

const pollMs = 2000;
const live: IssueStatus[] = ['scheduled', 'sending', 'paused'];

/**
 * Delivery progress, polled every 2 s while the issue is scheduled, sending or paused, with
 * the controls that make sense in each state.
 */
export function SendProgress({
  issueId,
  status,
  onStatus,
}: {
  issueId: number;
  status: IssueStatus;
  onStatus: (status: IssueStatus) => void;
}) {
  const { site } = useSite();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [confirming, setConfirming] = useState(false);
  const polling = live.includes(status);

  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const p = await api<Progress>('GET', `/api/admin/newsletter-issues/${issueId}/progress`);
        if (!active) return;
        setProgress(p);
        setError(null);
        if (p.status !== status) onStatus(p.status);
      } catch (err) {
        if (active) setError(err);
      }
      if (active && polling) timer = setTimeout(() => void tick(), pollMs);
    };
    void tick();
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [issueId, status, polling, onStatus]);

  const act = async (action: 'pause' | 'resume' | 'cancel' | 'resend-ambiguous') => {
    setError(null);
    setNotice('');
    try {
      const answer = await api<Progress | { requeued: number; progress: Progress }>(
        'POST',
        `/api/admin/newsletter-issues/${issueId}/${action}`,
      );
      const p = 'progress' in answer ? answer.progress : answer;
      if ('requeued' in answer)
        setNotice(`${answer.requeued} message${answer.requeued === 1 ? '' : 's'} queued again.`);
      setProgress(p);
      onStatus(p.status);
    } catch (err) {
      setError(err);
    }
  };

  const p = progress;
  return (
    <section className="panel" aria-labelledby="progress-title">
      <h2 id="progress-title">Delivery</h2>
      {p ? (
        <>
          <p>
            Status: <strong data-testid="send-status">{p.status}</strong>
            {p.started_at ? ` · started ${formatDate(p.started_at, site.timeZone)}` : ''}
            {p.finished_at ? ` · finished ${formatDate(p.finished_at, site.timeZone)}` : ''}
            {p.waiting === 'hourly_limit' ? (
              <span data-testid="send-waiting">
                {' '}
                · waiting (hourly limit)
                {p.wait_until ? ` until ${formatDate(p.wait_until, site.timeZone)}` : ''}
              </span>
            ) : null}
          </p>
          {p.recipients > 0 ? (
            <progress max={p.recipients} value={p.done} aria-label="Messages handled">
              {p.done} of {p.recipients}
            </progress>
          ) : null}
          <dl className="progress-counts">
            {(
              [
                ['Recipients', p.recipients],
                ['Sent', p.sent],
                ['Waiting', p.pending + p.claimed + p.sending],
                ['Failed', p.failed],
                ['Ambiguous', p.ambiguous],
                ['Suppressed', p.suppressed],
              ] as const
            ).map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p role="status">Loading progress…</p>
      )}
      <div className="row wrap">
        {status === 'sending' ? (
          <button type="button" onClick={() => void act('pause')}>
            Pause
          </button>
        ) : null}
        {status === 'paused' ? (
          <button type="button" onClick={() => void act('resume')}>
            Resume
          </button>
        ) : null}
        {live.includes(status) ? (
          <button
            type="button"
            onClick={() => {
              if (confirm('Cancel this send? Messages already sent cannot be recalled.'))
                void act('cancel');
            }}
          >
            Cancel send
          </button>
        ) : null}
        {p && p.ambiguous > 0 ? (
          <button type="button" onClick={() => setConfirming(true)}>
            Resend ambiguous
          </button>
        ) : null}
      </div>
      <Alert error={error} />
      {notice ? <p role="status">{notice}</p> : null}
      {confirming && p ? (
        <Dialog title="Resend ambiguous messages?" onClose={() => setConfirming(false)}>
          <p>
            {p.ambiguous} message{p.ambiguous === 1 ? ' was' : 's were'} handed to the mail server
            but the sender stopped before it heard back. The mail server may have delivered them:
            sending again can give those readers a <strong>duplicate</strong>. Resend only if you
            believe they were not delivered.
          </p>
          <div className="row wrap">
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                void act('resend-ambiguous');
              }}
            >
              Resend {p.ambiguous}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep as they are
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
