import { sanitizeUrl } from '../../content/document/safe-url.js';
import { html, type SafeHtml } from '../../platform/http/html.js';
import { intlLocale, type Translate } from '../../site/i18n/translate.js';
import { payingStates } from '../member.repository.js';
import { renderPushAccountSection } from '../../push/push-slots.js';
import { formatMoney } from '../money.js';
import type { Offers } from '../offers.js';
import type { MemberStatus } from '../revenue.table.js';
import type { PaymentRow, SubscriptionRow } from './account.repository.js';
import { type MemberPageBase, memberPage, pageLocale } from './member-pages.js';

// GET /account/: membership, payments and receipts, newsletters, sign out. Every form posts
// the session's CSRF token.

export interface NewsletterChoice {
  slug: string;
  name: string;
  description: string;
  active: boolean;
}

export interface AccountView {
  member: { email: string; name: string; status: MemberStatus; hasBillingAccount: boolean };
  csrf: string;
  subscriptions: SubscriptionRow[];
  payments: PaymentRow[];
  offers: Offers;
  newsletters: NewsletterChoice[];
  notice?: 'cancelled' | 'newsletters' | undefined;
}

function isPaying(status: string): boolean {
  return (payingStates as readonly string[]).includes(status);
}

function dateFormatter(base: MemberPageBase) {
  const { locale } = pageLocale(base.settings);
  const format = new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'long',
    timeZone: base.settings.timeZone,
  });
  return (iso: string) => format.format(new Date(iso));
}

/** A form whose only content is the CSRF token and one button. */
export function csrfButton(action: string, csrf: string, label: string, className = ''): SafeHtml {
  return html`<form class="account-inline${className ? ` ${className}` : ''}" method="post" action="${action}"><input type="hidden" name="csrf" value="${csrf}"><button type="submit">${label}</button></form>`;
}

function subscriptionItem(
  base: MemberPageBase,
  t: Translate,
  view: AccountView,
  sub: SubscriptionRow,
): SafeHtml {
  const { locale } = pageLocale(base.settings);
  const formatDate = dateFormatter(base);
  const tier =
    sub.kind === 'membership' ? view.offers.tiers.find((x) => x.id === sub.tier_id) : undefined;
  const amount = formatMoney(sub.amount, sub.currency, intlLocale(locale));
  const paying = isPaying(sub.status);
  const when =
    paying && sub.current_period_end
      ? sub.cancel_at_period_end
        ? t('members.account.endsOn', { date: formatDate(sub.current_period_end) })
        : t('members.account.nextPayment', { date: formatDate(sub.current_period_end) })
      : '';
  return html`<li class="account-plan">
<h3>${tier ? tier.name : t(`members.kind.${sub.kind}`)}</h3>
<p>${tier ? html`${t('members.kind.membership')} · ` : ''}${t(sub.interval === 'year' ? 'members.account.planYear' : 'members.account.planMonth', { amount })} · <span class="account-status">${sub.cancel_at_period_end && paying ? t('members.subscription.canceled') : t(`members.subscription.${sub.status}`)}</span></p>
${when ? html`<p>${when}</p>` : ''}
${sub.status === 'past_due' ? html`<p class="account-warning">${t('members.account.pastDue')}</p>` : ''}
${
  paying && !sub.cancel_at_period_end
    ? html`<p><a href="/account/cancel/${sub.id}">${t(sub.kind === 'membership' ? 'members.account.cancelMembership' : 'members.account.cancelDonation')}</a></p>`
    : ''
}
</li>`;
}

function paymentsTable(base: MemberPageBase, t: Translate, payments: PaymentRow[]): SafeHtml {
  if (payments.length === 0) return html`<p>${t('members.account.noPayments')}</p>`;
  const { locale } = pageLocale(base.settings);
  const formatDate = dateFormatter(base);
  const money = (minor: number, currency: string) =>
    formatMoney(minor, currency, intlLocale(locale));
  return html`<div class="account-table" role="region" aria-labelledby="account-history" tabindex="0"><table>
<caption class="visually-hidden">${t('members.history.caption')}</caption>
<thead><tr><th scope="col">${t('members.history.date')}</th><th scope="col">${t('members.history.what')}</th><th scope="col">${t('members.history.amount')}</th><th scope="col">${t('members.history.status')}</th><th scope="col">${t('members.history.receipt')}</th></tr></thead>
<tbody>${payments.map((p) => {
    const date = formatDate(p.paid_at);
    const receipt = p.receipt_url ? sanitizeUrl(p.receipt_url, 'link') : null;
    const status =
      p.status === 'partially_refunded'
        ? t('members.payment.partially_refunded', { amount: money(p.amount_refunded, p.currency) })
        : t(`members.payment.${p.status}`);
    return html`<tr><td>${date}</td><td>${t(`members.kind.${p.kind}`)}</td><td>${money(p.amount, p.currency)}</td><td>${status}</td><td>${
      receipt
        ? html`<a href="${receipt}" rel="noopener" aria-label="${t('members.history.receiptFor', { date })}">${t('members.history.receiptLink')}</a>`
        : ''
    }</td></tr>`;
  })}</tbody></table></div>`;
}

