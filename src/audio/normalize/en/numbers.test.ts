import { cardinalCases, fractionCases, ordinalCases } from '../cases/numbers.cases.js';
import { runNormalizationTable } from '../cases/case-table.js';

runNormalizationTable('cardinals, decimals and signs', cardinalCases);
runNormalizationTable('ordinals', ordinalCases);
runNormalizationTable('fractions', fractionCases);
