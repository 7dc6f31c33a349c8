import type { AccessRule } from '../content/access/access-level.js';
import { type MeterSettings, wallIsMetered } from '../content/access/meter-cookie.js';
import { siteAssets } from './assets.js';
import { html, type SafeHtml } from '../platform/http/html.js';
import type { Locale } from './i18n/translate.js';
import { translator } from './i18n/translate.js';

// The wall that ends a gated article's preview (ADR 0026), in the support prompts' box and
// buttons (their CSS: the site stylesheet has no room for a look of its own). It is the same for every reader of
// the preview variant (no name, no count), so the anonymous page stays cacheable; soft walls
// from the support-prompt system replace its text later in the browser.

/** The wall for a reader without access: what the story is for, join and sign-in links. */
export function renderAccessWall(
  rule: AccessRule,
  slug: string,
  locale: Locale,
  meter?: MeterSettings,
  articleId?: number,
): SafeHtml {
  const t = translator(locale);
  const level = rule.level === 'public' ? 'members' : rule.level;
  const title =
    level === 'tiers'
      ? t('access.wall.tiers.title', { tiers: rule.tiers.join(', ') })
      : t(`access.wall.${level}.title`);
  const next = encodeURIComponent(`/${slug}/`);
  // A membership bought from the wall is attributed to it and to the story (revenue's
  // checkout keeps prompt, article and page; the dashboards rank them).
  const from = articleId === undefined ? '' : `&article_id=${articleId}&page=${next}`;
  // A free account made from a members-only story's wall is attributed the same way
  // (member_signups; revenue/members/member-signup.repository.ts).
  const register =
    articleId === undefined
      ? `/account/sign-in?next=${next}`
      : `/account/sign-in?next=${next}&prompt=wall&article_id=${articleId}`;
  const join =
    level === 'members'
      ? register
      : `/support/?prompt=wall${from}${level === 'tiers' && rule.tiers[0] ? `&tier=${encodeURIComponent(rule.tiers[0])}` : ''}`;
  // Metered: a script asks the server whether this reader has a free story left, and if so
  // puts the rest of the story in place of the wall (site/access-meter.routes.ts).
  const metered = meter !== undefined && wallIsMetered(rule, meter);
  const script = metered ? html`<script src="${siteAssets().meter.path}" defer></script>` : html``;
  return html`${script}<section class="access-wall support-prompt" id="access-wall" aria-labelledby="access-wall-title" data-access-level="${level}"${metered ? html` data-meter="1"` : html``}>
<h2 class="support-prompt__title" id="access-wall-title">${title}</h2>
<p>${t(`access.wall.${level}.text`)}</p>
<p class="access-wall__actions support-prompt__actions"><a class="support-button support-button--primary" href="${join}">${t('access.wall.join')}</a> <a class="support-button" href="/account/sign-in?next=${next}">${t('access.wall.signIn')}</a></p>
</section>`;
}
