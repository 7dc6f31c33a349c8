import { html, type SafeHtml } from '../platform/http/html.js';
import { catalogs, type Locale, localeFor, translate } from '../site/i18n/translate.js';
import { registerSlotRenderer } from '../site/slots.js';
import { pushScript } from './push-assets.js';

// The opt-in buttons. Their markup is the same for every reader (pages stay cached): hidden
// until the script finds push supported, and asking for permission only when the reader
// presses the button, never on page load. The words for each state travel as attributes.

function labels(locale: Locale, kind: 'breaking' | 'live') {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return html` data-label-on="${t(`push.${kind}.on`)}" data-label-off="${t(`push.${kind}.off`)}" data-label-working="${t('push.working')}" data-label-denied="${t('push.denied')}" data-label-failed="${t('push.failed')}" data-label-stopped="${t('push.stopped')}"`;
}

/** A button that subscribes this browser to one topic. */
export function renderPushOptIn(input: {
  topic: string;
  kind: 'breaking' | 'live';
  language: string;
}): SafeHtml {
  const locale = localeFor(input.language);
  return html`<div class="push-optin push-optin--${input.kind}" data-push-topic="${input.topic}" data-push-language="${input.language}"${labels(locale, input.kind)} hidden><button type="button" class="push-optin__button">${translate(locale, `push.${input.kind}.button`)}</button><p class="push-optin__status" role="status"></p></div>`;
}

/**
 * The account page's section: which alerts this browser gets, and a way to turn them off (the
 * footer's script drives it and fills `{count}` in the live label itself).
 */
export function renderPushAccountSection(language: string): SafeHtml {
  const locale = localeFor(language);
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return html`<section class="push-manage" aria-labelledby="push-manage-title" data-push-manage data-label-none="${t('push.account.none')}" data-label-breaking="${t('push.account.breaking')}" data-label-live="${catalogs[locale]['push.account.live']}" data-label-stopped="${t('push.stopped')}" data-label-failed="${t('push.failed')}" hidden><h2 id="push-manage-title">${t('push.account.title')}</h2><ul class="push-manage__topics"></ul><p class="push-manage__status" role="status"></p><button type="button" class="push-manage__off" hidden>${t('push.account.unsubscribe')}</button></section>`;
}

/** The script that drives the buttons (loaded once per page, by the footer slot). */
export function renderPushScriptTag(): SafeHtml {
  return html`<script src="${pushScript().path}" defer></script>`;
}

let registered = false;

/** Fills the footer slot on every page and the follow slot on live coverage. */
export function registerPushSlots(): void {
  if (registered) return;
  registered = true;
  registerSlotRenderer(
    'push-alerts',
    (context) =>
      html`${renderPushOptIn({ topic: 'breaking', kind: 'breaking', language: context.language })}
${renderPushScriptTag()}`,
  );
  registerSlotRenderer('live-follow', (context) =>
    context.liveCoverage === true && context.articleId !== undefined
      ? renderPushOptIn({
          topic: `live:${context.articleId}`,
          kind: 'live',
          language: context.language,
        })
      : undefined,
  );
}
