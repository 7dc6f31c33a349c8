import { html, type SafeHtml, unsafeRaw } from '../../platform/http/html.js';

// Simple drawings of the card brands we accept (not the brands' artwork): inline SVG, so no
// request and no third-party host, each an image with the brand's name as its accessible name.

const visa = unsafeRaw(
  '<svg class="card-mark" role="img" aria-label="Visa" viewBox="0 0 38 24" width="38" height="24"><rect width="38" height="24" rx="3" fill="#1a1f71"/><text x="19" y="16.5" text-anchor="middle" font-family="Arial,sans-serif" font-size="10" font-style="italic" font-weight="700" fill="#fff">VISA</text></svg>',
);
const mastercard = unsafeRaw(
  '<svg class="card-mark" role="img" aria-label="Mastercard" viewBox="0 0 38 24" width="38" height="24"><rect width="38" height="24" rx="3" fill="#252525"/><circle cx="15" cy="12" r="7" fill="#eb001b"/><circle cx="23" cy="12" r="7" fill="#f79e1b" fill-opacity=".9"/></svg>',
);
const americanExpress = unsafeRaw(
  '<svg class="card-mark" role="img" aria-label="American Express" viewBox="0 0 38 24" width="38" height="24"><rect width="38" height="24" rx="3" fill="#1f72cd"/><text x="19" y="15.5" text-anchor="middle" font-family="Arial,sans-serif" font-size="8" font-weight="700" fill="#fff">AMEX</text></svg>',
);

/** The three card marks after a visually hidden "Cards we accept:". */
export function renderCardMarks(label: string): SafeHtml {
  return html`<p class="card-marks"><span class="visually-hidden">${label}:</span> ${visa}${mastercard}${americanExpress}</p>`;
}
