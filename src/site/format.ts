// Dates and numbers for readers, in the newsroom's time zone; Intl formatters are costly to
// build, so they are made once per (locale, zone).

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  cache: Map<string, Intl.DateTimeFormat>,
  locale: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
) {
  const key = `${locale}|${timeZone}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    cache.set(key, found);
  }
  return found;
}

/** "October 6, 2022 3:33 PM" in the newsroom's zone. */
export function formatDateTime(iso: string, timeZone: string, locale = 'en-US'): string {
  const f = formatter(dateTimeFormatters, locale, timeZone, {
    dateStyle: 'long',
    timeStyle: 'short',
  });
  return f.format(new Date(iso)).replace(' at ', ' ');
}

/** "October 6, 2022" in the newsroom's zone. */
export function formatDate(iso: string, timeZone: string, locale = 'en-US'): string {
  return formatter(dateFormatters, locale, timeZone, { dateStyle: 'long' }).format(new Date(iso));
}

/** "1 min read". */
export function readingTimeLabel(minutes: number): string {
  return `${minutes} min read`;
}
