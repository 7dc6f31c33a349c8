import { createHash } from 'node:crypto';
import { html, type SafeHtml } from '../../platform/http/html.js';
import type { PromptSettings } from './prompt-settings.js';
import { readSiteAsset } from '../../site/asset-files.js';

// The early check (src/site/assets/support-gate.js): a few hundred bytes of blocking script,
// placed before the first prompt (below the masthead), so it runs before the prompts paint.
// It sets classes on <html> that site.css uses to hide prompts — a paying member never sees
// a prompt flash, while readers without JavaScript (no class set) see them all. The site has
// no inline scripts, so the gate is an external file under a hashed path (cached for a year:
// only the first page view waits for it) and reads the caps from its own data-caps attribute.
//
// - `support-off`: the cookie masthead_member=paying, or this visit landed from one of our
//   emails (utm_medium=email, remembered in sessionStorage for the visit);
// - `support-banner-off`: the banner was dismissed less than `dismissDays` ago;
// - `support-<placement>-off`: the reader saw that placement `maxViewsPerWeek` times already.
// support-prompts.js (deferred) counts the views and records dismissals with the same names.

let cached: { path: string; body: Buffer; etag: string } | undefined;

/** The gate script's body, hashed path and ETag. */
export function gateScript(): { path: string; body: Buffer; etag: string } {
  if (!cached) {
    const body = readSiteAsset('support-gate.js');
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    cached = { path: `/support/gate.${hash}.js`, body, etag: `"${hash}"` };
  }
  return cached;
}

/** The gate's caps: numbers only. */
export function gateCaps(settings: PromptSettings): string {
  return JSON.stringify({
    d: settings.banner.dismissDays,
    v: {
      inline: settings.inline.maxViewsPerWeek,
      afterBody: settings.afterBody.maxViewsPerWeek,
      banner: settings.banner.maxViewsPerWeek,
    },
  });
}

/** The blocking gate and the deferred prompt script, for the top of <body>. */
export function renderGate(settings: PromptSettings, scriptPath: string): SafeHtml {
  return html`<script src="${gateScript().path}" data-caps="${gateCaps(settings)}"></script>
<script src="${scriptPath}" defer></script>`;
}
