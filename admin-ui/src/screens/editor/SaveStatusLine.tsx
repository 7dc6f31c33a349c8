import { useState } from 'react';
import { errorMessage } from '../../api';
import type { SaveStatus } from './useArticleSaver';

/** The visible save status, and the conflict message with a way to keep one's own text. */
export function SaveStatusLine({
  status,
  onSave,
  onReload,
  yourText,
}: {
  status: SaveStatus;
  onSave: () => void;
  onReload: () => void;
  yourText: () => string;
}) {
  const [copied, setCopied] = useState('');
  if (status.kind === 'conflict')
    return (
      <div className="conflict" role="alert">
        <p>
          <strong>Someone else saved this article while you were editing.</strong> Your latest
          changes were not saved, and nothing was overwritten. Reload to see their changes — copy
          yours first if you want to keep them.
        </p>
        <div className="row wrap">
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard.writeText(yourText()).then(
                () => setCopied('Your text is on the clipboard.'),
                () => setCopied('Copy failed: select the text below and copy it.'),
              )
            }
          >
            Copy my text
          </button>
          <button type="button" className="primary" onClick={onReload}>
            Reload the article
          </button>
        </div>
        {copied ? <p role="status">{copied}</p> : null}
        <details>
          <summary>Show my text</summary>
          <textarea readOnly rows={8} aria-label="Your unsaved text" value={yourText()} />
        </details>
      </div>
    );
  const text =
    status.kind === 'saved'
      ? `Saved ${new Date(status.at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`
      : status.kind === 'saving'
        ? 'Saving…'
        : status.kind === 'unsaved'
          ? 'Unsaved changes'
          : `Not saved: ${errorMessage(status.error)}`;
  return (
    <p className={`save-status save-${status.kind}`} role="status">
      {text}
      {status.kind === 'error' ? (
        <button type="button" onClick={onSave}>
          Try again
        </button>
      ) : null}
    </p>
  );
}
