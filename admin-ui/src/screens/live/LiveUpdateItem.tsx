import { memo, useRef, useState } from 'react';
import { ApiError } from '../../api';
import { Alert } from '../../ui';
import { DeleteUpdateDialog } from './DeleteUpdateDialog';
import { deleteUpdate, editUpdate } from './live-api';
import { formatUpdateTime, UpdateBody } from './UpdateBody';
import { UpdateEditForm } from './UpdateEditForm';
import { UpdateHistory } from './UpdateHistory';
import type { LiveUpdate, LiveUpdateFields } from './types';

export interface ItemRights {
  /** Edit, delete, key event (editors: any update; authors: their own). */
  change: boolean;
  pin: boolean;
}

export interface ItemEvents {
  onChanged: (update: LiveUpdate) => void;
  onDeleted: (updateId: number) => void;
  /** Someone else saved first: reload the feed. */
  onStale: () => void;
  announce: (message: string) => void;
}

type Open = null | 'edit' | 'history' | 'delete';

const staleMessage =
  'Someone else changed this update a moment ago, so nothing was changed. The feed has been reloaded: check it and try again.';

/**
 * One update in the desk's feed with its actions. Memoised: a feed poll that brings nothing new
 * for this update (same object) does not re-render it.
 */
export const LiveUpdateItem = memo(function LiveUpdateItem({
  update,
  rights,
  timeZone,
  events,
}: {
  update: LiveUpdate;
  rights: ItemRights;
  timeZone: string;
  events: ItemEvents;
}) {
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const close = () => setOpen(null);
  const closeEdit = () => {
    setOpen(null);
    // Back to where the editing started, not to the top of the page.
    requestAnimationFrame(() => editButton.current?.focus());
  };

  async function change(fields: LiveUpdateFields, done: string) {
    setBusy(true);
    setError(null);
    try {
      events.onChanged(await editUpdate(update.id, update.version, fields));
      events.announce(done);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setError(staleMessage);
        events.onStale();
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  const time = formatUpdateTime(update.published_at, timeZone);
  const scheduled = update.status === 'scheduled';
  const byline = update.authors.map((a) => a.name).join(', ') || update.created_by_name || '';
  const title =
    update.headline || update.plain_text.replace(/\s+/g, ' ').slice(0, 60) || `Update ${update.id}`;

  return (
    <li className={`live-item${update.pinned ? ' is-pinned' : ''}`} id={`update-${update.id}`}>
      <article aria-label={`${scheduled ? 'Scheduled' : 'Posted'} ${time}: ${title}`}>
        <p className="live-item-meta">
          <span className={scheduled ? 'status status-scheduled' : 'live-time'}>
            {scheduled ? `Scheduled · ${time}` : time}
          </span>
          {update.key_event ? <span className="status live-flag-key">Key event</span> : null}
          {update.pinned ? <span className="status live-flag-pinned">Pinned</span> : null}
          {update.push ? <span className="status">Push alert</span> : null}
          {byline ? <span className="live-byline">{byline}</span> : null}
        </p>
        {open === 'edit' ? (
          <UpdateEditForm
            update={update}
            onCancel={closeEdit}
            onStale={events.onStale}
            onSaved={(saved) => {
              events.onChanged(saved);
              events.announce('Update saved.');
              closeEdit();
            }}
          />
        ) : (
          <>
            {update.headline ? <h3 className="live-item-headline">{update.headline}</h3> : null}
            <UpdateBody doc={update.doc} />
            {update.correction ? (
              <p className="live-correction">Correction: {update.correction}</p>
            ) : null}
          </>
        )}
        <Alert error={error} />
        {open === 'edit' ? null : (
          <div className="live-item-actions" role="group" aria-label="Update actions">
            {rights.change ? (
              <button type="button" ref={editButton} onClick={() => setOpen('edit')}>
                Edit
              </button>
            ) : null}
            {rights.change && rights.pin ? (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void change(
                    { pinned: !update.pinned },
                    update.pinned ? 'Update unpinned.' : 'Update pinned.',
                  )
                }
              >
                {update.pinned ? 'Unpin' : 'Pin'}
              </button>
            ) : null}
            {rights.change ? (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void change(
                    { key_event: !update.key_event },
                    update.key_event ? 'No longer a key event.' : 'Marked as a key event.',
                  )
                }
              >
                {update.key_event ? 'Unmark key event' : 'Mark key event'}
              </button>
            ) : null}
            {rights.change && scheduled ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => void change({ status: 'published' }, 'Update published.')}
              >
                Publish now
              </button>
            ) : null}
            <button type="button" onClick={() => setOpen('history')}>
              History
            </button>
            {rights.change ? (
              <button type="button" className="live-delete" onClick={() => setOpen('delete')}>
                Delete
              </button>
            ) : null}
          </div>
        )}
      </article>
      {open === 'history' ? <UpdateHistory updateId={update.id} onClose={close} /> : null}
      {open === 'delete' ? (
        <DeleteUpdateDialog
          onClose={close}
          onDelete={async () => {
            try {
              await deleteUpdate(update.id);
            } catch (err) {
              if (err instanceof ApiError && err.status === 404) events.onStale();
              throw err;
            }
            close();
            events.onDeleted(update.id);
            events.announce('Update deleted.');
          }}
        />
      ) : null}
    </li>
  );
});
