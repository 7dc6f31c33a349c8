import { useState } from 'react';
import { api, query } from '../../api';
import { Link } from '../../router';
import { Alert, useLoad } from '../../ui';
import { type DayPlays, fillDays, PlaysChart } from './PlaysChart';

interface ArticleListens {
  article_id: number;
  title: string;
  plays: number;
  completion: Record<string, number>;
}
interface Stats {
  since: string;
  days: DayPlays[];
  articles: ArticleListens[];
}

const ranges = [7, 30, 90] as const;
const marks = ['25', '50', '75', '100'] as const;

/** "12 (40 %)": how many listeners got this far, and as a share of the plays. */
function reached(count: number, plays: number): string {
  if (plays === 0) return String(count);
  return `${count} (${Math.round((count / plays) * 100)} %)`;
}

/** Listening statistics (first-party, counted per day): plays per day and per article. */
export function ListeningStats() {
  const [range, setRange] = useState<(typeof ranges)[number]>(30);
  const stats = useLoad(
    () => api<Stats>('GET', `/api/admin/audio/stats${query({ days: range })}`),
    [range],
  );
  const days = stats.data ? fillDays(stats.data.since, range, stats.data.days) : [];

  return (
    <section aria-labelledby="stats-title">
      <h2 id="stats-title">Listening</h2>
      <fieldset className="range-picker">
        <legend>Period</legend>
        {ranges.map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="stats-range"
              value={value}
              checked={range === value}
              onChange={() => setRange(value)}
            />{' '}
            Last {value} days
          </label>
        ))}
      </fieldset>
      <Alert error={stats.error} />
      {!stats.data ? (
        <p className="loading" role="status">
          Loading the listening figures…
        </p>
      ) : (
        <>
          <h3>Plays per day</h3>
          <PlaysChart days={days} />
          <details>
            <summary>Plays per day as a table</summary>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Plays per day, last {range} days</caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Plays</th>
                  </tr>
                </thead>
                <tbody>
                  {days.map((d) => (
                    <tr key={d.day}>
                      <th scope="row">{d.day}</th>
                      <td>{d.plays}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>

          <h3>By article</h3>
          {stats.data.articles.length === 0 ? (
            <p>No one has listened in this period.</p>
          ) : (
            <div className="table-wrap">
              <table className="listen-table">
                <caption className="visually-hidden">
                  Plays and completion per article, last {range} days
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Article</th>
                    <th scope="col">Plays</th>
                    {marks.map((mark) => (
                      <th scope="col" key={mark}>
                        Reached {mark} %
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {stats.data.articles.map((a) => (
                    <tr key={a.article_id}>
                      <th scope="row">
                        <Link to={`/articles/${a.article_id}/edit`}>{a.title}</Link>
                      </th>
                      <td>{a.plays}</td>
                      {marks.map((mark) => (
                        <td key={mark}>{reached(a.completion[mark] ?? 0, a.plays)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
