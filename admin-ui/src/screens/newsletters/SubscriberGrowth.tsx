import { useId, useState } from 'react';
import { api } from '../../api';
import { BarChart } from '../../bar-chart';
import { Alert, useLoad } from '../../ui';
import type { GrowthPoint, Newsletter } from './types';
import './newsletters.css';

type Bucket = 'day' | 'week';

const label = (period: string, bucket: Bucket) =>
  bucket === 'week' ? `w/c ${period.slice(5)}` : period.slice(5);

/**
 * Subscriber growth and churn per day or week: new confirmed subscriptions, and the readers
 * lost (unsubscribes, plus hard bounces and complaints that suppressed an address), each as a
 * chart, with every number in the table below them.
 */
export function SubscriberGrowth({ newsletters }: { newsletters: Newsletter[] }) {
  const id = useId();
  const [newsletterId, setNewsletterId] = useState('');
  const [bucket, setBucket] = useState<Bucket>('day');
  const growth = useLoad(() => {
    const query = new URLSearchParams({ bucket });
    if (newsletterId) query.set('newsletter_id', newsletterId);
    return api<{ points: GrowthPoint[] }>('GET', `/api/admin/newsletter-growth?${query}`);
  }, [newsletterId, bucket]);
  const points = growth.data?.points ?? [];
  const sum = (pick: (p: GrowthPoint) => number) => points.reduce((s, p) => s + pick(p), 0);
  const joined = sum((p) => p.subscribed);
  const left = sum((p) => p.unsubscribed + p.suppressed);
  const span = bucket === 'day' ? `${points.length} days` : `${points.length} weeks`;
  const which = newsletters.find((n) => String(n.id) === newsletterId)?.name ?? 'all newsletters';

  return (
    <section className="panel" aria-labelledby="growth-title">
      <h2 id="growth-title">Subscriber growth and churn</h2>
      <div className="row wrap">
        <label htmlFor={`${id}-newsletter`}>Newsletter</label>
        <select
          id={`${id}-newsletter`}
          value={newsletterId}
          onChange={(e) => setNewsletterId(e.target.value)}
        >
          <option value="">All newsletters</option>
          {newsletters.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-bucket`}>Group by</label>
        <select
          id={`${id}-bucket`}
          value={bucket}
          onChange={(e) => setBucket(e.target.value as Bucket)}
        >
          <option value="day">Day (last 30 days)</option>
          <option value="week">Week (last 12 weeks)</option>
        </select>
      </div>
      <Alert error={growth.error} />
      {growth.data ? (
        <>
          <p data-testid="growth-summary">
            {which.charAt(0).toUpperCase() + which.slice(1)}, last {span}: {joined} new, {left}{' '}
            lost, net {joined - left >= 0 ? '+' : ''}
            {joined - left}.
          </p>
          <h3>New confirmed subscriptions</h3>
          <BarChart
            title={`New confirmed subscriptions per ${bucket}`}
            description={`${joined} new confirmed subscriptions to ${which} over the last ${span}. The numbers are in the table below.`}
            bars={points.map((p) => ({
              key: p.period,
              label: label(p.period, bucket),
              value: p.subscribed,
            }))}
            color="#2f7d46"
          />
          <h3>Unsubscribes and suppressions</h3>
          <BarChart
            title={`Unsubscribes and suppressions per ${bucket}`}
            description={`${left} readers lost from ${which} over the last ${span}. The numbers are in the table below.`}
            bars={points.map((p) => ({
              key: p.period,
              label: label(p.period, bucket),
              value: p.unsubscribed + p.suppressed,
            }))}
            color="#b42318"
            caption="Suppressions are hard bounces and complaints; days are UTC."
          />
          <details>
            <summary>Growth and churn as a table</summary>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">
                  Subscriber growth and churn per {bucket}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{bucket === 'day' ? 'Day' : 'Week starting'}</th>
                    <th scope="col" className="number">
                      New
                    </th>
                    <th scope="col" className="number">
                      Unsubscribed
                    </th>
                    <th scope="col" className="number">
                      Suppressed
                    </th>
                    <th scope="col" className="number">
                      Net
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.period}>
                      <th scope="row">{p.period}</th>
                      <td className="number">{p.subscribed}</td>
                      <td className="number">{p.unsubscribed}</td>
                      <td className="number">{p.suppressed}</td>
                      <td className="number">{p.subscribed - p.unsubscribed - p.suppressed}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      ) : growth.error ? null : (
        <p role="status">Loading…</p>
      )}
    </section>
  );
}
