// A small ICU-like message formatter: `{name}` placeholders and `{n, plural, …}` with
// Intl.PluralRules. Enough for a site's UI strings without a runtime dependency; apostrophes
// are plain text (no ICU quoting), so "Editors' Picks" needs no escaping.

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'argument'; name: string }
  | { kind: 'pound' }
  | { kind: 'plural'; name: string; branches: Map<string, Part[]> };

/** Parsed messages, by text: each catalog message is parsed once per process. */
const parsed = new Map<string, Part[]>();

function parseError(message: string, at: number): Error {
  return new Error(`Bad message syntax at ${at} in "${message}"`);
}

function parseParts(message: string, start: number, inPlural: boolean): [Part[], number] {
  const parts: Part[] = [];
  let text = '';
  let i = start;
  const flush = () => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };
  while (i < message.length) {
    const ch = message[i];
    if (ch === '}') break;
    if (ch === '#' && inPlural) {
      flush();
      parts.push({ kind: 'pound' });
      i += 1;
    } else if (ch === '{') {
      flush();
      const [part, next] = parseArgument(message, i + 1);
      parts.push(part);
      i = next;
    } else {
      text += ch;
      i += 1;
    }
  }
  flush();
  return [parts, i];
}

function parseArgument(message: string, start: number): [Part, number] {
  const close = message.indexOf('}', start);
  const comma = message.indexOf(',', start);
  if (close === -1) throw parseError(message, start);
  if (comma === -1 || close < comma) {
    return [{ kind: 'argument', name: message.slice(start, close).trim() }, close + 1];
  }
  const name = message.slice(start, comma).trim();
  const typeEnd = message.indexOf(',', comma + 1);
  if (typeEnd === -1 || message.slice(comma + 1, typeEnd).trim() !== 'plural')
    throw parseError(message, comma);
  const branches = new Map<string, Part[]>();
  let i = typeEnd + 1;
  for (;;) {
    while (/\s/.test(message[i] ?? '')) i += 1;
    if (message[i] === '}') break;
    const open = message.indexOf('{', i);
    if (open === -1) throw parseError(message, i);
    const selector = message.slice(i, open).trim();
    const [branch, end] = parseParts(message, open + 1, true);
    if (!selector || message[end] !== '}') throw parseError(message, open);
    branches.set(selector, branch);
    i = end + 1;
  }
  if (!branches.has('other')) throw parseError(message, start);
  return [{ kind: 'plural', name, branches }, i + 1];
}

function parse(message: string): Part[] {
  let parts = parsed.get(message);
  if (!parts) {
    const [result, end] = parseParts(message, 0, false);
    if (end !== message.length) throw parseError(message, end);
    parts = result;
    parsed.set(message, parts);
  }
  return parts;
}

export type MessageParams = Readonly<Record<string, string | number>>;

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<T>(cache: Map<string, T>, locale: string, make: () => T): T {
  let found = cache.get(locale);
  if (!found) {
    found = make();
    cache.set(locale, found);
  }
  return found;
}

/** Fills a message's placeholders; a placeholder without a value is a programming error. */
export function formatMessage(message: string, intlLocale: string, params: MessageParams = {}) {
  const numbers = cached(numberFormats, intlLocale, () => new Intl.NumberFormat(intlLocale));
  const render = (parts: Part[], count: number | undefined): string =>
    parts
      .map((part) => {
        switch (part.kind) {
          case 'text':
            return part.text;
          case 'pound':
            return count === undefined ? '#' : numbers.format(count);
          case 'argument': {
            const value = params[part.name];
            if (value === undefined) throw new Error(`No value for {${part.name}} in "${message}"`);
            return typeof value === 'number' ? numbers.format(value) : value;
          }
          case 'plural': {
            const value = Number(params[part.name]);
            if (!Number.isFinite(value))
              throw new Error(`{${part.name}} must be a number in "${message}"`);
            const rules = cached(pluralRules, intlLocale, () => new Intl.PluralRules(intlLocale));
            const branch =
              part.branches.get(`=${value}`) ??
              part.branches.get(rules.select(value)) ??
              part.branches.get('other') ??
              [];
            return render(branch, value);
          }
          default: {
            const unreachable: never = part;
            return unreachable;
          }
        }
      })
      .join('');
  return render(parse(message), undefined);
}

/** The names a message takes values for (to check that translations keep the same ones). */
export function messageArguments(message: string): string[] {
  const names = new Set<string>();
  const walk = (parts: Part[]) => {
    for (const part of parts) {
      if (part.kind === 'argument') names.add(part.name);
      if (part.kind === 'plural') {
        names.add(part.name);
        for (const branch of part.branches.values()) walk(branch);
      }
    }
  };
  walk(parse(message));
  return [...names].sort();
}
