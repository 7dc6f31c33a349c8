import { type FormEvent, useState } from 'react';
import { api, query } from '../../api';
import { Link } from '../../router';
import { Alert, Field, Pagination, ScreenTitle, useLoad } from '../../ui';
import { formatDay, money, statusLabel } from './money';
import { RevenueTabs } from './RevenueTabs';
import type { MemberList } from './types';

const sorts = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'email', label: 'Email' },
  { value: 'name', label: 'Name' },
  { value: 'lifetime', label: 'Lifetime total' },
] as const;

/** Members: search by email or name, filter by status, sort, page, and export as CSV. */
export default function Members() {
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [sort, setSort] = useState('newest');
  const [page, setPage] = useState(1);
  const list = useLoad(
    () => api<MemberList>('GET', `/api/admin/members${query({ q, status, sort, page })}`),
    [q, status, sort, page],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setQ(search.trim());
  };

  return (
    <>
      <ScreenTitle title="Members">Members</ScreenTitle>
      <RevenueTabs />
      <form className="filters" role="search" onSubmit={submit}>
        <Field label="Search email or name">
          {(p) => (
            <input
              {...p}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          )}
        </Field>
        <Field label="Status">
          {(p) => (
            <select
              {...p}
              value={status}
              onChange={(e) => {
                setPage(1);
                setStatus(e.target.value);
              }}
            >
              <option value="">All members</option>
              <option value="paying">Paying</option>
              <option value="free">Free</option>
              <option value="lapsed">Lapsed</option>
            </select>
          )}
        </Field>
        <Field label="Sort by">
          {(p) => (
            <select
              {...p}
              value={sort}
              onChange={(e) => {
                setPage(1);
                setSort(e.target.value);
              }}
            >
              {sorts.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">Search</button>
      </form>
      <p>
        <a href={`/api/admin/members.csv${query({ q, status, sort })}`} download="members.csv">
          Export these members as CSV
        </a>
      </p>
      <Alert error={list.error} />
      {list.data ? (
        <>
          <p role="status" className="count">
            {list.data.total} member{list.data.total === 1 ? '' : 's'}
          </p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                Members{status ? `, ${statusLabel(status).toLowerCase()} only` : ''}
                {q ? `, matching “${q}”` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Status</th>
                  <th scope="col">Plan</th>
                  <th scope="col">Since</th>
                  <th scope="col" className="number">
                    Lifetime total
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.members.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <Link to={`/members/${m.id}`}>{m.email}</Link>
                      {m.name ? <div className="hint">{m.name}</div> : null}
                    </th>
                    <td>
                      <span className={`member-status member-status-${m.status}`}>
                        {statusLabel(m.status)}
                      </span>
                    </td>
                    <td>{m.tier || '—'}</td>
                    <td>{formatDay(m.since)}</td>
                    <td className="number">{money(m.lifetime_total, m.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.members.length === 0 ? <p>No members match.</p> : null}
          <Pagination
            page={page}
            total={list.data.total}
            limit={list.data.page_size}
            onPage={setPage}
          />
        </>
      ) : null}
    </>
  );
}
