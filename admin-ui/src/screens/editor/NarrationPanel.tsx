import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { atLeast, useUser } from '../../session';
import type { ArticleStatus } from '../../types';
import { Alert, useLoad } from '../../ui';

export interface Narration {
  status: 'none' | 'queued' | 'processing' | 'ready' | 'failed';
  error: string | null;
  url: string | null;
  bytes: number;
  duration_seconds: number;
  engine: string | null;
  voice: string | null;
  updated_at: string | null;
}

const pollMs = 2000;

/** "1 min 05 s" for people; the number of seconds from the server. */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return minutes > 0 ? `${minutes} min ${String(rest).padStart(2, '0')} s` : `${rest} s`;
}

/**
 * The article's narration: its status (polled while the worker has it), a player once it is
 * ready, and "Regenerate" for editors. Only published articles are narrated.
 */
export function NarrationPanel({
  articleId,
  articleStatus,
}: {
  articleId: number;
  articleStatus: ArticleStatus;
}) {
  const user = useUser();
  const loaded = useLoad(
    () => api<{ narration: Narration }>('GET', `/api/admin/articles/${articleId}/narration`),
    [articleId, articleStatus],
  );
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const narration = loaded.data?.narration;
  const working = narration?.status === 'queued' || narration?.status === 'processing';

  // Poll while the job waits or runs; a publish enqueues it, so poll briefly after that too.
  // A published article with no narration at all gets ~30 s of polls (narration may be off on
  // this server); a queued or running job is polled until it ends.
  const waitsForNone = useRef(0);
  const shouldPoll =
    working ||
    (articleStatus === 'published' && narration?.status === 'none' && waitsForNone.current < 15);
  useEffect(() => {
    if (!shouldPoll) return;
    if (!working) waitsForNone.current += 1;
    const timer = setTimeout(loaded.reload, pollMs);
    return () => clearTimeout(timer);
  }, [shouldPoll, narration]);

  async function regenerate() {
    setBusy(true);
    setActionError(null);
    try {
      await api('POST', `/api/admin/articles/${articleId}/narration/regenerate`);
      loaded.setData({ narration: { ...(narration as Narration), status: 'queued', error: null } });
      loaded.reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  }

  const published = articleStatus === 'published';
  return (
    <section className="panel narration-panel" aria-labelledby="narration-title">
      <h2 id="narration-title">Narration</h2>
      <Alert error={loaded.error} />
      <p role="status" className="narration-status">
        {!narration ? 'Checking the narration…' : statusText(narration, published)}
      </p>
      {narration?.status === 'failed' && narration.error ? (
        <p className="alert">Error: {narration.error}</p>
      ) : null}
      {narration?.url ? (
        // The last good file stays playable while a new one is being made.
        <audio controls preload="metadata" src={narration.url} aria-label="Narration audio">
          <a href={narration.url}>Download the narration (MP3)</a>
        </audio>
      ) : null}
      {atLeast(user.role, 'editor') && published ? (
        <button type="button" disabled={busy || working} onClick={() => void regenerate()}>
          {busy ? 'Regenerating…' : 'Regenerate narration'}
        </button>
      ) : null}
      <Alert error={actionError} />
    </section>
  );
}

function statusText(narration: Narration, published: boolean): string {
  switch (narration.status) {
    case 'queued':
      return 'Queued: waiting for the narration worker.';
    case 'processing':
      return 'Processing: the narration is being made.';
    case 'ready':
      return `Ready: ${formatDuration(narration.duration_seconds)}${
        narration.engine
          ? ` (${narration.engine}${narration.voice ? `, ${narration.voice}` : ''})`
          : ''
      }.`;
    case 'failed':
      return 'Failed: the last narration attempt did not work.';
    default:
      return published
        ? 'Not narrated yet.'
        : 'Not published: articles are narrated when they are published.';
  }
}
