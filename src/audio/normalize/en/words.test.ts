import { abbreviationCases, acronymCases, romanCases } from '../cases/words.cases.js';
import { runNormalizationTable } from '../cases/case-table.js';

runNormalizationTable('acronyms', acronymCases);
runNormalizationTable('abbreviations', abbreviationCases);
runNormalizationTable('roman numerals', romanCases);
