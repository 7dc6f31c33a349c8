import type { DemoArticle } from './demo-article.js';

// The demo's paid-only analysis piece (issue 17): readers see its first two paragraphs and the
// wall; paying members read the whole. Invented people, places and figures, like the rest.

const p = (...paragraphs: string[]) => paragraphs.map((text) => `<p>${text}</p>`).join('');

export const demoAnalysis: DemoArticle = {
  slug: 'analysis-what-the-2027-budget-really-spends-on-rebuilding',
  title: 'Analysis: what the 2027 city budget really spends on rebuilding',
  excerpt:
    'The headline figure is 4.2 billion hryvnias. Line by line, less than half of it is new money for the districts that lost the most.',
  authors: ['Dmytro Savchuk'],
  tags: ['Economy', 'Politics'],
  hoursAgo: 12,
  access: 'paid',
  html:
    p(
      'When the council approved the 2027 budget on Tuesday, the number on every slide was 4.2 billion hryvnias for reconstruction. It is the largest sum the city has ever set aside for rebuilding, and the mayor’s office called it “a budget for coming home”.',
      'We read all 312 pages of the annexes. The figure is real, but it is not what it sounds like: most of it was promised before, some of it depends on grants the city has not yet won, and the districts with the most damaged homes get the smallest share per resident.',
    ) +
    '<h2>Old money, new slides</h2>' +
    p(
      'About 1.9 billion of the 4.2 billion is carried over from 2026 projects that never started: tenders that failed, contractors who walked away, designs that were never approved. Counting it again makes the total look bigger than the work that can be done next year.',
      'A further 0.8 billion is marked “conditional on external financing”. The annex names three donors; only one has signed a letter of intent, and it covers schools, not housing.',
    ) +
    '<h2>Who gets what</h2>' +
    p(
      'Per resident, the two eastern districts, where one home in six was damaged, are allotted 2,100 hryvnias each. The central district, with far less damage and far more council members living in it, gets 3,400.',
      'Council finance chair Halyna Moroz told us the split follows “projects ready to build”, and that the eastern districts submitted fewer. Residents’ groups say that is the point: design money for those districts was cut in 2025.',
    ) +
    '<h2>What to watch</h2>' +
    p(
      'The budget can be amended in March. If the carried-over projects are not re-tendered by then, expect the same billions on next year’s slides. We will keep publishing the line-by-line tables as the amendments come in.',
    ),
};
