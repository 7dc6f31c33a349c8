import type { Executor } from '../platform/db/database.js';
import { readSiteSettings } from '../platform/settings/site-settings.js';
import { localeFor, translator } from '../site/i18n/translate.js';
import {
  type HomeBriefingAudio,
  registerHomeBriefing,
  registerSlotRenderer,
  type SlotContext,
} from '../site/slots.js';
import { readBriefingSettings } from './briefing-settings.js';
import { findLatestBriefing } from './briefing.repository.js';
import { renderPlayerMarkup } from './player.js';

/** The newest briefing in the site's language, for the home page. */
export async function loadBriefingForHome(
  executor: Executor,
): Promise<HomeBriefingAudio | undefined> {
  const [{ language }, settings] = await Promise.all([
    readSiteSettings(executor),
    readBriefingSettings(executor),
  ]);
  // Switched off: yesterday's briefing is not left on the home page for good.
  if (!settings.enabled) return undefined;
  const row = await findLatestBriefing(executor, language);
  if (!row) return undefined;
  return {
    file: row.file,
    durationMs: row.duration_ms,
    localDate: row.local_date,
    stories: (JSON.parse(row.article_ids) as number[]).length,
    language: row.language,
  };
}

/**
 * "The daily briefing 4:12 · Briefing for Monday 7 December · 10 stories": the article
 * player's markup (native controls without script, enhanced by `audio-player.js`), in the
 * home page's `home-briefing` slot. The home page is one cached copy for everyone; the
 * briefing job purges it (`home`) when a new briefing is ready.
 */
export function renderBriefingPlayer(context: SlotContext) {
  const briefing = context.briefing;
  if (!briefing || context.page !== 'home') return undefined;
  const locale = localeFor(context.language);
  const t = translator(locale);
  const date = new Intl.DateTimeFormat(locale === 'uk' ? 'uk' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${briefing.localDate}T12:00:00Z`));
  return renderPlayerMarkup({
    titleId: 'briefing-player-title',
    title: t('audio.briefing'),
    subtitle: `${t('audio.briefingFor', { date })} · ${t('audio.briefingStories', { count: briefing.stories })}`,
    file: briefing.file,
    durationMs: briefing.durationMs,
    timings: [],
    language: context.language,
    disclosure: context.audioDisclosure,
    className: 'audio-player--briefing',
  });
}

let registered = false;

/** Fills the home page's `home-briefing` slot and gives it its briefing (once per process). */
export function registerBriefingSlot(): void {
  if (registered) return;
  registered = true;
  registerSlotRenderer('home-briefing', renderBriefingPlayer);
  registerHomeBriefing(loadBriefingForHome);
}
