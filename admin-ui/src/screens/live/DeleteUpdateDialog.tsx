import { useState } from 'react';
import { Dialog } from '../../dialog';
import { Alert } from '../../ui';

/** Asks before deleting an update (it leaves the live page at once; its history stays). */
export function DeleteUpdateDialog({
  onDelete,
  onClose,
}: {
  onDelete: () => Promise<void>;
  onClose: () => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title="Delete this update?" onClose={onClose}>
      <p>It disappears from the live page for every reader at once. Its history is kept.</p>
      <Alert error={error} />
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            onDelete().catch((err: unknown) => {
              setError(err);
              setBusy(false);
            });
          }}
        >
          Delete update
        </button>
        <button type="button" onClick={onClose}>
          Keep it
        </button>
      </div>
    </Dialog>
  );
}
