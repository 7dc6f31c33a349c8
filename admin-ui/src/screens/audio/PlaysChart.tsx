import { BarChart } from '../../bar-chart';

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

/**
 * Plays per day as a bar chart (the shared BarChart). The numbers themselves are in the table
 * that follows it, which is what screen readers should read.
 */
export function PlaysChart({ days }: { days: DayPlays[] }) {
  const total = days.reduce((sum, d) => sum + d.plays, 0);
  const busiest = days.reduce<DayPlays | null>(
    (best, d) => (d.plays > (best?.plays ?? 0) ? d : best),
    null,
  );
  return (
    <BarChart
      title="Plays per day"
      description={`${total} plays over ${days.length} days${
        busiest ? `; the busiest day was ${busiest.day} with ${busiest.plays}` : ''
      }. The numbers are in the table below.`}
      bars={days.map((d) => ({ key: d.day, label: d.day.slice(5), value: d.plays }))}
      caption="Plays per day, UTC."
    />
  );
}
