import { useId } from 'react';

export interface DayPlays {
  day: string;
  plays: number;
}

/** Every day from `since` for `count` days, with 0 where nothing was played. */
export function fillDays(since: string, count: number, days: DayPlays[]): DayPlays[] {
  const plays = new Map(days.map((d) => [d.day, d.plays]));
  const start = Date.parse(`${since}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    return { day, plays: plays.get(day) ?? 0 };
  });
}

const width = 720;
const height = 220;
const margin = { top: 12, right: 12, bottom: 28, left: 40 };

/**
 * Plays per day as an SVG bar chart. The chart is one image with a title and a description
 * (the total, the busiest day); the numbers themselves are in the table that follows it, which
 * is what screen readers should read.
 */
export function PlaysChart({ days }: { days: DayPlays[] }) {
  const id = useId();
  const max = Math.max(1, ...days.map((d) => d.plays));
  const total = days.reduce((sum, d) => sum + d.plays, 0);
  const busiest = days.reduce<DayPlays | null>(
    (best, d) => (d.plays > (best?.plays ?? 0) ? d : best),
    null,
  );
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(1, slot * 0.75);
  const ticks = [0, Math.round(max / 2), max].filter((t, i, all) => all.indexOf(t) === i);
  const labelEvery = Math.ceil(days.length / 8);

  return (
    <figure className="plays-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>Plays per day</title>
        <desc id={`${id}-desc`}>
          {`${total} plays over ${days.length} days${
            busiest ? `; the busiest day was ${busiest.day} with ${busiest.plays}` : ''
          }. The numbers are in the table below.`}
        </desc>
        {ticks.map((tick) => {
          const y = margin.top + plotH - (tick / max) * plotH;
          return (
            <g key={tick}>
              <line x1={margin.left} x2={width - margin.right} y1={y} y2={y} stroke="#c9cbd1" />
              <text x={margin.left - 6} y={y + 4} textAnchor="end" fontSize="12" fill="#55575e">
                {tick}
              </text>
            </g>
          );
        })}
        {days.map((d, i) => {
          const h = (d.plays / max) * plotH;
          const x = margin.left + i * slot + (slot - barW) / 2;
          return (
            <g key={d.day}>
              <rect x={x} y={margin.top + plotH - h} width={barW} height={h} fill="#1a56db" />
              {i % labelEvery === 0 ? (
                <text
                  x={x + barW / 2}
                  y={height - 8}
                  textAnchor="middle"
                  fontSize="12"
                  fill="#55575e"
                >
                  {d.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">Plays per day, UTC.</figcaption>
    </figure>
  );
}
