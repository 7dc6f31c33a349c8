import { diffWords } from 'diff';
import { useState } from 'react';
import { api } from '../../api';
import { useSite } from '../../site';
import type { Article } from '../../types';
import { Alert, formatDate, useLoad } from '../../ui';

interface Revision {
  id: number;
  version: number;
  created_at: string;
  created_by: number | null;
  snapshot: { title?: string; excerpt?: string; doc?: unknown };
}

/**
 * Revision history: pick a revision to see a word diff against what is in the editor now, and
 * restore it (saved as a new revision, guarded by the current version).
 */
export function Revisions({
  articleId,
  currentText,
  docText,
  currentVersion,
  beforeRestore,
  onRestored,
}: {
  articleId: number;
  currentText: () => string;
  docText: (doc: unknown) => string;
  currentVersion: () => number;
  beforeRestore: () => Promise<unknown>;
  onRestored: (article: Article) => void;
}) {
  const { site } = useSite();
  const list = useLoad(
    () => api<{ revisions: Revision[] }>('GET', `/api/admin/articles/${articleId}/revisions`),
    [articleId],
  );
  const [selected, setSelected] = useState<Revision | null>(null);
  const [error, setError] = useState<unknown>(null);

  const textOf = (r: Revision) =>
    `${r.snapshot.title ?? ''}\n\n${r.snapshot.excerpt ?? ''}\n\n${docText(r.snapshot.doc)}`;

  async function restore(revision: Revision) {
    setError(null);
    try {
      await beforeRestore();
      const answer = await api<{ article: Article }>(
        'POST',
        `/api/admin/articles/${articleId}/revisions/${revision.id}/restore`,
        { version: currentVersion() },
      );
      onRestored(answer.article);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="revisions" aria-labelledby="revisions-title">
      <h2 id="revisions-title">Revision history</h2>
      <button type="button" onClick={list.reload}>
        Refresh history
      </button>
      <Alert error={list.error ?? error} />
      <ol>
        {list.data?.revisions.map((revision) => (
          <li key={revision.id}>
            <button
              type="button"
              aria-pressed={selected?.id === revision.id}
              onClick={() => setSelected(revision)}
            >
              Version {revision.version} · {formatDate(revision.created_at, site.timeZone)}
            </button>
          </li>
        ))}
      </ol>
      {selected ? (
        <div className="diff" aria-live="polite">
          <h3>Changes from version {selected.version} to what you have now</h3>
          <p className="hint">Removed text is struck through; added text is underlined.</p>
          <pre>
            {diffWords(textOf(selected), currentText()).map((part, i) =>
              part.added ? (
                <ins key={i}>{part.value}</ins>
              ) : part.removed ? (
                <del key={i}>{part.value}</del>
              ) : (
                <span key={i}>{part.value}</span>
              ),
            )}
          </pre>
          <button type="button" onClick={() => void restore(selected)}>
            Restore version {selected.version}
          </button>
        </div>
      ) : null}
    </section>
  );
}
