import { useEffect } from 'react';
import { api } from '../../api';
import { Alert, useLoad } from '../../ui';
import { DataTable } from './DataTable';
import { count } from './format';
import type { Realtime } from './types';

const pollMs = 30_000;

/** The last 30 minutes, from the raw events, refreshed every 30 seconds. */
export function RightNow() {
  const realtime = useLoad(() => api<Realtime>('GET', '/api/admin/analytics/realtime'), []);
  const { reload } = realtime;
  useEffect(() => {
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, []);
  const data = realtime.data;

  return (
    <section className="analytics-now" aria-labelledby="analytics-now-title">
      <h2 id="analytics-now-title">Right now</h2>
      <Alert error={realtime.error} />
      {!data ? (
        realtime.error ? null : (
          <p className="loading" role="status">
            Loading the last 30 minutes…
          </p>
        )
      ) : (
        <>
          <dl className="analytics-figures">
            <div>
              <dt>Visitors in the last 30 minutes</dt>
              <dd>{count(data.visitors)}</dd>
            </div>
            <div>
              <dt>Views in the last 30 minutes</dt>
              <dd>{count(data.views)}</dd>
            </div>
          </dl>
          {data.pages.length === 0 ? (
            <p>No one is reading right now.</p>
          ) : (
            <DataTable
              caption="Top pages in the last 30 minutes"
              head={['Page', 'Views', 'Visitors']}
              rows={data.pages.map((p) => ({
                key: p.path,
                cells: [p.path, count(p.views), count(p.visitors)],
              }))}
            />
          )}
          <p className="hint">Updated every 30 seconds.</p>
        </>
      )}
    </section>
  );
}
