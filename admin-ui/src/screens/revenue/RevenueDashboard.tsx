import { type FormEvent, type ReactNode, useState } from 'react';
import { api, query } from '../../api';
import { BarChart } from '../../bar-chart';
import { Link } from '../../router';
import { Alert, Field, ScreenTitle, useLoad } from '../../ui';
import { formatDay, money, moneyTick } from './money';
import { RevenueTabs } from './RevenueTabs';
import type { RevenueSummary } from './types';

const monthFormat = new Intl.DateTimeFormat('en-GB', {
  month: 'short',
  year: '2-digit',
  timeZone: 'UTC',
});
const monthLabel = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

/** A chart's numbers as a table, folded away under the chart (the text alternative). */
function FigureTable({
  summary,
  caption,
  head,
  rows,
}: {
  summary: string;
  caption: string;
  head: string[];
  rows: Array<{ key: string; cells: ReactNode[] }>;
}) {
  return (
    <details>
      <summary>{summary}</summary>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {head.map((h, i) => (
                <th scope="col" key={h} className={i > 0 ? 'number' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, i) =>
                  i === 0 ? (
                    <th scope="row" key={i}>
                      {cell}
                    </th>
                  ) : (
                    <td key={i} className="number">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The revenue dashboard: MRR, paying members, donations per week, top articles and prompts. */
export default function RevenueDashboard() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [range, setRange] = useState({ from: '', to: '' });
  const summary = useLoad(
    () => api<RevenueSummary>('GET', `/api/admin/revenue/summary${query(range)}`),
    [range.from, range.to],
  );
  const data = summary.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRange({ from, to });
  };

  const m = (minor: number) => (data ? money(minor, data.currency) : String(minor));
  const peak = <T,>(items: T[], value: (item: T) => number) =>
    items.reduce<T | undefined>(
      (best, item) => (best && value(best) >= value(item) ? best : item),
      undefined,
    );

  return (
    <>
      <ScreenTitle title="Revenue">Revenue</ScreenTitle>
      <RevenueTabs />
      <form className="filters" onSubmit={submit} aria-label="Period">
        <Field label="From" hint="First day, UTC. Empty: twelve months back.">
          {(p) => (
            <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          )}
        </Field>
        <Field label="To" hint="Last day, UTC. Empty: today.">
          {(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <button type="submit">Show</button>
      </form>
      <Alert error={summary.error} />
      {!data ? (
        summary.error ? null : (
          <p className="loading" role="status">
            Loading the revenue figures…
          </p>
        )
      ) : (
        <>
          <p className="hint">
            {formatDay(data.from)} to {formatDay(data.to)}, in {data.currency}. Payments count net
            of refunds; failed payments never count.
          </p>
          <dl className="revenue-figures">
            <div>
              <dt>Monthly recurring revenue now</dt>
              <dd>{m(data.now.mrr)}</dd>
            </div>
            <div>
              <dt>Paying members now</dt>
              <dd>{data.now.active_members}</dd>
            </div>
            <div>
              <dt>One-time donations in the period</dt>
              <dd>{m(data.donations_per_week.reduce((sum, w) => sum + w.amount, 0))}</dd>
            </div>
          </dl>
          {data.notes.map((note) => (
            <p key={note} className="alert" role="note">
              {note}{' '}
              {data.excluded
                .map(
                  (e) =>
                    `${e.currency}: ${e.payments} payments, ${money(e.amount, e.currency)}; ${e.subscriptions} active subscriptions`,
                )
                .join('. ')}
            </p>
          ))}

          <h2>Monthly recurring revenue</h2>
          <BarChart
            title="Monthly recurring revenue per month"
            description={`${data.months.length} months; now ${m(data.now.mrr)}${(() => {
              const best = peak(data.months, (x) => x.mrr);
              return best ? `; highest ${m(best.mrr)} in ${monthLabel(best.month)}` : '';
            })()}. The numbers are in the table below.`}
            bars={data.months.map((x) => ({
              key: x.month,
              label: monthLabel(x.month),
              value: x.mrr,
            }))}
            format={moneyTick(data.currency)}
            caption="Active and past-due memberships and recurring donations at each month's end (yearly plans count a twelfth)."
          />
          <FigureTable
            summary="Monthly recurring revenue as a table"
            caption="Monthly recurring revenue per month"
            head={['Month', 'MRR']}
            rows={data.months.map((x) => ({
              key: x.month,
              cells: [monthLabel(x.month), m(x.mrr)],
            }))}
          />

          <h2>Paying members</h2>
          <BarChart
            title="Paying members per month"
            description={`${data.now.active_members} paying members now. The numbers are in the table below.`}
            bars={data.months.map((x) => ({
              key: x.month,
              label: monthLabel(x.month),
              value: x.active_members,
            }))}
            caption="Members with an active membership or recurring donation at each month's end."
            color="#2f7d46"
          />
          <FigureTable
            summary="Paying members as a table"
            caption="Paying members per month"
            head={['Month', 'Paying members']}
            rows={data.months.map((x) => ({
              key: x.month,
              cells: [monthLabel(x.month), x.active_members],
            }))}
          />

          <h2>One-time donations per week</h2>
          <BarChart
            title="One-time donations per week"
            description={`${data.donations_per_week.reduce((s, w) => s + w.count, 0)} donations over ${data.donations_per_week.length} weeks. The numbers are in the table below.`}
            bars={data.donations_per_week.map((w) => ({
              key: w.week_start,
              label: w.week_start.slice(5),
              value: w.amount,
            }))}
            format={moneyTick(data.currency)}
            caption="Weeks start on Monday (UTC)."
            color="#8a4baf"
          />
          <FigureTable
            summary="Donations per week as a table"
            caption="One-time donations per week"
            head={['Week from', 'Donations', 'Amount']}
            rows={data.donations_per_week.map((w) => ({
              key: w.week_start,
              cells: [formatDay(w.week_start), w.count, m(w.amount)],
            }))}
          />

          <h2>Top articles by revenue</h2>
          {data.top_articles.length === 0 ? (
            <p>No payments came from an article in this period.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Top articles by revenue in the period</caption>
                <thead>
                  <tr>
                    <th scope="col">Article</th>
                    <th scope="col" className="number">
                      Payments
                    </th>
                    <th scope="col" className="number">
                      Revenue
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.top_articles.map((a) => (
                    <tr key={a.article_id}>
                      <th scope="row">
                        <Link to={`/articles/${a.article_id}/edit`}>
                          {a.title ?? `Deleted article ${a.article_id}`}
                        </Link>
                      </th>
                      <td className="number">{a.payments}</td>
                      <td className="number">{m(a.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h2>Top prompts by revenue</h2>
          {data.top_prompts.length === 0 ? (
            <p>No payments came from a support prompt in this period.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">
                  Top support prompts by revenue in the period
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Prompt</th>
                    <th scope="col" className="number">
                      Payments
                    </th>
                    <th scope="col" className="number">
                      Revenue
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.top_prompts.map((p) => (
                    <tr key={p.prompt}>
                      <th scope="row">{p.prompt}</th>
                      <td className="number">{p.payments}</td>
                      <td className="number">{m(p.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
