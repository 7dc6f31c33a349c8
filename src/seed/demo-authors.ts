// The fictional staff of the demo newsroom, The Kyiv Ledger. All names are invented.

export interface DemoAuthor {
  name: string;
  kind: 'person' | 'desk';
  bio: string;
}

export const deskName = 'The Kyiv Ledger news desk';

export const demoAuthors: DemoAuthor[] = [
  {
    name: deskName,
    kind: 'desk',
    bio: 'The news desk files the short, fast updates: verified facts first, context as soon as we have it.',
  },
  {
    name: 'Oksana Hrytsenko',
    kind: 'person',
    bio: 'Oksana covers energy and infrastructure, from substations to city heating plants.',
  },
  {
    name: 'Taras Melnyk',
    kind: 'person',
    bio: 'Taras reports on politics and the parliament. Before the Ledger he was a court reporter in Lviv.',
  },
  {
    name: 'Iryna Bondar',
    kind: 'person',
    bio: 'Iryna is our investigations editor. She follows public money and the people who spend it.',
  },
  {
    name: 'Dmytro Savchuk',
    kind: 'person',
    bio: 'Dmytro writes about the economy, small businesses and the cost of living.',
  },
  {
    name: 'Marta Kovalenko',
    kind: 'person',
    bio: 'Marta covers culture: theatre, books, music, and the people keeping them alive.',
  },
];

export const demoTags: Array<{ name: string; description: string }> = [
  {
    name: 'Ukraine news',
    description: 'The day’s news from across the country, verified by our desk.',
  },
  {
    name: 'War',
    description: 'The front line, the home front, and the people caught between them.',
  },
  {
    name: 'Politics',
    description: 'Parliament, government and the decisions that shape the country.',
  },
  {
    name: 'Economy',
    description: 'Prices, wages, businesses and the money that keeps the country running.',
  },
  {
    name: 'Energy',
    description: 'Power plants, grids, heating and the engineers who keep the lights on.',
  },
  { name: 'Culture', description: 'Books, theatre, music and art made under pressure.' },
  { name: 'Investigations', description: 'Long-form reporting on public money and public power.' },
  { name: 'Opinion', description: 'Argument and analysis from our writers and guests.' },
];

export const editorsPicks = [
  'who-keeps-the-lights-on-a-night-with-kharkivs-grid-engineers',
  'the-missing-millions-how-a-school-repair-fund-emptied',
  'theatre-in-the-basement-kyivs-stages-go-underground',
  'a-bakery-that-never-closed',
  'why-small-towns-need-their-own-newsrooms',
];
