import { html, type SafeHtml } from '../../platform/http/html.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import { intlLocale, localeFor, type Translate, translator } from '../../site/i18n/translate.js';
import { renderLayout } from '../../site/layout.js';
import { formatMoney } from '../money.js';
import type { CardErrors, CardField, CardValues } from './card.js';
import type {
  SandboxCharge,
  SandboxCheckoutSession,
  SandboxInvoice,
  SandboxSubscription,
} from './sandbox-objects.js';

// The sandbox's hosted pages (checkout, receipt, invoice, billing portal), in the site's
// layout and plainly marked TEST MODE in the title and a banner. Plain forms: no JavaScript.

export interface SandboxPageBase {
  settings: SiteSettings;
  baseUrl: string;
}

const styles = html`<style>
.sandbox-banner{background:#fff3c4;border:2px dashed #8a6d00;color:#3d3000;padding:.75rem 1rem;margin:0 0 1.5rem}
.sandbox{max-width:32rem}
.sandbox label{display:block;font-weight:600;margin-top:1rem}
.sandbox input{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px}
.sandbox input[aria-invalid=true]{border:2px solid #b00020}
.sandbox .field-error{color:#b00020;margin:.25rem 0 0;font-weight:600}
.sandbox .row{display:flex;gap:1rem}.sandbox .row>div{flex:1}
.sandbox button{margin-top:1.25rem;font:inherit;font-weight:700;padding:.6rem 1.2rem;border:0;border-radius:4px;background:var(--accent,#0b57d0);color:#fff;cursor:pointer}
.sandbox button.secondary{background:#eee;color:#111;border:1px solid #555}
.sandbox .summary{border:1px solid #ccc;padding:1rem;margin:0 0 1rem}
.sandbox .error-summary{border:2px solid #b00020;padding:.75rem 1rem;margin:0 0 1rem}
.sandbox dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}.sandbox dd{margin:0}
.sandbox .subscription{border-top:1px solid #ccc;padding:1rem 0}
.sandbox form.inline{display:inline-block;margin-right:.5rem}
</style>`;

function money(t: Translate, minor: number, currency: string, locale: string): string {
  void t;
  return formatMoney(minor, currency.toUpperCase(), locale);
}

/** A TEST MODE page in the site layout. */
export function sandboxPage(base: SandboxPageBase, title: string, body: SafeHtml): string {
  const locale = localeFor(base.settings.language);
  const t = translator(locale);
  return renderLayout({
    settings: base.settings,
    baseUrl: base.baseUrl,
    title: `${t('revenue.testMode')} — ${title}`,
    description: title,
    canonicalPath: '/support/',
    lang: base.settings.language,
    noindex: true,
    head: styles,
    body: html`<div class="sandbox">
<p class="sandbox-banner" role="note"><strong>${t('revenue.testMode')}</strong> — ${t('revenue.testModeNote')}</p>
<h1 class="section-title">${title}</h1>
${body}
</div>`,
  });
}

function field(
  t: Translate,
  name: CardField,
  label: string,
  values: Partial<CardValues>,
  errors: CardErrors,
  attributes: SafeHtml,
): SafeHtml {
  const error = errors[name];
  const id = `card-${name}`;
  return html`<label for="${id}">${label}</label>
<input id="${id}" name="${name}" value="${values[name] ?? ''}" ${attributes}${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
${error ? html`<p class="field-error" id="${id}-error">${t(error)}</p>` : ''}`;
}

/** The card fields (email optional) and the submit button. */
export function cardForm(
  base: SandboxPageBase,
  input: {
    action: string;
    submit: string;
    values: Partial<CardValues>;
    errors: CardErrors;
    withEmail: boolean;
  },
): SafeHtml {
  const t = translator(localeFor(base.settings.language));
  const { values, errors } = input;
  const messages = Object.values(errors);
  return html`${
    messages.length > 0
      ? html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary"><h2>${t('revenue.card.errorSummary')}</h2><ul>${(Object.entries(errors) as Array<[CardField, NonNullable<CardErrors[CardField]>]>).map(([name, key]) => html`<li><a href="#card-${name}">${t(key)}</a></li>`)}</ul>${errors.number === 'revenue.card.declined' ? html`<p>${t('revenue.card.notCharged')}</p>` : ''}</div>`
      : ''
  }<form method="post" action="${input.action}" novalidate>
