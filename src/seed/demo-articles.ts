import { deskName } from './demo-authors.js';
import { demoAnalysis } from './demo-analysis.js';
import { demoBriefs } from './demo-briefs.js';
import type { DemoArticle } from './demo-article.js';

export type { DemoArticle } from './demo-article.js';

// Original demo content for The Kyiv Ledger, a fictional newsroom. People, places, figures
// and events are invented for demonstration.

const p = (...paragraphs: string[]) => paragraphs.map((text) => `<p>${text}</p>`).join('');

export const demoArticles: DemoArticle[] = [
  {
    slug: 'who-keeps-the-lights-on-a-night-with-kharkivs-grid-engineers',
    title: 'Who keeps the lights on: a night with Kharkiv’s grid engineers',
    excerpt:
      'When a substation goes dark, a crew of six has four hours to bring it back before the pipes freeze. We rode along.',
    authors: ['Oksana Hrytsenko'],
    tags: ['Energy', 'War'],
    hoursAgo: 30,
    html:
      p(
        'The call comes at 1:40 a.m. Substation 14, on the eastern edge of the city, has lost both transformers. By 1:52 Serhiy Pavlenko, a foreman with 22 years on the grid, is behind the wheel of a dented blue van, a thermos wedged between the seats.',
        '“Four hours,” he says, before anyone asks. “After four hours without heating, the pipes in the old blocks start to freeze. Then it is not a repair any more. Then it is a winter.”',
      ) +
      '<h2>Four hours</h2>' +
      p(
        'The crew of six has done this 31 times since Sept. 28. They keep count in a school notebook on the dashboard: date, substation, hours to restore. The fastest was 2 hours 10 minutes. The slowest, in October, took 19.',
        'At the substation, the damage is worse than the dispatcher said. One transformer is gone; the other can be saved if a cable run of about 300 metres is replaced. The cable is in a warehouse across the river.',
      ) +
      '<figure class="pullquote"><blockquote><p>Every light that comes back on is a family that does not have to leave.</p></blockquote><figcaption>Serhiy Pavlenko, grid foreman</figcaption></figure>' +
      '<h2>The people behind the switch</h2>' +
      p(
        'Half of the crew are over 50. Two are former students who came back to the city in the spring. Nobody here calls it heroism; they call it shift work, with worse coffee.',
        'By 5:15 a.m., the first windows in the blocks along the avenue are yellow again. Pavlenko writes “3 h 23 min” in the notebook and closes it. The next call comes at 5:40.',
      ) +
      '<p>Read our explainer on <a href="/what-a-winter-blackout-schedule-means-for-your-street/">what a blackout schedule means for your street</a>.</p>',
  },
  {
    slug: 'what-a-winter-blackout-schedule-means-for-your-street',
    title: 'What a winter blackout schedule means for your street',
    excerpt:
      'Grid operators publish schedules in three groups. Here is how to read them, and what to do when they change without warning.',
    authors: ['Oksana Hrytsenko'],
    tags: ['Energy', 'Ukraine news'],
    hoursAgo: 52,
    html:
      p(
        'Every evening at 8 p.m., the regional grid operator publishes the next day’s schedule. Each address belongs to one of three groups, and each group is switched off for up to four hours at a time.',
      ) +
      '<h2>How to find your group</h2>' +
      '<ol><li>Find your address on the operator’s website or in its app.</li><li>Note the group number: 1, 2 or 3.</li><li>Check the schedule each evening; it can change with a day’s notice.</li></ol>' +
      '<h2>When the schedule does not hold</h2>' +
      p(
        'After a strike on the grid, emergency cuts replace the schedule. These can last longer and are not announced in advance. Operators say they return to scheduled cuts as soon as capacity allows.',
        'Keep a charged power bank, water, and a torch within reach. Lifts in apartment blocks stop during cuts; do not use them in the half hour before your group’s slot.',
      ),
  },
  {
    slug: 'the-missing-millions-how-a-school-repair-fund-emptied',
    title: 'The missing millions: how a school repair fund emptied',
    excerpt:
      'A fund meant to fix 40 shelters in schools paid for 11. We followed the contracts, the companies and the people who signed them.',
    authors: ['Iryna Bondar', 'Taras Melnyk'],
    tags: ['Investigations', 'Politics'],
    hoursAgo: 75,
    html:
      p(
        'In March, the regional council approved 86 million hryvnias to repair bomb shelters in 40 schools before the new school year. By Oct. 6, contractors had finished work in 11. The money was gone.',
        'Over three months, the Ledger examined 214 contracts in the public procurement system, visited 17 of the schools and spoke to 23 teachers, parents and officials. What we found is not one theft but a pattern: small contracts, split to stay under tender thresholds, awarded again and again to the same four companies.',
      ) +
      '<h2>Four companies, one address</h2>' +
      p(
        'Three of the four companies list the same office in an industrial park outside the city. Two share a director. The fourth was registered eleven days before it won its first contract, for 1.9 million hryvnias.',
        'When we visited the office in the industrial park, we found a locked door and a sign for a tyre shop.',
      ) +
      '<h2>What the schools got</h2>' +
      p(
        'At School No. 7, the contract paid for ventilation, lighting and a second exit. Teachers showed us the shelter: new paint, two bulbs, and no second exit. The ventilation was never installed.',
        '“The children sit down here for hours during alerts,” said a teacher who asked not to be named because she fears losing her job. “We bought the lamps ourselves.”',
      ) +
      '<blockquote><p>We are checking every contract. If there were violations, the people responsible will answer for them.</p></blockquote>' +
      p(
        'The head of the council’s education department said in a written reply that an internal audit began on Oct. 10. The companies did not respond to questions sent on Oct. 3 and Oct. 7.',
      ),
  },
  {
    slug: 'theatre-in-the-basement-kyivs-stages-go-underground',
    title: 'Theatre in the basement: Kyiv’s stages go underground',
    excerpt:
      'Air raid alerts used to end performances. Now some theatres simply move the audience, and the actors, downstairs.',
    authors: ['Marta Kovalenko'],
    tags: ['Culture'],
    hoursAgo: 100,
    html:
      p(
        'The first act of the evening’s comedy ends not with applause but with a siren. Nobody panics. The ushers open a side door, the audience of 120 files down two flights of stairs, and fifteen minutes later the second act begins in the basement, on a stage made of pallets.',
        '“We rehearse both versions,” says director Olha Levchenko. “The big one upstairs, and the small one down here. The actors like the small one better. They can see every face.”',
      ) +
      '<h2>Sold out, every night</h2>' +
      p(
        'Ticket sales at the city’s theatres are higher than before the full-scale invasion, according to figures the culture department shared with the Ledger. Directors say people want to be in a room together, laughing, even if the room is a cellar.',
      ),
  },
  {
    slug: 'a-bakery-that-never-closed',
    title: 'A bakery that never closed',
    excerpt:
      'Through blackouts, shelling and a broken oven, one family bakery in Chernihiv has opened every morning. This is how.',
    authors: ['Dmytro Savchuk'],
    tags: ['Economy'],
    hoursAgo: 130,
    html:
      p(
        'The first loaves come out at 5 a.m. They always have. When the power went out for three days in the spring, Halyna and Petro Rudenko baked on a wood-fired oven Petro built in the yard from bricks of a collapsed garage.',
        'Their bakery employs nine people and sells about 2,500 loaves a week. Prices went up twice this year, each time by about 15 percent, as flour and fuel grew more expensive.',
      ) +
      '<h2>Keeping the price of bread</h2>' +
      p(
        '“Bread is the last thing we will make expensive,” Halyna says. To keep it affordable, they stopped making cakes, which needed imported butter, and started selling soup at lunchtime instead.',
        'A generator bought with a small business grant now stands in the yard. The wood-fired oven stands next to it, just in case.',
      ),
  },
  {
    slug: 'why-small-towns-need-their-own-newsrooms',
    title: 'Why small towns need their own newsrooms',
    excerpt:
      'When the local paper closes, rumours fill the gap. In wartime, rumours can cost lives.',
    authors: ['Taras Melnyk'],
    tags: ['Opinion'],
    hoursAgo: 160,
    html:
      p(
        'In a town of 20,000 people, the local newspaper is often the only place where the council’s decisions are written down. When it closes, nobody reports the budget meeting. Nobody checks whether the new shelter was built. And in wartime, nobody tells residents, calmly and with facts, which road out of town is open.',
        'Independent local newsrooms are cheap to run and expensive to lose. They survive on readers who pay for them, not because they must, but because they understand what happens when the reporting stops.',
      ) +
      '<p>If you can, <strong>support the journalists in your own town</strong>. If you cannot, read them, share them and correct them when they are wrong. That is how trust is built.</p>',
  },
];

/** All demo articles: the features above plus the desk's briefs. */
export const allDemoArticles: DemoArticle[] = [
  ...demoArticles,
  demoAnalysis,
  ...demoBriefs.map(({ paragraphs, ...brief }) => ({
    ...brief,
    authors: [deskName],
    html: p(...paragraphs),
  })),
];
