import { useState } from 'react';
import { ApiError } from '../../api';
import { Alert } from '../../ui';
import './newsletters.css';

const widths = [
  { label: 'Narrow (375 px)', px: 375 },
  { label: 'Wide (720 px)', px: 720 },
];

/** Fetches the preview HTML (the server renders it) so it can go into a sandboxed srcdoc. */
async function fetchPreview(issueId: number): Promise<string> {
  const response = await fetch(`/api/admin/newsletter-issues/${issueId}/preview`, {
    credentials: 'same-origin',
  });
  if (!response.ok) {
    let message = `The server answered ${response.status}.`;
    try {
      message = ((await response.json()) as { message?: string }).message ?? message;
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, 'preview_failed', message);
  }
  return response.text();
}

/**
 * The email as a reader sees it, at a phone's and a desktop's width. `beforeLoad` saves the
 * composer's changes first so the preview shows what is on screen.
 */
export function IssuePreview({
  issueId,
  beforeLoad,
}: {
  issueId: number;
  beforeLoad: () => Promise<boolean>;
}) {
  const [html, setHtml] = useState<string | null>(null);
  const [width, setWidth] = useState(375);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      if (await beforeLoad()) setHtml(await fetchPreview(issueId));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <div className="row wrap">
        <button type="button" onClick={() => void load()} disabled={busy}>
          {html === null ? 'Show preview' : 'Refresh preview'}
        </button>
        {html !== null
          ? widths.map((w) => (
              <button
                key={w.px}
                type="button"
                aria-pressed={width === w.px}
                onClick={() => setWidth(w.px)}
              >
                {w.label}
              </button>
            ))
          : null}
        <a href={`/api/admin/newsletter-issues/${issueId}/preview?format=text`} target="_blank">
          Plain-text version
        </a>
      </div>
      <Alert error={error} />
      {html !== null ? (
        <div className="table-wrap">
          {/* sandbox="": no scripts, forms or same-origin access for the email's HTML. */}
          <iframe
            title={`Email preview, ${width} px wide`}
            sandbox=""
            srcDoc={html}
            width={width}
            height={640}
            className="issue-preview-frame"
          />
        </div>
      ) : null}
    </section>
  );
}
