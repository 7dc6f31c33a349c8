import type { Executor } from '../platform/db/database.js';
import { html } from '../platform/http/html.js';
import { localeFor, translator } from '../site/i18n/translate.js';
import {
  type LiveSummaryAudio,
  registerLiveSummaryAudio,
  registerSlotRenderer,
  type SlotContext,
} from '../site/slots.js';
import { findLiveSummary } from './live-summary.repository.js';

/** The coverage's key-events summary for its live page, if it has one. */
export async function loadLiveSummaryForPage(
  executor: Executor,
  articleId: number,
): Promise<LiveSummaryAudio | undefined> {
  const row = await findLiveSummary(executor, articleId);
  if (!row) return undefined;
  return {
    file: row.file,
    durationMs: row.duration_ms,
    keyEvents: row.key_events,
    madeAt: row.updated_at,
  };
}

/**
 * "Listen to the key events (2 min)": a labelled native `<audio controls>` (no script needed),
 * with the AI disclosure line, in the live page's `live-summary-audio` slot.
 */
export function renderLiveSummaryAudio(context: SlotContext) {
  const summary = context.liveSummary;
  if (!summary || context.page !== 'article') return undefined;
  const src = `/audio/${summary.file}`;
  const minutes = Math.max(1, Math.round(summary.durationMs / 60_000));
  const t = translator(localeFor(context.language));
  const labelId = `live-summary-audio-${context.articleId ?? 0}`;
  return html`<div class="live-summary-audio" data-live-summary-audio data-made-at="${summary.madeAt}">
<p class="live-summary-audio__label" id="${labelId}">${t('audio.listenKeyEvents', { minutes })}</p>
<audio controls preload="none" src="${src}" aria-labelledby="${labelId}"><a href="${src}">${t('audio.download')}</a></audio>
<p class="live-summary-audio__disclosure">${context.audioDisclosure ?? 'This audio is created with AI assistance'}</p>
</div>`;
}

let registered = false;

/** Fills the `live-summary-audio` slot and gives live pages their summary (once per process). */
export function registerLiveSummarySlot(): void {
  if (registered) return;
  registered = true;
  registerSlotRenderer('live-summary-audio', renderLiveSummaryAudio);
  registerLiveSummaryAudio(loadLiveSummaryForPage);
}
