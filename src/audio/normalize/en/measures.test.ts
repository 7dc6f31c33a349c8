import { temperatureCases, unitCases } from '../cases/measures.cases.js';
import { runNormalizationTable } from '../cases/case-table.js';

runNormalizationTable('units', unitCases);
runNormalizationTable('temperatures', temperatureCases);
