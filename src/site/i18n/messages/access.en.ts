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
} as const;

export type AccessCatalog = Record<keyof typeof accessEn, string>;
