import type { SentenceRules } from '../sentence-splitter.js';

// Ukrainian word lists for the sentence splitter (see sentence-splitter.ts for the heuristic).

export const UKRAINIAN_ABBREVIATIONS: ReadonlySet<string> = new Set([
  ...['вул', 'просп', 'пл', 'ім', 'м', 'с', 'обл', 'р', 'рр', 'тис', 'грн', 'дол', 'т', 'д'],
  ...['п', 'ч', 'зв', 'напр', 'див', 'ін', 'ст', 'проф', 'акад', 'доц', 'св', 'н', 'е'],
]);

export const UKRAINIAN_SENTENCE_STARTERS: ReadonlySet<string> = new Set([
  ...['Але', 'І', 'А', 'Та', 'Проте', 'Однак', 'Тому', 'Також', 'Крім', 'Водночас', 'Тоді'],
  ...['Це', 'Цей', 'Ця', 'Ці', 'Він', 'Вона', 'Вони', 'Воно', 'Ми', 'Я', 'Ви', 'Його', 'Її'],
  ...['У', 'В', 'На', 'За', 'З', 'Із', 'Під', 'Після', 'До', 'Від', 'Для', 'Через', 'Коли'],
  ...['Як', 'Що', 'Хто', 'Де', 'Чому', 'Який', 'Яка', 'Які', 'Там', 'Тут', 'Зараз', 'Нині'],
]);

export const UKRAINIAN_SENTENCE_RULES: SentenceRules = {
  abbreviations: UKRAINIAN_ABBREVIATIONS,
  sentenceStarters: UKRAINIAN_SENTENCE_STARTERS,
};
