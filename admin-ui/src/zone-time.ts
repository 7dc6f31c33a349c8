// Publication times are entered and shown in the newsroom's time zone (site settings), not
// the browser's: a reporter abroad schedules for the newsroom's morning.

function offsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(utcMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** `2026-11-25T09:30` in `timeZone` → ISO UTC; null when the text is not a date-time. */
export function zonedToUtc(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let utc = wall - offsetMs(wall, timeZone);
  // Around a DST change the offset at the guessed instant can differ: correct once.
  const second = offsetMs(utc, timeZone);
  if (wall - second !== utc) utc = wall - second;
  return new Date(utc).toISOString();
}

/** ISO UTC → `2026-11-25T09:30` in `timeZone` (for <input type="datetime-local">). */
export function utcToZoned(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + offsetMs(ms, timeZone)).toISOString().slice(0, 16);
}
