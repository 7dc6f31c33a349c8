import { intlLocale, type Locale, translate } from './i18n/translate.js';

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

/** "October 6, 2022 3:33 PM" / "6 жовтня 2022 р. о 15:33" in the newsroom's zone. */
export function formatDateTime(iso: string, timeZone: string, locale: Locale = 'en'): string {
  const f = formatter(dateTimeFormatters, intlLocale(locale), timeZone, {
    dateStyle: 'long',
    timeStyle: 'short',
  });
  const text = f.format(new Date(iso));
  // Newer ICU writes "October 6, 2022 at 3:33 PM"; the site has always shown it without "at".
  return locale === 'en' ? text.replace(' at ', ' ') : text;
}

/** "October 6, 2022" / "6 жовтня 2022 р." in the newsroom's zone. */
export function formatDate(iso: string, timeZone: string, locale: Locale = 'en'): string {
  return formatter(dateFormatters, intlLocale(locale), timeZone, { dateStyle: 'long' }).format(
    new Date(iso),
  );
}

/** "1 min read", "5 хвилин читання". */
export function readingTimeLabel(minutes: number, locale: Locale = 'en'): string {
  return translate(locale, 'article.readingTime', { minutes });
}