function newslettersForm(t: Translate, view: AccountView): SafeHtml {
  if (view.newsletters.length === 0) return html`<p>${t('members.account.newslettersNone')}</p>`;
  return html`<form class="account-form" method="post" action="/account/newsletters">
<input type="hidden" name="csrf" value="${view.csrf}">
<fieldset><legend>${t('members.account.newslettersIntro', { email: view.member.email })}</legend>
${view.newsletters.map(
  (n, i) =>
    html`<p class="account-check"><input type="checkbox" id="account-nl-${i}" name="newsletters" value="${n.slug}"${n.active ? html` checked` : ''}> <label for="account-nl-${i}">${n.name}</label>${n.description ? html`<br><small>${n.description}</small>` : ''}</p>`,
)}
</fieldset>
<button type="submit">${t('members.account.newslettersSave')}</button>
</form>`;
}

/** The account page. */
export function renderAccountPage(base: MemberPageBase, view: AccountView): string {
  const { t } = pageLocale(base.settings);
  const title = t('members.account.title');
  const who = view.member.name ? `${view.member.name} (${view.member.email})` : view.member.email;
  const shown = view.subscriptions.filter((s) => s.status !== 'incomplete_expired');
  const notice =
    view.notice === 'cancelled'
      ? t('members.account.cancelled')
      : view.notice === 'newsletters'
        ? t('members.account.newslettersSaved')
        : undefined;
  return memberPage(
    base,
    '/account/',
    title,
    html`<h1 class="section-title">${title}</h1>
<p>${t('members.account.signedInAs', { email: who })}</p>
${notice ? html`<p class="account-notice" role="status">${notice}</p>` : ''}
<section aria-labelledby="account-membership"><h2 id="account-membership">${t('members.account.membership')}</h2>
${
  view.member.status === 'paying'
    ? ''
    : html`<p>${t(view.member.status === 'lapsed' ? 'members.account.statusLapsed' : 'members.account.statusFree')} <a href="/support/">${t('members.account.support')}</a></p>`
}
${shown.length > 0 ? html`<ul class="account-plans">${shown.map((s) => subscriptionItem(base, t, view, s))}</ul>` : ''}
${
  view.member.hasBillingAccount
    ? html`<p class="account-note">${t('members.account.manageBillingHint')}</p>${csrfButton('/account/billing', view.csrf, t('members.account.manageBilling'))}`
    : ''
}
</section>
<section aria-labelledby="account-history"><h2 id="account-history">${t('members.account.history')}</h2>
${paymentsTable(base, t, view.payments)}
</section>
<section aria-labelledby="account-newsletters"><h2 id="account-newsletters">${t('members.account.newsletters')}</h2>
${newslettersForm(t, view)}
</section>
${renderPushAccountSection(base.settings.language)}
${csrfButton('/account/sign-out', view.csrf, t('members.account.signOut'), 'account-sign-out')}`,
  );
}

/** The confirm step before cancelling a subscription. */
export function renderCancelPage(
  base: MemberPageBase,
  input: { subscription: SubscriptionRow; csrf: string },
): string {
  const { t } = pageLocale(base.settings);
  const title = t('members.cancel.title');
  const end = input.subscription.current_period_end;
  return memberPage(
    base,
    '/account/',
    title,
    html`<h1 class="section-title">${title}</h1>
<p>${end ? t('members.cancel.text', { date: dateFormatter(base)(end) }) : t('members.cancel.textNoDate')}</p>
<div class="account-actions">${csrfButton(`/account/cancel/${input.subscription.id}`, input.csrf, t('members.cancel.confirm'))}
<a href="/account/">${t('members.cancel.keep')}</a></div>`,
  );
}
