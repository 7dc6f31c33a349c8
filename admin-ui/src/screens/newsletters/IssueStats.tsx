import { api } from '../../api';
import { Alert, useLoad } from '../../ui';
import type { IssueStats as Stats, IssueStatus } from './types';
import './newsletters.css';

const percent = (part: number, whole: number) =>
  whole > 0 ? ` (${((100 * part) / whole).toFixed(1)}%)` : '';

/** An issue's results once it has gone out: deliveries, bounces, unsubscribes, clicks, opens. */
export function IssueStats({ issueId, status }: { issueId: number; status: IssueStatus }) {
  const stats = useLoad(
    () => api<Stats>('GET', `/api/admin/newsletter-issues/${issueId}/stats`),
    [issueId, status],
  );
  const s = stats.data;
  return (
    <section className="panel" aria-labelledby="issue-stats-title">
      <h2 id="issue-stats-title">Results</h2>
      <Alert error={stats.error} />
      {s ? (
        <>
          <dl className="stats-counts" data-testid="issue-stats">
            {(
              [
                ['Delivered', `${s.delivered}`],
                ['Failed', `${s.failed}`],
                ['Bounced', `${s.bounced}`],
                ['Complaints', `${s.complaints}`],
                ['Unsubscribed', `${s.unsubscribed}${percent(s.unsubscribed, s.delivered)}`],
                ...(s.tracking.clicks || s.clicks.total > 0
                  ? ([
                      ['Unique clicks', `${s.clicks.unique}`],
                      ['Total clicks', `${s.clicks.total}`],
                      [
                        'Readers who clicked',
                        `${s.clicks.readers}${percent(s.clicks.readers, s.delivered)}`,
                      ],
                    ] as const)
                  : []),
                ...(s.opens !== null
                  ? ([['Opened', `${s.opens}${percent(s.opens, s.delivered)}`]] as const)
                  : []),
              ] as const
            ).map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {!s.tracking.clicks && s.clicks.total === 0 ? (
            <p className="hint">
              Click tracking is off for this newsletter; turn it on in the newsletter&apos;s
              settings to count clicks in later issues.
            </p>
          ) : null}
          {s.clicks.top_links.length > 0 ? (
            <div className="table-wrap">
              <table>
                <caption>Top links</caption>
                <thead>
                  <tr>
                    <th scope="col">Link</th>
                    <th scope="col" className="number">
                      Unique clicks
                    </th>
                    <th scope="col" className="number">
                      Total clicks
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.clicks.top_links.map((link) => (
                    <tr key={link.url}>
                      <th scope="row" className="link-cell">
                        <a href={link.url} target="_blank" rel="noreferrer noopener">
                          {link.url}
                        </a>
                      </th>
                      <td className="number">{link.unique}</td>
                      <td className="number">{link.total}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : stats.error ? null : (
        <p role="status">Loading results…</p>
      )}
      <button type="button" onClick={() => stats.reload()}>
        Refresh results
      </button>
    </section>
  );
}
