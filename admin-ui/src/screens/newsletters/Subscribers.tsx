import { type FormEvent, useState } from 'react';
import { api, query } from '../../api';
import { useSite } from '../../site';
import { Alert, Field, formatDate, Pagination, ScreenTitle, useLoad } from '../../ui';
import { NewsletterTabs } from './NewsletterTabs';
import { SubscriberImport } from './SubscriberImport';
import type { Newsletter, Subscriber } from './types';

/** Subscribers: search, filter by newsletter, consent details, CSV import and export. */
export default function Subscribers() {
  const { site } = useSite();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [newsletter, setNewsletter] = useState('');
  const [page, setPage] = useState(1);
  const newsletters = useLoad(
    () => api<{ newsletters: Newsletter[] }>('GET', '/api/admin/newsletters'),
    [],
  );
  const list = useLoad(
    () =>
      api<{ subscribers: Subscriber[]; total: number; page_size: number }>(
        'GET',
        `/api/admin/newsletter-subscribers${query({ q, newsletter, page })}`,
      ),
    [q, newsletter, page],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setQ(search.trim());
  };

  return (
    <>
      <ScreenTitle title="Subscribers">Subscribers</ScreenTitle>
      <NewsletterTabs />
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
        <Field label="Newsletter">
          {(p) => (
            <select
              {...p}
              value={newsletter}
              onChange={(e) => {
                setPage(1);
                setNewsletter(e.target.value);
              }}
            >
              <option value="">All newsletters</option>
              {newsletters.data?.newsletters.map((n) => (
                <option key={n.id} value={n.slug}>
                  {n.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">Search</button>
      </form>
      <p>
        <a href="/api/admin/newsletter-subscribers/export" download="subscribers.csv">
          Export all subscribers as CSV
        </a>
      </p>
      <Alert error={list.error ?? newsletters.error} />
      {list.data ? (
        <>
          <p role="status" className="count">
            {list.data.total} subscriber{list.data.total === 1 ? '' : 's'}
          </p>
          <ul className="entity-list">
            {list.data.subscribers.map((s) => (
              <li key={s.id}>
                <details>
                  <summary>
                    {s.email}
                    {s.name ? ` (${s.name})` : ''} · {s.status}
                  </summary>
                  <p>Since {formatDate(s.created_at, site.timeZone)}</p>
                  <h3>Subscriptions</h3>
                  <ul>
                    {s.subscriptions.map((sub) => (
                      <li key={sub.newsletter}>
                        {sub.newsletter}: {sub.status}
                        {sub.confirmed_at
                          ? `, confirmed ${formatDate(sub.confirmed_at, site.timeZone)}`
                          : ''}
                        {sub.unsubscribed_at
                          ? `, unsubscribed ${formatDate(sub.unsubscribed_at, site.timeZone)}`
                          : ''}
                      </li>
                    ))}
                    {s.subscriptions.length === 0 ? <li>None.</li> : null}
                  </ul>
                  <h3>Consent record</h3>
                  <ul>
                    {s.consent.map((c, i) => (
                      <li key={i}>
                        {c.action} on {formatDate(c.at, site.timeZone)}
                        {c.location ? ` at ${c.location}` : ''}
                        {c.ip ? ` from ${c.ip}` : ''}
                        {c.confirmed_at
                          ? `; confirmed ${formatDate(c.confirmed_at, site.timeZone)}${c.confirm_ip ? ` from ${c.confirm_ip}` : ''}`
                          : ''}
                        {c.consent_text ? (
                          <blockquote className="hint">{c.consent_text}</blockquote>
                        ) : null}
                      </li>
                    ))}
                    {s.consent.length === 0 ? <li>No consent recorded.</li> : null}
                  </ul>
                </details>
              </li>
            ))}
            {list.data.subscribers.length === 0 ? <li>No subscribers match.</li> : null}
          </ul>
          <Pagination
            page={page}
            total={list.data.total}
            limit={list.data.page_size}
            onPage={setPage}
          />
        </>
      ) : null}
      <SubscriberImport newsletters={newsletters.data?.newsletters ?? []} onDone={list.reload} />
    </>
  );
}
