// The intelligibility benchmark's news passages (written for it): names, numbers, dates, money,
// times and quotes, as a newsroom writes them. Changing them changes every measured score, so
// voice-scores.ts is measured again (npm run bench narration) when they change.

export interface NewsPassage {
  headline: string;
  body: string;
}

export const newsPassages: readonly NewsPassage[] = [
  {
    headline: 'Council approves budget',
    body: 'The city council voted 7 to 2 on Oct. 6 to approve a $1.2 billion budget for 2027. Officials said the plan adds 350 buses and repairs 42 km of roads before winter.',
  },
  {
    headline: 'Hospital opens new wing',
    body: '"We have waited ten years for this," said Dr. Maria Lopez, who runs the children\'s ward. The wing has 120 beds and cost about $85 million, most of it from the state.',
  },
  {
    headline: 'Storm closes schools',
    body: 'Schools in three districts will stay closed on Thursday after the storm brought down power lines. About 48% of homes were still without electricity at 6:30 p.m., the utility said.',
  },
  {
    headline: 'Rail strike ends',
    body: 'Train drivers returned to work on Monday after a deal that raises pay by 4.5% this year. Union leader James Carter told reporters, "Nobody wanted this strike to last."',
  },
  {
    headline: 'Farmers count the cost',
    body: 'Farmers near Kyiv say the dry summer cut the wheat harvest by a third. Olena Shevchuk, who farms 200 hectares, said prices had doubled since March 2025.',
  },
  {
    headline: 'Library reopens',
    body: 'The central library reopened on Saturday, Nov. 14, after two years of repairs. Its director said more than 3,000 people came through the doors by noon.',
  },
];

/** The sentence `masthead narrate voice add` speaks to measure a new voice. */
export const testSentence: NewsPassage = {
  headline: 'Council approves budget',
  body: newsPassages[0]?.body ?? '',
};