${input.withEmail ? field(t, 'email', t('revenue.card.email'), values, errors, html`type="email" autocomplete="email" required`) : ''}
${field(t, 'name', t('revenue.card.name'), values, errors, html`type="text" autocomplete="cc-name" required`)}
${field(t, 'number', t('revenue.card.number'), values, errors, html`type="text" inputmode="numeric" autocomplete="cc-number" required`)}
<div class="row"><div>${field(t, 'expiry', t('revenue.card.expiry'), values, errors, html`type="text" inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" required`)}</div>
<div>${field(t, 'cvc', t('revenue.card.cvc'), values, errors, html`type="text" inputmode="numeric" autocomplete="cc-csc" required`)}</div></div>
<button type="submit">${input.submit}</button>
</form>`;
}

/** The hosted checkout page. */
export function renderSandboxCheckout(
  base: SandboxPageBase,
  session: SandboxCheckoutSession,
  form: { values: Partial<CardValues>; errors: CardErrors },
): string {
  const t = translator(localeFor(base.settings.language));
  const locale = intlLocale(localeFor(base.settings.language));
  const amount = money(t, session.amount_total, session.currency, locale);
  const priced =
    session.mode === 'payment'
      ? amount
      : session.interval === 'year'
        ? t('revenue.sandbox.perYear', { amount })
        : t('revenue.sandbox.perMonth', { amount });
  const body =
    session.status !== 'open'
      ? html`<p>${t('revenue.sandbox.closed')}</p><p><a href="/">${t('revenue.thanks.home')}</a></p>`
      : html`<div class="summary"><p>${t('revenue.sandbox.paying', { site: base.settings.name })}</p>
<p><strong>${session.description}</strong></p><p class="amount"><strong>${priced}</strong></p></div>
${cardForm(base, {
  action: `/support/sandbox/checkout/${session.id}`,
  submit:
    session.mode === 'payment'
      ? t('revenue.sandbox.pay', { amount })
      : `${t('revenue.sandbox.subscribe')} — ${priced}`,
  values: form.values,
  errors: form.errors,
  withEmail: true,
})}
<p><a href="${session.cancel_url}">${t('revenue.sandbox.cancel')}</a></p>`;
  return sandboxPage(base, t('revenue.sandbox.checkoutTitle'), body);
}

/** A charge's receipt. */
export function renderSandboxReceipt(base: SandboxPageBase, charge: SandboxCharge): string {
  const t = translator(localeFor(base.settings.language));
  const locale = intlLocale(localeFor(base.settings.language));
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeZone: base.settings.timeZone,
  }).format(new Date(charge.created * 1000));
  return sandboxPage(
    base,
    t('revenue.sandbox.receiptFor', { site: base.settings.name }),
    html`<div class="summary"><p><strong>${charge.description}</strong></p><dl>
