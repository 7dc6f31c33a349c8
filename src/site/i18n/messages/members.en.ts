// Reader accounts (src/revenue/members/): sign-in by emailed link, the account page, emails.

export const membersEn = {
  'members.nav.account': 'Account',
  'members.signIn.title': 'Sign in',
  'members.signIn.intro':
    'Enter your email address and we will send you a link to sign in. There is no password to remember.',
  'members.signIn.newAccount':
    'New here? The same link opens a free account, where you can choose your newsletters and see your support for our journalism.',
  'members.signIn.emailLabel': 'Email address',
  'members.signIn.button': 'Email me a sign-in link',
  'members.signIn.invalidEmail': 'Please enter an email address like name@example.org.',
  'members.signIn.errorSummary': 'Please correct this:',
  'members.signIn.sentTitle': 'Check your inbox',
  'members.signIn.sent':
    'If that address can receive email, we have sent it a link to sign in. The link works once, for 15 minutes.',
  'members.signIn.sentHint':
    'Nothing arrived after a few minutes? Look in your spam folder, or ask for a new link.',
  'members.signIn.again': 'Ask for a new link',
  'members.signIn.tooMany':
    'Too many sign-in requests. Please wait {minutes, plural, one {# minute} other {# minutes}} and try again.',
  'members.signIn.wrongOrigin':
    'This form can only be sent from our own pages. Please reload the page and try again.',
  'members.confirm.title': 'Sign in to {site}',
  'members.confirm.text': 'Press the button to finish signing in on this device.',
  'members.confirm.button': 'Sign in',
  'members.confirm.invalidTitle': 'This sign-in link does not work',
  'members.confirm.invalid':
    'This link is not valid. Please use the link from your latest email, or ask for a new one.',
  'members.confirm.expiredTitle': 'This sign-in link has expired',
  'members.confirm.expired': 'Sign-in links work for 15 minutes. Please ask for a new one.',
  'members.confirm.usedTitle': 'This sign-in link was already used',
  'members.confirm.used': 'Each sign-in link works only once. Please ask for a new one.',
  'members.forbidden.title': 'This form could not be accepted',
  'members.forbidden.text':
    'For your security we only accept this form from a page of this site in your signed-in browser. Please go back, reload the page and try again.',
  'members.account.title': 'Your account',
  'members.account.signedInAs': 'Signed in as {email}',
  'members.account.membership': 'Membership',
  'members.account.statusFree': 'You have a free account.',
  'members.account.statusLapsed': 'Your membership has ended. We would love to have you back.',
  'members.account.support': 'Support our journalism',
  'members.account.planMonth': '{amount} a month',
  'members.account.planYear': '{amount} a year',
  'members.account.nextPayment': 'Next payment: {date}',
  'members.account.endsOn': 'Ends on {date}. You will not be charged again.',
  'members.account.ended': 'Ended',
  'members.account.pastDue':
    'Your last payment did not go through. Please update your card under “Manage billing”.',
  'members.account.manageBilling': 'Manage billing',
  'members.account.manageBillingHint':
    'Update your card, see invoices or change your plan on our payment provider’s secure page.',
  'members.account.cancelMembership': 'Cancel membership',
  'members.account.cancelDonation': 'Stop the monthly donation',
  'members.account.cancelled': 'Done: it is cancelled. You will not be charged again.',
  'members.account.history': 'Payments and donations',
  'members.account.noPayments': 'No payments yet.',
  'members.account.newsletters': 'Newsletters',
  'members.account.newslettersIntro': 'Choose the newsletters we send to {email}.',
  'members.account.newslettersNone': 'There are no newsletters to choose from yet.',
  'members.account.newslettersSave': 'Save newsletter choices',
  'members.account.newslettersSaved': 'Your newsletter choices were saved.',
  'members.account.signOut': 'Sign out',
  'members.kind.membership': 'Membership',
  'members.kind.recurring_donation': 'Monthly donation',
  'members.kind.donation': 'One-time donation',
  'members.subscription.active': 'Active',
  'members.subscription.trialing': 'Trial',
  'members.subscription.past_due': 'Payment overdue',
  'members.subscription.unpaid': 'Unpaid',
  'members.subscription.canceled': 'Cancelled',
  'members.subscription.incomplete': 'Waiting for payment',
  'members.subscription.incomplete_expired': 'Not started',
  'members.subscription.paused': 'Paused',
  'members.history.caption': 'Your payments, newest first',
  'members.history.date': 'Date',
  'members.history.what': 'What',
  'members.history.amount': 'Amount',
  'members.history.status': 'Status',
  'members.history.receipt': 'Receipt',
  'members.history.receiptLink': 'Receipt',
  'members.history.receiptFor': 'Receipt for the payment of {date}',
  'members.payment.succeeded': 'Paid',
  'members.payment.failed': 'Failed',
  'members.payment.refunded': 'Refunded',
  'members.payment.partially_refunded': 'Partly refunded ({amount})',
  'members.cancel.title': 'Cancel this subscription?',
  'members.cancel.text':
    'You keep everything you have paid for until {date}. After that you will not be charged again.',
  'members.cancel.textNoDate': 'You will not be charged again.',
  'members.cancel.confirm': 'Yes, cancel it',
  'members.cancel.keep': 'No, keep it',
  'members.cancel.unavailable':
    'This subscription cannot be cancelled here (it is already cancelled or managed elsewhere). Please write to us if you need help.',
  'members.billing.unavailable':
    'There is no billing account for you yet: it is created with your first payment.',
  'members.billing.failed':
    'The payment page could not be opened just now. Please try again in a moment.',
  'members.backToAccount': 'Back to your account',
  'members.signedOut.title': 'You are signed out',
  'members.signedOut.text': 'You have been signed out on this device.',
  'members.mail.subject': 'Your sign-in link for {site}',
  'members.mail.heading': 'Sign in to {site}',
  'members.mail.intro': 'Someone (we hope you) asked to sign in to {site} with this address.',
  'members.mail.validity': 'The link works once, for 15 minutes.',
  'members.mail.action': 'Sign in',
  'members.mail.copy': 'If the button does not work, copy this address into your browser:',
  'members.mail.ignore':
    'If you did not ask for this, ignore this email: nobody can sign in without the link.',
} as const satisfies Record<string, string>;

/** The members catalog's shape: every other language must have exactly these keys. */
export type MembersCatalog = { readonly [key in keyof typeof membersEn]: string };
