import type { NormalizationCase } from './case-table.js';

/** Number ranges with hyphens, en dashes and words. */
export const rangeCases: NormalizationCase[] = [
  ['10-15', 'ten to fifteen'],
  ['10\u201315', 'ten to fifteen'],
  ['10 - 15', 'ten to fifteen'],
  ['pages 5\u20137', 'pages five to seven'],
  ['pp. 5\u20137', 'pages five to seven'],
  ['p. 5', 'page five'],
  ['ages 18-60', 'ages eighteen to sixty'],
  ['1,000-2,000 troops', 'one thousand to two thousand troops'],
  ['3.5-4.5', 'three point five to four point five'],
  ['-5-10', 'minus five to ten'],
  ['between 20 and 30', 'between twenty and thirty'],
  ['100-200 people', 'one hundred to two hundred people'],
  ['the 5-7 km stretch', 'the five to seven kilometers stretch'],
  ['10\u201315%', 'ten to fifteen percent'],
  ['$10\u2013$15', 'ten to fifteen dollars'],
  ['2010\u201314', 'twenty ten to fourteen'],
  ['1914\u20131918', 'nineteen fourteen to nineteen eighteen'],
  ['2020-2021', 'twenty twenty to twenty twenty-one'],
  ['1991\u20132022', 'nineteen ninety-one to twenty twenty-two'],
  ['5 to 7', 'five to seven'],
  ['the 2-1 vote', 'the two to one vote'],
];
