// Pieces shared by the Ukrainian rules.

/**
 * A written number: 1500 · 1 500 (space, no-break or thin space between thousands) · 3,5 or
 * 3.5 (the comma is the Ukrainian decimal mark). No sign; rules add their own.
 */
export const NUMBER = String.raw`\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?:[,.]\d+)?|\d+(?:[,.]\d+)?`;
/** Nothing that would make the number part of a bigger token ("А4", "1.2.3"). */
export const NUMBER_START = String.raw`(?<![\p{L}\d.,])`;
export const NUMBER_END = String.raw`(?![\d]|[.,]\d)`;

/** A written number split into its whole part and the digits after the decimal mark. */
export function parseNumber(written: string): { whole: number; fraction: string } {
  const [whole = '0', fraction = ''] = written.replace(/[ \u00A0\u202F]/g, '').split(/[,.]/);
  return { whole: Number(whole), fraction };
}

/** Months in the genitive, as dates write them ("6 жовтня"), with their numbers. */
export const MONTHS_GENITIVE = [
  ...['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня'],
  ...['липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'],
];
