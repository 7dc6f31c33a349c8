import { useState } from 'react';
import { api } from '../../api';
import { Link } from '../../router';
import { atLeast, useUser } from '../../session';
import { useSite } from '../../site';
import { Alert, formatDate, ScreenTitle, useLoad } from '../../ui';
import { formatDay, money, statusLabel } from './money';
import { isRefundable, RefundPayment } from './RefundPayment';
import { RevenueTabs } from './RevenueTabs';
import type { MemberDetail as Detail } from './types';

const kindLabels: Record<string, string> = {
  donation: 'One-time donation',
  recurring_donation: 'Recurring donation',
  membership: 'Membership',
};

/** One member: plan, subscriptions, payments with attribution, newsletters and consent. */
export default function MemberDetail({ id }: { id: number }) {
  const { site } = useSite();
  const detail = useLoad(() => api<Detail>('GET', `/api/admin/members/${id}`), [id]);
  const data = detail.data;
  const canRefund = atLeast(useUser().role, 'admin');
  const [notice, setNotice] = useState('');
  const refundRequested = (message: string) => {
    setNotice(message);
    detail.reload();
    // The provider's refund event is processed by a background job a moment later.
    window.setTimeout(detail.reload, 2000);
  };

  return (
    <>
      <ScreenTitle title={data ? `Member ${data.member.email}` : 'Member'}>
        {data ? `Member: ${data.member.email}` : 'Member'}
      </ScreenTitle>
      <RevenueTabs />
      <p>
        <Link to="/members">← All members</Link>
      </p>
      <Alert error={detail.error} />
      {!data ? null : (
        <>
          <dl className="member-facts">
            <dt>Name</dt>
            <dd>{data.member.name || '—'}</dd>
            <dt>Status</dt>
            <dd>
              <span className={`member-status member-status-${data.member.status}`}>
                {statusLabel(data.member.status)}
              </span>
            </dd>
            <dt>Plan</dt>
            <dd>{data.member.tier || '—'}</dd>
            <dt>Member since</dt>
            <dd>{formatDate(data.member.since, site.timeZone)}</dd>
            <dt>Last signed in</dt>
            <dd>{formatDate(data.member.last_sign_in_at, site.timeZone)}</dd>
            <dt>Billing customer</dt>
            <dd>
              {data.member.provider_customer_id
                ? `${data.member.provider_customer_id} (${data.member.provider ?? ''})`
                : '—'}
            </dd>
          </dl>

          <h2>Subscriptions</h2>
          {data.subscriptions.length === 0 ? (
            <p>No memberships or recurring donations.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Subscriptions of {data.member.email}</caption>
                <thead>
                  <tr>
                    <th scope="col">Plan</th>
                    <th scope="col" className="number">
                      Amount
                    </th>
                    <th scope="col">Status</th>
                    <th scope="col">Next payment</th>
                    <th scope="col">Cancels at period end</th>
                    <th scope="col">Started</th>
                  </tr>
                </thead>
                <tbody>
                  {data.subscriptions.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">{s.tier}</th>
                      <td className="number">
                        {money(s.amount, s.currency)} / {s.interval}
                      </td>
                      <td>{s.status.replace(/_/g, ' ')}</td>
                      <td>{formatDay(s.next_payment_at)}</td>
                      <td>{s.cancel_at_period_end ? `Yes, ends ${formatDay(s.ends_at)}` : 'No'}</td>
                      <td>{formatDay(s.started_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h2>Payments</h2>
          {notice ? <p role="status">{notice}</p> : null}
          {data.payments.length === 0 ? (
            <p>No payments yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Payments of {data.member.email}</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Kind</th>
                    <th scope="col" className="number">
                      Amount
                    </th>
                    <th scope="col" className="number">
                      Fee covered
                    </th>
                    <th scope="col" className="number">
                      Refunded
                    </th>
                    <th scope="col">Status</th>
                    <th scope="col">Came from</th>
                    <th scope="col">Receipt</th>
                    {canRefund ? <th scope="col">Refund</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {data.payments.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{formatDate(p.paid_at, site.timeZone)}</th>
                      <td>{kindLabels[p.kind] ?? p.kind}</td>
                      <td className="number">{money(p.amount, p.currency)}</td>
                      <td className="number">
                        {p.fee_amount ? money(p.fee_amount, p.currency) : '—'}
                      </td>
                      <td className="number">
                        {p.amount_refunded ? money(p.amount_refunded, p.currency) : '—'}
                      </td>
                      <td>{p.status.replace(/_/g, ' ')}</td>
                      <td>
                        {p.attribution.article_id !== null ? (
                          <Link to={`/articles/${p.attribution.article_id}/edit`}>
                            {p.attribution.article_title ?? `Article ${p.attribution.article_id}`}
                          </Link>
                        ) : null}
                        {p.attribution.prompt ? (
                          <div className="hint">Prompt: {p.attribution.prompt}</div>
                        ) : null}
                        {!p.attribution.article_id && !p.attribution.prompt
                          ? p.attribution.page || '—'
                          : null}
                      </td>
                      <td>
                        {p.receipt_url ? (
                          <a href={p.receipt_url} target="_blank" rel="noreferrer noopener">
                            Receipt
                            <span className="visually-hidden"> for {formatDay(p.paid_at)}</span>
                          </a>
                        ) : (
                          '—'
                        )}
                      </td>
                      {canRefund ? (
                        <td>
                          {isRefundable(p) ? (
                            <RefundPayment
                              memberId={data.member.id}
                              payment={p}
                              onRequested={refundRequested}
                            />
                          ) : (
                            '—'
                          )}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h2>Newsletters</h2>
          {!data.newsletters ? (
            <p>This address is not in the newsletter address book.</p>
          ) : (
            <>
              <p>
                In the address book since{' '}
                {formatDate(data.newsletters.subscriber.created_at, site.timeZone)}
                {data.newsletters.suppressed ? '; the address is on the suppression list' : ''}.
              </p>
              <ul>
                {data.newsletters.subscriptions.map((s) => (
                  <li key={s.newsletter}>
                    {s.newsletter}: {s.status}
                    {s.confirmed_at
                      ? `, confirmed ${formatDate(s.confirmed_at, site.timeZone)}`
                      : ''}
                    {s.unsubscribed_at
                      ? `, unsubscribed ${formatDate(s.unsubscribed_at, site.timeZone)}`
                      : ''}
                  </li>
                ))}
                {data.newsletters.subscriptions.length === 0 ? <li>No subscriptions.</li> : null}
              </ul>
              <h3>Consent record</h3>
              <ul>
                {data.newsletters.consent.map((c, i) => (
                  <li key={i}>
                    {c.action}
                    {c.newsletters.length > 0 ? ` (${c.newsletters.join(', ')})` : ''} on{' '}
                    {formatDate(c.at, site.timeZone)}
                    {c.location ? ` at ${c.location}` : ''}
                    {c.ip ? ` from ${c.ip}` : ''}
                    {c.confirmed_at
                      ? `; confirmed ${formatDate(c.confirmed_at, site.timeZone)}`
                      : ''}
                    {c.consent_text ? (
                      <blockquote className="hint">{c.consent_text}</blockquote>
                    ) : null}
                  </li>
                ))}
                {data.newsletters.consent.length === 0 ? <li>No consent recorded.</li> : null}
              </ul>
            </>
          )}
        </>
      )}
    </>
  );
}
