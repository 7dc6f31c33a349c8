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
import { findNarration } from './narration.repository.js';
import type { NarrationParagraph } from './narration.table.js';

/** What the article page needs to show the player (loaded with the page's other queries). */
export type PlayerNarration = ArticleAudio;

/** The article's narration for its public page, if it has audio. */
export async function loadPlayerNarration(
  executor: Executor,
  articleId: number,
): Promise<PlayerNarration | undefined> {
  const row = await findNarration(executor, articleId);
  if (!row?.file) return undefined;
  let paragraphs: NarrationParagraph[] = [];
  try {
    paragraphs = JSON.parse(row.paragraphs) as NarrationParagraph[];
  } catch {
    paragraphs = [];
  }
  return { file: row.file, durationMs: row.duration_ms, paragraphs };
}

function clock(ms: number): string {
  const total = Math.floor(ms / 1000); // as the player script counts, so the two agree
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * The player: the disclosure line and a native `<audio controls>` that works without
 * JavaScript; `audio-player.js` replaces the native controls with accessible custom ones
 * (skip, speed, paragraph highlighting, resume, Media Session).
 */
export function renderAudioPlayer(context: SlotContext) {
  const narration = context.narration;
  if (!narration || context.page !== 'article') return undefined;
  const src = `/audio/${narration.file}`;
  const timings = narration.paragraphs.map((p) => [p.index, p.startMs]);
  const t = translator(localeFor(context.language));
  return html`<section class="audio-player" aria-labelledby="audio-player-title" data-audio-player data-article="${context.articleId ?? ''}" data-duration="${narration.durationMs}" data-paragraphs="${JSON.stringify(timings)}">
<h2 class="audio-player__title" id="audio-player-title">${t('audio.listen')} <span class="audio-player__length">${clock(narration.durationMs)}</span></h2>
<p class="audio-player__disclosure">${context.audioDisclosure ?? 'This audio is created with AI assistance'}</p>
<audio controls preload="none" src="${src}" data-audio><a href="${src}">${t('audio.download')}</a></audio>
<script src="${siteAssets().audioPlayer.path}" defer></script>
</section>`;
}

let registered = false;

/** Puts the player into the article page's `audio-player` slot, and its audio into article pages (once per process). */
export function registerAudioPlayerSlot(): void {
  if (registered) return;
  registered = true;
  registerSlotRenderer('audio-player', renderAudioPlayer);
  registerArticleAudio(loadPlayerNarration);
}
