import { useState } from 'react';
import { Link } from '../../router';
import { Alert } from '../../ui';
import { setCoverageState } from './live-api';
import type { Coverage, CoverageState } from './types';

const describe: Record<'none' | CoverageState, string> = {
  none: 'Not a live coverage.',
  live: 'Live now: updates appear on the article’s page as they are posted.',
  ended: 'Ended: the page is kept as an archive of the coverage.',
};

/**
 * Starts, ends or reopens an article's live coverage (the article's author or an editor; the
 * server says no to anyone else, and that message is shown). Used by the editor and the desk.
 */
export function CoverageControl({
  articleId,
  state,
  canChange,
  deskLink,
  onChanged,
}: {
  articleId: number;
  state: CoverageState | null;
  canChange: boolean;
  /** Show a link to the live desk (in the article editor). */
  deskLink: boolean;
  onChanged: (coverage: Coverage | null) => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function change(next: CoverageState) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await setCoverageState(articleId, next));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="coverage-control">
      <p>
        {state === 'live' ? (
          <>
            <span className="live-badge">Live</span>{' '}
          </>
        ) : null}
        {describe[state ?? 'none']}
      </p>
      <div className="row wrap">
        {canChange && state !== 'live' ? (
          <button
            type="button"
            className={state === null ? 'primary' : undefined}
            disabled={busy}
            onClick={() => void change('live')}
          >
            {state === null ? 'Start live coverage' : 'Reopen the coverage'}
          </button>
        ) : null}
        {canChange && state === 'live' ? (
          <button type="button" disabled={busy} onClick={() => void change('ended')}>
            End the coverage
          </button>
        ) : null}
        {deskLink && state !== null ? (
          <Link className="button" to={`/articles/${articleId}/live`}>
            Open the live desk
          </Link>
        ) : null}
      </div>
      <Alert error={error} />
    </div>
  );
}
