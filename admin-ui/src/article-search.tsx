import { useEffect, useState } from 'react';
import { api, query } from './api';
import type { ArticleSummary } from './types';
import { Alert, Field } from './ui';

/** Searches the newsroom's own articles by title; each result is a button that picks it. */
export function ArticleSearch({
  label,
  actionLabel,
  onPick,
  exclude = [],
}: {
  label: string;
  actionLabel: string;
  onPick: (article: ArticleSummary) => void;
  exclude?: number[];
}) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<ArticleSummary[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api<{ articles: ArticleSummary[] }>(
        'GET',
        `/api/admin/articles${query({ q: q.trim(), limit: 8, sort: 'updated' })}`,
      ).then(
        (answer) => live && setResults(answer.articles),
        (err: unknown) => live && setError(err),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  const shown = results.filter((a) => !exclude.includes(a.id));
  return (
    <div className="article-search">
      <Field label={label}>
        {(props) => (
          <input {...props} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        )}
      </Field>
      <Alert error={error} />
      <ul className="results" aria-live="polite">
        {shown.map((article) => (
          <li key={article.id}>
            <span>
              {article.title} <span className="status">{article.status}</span>
            </span>
            <button type="button" onClick={() => onPick(article)}>
              {actionLabel}
              <span className="visually-hidden">: {article.title}</span>
            </button>
          </li>
        ))}
        {shown.length === 0 ? <li>No matching articles.</li> : null}
      </ul>
    </div>
  );
}
