import { useState } from 'react';
import { api, query } from '../api';
import { Link } from '../router';
import { useUser } from '../session';
import { useSite } from '../site';
import type { ArticleStatus, ArticleSummary, AuthorRef, TagRef } from '../types';
import { Alert, Field, formatDate, Pagination, ScreenTitle, useLoad } from '../ui';

const statuses: ArticleStatus[] = ['draft', 'submitted', 'scheduled', 'published', 'unpublished'];
const limit = 25;

export default function ArticleList() {
  const user = useUser();
  const { site } = useSite();
  const [status, setStatus] = useState('');
  const [author, setAuthor] = useState('');
  const [tag, setTag] = useState('');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('updated');
  const [page, setPage] = useState(1);

  const filters = useLoad(
    () =>
      Promise.all([
        api<{ authors: AuthorRef[] }>('GET', '/api/admin/authors'),
        api<{ tags: TagRef[] }>('GET', '/api/admin/tags'),
      ]),
    [],
  );
  const list = useLoad(
    () =>
      api<{ articles: ArticleSummary[]; total: number }>(
        'GET',
        `/api/admin/articles${query({ status, author, tag, q, sort, order: 'desc', page, limit })}`,
      ),
    [status, author, tag, q, sort, page],
  );

  const resetting =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };

  return (
    <>
      <div className="screen-head">
        <ScreenTitle title="Articles">Articles</ScreenTitle>
        <Link className="button primary" to="/articles/new">
          New article
        </Link>
      </div>
      <form
        className="filters"
        role="search"
        aria-label="Filter articles"
        onSubmit={(e) => {
          e.preventDefault();
          resetting(setQ)(search);
        }}
      >
        <Field label="Search titles">
          {(props) => (
            <input
              {...props}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          )}
        </Field>
        <Field label="Status">
          {(props) => (
            <select
              {...props}
              value={status}
              onChange={(e) => resetting(setStatus)(e.target.value)}
            >
              <option value="">Any status</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Author">
          {(props) => (
            <select
              {...props}
              value={author}
              onChange={(e) => resetting(setAuthor)(e.target.value)}
            >
              <option value="">Any author</option>
              {filters.data?.[0].authors.map((a) => (
                <option key={a.id} value={a.slug}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tag">
          {(props) => (
            <select {...props} value={tag} onChange={(e) => resetting(setTag)(e.target.value)}>
              <option value="">Any tag</option>
              {filters.data?.[1].tags.map((t) => (
                <option key={t.id} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Sort by">
          {(props) => (
            <select {...props} value={sort} onChange={(e) => resetting(setSort)(e.target.value)}>
              <option value="updated">Last updated</option>
              <option value="published">Publication date</option>
            </select>
          )}
        </Field>
        <button type="submit">Search</button>
      </form>
      <Alert error={list.error ?? filters.error} />
      {list.data ? (
        <>
          <p role="status" className="count">
            {list.data.total} article{list.data.total === 1 ? '' : 's'}
          </p>
          <ul className="article-list">
            {list.data.articles.map((article) => {
              const others = (article.editing ?? []).filter((e) => e.user_id !== user.id);
              return (
                <li key={article.id}>
                  <div>
                    <Link to={`/articles/${article.id}/edit`} className="article-title">
                      {article.title}
                    </Link>
                    {article.live === 'live' ? <span className="live-badge">Live</span> : null}
                    {article.live ? (
                      <Link to={`/articles/${article.id}/live`} className="live-desk-link">
                        Live desk<span className="visually-hidden">: {article.title}</span>
                      </Link>
                    ) : null}
                    <p className="meta">
                      <span className={`status status-${article.status}`}>{article.status}</span>{' '}
                      {article.authors.map((a) => a.name).join(', ') || 'No author'} · updated{' '}
                      {formatDate(article.updated_at, site.timeZone)}
                      {article.published_at
                        ? ` · published ${formatDate(article.published_at, site.timeZone)}`
                        : ''}
                    </p>
                  </div>
                  {others.length > 0 ? (
                    <p className="badge editing">
                      {others.map((e) => e.name).join(', ')} {others.length === 1 ? 'is' : 'are'}{' '}
                      editing
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <Pagination page={page} total={list.data.total} limit={limit} onPage={setPage} />
        </>
      ) : null}
    </>
  );
}
