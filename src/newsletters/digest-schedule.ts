import { parseNewsroomDateTime, zoneOffsetMinutes } from '../platform/time-zone.js';

// When a newsletter's automatic digest goes out: a time of day in the newsroom's zone, on every
// day or on chosen weekdays. A slot is the instant (UTC) of one such send.

export interface DigestSchedule {
  /** HH:MM, wall-clock time in `timeZone`. */
  time: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday); empty: every day. */
  days: number[];
  timeZone: string;
}

/** "1,2,3" → [1, 2, 3] (anything else is dropped). */
export function parseDigestDays(value: string): number[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((d) => Number(d.trim()))
        .filter((d) => Number.isInteger(d) && d >= 1 && d <= 7),
    ),
  ].sort();
}

/** The first slot strictly after `after`. */
export function nextDigestSlot(after: Date, schedule: DigestSchedule): Date {
  const local = new Date(after.getTime() + zoneOffsetMinutes(after, schedule.timeZone) * 60_000);
  for (let day = 0; day <= 8; day += 1) {
    const date = new Date(local.getTime() + day * 86_400_000).toISOString().slice(0, 10);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
    if (schedule.days.length > 0 && !schedule.days.includes(weekday)) continue;
    const slot = parseNewsroomDateTime(`${date}T${schedule.time}`, schedule.timeZone);
    if (slot && slot.getTime() > after.getTime()) return slot;
  }
  throw new Error(`No digest slot after ${after.toISOString()} (${JSON.stringify(schedule)})`);
}

/** True when `slot` is one of the schedule's slots. */
export function isDigestSlot(slot: Date, schedule: DigestSchedule): boolean {
  return nextDigestSlot(new Date(slot.getTime() - 1), schedule).getTime() === slot.getTime();
}
