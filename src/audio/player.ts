import type { Executor } from '../platform/db/database.js';
import { html } from '../platform/http/html.js';
import { siteAssets } from '../site/assets.js';
import { localeFor, translator } from '../site/i18n/translate.js';
import {
  type ArticleAudio,
  registerArticleAudio,
  registerSlotRenderer,
  type SlotContext,
} from '../site/slots.js';
import { fullAudioPath } from './audio-files.js';
import { findNarrationWithAccess } from './narration.repository.js';
import type { NarrationParagraph } from './narration.table.js';

/** What the article page needs to show the player (loaded with the page's other queries). */
export type PlayerNarration = ArticleAudio;

/**
 * The article's narration for its public page, if it has audio anyone may hear: a gated
 * article's public file speaks its preview only when it was made for the article's current
 * version as a gated article (`full_file` set). One narrated while the article was public (a
 * tag's default changed since) or for an older version (whose preview cut may have been
 * longer) is not offered until the article is narrated again. A public article narrated while
 * it was gated plays its whole-body file (the route admits everyone to a public article).
 */
export async function loadPlayerNarration(
  executor: Executor,
  articleId: number,
): Promise<PlayerNarration | undefined> {
  const row = await findNarrationWithAccess(executor, articleId);
  if (!row?.file) return undefined;
  const gated = row.access_level !== 'public';
  if (gated && (!row.full_file || row.article_version !== row.version)) return undefined;
  const full = row.full_file
    ? {
        file: row.full_file,
        src: fullAudioPath(articleId, row.full_file),
        durationMs: row.full_duration_ms,
        paragraphs: timings(row.full_paragraphs),
      }
    : undefined;
  if (!gated && full) return full;
  return {
    file: row.file,
    durationMs: row.duration_ms,
    paragraphs: timings(row.paragraphs),
    ...(full ? { full } : {}),
  };
}

/** Where each paragraph starts, from a narration row's JSON (nothing when unreadable). */
function timings(json: string): NarrationParagraph[] {
  let paragraphs: NarrationParagraph[] = [];
  try {
    paragraphs = JSON.parse(json) as NarrationParagraph[];
  } catch {
    paragraphs = [];
  }
  return paragraphs;
}

function clock(ms: number): string {
  const total = Math.floor(ms / 1000); // as the player script counts, so the two agree
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** What one player shows and plays (an article's narration, the daily briefing). */
export interface PlayerMarkupInput {
  /** The heading's id (one per page). */
  titleId: string;
  /** The heading's words; the length follows them. */
  title: string;
  /** A line under the heading (e.g. the briefing's date and story count). */
  subtitle?: string | undefined;
  file: string;
  /** The URL path to play (absent: the public `/audio/<file>`). */
  src?: string | undefined;
  durationMs: number;
  /** [unit index, start ms] pairs for highlighting (empty: nothing to highlight). */
  timings: ReadonlyArray<readonly [number, number]>;
  /** The article the listening beacons count for (none: no beacons). */
  articleId?: number | undefined;
  language: string;
  disclosure: string | undefined;
  className?: string;
}

/**
 * The player: the disclosure line and a native `<audio controls>` that works without
 * JavaScript; `audio-player.js` replaces the native controls with accessible custom ones
 * (skip, speed, paragraph highlighting, resume, Media Session).
 */
export function renderPlayerMarkup(input: PlayerMarkupInput) {
  const src = input.src ?? `/audio/${input.file}`;
  const t = translator(localeFor(input.language));
  return html`<section class="audio-player${input.className ? ` ${input.className}` : ''}" aria-labelledby="${input.titleId}" data-audio-player data-article="${input.articleId ?? ''}" data-duration="${input.durationMs}" data-paragraphs="${JSON.stringify(input.timings)}">
<h2 class="audio-player__title" id="${input.titleId}">${input.title} <span class="audio-player__length">${clock(input.durationMs)}</span></h2>
${input.subtitle ? html`<p class="audio-player__subtitle">${input.subtitle}</p>` : ''}<p class="audio-player__disclosure">${input.disclosure ?? 'This audio is created with AI assistance'}</p>
<audio controls preload="none" src="${src}" data-audio><a href="${src}">${t('audio.download')}</a></audio>
<script src="${siteAssets().audioPlayer.path}" defer></script>
</section>`;
}

/** The article page's player of its narration. */
export function renderAudioPlayer(context: SlotContext) {
  const narration = context.narration;
  if (!narration || context.page !== 'article') return undefined;
  const t = translator(localeFor(context.language));
  return renderPlayerMarkup({
    titleId: 'audio-player-title',
    title: t('audio.listen'),
    file: narration.file,
    src: narration.src,
    durationMs: narration.durationMs,
    timings: narration.paragraphs.map((p) => [p.index, p.startMs] as const),
    articleId: context.articleId,
    language: context.language,
    disclosure: context.audioDisclosure,
  });
}

let registered = false;

/** Puts the player into the article page's `audio-player` slot, and its audio into article pages (once per process). */
export function registerAudioPlayerSlot(): void {
  if (registered) return;
  registered = true;
  registerSlotRenderer('audio-player', renderAudioPlayer);
  registerArticleAudio(loadPlayerNarration);
}
