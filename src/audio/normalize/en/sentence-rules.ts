import type { SentenceRules } from '../sentence-splitter.js';

// English word lists for the sentence splitter (see sentence-splitter.ts for the heuristic).

/** Abbreviations whose period is not a sentence end (as written, without the final period). */
export const ENGLISH_ABBREVIATIONS: ReadonlySet<string> = new Set([
  ...['Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'Prof', 'Rev', 'Fr', 'Sr', 'Jr', 'St', 'Mt', 'Ft'],
  ...['Gen', 'Lt', 'Col', 'Maj', 'Capt', 'Cmdr', 'Adm', 'Brig', 'Sgt', 'Cpl', 'Pvt', 'Cpt'],
  ...['Gov', 'Sen', 'Rep', 'Pres', 'Amb', 'Atty', 'Supt', 'Insp', 'Hon', 'Rt'],
  ...['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'],
  ...['Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat', 'Sun'],
  ...['No', 'Nos', 'vs', 'etc', 'approx', 'est', 'al', 'Inc', 'Ltd', 'Co', 'Corp', 'Bros'],
  ...['Ave', 'Blvd', 'Rd', 'Sq', 'Dept', 'Univ', 'Assn', 'Fig', 'p', 'pp', 'ca', 'cf'],
]);

/**
 * Capitalised words that open a sentence and cannot continue one after an abbreviation such
 * as "U.S." or "a.m." (so "U.S. President" or "10 a.m. Monday" never break).
 */
export const ENGLISH_SENTENCE_STARTERS: ReadonlySet<string> = new Set([
  ...['The', 'A', 'An', 'This', 'That', 'These', 'Those', 'There', 'Here', 'It', "It's"],
  ...['He', 'She', 'They', 'We', 'I', 'You', 'His', 'Her', 'Their', 'Our', 'Its', 'My'],
  ...['But', 'And', 'Or', 'So', 'Yet', 'However', 'Meanwhile', 'Still', 'Then', 'Now'],
  ...['In', 'On', 'At', 'For', 'As', 'If', 'When', 'While', 'After', 'Before', 'Since'],
  ...['Although', 'Though', 'Because', 'During', 'According', 'Also', 'Earlier', 'Later'],
  ...['What', 'Why', 'How', 'Who', 'Where', 'Which', 'Some', 'Many', 'Most', 'Several'],
  ...['Such', 'Both', 'Each', 'Every', 'No', 'Not', 'Other', 'Another', 'One', 'Two'],
]);

export const ENGLISH_SENTENCE_RULES: SentenceRules = {
  abbreviations: ENGLISH_ABBREVIATIONS,
  sentenceStarters: ENGLISH_SENTENCE_STARTERS,
};
