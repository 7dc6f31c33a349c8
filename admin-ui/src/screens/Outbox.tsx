import { useState } from 'react';
import { api, query } from '../api';
import { useSite } from '../site';
import { Alert, formatDate, Pagination, ScreenTitle, useLoad } from '../ui';

interface MessageSummary {
  id: string;
  date: string;
  to: string;
  subject: string;
}
interface Message extends MessageSummary {
  from: string;
  html: string;
  text: string;
}

/** Emails written to the outbox folder (no SMTP configured): invitations, resets, newsletters. */
export default function Outbox() {
  const { site } = useSite();
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useLoad(
    () =>
      api<{ messages: MessageSummary[]; total: number }>(
        'GET',
        `/api/admin/outbox${query({ page })}`,
      ),
    [page],
  );
  const message = useLoad(
    () =>
      openId
        ? api<Message>('GET', `/api/admin/outbox/${encodeURIComponent(openId)}`)
        : Promise.resolve(undefined),
    [openId],
  );
  return (
    <>
      <ScreenTitle title="Outbox">Outbox</ScreenTitle>
      <p>Emails the site sent while no SMTP server is configured.</p>
      <Alert error={list.error} />
      <ul className="entity-list">
        {list.data?.messages.map((m) => (
          <li key={m.id}>
            <button type="button" aria-pressed={openId === m.id} onClick={() => setOpenId(m.id)}>
              {m.subject || '(no subject)'}
            </button>{' '}
            to {m.to} · {formatDate(m.date, site.timeZone)}
          </li>
        ))}
        {list.data?.messages.length === 0 ? <li>No emails yet.</li> : null}
      </ul>
      {list.data ? (
        <Pagination page={page} total={list.data.total} limit={25} onPage={setPage} />
      ) : null}
      <Alert error={message.error} />
      {message.data ? (
        <section className="panel" aria-labelledby="message-title">
          <h2 id="message-title">{message.data.subject}</h2>
          <p className="hint">
            From {message.data.from} to {message.data.to} ·{' '}
            {formatDate(message.data.date, site.timeZone)}
          </p>
          {message.data.html ? (
            // sandbox="" : no scripts, no forms, no same-origin access for the email's HTML.
            <iframe
              title={`Email: ${message.data.subject}`}
              sandbox=""
              srcDoc={message.data.html}
              className="email-frame"
            />
          ) : (
            <pre className="email-text">{message.data.text}</pre>
          )}
        </section>
      ) : null}
    </>
  );
}
