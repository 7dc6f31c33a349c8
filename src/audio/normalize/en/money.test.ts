import { currencyCases, percentCases } from '../cases/money.cases.js';
import { runNormalizationTable } from '../cases/case-table.js';

runNormalizationTable('currencies', currencyCases);
runNormalizationTable('percentages', percentCases);
