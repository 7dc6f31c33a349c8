import { Dialog } from '../../dialog';
import { useSite } from '../../site';
import { Alert, formatDate, useLoad } from '../../ui';
import { loadRevisions } from './live-api';
import { documentText } from './UpdateBody';

/** Every saved version of one update, newest first: who, when, and what it said. */
export function UpdateHistory({ updateId, onClose }: { updateId: number; onClose: () => void }) {
  const { site } = useSite();
  const revisions = useLoad(() => loadRevisions(updateId), [updateId]);
  return (
    <Dialog title="Update history" onClose={onClose}>
      <Alert error={revisions.error} />
      {revisions.data ? null : <p role="status">Loading the history…</p>}
      <ol className="live-history">
        {revisions.data?.map((revision) => {
          const s = revision.snapshot;
          const flags = [s.status, s.key_event ? 'key event' : '', s.pinned ? 'pinned' : ''].filter(
            Boolean,
          );
          return (
            <li key={revision.version}>
              <h3>
                Version {revision.version} · {formatDate(revision.created_at, site.timeZone)}
                {revision.created_by_name ? ` · ${revision.created_by_name}` : ''}
              </h3>
              <p className="meta">{flags.join(' · ')}</p>
              {s.headline ? <p className="live-history-headline">{s.headline}</p> : null}
              <p className="live-history-text">{documentText(s.doc)}</p>
              {s.correction ? <p className="live-correction">Correction: {s.correction}</p> : null}
            </li>
          );
        })}
      </ol>
    </Dialog>
  );
}
