import { rangeCases } from '../cases/ranges.cases.js';
import { runNormalizationTable } from '../cases/case-table.js';

runNormalizationTable('ranges', rangeCases);
