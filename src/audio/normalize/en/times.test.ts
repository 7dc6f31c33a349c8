import { timeCases } from '../cases/times.cases.js';
import { runNormalizationTable } from '../cases/case-table.js';

runNormalizationTable('clock times', timeCases);
