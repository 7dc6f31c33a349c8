// Reader-revenue wording: the support prompts (inside and after articles, the banner) and the
// /support/ page. Editors may override the prompt texts in the admin ("Support & offers").

export const supportEn = {
  'support.member': 'Become a member',
  'support.donate': 'Support us just once',
  'support.inline.heading': 'Support independent journalism',
  'support.inline.text': 'Join us in this fight.',
  'support.afterBody.heading': 'Freedom can be costly',
  'support.afterBody.text':
    'Independent reporting is paid for by its readers. Support us for as little as {minimum}, and it only takes a minute.',
  'support.banner.label': 'Support our newsroom',
  'support.banner.text': 'Our journalism is free to read because readers like you pay for it.',
  'support.banner.dismiss': 'Dismiss',
  'support.registrationWall.heading': 'Keep reading: register for free',
  'support.registrationWall.text':
    'Register with your email address to keep reading. It is free and takes less than a minute.',
  'support.registrationWall.register': 'Register for free',
  'support.registrationWall.signIn': 'Already registered? Sign in',
  'support.donationWall.heading': 'Before you read on',
  'support.donationWall.text':
    'Our reporting is free to read because readers pay for it. If it matters to you, support it with as little as {minimum}.',
  'support.donationWall.donate': 'Donate now',
  'support.donationWall.continue': 'Continue reading',
  'support.cards': 'Cards we accept',
  'support.amount': 'Amount',
  'support.otherAmount': 'Other amount ({currency})',
  'support.amountRange': 'From {minimum} to {maximum}.',
  'support.give': 'Give once',
  'support.page.title': 'Support our journalism',
  'support.page.intro':
    'Independent reporting costs money. It is paid for by readers like you — choose what suits you.',
  'support.page.canceled': 'No payment was taken. You can try again whenever you like.',
  'support.membership.title': 'Become a member',
  'support.membership.intro': 'Membership renews automatically. You can cancel at any time.',
  'support.membership.billing': 'Pay',
  'support.membership.monthly': 'Monthly',
  'support.membership.yearly': 'Yearly',
  'support.membership.perMonth': '{amount} a month',
  'support.membership.perYear': '{amount} a year',
  'support.membership.join': 'Join as {tier}',
  'support.donation.title': 'Support us just once',
  'support.donation.intro': 'A one-time gift of any amount from {minimum}.',
  'support.donation.submit': 'Donate',
  'support.recurring.title': 'Give every month',
  'support.recurring.intro': 'A monthly donation you can stop at any time.',
  'support.recurring.submit': 'Give monthly',
  'support.coverFee':
    'Add the card processing fee ({percent}% + {fixed}) so all of my gift reaches the newsroom',
  'support.coverFeeAmount': 'Adds {fee}: {total} in total.',
  'support.email': 'Email (optional)',
  'support.emailHint': 'For your receipt. You can also give it on the payment page.',
  'support.secure':
    'Payments are handled by our payment provider: your card details never reach our servers.',
  'support.error': 'Something went wrong. Please try again.',
  'support.sending': 'Opening the payment page…',
} as const satisfies Record<string, string>;
