// Publication times are entered and shown in the newsroom's time zone (site settings), not
// the browser's: a reporter abroad schedules for the newsroom's morning. The zone arithmetic
// is the server's own (src/platform/time-zone.ts), so both sides agree around DST changes.
import { parseNewsroomDateTime, zoneOffsetMinutes } from '../../src/platform/time-zone.js';

/** `2026-11-25T09:30` in `timeZone` → ISO UTC; null when the text is not a date-time. */
export function zonedToUtc(local: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  return parseNewsroomDateTime(local, timeZone)?.toISOString() ?? null;
}

/** ISO UTC → `2026-11-25T09:30` in `timeZone` (for <input type="datetime-local">). */
export function utcToZoned(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const offset = zoneOffsetMinutes(new Date(ms), timeZone);
  return new Date(ms + offset * 60_000).toISOString().slice(0, 16);
}
