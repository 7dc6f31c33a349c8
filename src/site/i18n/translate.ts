import { formatMessage, type MessageParams } from './message-format.js';
import { englishMessages, type MessageCatalog, type MessageKey } from './messages.en.js';
import { ukrainianMessages } from './messages.uk.js';

/** The languages the public site's interface is translated into. */
export const locales = ['en', 'uk'] as const;
export type Locale = (typeof locales)[number];

export const catalogs: Readonly<Record<Locale, MessageCatalog>> = {
  en: englishMessages,
  uk: ukrainianMessages,
};

/** A BCP 47 tag ("uk", "uk-UA", "en-GB", "de") → the catalog to use; anything else → English. */
export function localeFor(languageTag: string | null | undefined): Locale {
  const primary = (languageTag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'uk' ? 'uk' : 'en';
}

/** True when the tag names a language we have a catalog for. */
export function hasCatalog(languageTag: string): boolean {
  const primary = languageTag.trim().toLowerCase().split(/[-_]/)[0];
  return (locales as readonly string[]).includes(primary ?? '');
}

/**
 * The locale Intl formats with: English keeps en-US ("October 6, 2022 3:33 PM", the wording
 * the site has always had); Ukrainian uses plain `uk`.
 */
export function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-US' : 'uk';
}

/** The reader-facing text for `key` in `locale`, placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return formatMessage(catalogs[locale][key], intlLocale(locale), params);
}

/** `translate` bound to one locale, for templates that render many strings. */
export function translator(locale: Locale) {
  return (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
}
export type Translate = ReturnType<typeof translator>;
