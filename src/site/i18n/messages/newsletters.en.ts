// Newsletter wording readers see: signup forms, the /newsletters/ pages reached from emails
// (confirm, preferences, unsubscribe), the confirmation and welcome emails and the issue's
// greeting and footer. The consent text is stored with each signup exactly as shown.

export const newslettersEn = {
  'newsletters.title': 'Newsletters',
  'newsletters.none': 'There are no newsletters to subscribe to yet.',
  'newsletters.backHome': 'Back to the front page',
  'newsletters.form.title': 'Subscribe',
  'newsletters.form.articleTitle': 'Get our newsletter',
  'newsletters.form.lead': 'News from the newsroom, in your inbox.',
  'newsletters.form.legend': 'Fields marked with an asterisk (*) are required.',
  'newsletters.form.choose': 'Choose newsletters',
  'newsletters.form.email': 'Email address',
  'newsletters.form.name': 'Your name (optional)',
  'newsletters.form.trap': 'Leave this field empty',
  'newsletters.form.submit': 'Subscribe',
  'newsletters.form.consent':
    'By subscribing you agree to receive the selected newsletters by email. We send a confirmation email first; every email has a one-click unsubscribe link. We never share your address.',
  'newsletters.form.sending': 'Sending…',
  'newsletters.form.thanks': 'Thank you.',
  'newsletters.form.failed': 'Something went wrong. Please try again.',
  'newsletters.form.offline': 'The network failed. Please try again.',
  'newsletters.signup.accepted':
    "Thank you. We've sent you a confirmation email: open it and confirm to start receiving the newsletter.",
  'newsletters.signup.checkInbox': 'Check your inbox',
  'newsletters.signup.notSubscribed': 'Not subscribed',
  'newsletters.signup.foreignForm': 'This form can only be sent from our own pages.',
  'newsletters.signup.tooMany':
    'Too many signups from your network. Please try again in a few minutes.',
  'newsletters.signup.chooseOne': 'Please choose at least one newsletter.',
  'newsletters.signup.checkForm': 'Please check the form.',
  'newsletters.email.empty': 'Please enter your email address.',
  'newsletters.email.tooLong': 'This email address is too long.',
  'newsletters.email.whitespace': 'An email address cannot contain spaces or line breaks.',
  'newsletters.email.shape': 'Please enter an email address like name@example.org.',
  'newsletters.email.localTooLong': 'The part before the @ is too long (64 characters at most).',
  'newsletters.email.localDots':
    'The part before the @ cannot start or end with a dot or have two dots in a row.',
  'newsletters.email.localCharacter':
    'The part before the @ contains a character that is not allowed.',
  'newsletters.email.ipDomain': 'Please use a domain name after the @, not an IP address.',
  'newsletters.email.domainInvalid': 'The domain after the @ is not a valid domain name.',
  'newsletters.email.domainTooLong': 'The domain after the @ is too long.',
  'newsletters.email.domainDot': 'The domain after the @ needs a dot, like example.org.',
  'newsletters.link.invalidTitle': 'Link not valid',
  'newsletters.link.invalid': 'This link is not valid. Please use the link from your latest email.',
  'newsletters.link.expiredTitle': 'Link expired',
  'newsletters.link.expired':
    'This confirmation link has expired. Please sign up again to get a new one.',
  'newsletters.link.usedTitle': 'Already confirmed',
  'newsletters.link.used': 'This link was already used: your subscription is confirmed.',
  'newsletters.tooManyRequests': 'Too many requests. Please try again in a few minutes.',
  'newsletters.confirm.title': 'Confirm your subscription',
  'newsletters.confirm.text':
    'Press the button to confirm that you want to receive our newsletter at this address.',
  'newsletters.confirm.button': 'Confirm subscription',
  'newsletters.confirm.doneTitle': 'Subscription confirmed',
  'newsletters.confirm.done':
    'Thank you — you are subscribed. Your first newsletter is on its way with the next issue.',
  'newsletters.preferences.title': 'Your newsletters',
  'newsletters.preferences.for': 'Subscriptions for {email}.',
  'newsletters.preferences.saved': 'Your choices were saved.',
  'newsletters.preferences.legend': 'Send me',
  'newsletters.preferences.save': 'Save my choices',
  'newsletters.preferences.unsubscribeAll': 'Unsubscribe from all',
  'newsletters.unsubscribe.title': 'Unsubscribe',
  'newsletters.unsubscribe.text': 'Press the button to stop receiving this newsletter.',
  'newsletters.unsubscribe.button': 'Unsubscribe',
  'newsletters.unsubscribe.instead': 'Choose which newsletters you receive instead',
  'newsletters.unsubscribe.doneTitle': 'Unsubscribed',
  'newsletters.unsubscribe.done':
    'You are unsubscribed. We will not send you this newsletter again.',
  'newsletters.unsubscribe.allDone':
    'You are unsubscribed from all our newsletters. We will not email you again.',
  'newsletters.mail.hello': 'Hello,',
  'newsletters.mail.helloName': 'Hello {name},',
  'newsletters.mail.ourNewsletters': 'our newsletters',
  'newsletters.mail.confirmSubject': 'Confirm your subscription to {names}',
  'newsletters.mail.confirmAsked':
    'Someone (we hope you) asked to receive {names} from {site} at this address.',
  'newsletters.mail.confirmHow': 'To confirm, open this link and press "Confirm subscription":',
  'newsletters.mail.confirmIgnore':
    'The link works for 7 days. If you did not ask for this, ignore this email: you will not be subscribed.',
  'newsletters.mail.manage': 'Manage your subscriptions: {url}',
  'newsletters.issue.readStory': 'Read the story',
  'newsletters.issue.why': 'You receive {newsletter} because you subscribed to it.',
  'newsletters.issue.manage': 'Manage your newsletters',
  'newsletters.issue.unsubscribe': 'Unsubscribe',
} as const;
