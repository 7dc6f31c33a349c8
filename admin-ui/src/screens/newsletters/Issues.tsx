import { api } from '../../api';
import { Link } from '../../router';
import { useSite } from '../../site';
import { Alert, formatDate, ScreenTitle, useLoad } from '../../ui';
import { NewsletterTabs } from './NewsletterTabs';
import type { Issue, Newsletter, Progress } from './types';

/** One issue's delivery counts, for issues that started sending. */
function IssueProgress({ issue }: { issue: Issue }) {
  const progress = useLoad(
    () =>
      issue.started_at
        ? api<Progress>('GET', `/api/admin/newsletter-issues/${issue.id}/progress`)
        : Promise.resolve(undefined),
    [issue.id, issue.started_at],
  );
  const p = progress.data;
  if (!p) return null;
  return (
    <>
      {' '}
      · {p.sent} of {p.recipients} sent
      {p.failed ? `, ${p.failed} failed` : ''}
      {p.ambiguous ? `, ${p.ambiguous} ambiguous` : ''}
    </>
  );
}

/** Issues of every newsletter, newest first, with their status and delivery progress. */
export default function Issues() {
  const { site } = useSite();
  const issues = useLoad(() => api<{ issues: Issue[] }>('GET', '/api/admin/newsletter-issues'), []);
  const newsletters = useLoad(
    () => api<{ newsletters: Newsletter[] }>('GET', '/api/admin/newsletters'),
    [],
  );
  const nameOf = (id: number) =>
    newsletters.data?.newsletters.find((n) => n.id === id)?.name ?? `Newsletter ${id}`;
  return (
    <>
      <div className="screen-head">
        <ScreenTitle title="Newsletter issues">Newsletter issues</ScreenTitle>
        <Link className="button" to="/newsletters/issues/new">
          New issue
        </Link>
      </div>
      <NewsletterTabs />
      <Alert error={issues.error ?? newsletters.error} />
      <ul className="article-list">
        {issues.data?.issues.map((issue) => (
          <li key={issue.id}>
            <div>
              <Link to={`/newsletters/issues/${issue.id}`} className="article-title">
                {issue.subject}
              </Link>
              <p className="meta">
                <span className={`status status-issue-${issue.status}`}>{issue.status}</span>{' '}
                {nameOf(issue.newsletter_id)}
                {issue.status === 'scheduled'
                  ? ` · for ${formatDate(issue.scheduled_at, site.timeZone)}`
                  : ''}
                {issue.finished_at
                  ? ` · finished ${formatDate(issue.finished_at, site.timeZone)}`
                  : ` · updated ${formatDate(issue.updated_at, site.timeZone)}`}
                <IssueProgress issue={issue} />
              </p>
            </div>
          </li>
        ))}
        {issues.data?.issues.length === 0 ? <li>No issues yet.</li> : null}
      </ul>
    </>
  );
}
