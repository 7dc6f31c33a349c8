import { formatDate } from '../../ui';
import type { PushAlert } from './types';

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : '–';
}

/** The alerts sent so far, newest first, with what became of them. */
export function AlertList({ alerts, timeZone }: { alerts: PushAlert[]; timeZone: string }) {
  if (alerts.length === 0) return <p>No alerts have been sent yet.</p>;
  return (
    <table className="push-alerts">
      <caption className="visually-hidden">Alerts and their figures</caption>
      <thead>
        <tr>
          <th scope="col">Alert</th>
          <th scope="col">Sent at</th>
          <th scope="col">Recipients</th>
          <th scope="col">Sent</th>
          <th scope="col">Failed</th>
          <th scope="col">Clicked</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => {
          const failed = alert.stats.failed + alert.stats.gone;
          return (
            <tr key={alert.id}>
              <th scope="row">
                <span className="push-alerts__title">{alert.title}</span>
                <span className="hint">
                  {alert.kind === 'live' ? `Live coverage #${alert.articleId ?? ''}` : 'Breaking'}
                  {alert.language ? ` · ${alert.language}` : ''}
                  {alert.status !== 'sent' ? ` · ${alert.status}…` : ''}
                </span>
              </th>
              <td>{formatDate(alert.createdAt, timeZone)}</td>
              <td>{alert.stats.recipients}</td>
              <td>
                {alert.stats.sent}
                {alert.stats.queued > 0 ? (
                  <span className="hint"> ({alert.stats.queued} queued)</span>
                ) : null}
              </td>
              <td>
                {failed}
                {alert.stats.gone > 0 ? (
                  <span className="hint"> ({alert.stats.gone} unsubscribed browsers removed)</span>
                ) : null}
                {alert.stats.ambiguous > 0 ? (
                  <span className="hint">
                    {' '}
                    · {alert.stats.ambiguous} uncertain (a worker stopped)
                  </span>
                ) : null}
              </td>
              <td>
                {alert.stats.clicked}{' '}
                <span className="hint">({percent(alert.stats.clicked, alert.stats.sent)})</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