<dt>${t('revenue.sandbox.amountPaid')}</dt><dd>${money(t, charge.amount, charge.currency, locale)}</dd>
${charge.amount_refunded > 0 ? html`<dt>${t('revenue.sandbox.refunded')}</dt><dd>${money(t, charge.amount_refunded, charge.currency, locale)}</dd>` : ''}
<dt>${t('revenue.sandbox.datePaid')}</dt><dd>${date}</dd>
<dt>${t('revenue.sandbox.paymentMethod')}</dt><dd>${t('revenue.sandbox.cardEnding', { last4: charge.last4 })}</dd>
</dl><p><small>${charge.id}</small></p></div>`,
  );
}

/** An invoice: its status, and a card form while it is open. */
export function renderSandboxInvoice(
  base: SandboxPageBase,
  invoice: SandboxInvoice,
  form: { values: Partial<CardValues>; errors: CardErrors },
): string {
  const t = translator(localeFor(base.settings.language));
  const locale = intlLocale(localeFor(base.settings.language));
  const due = money(t, invoice.amount_due, invoice.currency, locale);
  const body =
    invoice.status === 'paid'
      ? html`<p>${t('revenue.sandbox.invoicePaid')}</p>`
      : invoice.status === 'open'
        ? html`<p>${t('revenue.sandbox.invoiceDue', { amount: due })}</p>${cardForm(base, {
            action: `/support/sandbox/invoice/${invoice.id}`,
            submit: t('revenue.sandbox.pay', { amount: due }),
            values: form.values,
            errors: form.errors,
            withEmail: false,
          })}`
        : html`<p>${t('revenue.sandbox.invoiceVoid')}</p>`;
  return sandboxPage(
    base,
    t('revenue.sandbox.invoiceTitle'),
    html`<div class="summary"><p><strong>${invoice.description}</strong></p><p><small>${invoice.id}</small></p></div>${body}`,
  );
}

/** The billing portal: the customer's subscriptions, cancel and test-mode simulations. */
export function renderSandboxPortal(
  base: SandboxPageBase,
  input: {
    portalId: string;
    email: string;
    returnUrl: string;
    subscriptions: SandboxSubscription[];
    done: boolean;
  },
): string {
  const t = translator(localeFor(base.settings.language));
  const locale = intlLocale(localeFor(base.settings.language));
  const date = (seconds: number | null) =>
    seconds === null
      ? ''
      : new Intl.DateTimeFormat(locale, {
          dateStyle: 'long',
          timeZone: base.settings.timeZone,
        }).format(new Date(seconds * 1000));
  const action = `/support/sandbox/portal/${input.portalId}`;
  const button = (subscription: string, name: string, label: string, secondary = true) =>
    html`<form class="inline" method="post" action="${action}"><input type="hidden" name="subscription" value="${subscription}"><button type="submit" name="action" value="${name}"${secondary ? html` class="secondary"` : ''}>${label}</button></form>`;
  const items = input.subscriptions.map((s) => {
    const price = s.items.data[0]?.price;
    const amount = price ? money(t, price.unit_amount, price.currency, locale) : '';
    const statusKey =
      s.status === 'active' || s.status === 'past_due' || s.status === 'canceled'
        ? (`revenue.sandbox.status.${s.status}` as const)
        : 'revenue.sandbox.status.other';
    const when =
      s.status === 'canceled'
        ? t('revenue.sandbox.endedOn', { date: date(s.ended_at) })
        : s.cancel_at_period_end
          ? t('revenue.sandbox.endsOn', { date: date(s.current_period_end) })
          : t('revenue.sandbox.renewsOn', { date: date(s.current_period_end) });
    return html`<div class="subscription"><h2>${s.description}</h2>
<p>${price?.recurring.interval === 'year' ? t('revenue.sandbox.perYear', { amount }) : t('revenue.sandbox.perMonth', { amount })} · <strong>${t(statusKey)}</strong> · ${when}</p>
${
  s.status === 'canceled'
    ? ''
    : html`${s.cancel_at_period_end ? '' : button(s.id, 'cancel', t('revenue.sandbox.cancelButton'), false)}
${s.status === 'past_due' && s.latest_invoice ? html`<p><a href="/support/sandbox/invoice/${s.latest_invoice}">${t('revenue.sandbox.payInvoice')}</a></p>` : ''}
<h3>${t('revenue.sandbox.simulations')}</h3>
${button(s.id, 'renew', t('revenue.sandbox.renew'))}${button(s.id, 'fail', t('revenue.sandbox.failRenewal'))}${button(s.id, 'end', t('revenue.sandbox.endNow'))}`
}</div>`;
  });
  return sandboxPage(
    base,
    t('revenue.sandbox.portalTitle'),
    html`${input.done ? html`<p role="status">${t('revenue.sandbox.done', { site: base.settings.name })}</p>` : ''}
<p>${t('revenue.sandbox.portalFor', { email: input.email })}</p>
${items.length > 0 ? items : html`<p>${t('revenue.sandbox.portalNone')}</p>`}
<p><a href="${input.returnUrl}">${t('revenue.sandbox.return', { site: base.settings.name })}</a></p>`,
  );
}

/** A short TEST MODE message page (not found, expired). */
export function renderSandboxMessage(base: SandboxPageBase, message: string): string {
  const t = translator(localeFor(base.settings.language));
  return sandboxPage(
    base,
    t('revenue.sandbox.checkoutTitle'),
    html`<p>${message}</p><p><a href="/">${t('revenue.thanks.home')}</a></p>`,
  );
}
