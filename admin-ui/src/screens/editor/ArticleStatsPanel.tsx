import { useState } from 'react';
import { api, query } from '../../api';
import { Link } from '../../router';
import { atLeast, useUser } from '../../session';
import type { ArticleStatus } from '../../types';
import { Alert, Field, useLoad } from '../../ui';
import { change, count, duration, percent, periods } from '../analytics/format';
import type { ArticleFigures, ConversionCounts, DayRange, Period } from '../analytics/types';
import { money } from '../revenue/money';
import '../analytics/analytics.css';

/** GET /api/admin/analytics/articles/:id (src/analytics/analytics-admin.routes.ts). */
interface ArticleStats {
  period: Period;
  range: DayRange;
  figures: ArticleFigures;
  previous: ArticleFigures;
  conversions: ConversionCounts;
}

/**
 * The article's own reading figures in the editor (editors and up, published articles): what
 * the Analytics screen shows for it, for a period, and the donors, members and newsletter
 * signups it brought.
 */
export function ArticleStatsPanel({
  articleId,
  articleStatus,
}: {
  articleId: number;
  articleStatus: ArticleStatus;
}) {
  const user = useUser();
  const [period, setPeriod] = useState<Period>('7d');
  const allowed = atLeast(user.role, 'editor') && articleStatus === 'published';
  const loaded = useLoad(
    () =>
      allowed
        ? api<ArticleStats>('GET', `/api/admin/analytics/articles/${articleId}${query({ period })}`)
        : Promise.resolve(undefined),
    [articleId, period, allowed],
  );
  if (!allowed) return null;
  const data = loaded.data;
  const rows: Array<{ label: string; value: string; before?: [number, number] }> = data
    ? [
        {
          label: 'Views',
          value: count(data.figures.views),
          before: [data.figures.views, data.previous.views],
        },
        { label: 'Visitors', value: count(data.figures.visitors) },
        { label: 'Avg. engaged time', value: duration(data.figures.averageEngagedSeconds) },
        { label: 'Read-through', value: percent(data.figures.readThrough) },
        { label: 'Listens', value: count(data.figures.plays) },
        { label: 'Donations', value: count(data.conversions.donations) },
        { label: 'New members', value: count(data.conversions.memberships) },
        {
          label: 'Amount given',
          value: data.conversions.currency
            ? money(data.conversions.amount, data.conversions.currency)
            : '—',
        },
        { label: 'Newsletter signups', value: count(data.conversions.signups) },
      ]
    : [];
  return (
    <section className="panel article-stats" aria-labelledby="article-stats-title">
      <h2 id="article-stats-title">Readers</h2>
      <Field label="Period">
        {(props) => (
          <select
            {...props}
            value={period}
            onChange={(event) => setPeriod(event.target.value as Period)}
          >
            {periods.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Alert error={loaded.error} />
      {data ? (
        <dl className="analytics-figures" aria-live="polite">
          {rows.map((row) => (
            <div key={row.label}>
              <dt>{row.label}</dt>
              <dd>
                {row.value}
                {row.before ? (
                  <span className="analytics-change">
                    {change(row.before[0], row.before[1], data.period)}
                  </span>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : loaded.error ? null : (
        <p role="status">Loading figures…</p>
      )}
      <p>
        <Link to="/analytics">All analytics</Link>
      </p>
    </section>
  );
}
