import { useState } from 'react';
import { api, query } from '../../api';
import { BarChart } from '../../bar-chart';
import { Link } from '../../router';
import { atLeast, useUser } from '../../session';
import { Alert, ScreenTitle, useLoad } from '../../ui';
import { Attribution } from './Attribution';
import { DataTable } from './DataTable';
import {
  change,
  count,
  dimensionLabel,
  duration,
  longDay,
  mediumLabel,
  percent,
  periods,
  shortDay,
} from './format';
import { RightNow } from './RightNow';
import { SettingsForm } from './SettingsForm';
import type { Overview, Period, Totals } from './types';
import './analytics.css';
import { money } from '../revenue/money';

/** The headline figures, each with its change against the previous period. */
function Headline({ data }: { data: Overview }) {
  const items: Array<{ label: string; value: (t: Totals) => number; show: (n: number) => string }> =
    [
      { label: 'Views', value: (t) => t.views, show: count },
      { label: 'Visitors', value: (t) => t.visitors, show: count },
      { label: 'Avg. engaged time', value: (t) => t.averageEngagedSeconds, show: duration },
      { label: 'Read-through', value: (t) => t.readThrough, show: percent },
      { label: 'Listens', value: (t) => t.plays, show: count },
      { label: 'Signup forms sent', value: (t) => t.formSubmits, show: count },
      { label: 'Support clicks', value: (t) => t.promptClicks, show: count },
    ];
  return (
    <dl className="analytics-figures">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd>
            {item.show(item.value(data.totals))}
            <span className="analytics-change">
              {change(item.value(data.totals), item.value(data.previousTotals), data.period)}
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The analytics dashboard (editors and admins): first-party page views, sources, articles. */
export default function Analytics() {
  const user = useUser();
  const [period, setPeriod] = useState<Period>('7d');
  const overview = useLoad(
    () => api<Overview>('GET', `/api/admin/analytics/overview${query({ period })}`),
    [period],
  );
  // The figures on screen are those of the period asked for (not the last one while loading).
  const data = overview.data?.period === period ? overview.data : undefined;
  const periodLabel = periods.find((p) => p.value === period)?.label ?? period;
  const inPeriod = period === 'today' ? 'today' : `in the last ${periodLabel}`;

  return (
    <>
      <ScreenTitle title="Analytics">Analytics</ScreenTitle>
      <fieldset className="range-picker">
        <legend>Period</legend>
        {periods.map((p) => (
          <label key={p.value}>
            <input
              type="radio"
              name="analytics-period"
              value={p.value}
              checked={period === p.value}
              onChange={() => setPeriod(p.value)}
            />{' '}
            {p.label}
          </label>
        ))}
      </fieldset>
      <Alert error={overview.error} />
      {!data ? (
        overview.error ? null : (
          <p className="loading" role="status">
            Loading the figures…
          </p>
        )
      ) : (
        <>
          <p className="hint">
            {data.range.from === data.range.to
              ? longDay(data.range.from)
              : `${longDay(data.range.from)} to ${longDay(data.range.to)}`}
            , days in {data.timeZone}. Visitors are counted once a day, without cookies.
          </p>
          {data.totals.views === 0 ? (
            <p className="analytics-empty">No page views in this period yet.</p>
          ) : (
            <Headline data={data} />
          )}
        </>
      )}

      <RightNow />

      {data && data.totals.views > 0 ? (
        <>
          <h2>Views per day</h2>
          <BarChart
            title="Views per day"
            description={`${count(data.totals.views)} views over ${data.series.length} ${data.series.length === 1 ? 'day' : 'days'}${(() => {
              const best = data.series.reduce<(typeof data.series)[number] | undefined>(
                (top, d) => (top && top.views >= d.views ? top : d),
                undefined,
              );
              return best ? `; most on ${longDay(best.day)} (${count(best.views)})` : '';
            })()}. The numbers are in the table below.`}
            bars={data.series.map((d) => ({ key: d.day, label: shortDay(d.day), value: d.views }))}
            format={count}
          />
          <DataTable
            folded="Views per day as a table"
            caption={`Views and visitors per day, ${inPeriod}`}
            head={['Day', 'Views', 'Visitors']}
            rows={data.series.map((d) => ({
              key: d.day,
              cells: [longDay(d.day), count(d.views), count(d.visitors)],
            }))}
          />

          <h2>Stories that brought supporters</h2>
          {data.conversions.length === 0 ? (
            <p>No donation, membership or newsletter signup came from an article in this period.</p>
          ) : (
            <DataTable
              caption={`Stories that brought donors, members and subscribers ${inPeriod}`}
              head={['Article', 'Donations', 'Memberships', 'Amount', 'Newsletter signups']}
              rows={data.conversions.map((c) => ({
                key: String(c.articleId),
                cells: [
                  <Link key="title" to={`/articles/${c.articleId}/edit`}>
                    {c.title}
                  </Link>,
                  count(c.donations),
                  count(c.memberships),
                  c.currency ? money(c.amount, c.currency) : '—',
                  count(c.signups),
                ],
              }))}
            />
          )}

          <h2>Where supporters came from</h2>
          <Attribution data={data.attribution} inPeriod={inPeriod} />

          <h2>Top articles</h2>
          {data.articles.length === 0 ? (
            <p>No article was read in this period.</p>
          ) : (
            <DataTable
              className="analytics-articles"
              caption={`Top articles ${inPeriod}`}
              head={[
                'Article',
                'Views',
                'Visitors',
                'Avg. engaged time',
                'Read-through',
                'Listens',
                'Signup forms sent',
                'Support clicks',
              ]}
              rows={data.articles.map((a) => ({
                key: String(a.articleId),
                cells: [
                  <Link key="title" to={`/articles/${a.articleId}/edit`}>
                    {a.title}
                  </Link>,
                  count(a.views),
                  count(a.visitors),
                  duration(a.averageEngagedSeconds),
                  percent(a.readThrough),
                  count(a.plays),
                  count(a.formSubmits),
                  count(a.promptClicks),
                ],
              }))}
            />
          )}

          <div className="analytics-columns">
            <section aria-labelledby="analytics-sources">
              <h2 id="analytics-sources">Sources</h2>
              <DataTable
                caption={`Sources ${inPeriod}`}
                head={['Medium', 'Source', 'Views', 'Visitors']}
                textColumns={2}
                rows={data.sources.map((s) => ({
                  key: `${s.medium}/${s.source}`,
                  cells: [
                    mediumLabel(s.medium),
                    s.source || '—',
                    count(s.views),
                    count(s.visitors),
                  ],
                }))}
              />
            </section>
            <section aria-labelledby="analytics-devices">
              <h2 id="analytics-devices">Devices</h2>
              <DataTable
                caption={`Devices ${inPeriod}`}
                head={['Device', 'Views', 'Visitors']}
                rows={data.devices.map((d) => ({
                  key: d.value,
                  cells: [dimensionLabel(d.value), count(d.views), count(d.visitors)],
                }))}
              />
            </section>
            {data.countries.some((c) => c.value) ? (
              <section aria-labelledby="analytics-countries">
                <h2 id="analytics-countries">Countries</h2>
                <DataTable
                  caption={`Countries ${inPeriod}`}
                  head={['Country', 'Views', 'Visitors']}
                  rows={data.countries.map((c) => ({
                    key: c.value,
                    cells: [dimensionLabel(c.value), count(c.views), count(c.visitors)],
                  }))}
                />
              </section>
            ) : null}
            <section aria-labelledby="analytics-authors">
              <h2 id="analytics-authors">Authors</h2>
              {data.authors.length === 0 ? (
                <p>No bylined article was read in this period.</p>
              ) : (
                <DataTable
                  caption={`Authors ${inPeriod}`}
                  head={['Author', 'Views', 'Visitors', 'Articles']}
                  rows={data.authors.map((a) => ({
                    key: String(a.id),
                    cells: [a.name, count(a.views), count(a.visitors), count(a.articles)],
                  }))}
                />
              )}
            </section>
            <section aria-labelledby="analytics-tags">
              <h2 id="analytics-tags">Tags</h2>
              {data.tags.length === 0 ? (
                <p>No tagged article was read in this period.</p>
              ) : (
                <DataTable
                  caption={`Tags ${inPeriod}`}
                  head={['Tag', 'Views', 'Visitors', 'Articles']}
                  rows={data.tags.map((t) => ({
                    key: String(t.id),
                    cells: [t.name, count(t.views), count(t.visitors), count(t.articles)],
                  }))}
                />
              )}
            </section>
          </div>

          <h2>Downloads</h2>
          <ul className="analytics-downloads">
            <li>
              <a href={`/api/admin/analytics/articles.csv${query({ period })}`} download>
                Articles {inPeriod} as CSV
              </a>
            </li>
            <li>
              <a href={`/api/admin/analytics/sources.csv${query({ period })}`} download>
                Sources {inPeriod} as CSV
              </a>
            </li>
            <li>
              <a href={`/api/admin/analytics/conversions.csv${query({ period })}`} download>
                Supporters by first and last touch {inPeriod} as CSV
              </a>
            </li>
          </ul>
        </>
      ) : null}

      {atLeast(user.role, 'admin') ? <SettingsForm /> : null}
    </>
  );
}
