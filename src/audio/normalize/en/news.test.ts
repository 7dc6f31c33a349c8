import { newsSentenceCases } from '../cases/news.cases.js';
import { runNormalizationTable } from '../cases/case-table.js';

runNormalizationTable('news sentences', newsSentenceCases);
