import { html, type SafeHtml, unsafeRaw } from '../../platform/http/html.js';
import type { PromptSettings } from './prompt-settings.js';

// The early check: a few hundred bytes of inline script, placed before the first prompt, that
// runs before the browser paints them. It sets classes on <html> that site.css uses to hide
// prompts — so a paying member never sees a prompt flash, while readers without JavaScript
// (no class set) see them all. It runs before support-prompts.js (deferred), which counts
// views and handles dismissals with the same storage names.
//
// - `support-off`: the cookie masthead_member=paying, or this visit landed from one of our
//   emails (utm_medium=email, remembered in sessionStorage for the visit);
// - `support-banner-off`: the banner was dismissed less than `dismissDays` ago;
// - `support-<placement>-off`: the reader saw that placement `maxViewsPerWeek` times already.

/** Names shared with src/site/assets/support-prompts.js. */
export const storageNames = {
  local: 'masthead_support',
  fromEmail: 'masthead_support_from_email',
} as const;

/** The gate's caps: only numbers, so the script text is safe to inline. */
function caps(settings: PromptSettings) {
  return {
    d: settings.banner.dismissDays,
    v: {
      inline: settings.inline.maxViewsPerWeek,
      afterBody: settings.afterBody.maxViewsPerWeek,
      banner: settings.banner.maxViewsPerWeek,
    },
  };
}

/** The gate script's source (tests run it in a fake document). */
export function gateSource(settings: PromptSettings): string {
  const k = JSON.stringify(caps(settings));
  return `(function(d){var c=d.documentElement.classList;if(/(?:^|;\\s*)masthead_member=paying(?:;|$)/.test(d.cookie))c.add('support-off');try{var ss=sessionStorage;if(/[?&]utm_medium=email(?:&|$)/i.test(location.search))ss.setItem('${storageNames.fromEmail}','1');if(ss.getItem('${storageNames.fromEmail}'))c.add('support-off');var s=JSON.parse(localStorage.getItem('${storageNames.local}')||'{}'),n=Date.now(),k=${k},p,v;if(s.dismissed&&n-s.dismissed<k.d*864e5)c.add('support-banner-off');for(p in k.v){v=(s.views&&s.views[p])||[];if(k.v[p]>0&&v.filter(function(t){return n-t<6048e5}).length>=k.v[p])c.add('support-'+p+'-off')}}catch(e){}})(document);`;
}

/** The inline gate and the deferred prompt script, for the top of <body>. */
export function renderGate(settings: PromptSettings, scriptPath: string): SafeHtml {
  return html`<script>${unsafeRaw(gateSource(settings))}</script>
<script src="${scriptPath}" defer></script>`;
}
