import { symbolCases, webCases } from '../cases/web.cases.js';
import { runNormalizationTable } from '../cases/case-table.js';

runNormalizationTable('addresses, handles and phone numbers', webCases);
runNormalizationTable('symbols and punctuation', symbolCases);
