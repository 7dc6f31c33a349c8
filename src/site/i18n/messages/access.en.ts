// Access levels (ADR 0026): the wall that ends a gated article's preview.

export const accessEn = {
  'access.wall.members.title': 'Keep reading with a free account',
  'access.wall.members.text': 'This story is for registered readers. Signing up is free.',
  'access.wall.paid.title': 'This story is for paying members',
  'access.wall.paid.text': 'Members fund this reporting and read every story in full.',
  'access.wall.tiers.title': 'This story is for {tiers} members',
  'access.wall.tiers.text': 'Join at this level to read the whole story.',
  'access.wall.join': 'Become a member',
  'access.wall.signIn': 'Already a member? Sign in',
  'access.wall.label': 'Members-only content',
  'access.meter.left': 'This is one of your free stories: {n} more left for now.',
  'access.meter.last': 'This was your last free story for now.',
  'access.meter.spent': 'You have read your {total} free stories for now.',
  'access.gift.offer': 'Give this story to someone',
  'access.gift.title': 'Give this story',
  'access.gift.explain':
    'Anyone with the link can read “{title}” in full for {days} days, {opens} times in all.',
  'access.gift.create': 'Create a gift link',
  'access.gift.ready.title': 'Your gift link',
  'access.gift.ready.text':
    'Send this link to whoever you like. It opens “{title}” in full until {until}, {opens} times in all.',
  'access.gift.ready.label': 'Gift link',
  'access.gift.back': 'Back to the story',
  'access.gift.home': 'Go to the front page',
  'access.gift.missing.title': 'Story not found',
  'access.gift.missing.text': 'This story does not exist or is not published.',
  'access.gift.free.title': 'This story is free to read',
  'access.gift.free.text': 'Everyone can read it already: share its address, {url}.',
  'access.gift.notYours.title': 'Only members who can read this story can give it',
  'access.gift.notYours.text': 'Your membership does not include this story.',
  'access.gift.limit.title': 'Too many gift links today',
  'access.gift.limit.text': 'You can create {n} gift links a day. Try again tomorrow.',
  'access.gift.spent.expired': 'This gift link has expired. The beginning of the story is below.',
  'access.gift.spent.usedUp':
    'This gift link has been opened as many times as it allows. The beginning of the story is below.',
  'access.gift.spent.invalid': 'This gift link is not valid. The beginning of the story is below.',
} as const;

export type AccessCatalog = Record<keyof typeof accessEn, string>;
