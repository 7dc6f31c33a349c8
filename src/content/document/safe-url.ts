// URL safety for links and images in article bodies: only schemes a reader's browser can
// follow safely survive; everything else (javascript:, data:, obfuscated forms) is refused.

// eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
const invisibleCharacters = /[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g;

const allowedLinkSchemes = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const allowedImageSchemes = new Set(['http:', 'https:']);

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000),
    )
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec) % 0x110000))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&amp;/gi, '&');
}

/** Returns a safe, normalized URL for a link or image, or null when it must be dropped. */
export function sanitizeUrl(raw: string, kind: 'link' | 'image'): string | null {
  if (typeof raw !== 'string') return null;
  const decoded = decodeEntities(raw);
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const compact = decoded.replace(invisibleCharacters, '');
  if (compact === '') return null;
  if (compact.startsWith('#')) return kind === 'link' ? decoded.trim() : null;
  if (compact.startsWith('//') || compact.startsWith('\\')) return null;
  if (compact.startsWith('/')) return /[\\]/.test(compact) ? null : decoded.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
  if (!scheme) return null; // relative paths without a leading slash are ambiguous in feeds and emails
  const allowed = kind === 'link' ? allowedLinkSchemes : allowedImageSchemes;
  if (!allowed.has(`${scheme}:`)) return null;
  if (scheme === 'http' || scheme === 'https') {
    try {
      const url = new URL(decoded.trim());
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
    } catch {
      return null;
    }
  }
  return decoded.trim();
}
