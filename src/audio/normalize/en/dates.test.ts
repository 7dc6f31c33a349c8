import { dateCases, decadeCases, yearCases } from '../cases/dates.cases.js';
import { runNormalizationTable } from '../cases/case-table.js';

runNormalizationTable('dates and month abbreviations', dateCases);
runNormalizationTable('years by context', yearCases);
runNormalizationTable('decades', decadeCases);
