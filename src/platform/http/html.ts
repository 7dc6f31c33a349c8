// Typed HTML templates: a tagged template that escapes every interpolated value unless it
// is already SafeHtml (ADR 0001). Fast string building, no virtual DOM.

/** A string of HTML that is known to be safe to emit as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapePattern = /[&<>"']/g;

/** Escapes text for use in HTML text or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return escapePattern.test(value)
    ? ((escapePattern.lastIndex = 0), value.replace(escapePattern, (c) => escapes[c] ?? c))
    : value;
}

export type HtmlValue =
  SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function renderValue(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  let out = '';
  for (const item of value) out += renderValue(item);
  return out;
}

/** `html\`<p>${text}</p>\`` — interpolations are escaped; arrays are joined; null/false render nothing. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i += 1) {
    out += renderValue(values[i]);
    out += strings[i + 1] ?? '';
  }
  return new SafeHtml(out);
}

/** Marks trusted markup (e.g. the document renderer's output) as safe. Never pass user input. */
export function unsafeRaw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
