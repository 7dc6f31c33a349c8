import { parseNewsroomDateTime, zoneOffsetMinutes } from '../platform/time-zone.js';

// When the daily briefing is made: a wall-clock time in the newsroom's zone, every day. A slot
// is the UTC instant of one day's time; its local date names the briefing.

/** The newsroom-local date (YYYY-MM-DD) of an instant. */
export function localDateOf(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000)
    .toISOString()
    .slice(0, 10);
}

/** The date `days` after a YYYY-MM-DD date. */
export function shiftLocalDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The slot of a local date: its `time` (HH:MM) in the zone. */
export function slotOfDate(date: string, time: string, timeZone: string): Date {
  const slot = parseNewsroomDateTime(`${date}T${time}`, timeZone);
  if (!slot) throw new Error(`Not a briefing slot: ${date} ${time} (${timeZone})`);
  return slot;
}

/** The first slot strictly after `after`, with its local date. */
export function nextBriefingSlot(
  after: Date,
  time: string,
  timeZone: string,
): { date: string; at: Date } {
  const today = localDateOf(after, timeZone);
  for (let day = -1; day <= 2; day += 1) {
    const date = shiftLocalDate(today, day);
    const at = slotOfDate(date, time, timeZone);
    if (at.getTime() > after.getTime()) return { date, at };
  }
  throw new Error(`No briefing slot after ${after.toISOString()} (${time} ${timeZone})`);
}
