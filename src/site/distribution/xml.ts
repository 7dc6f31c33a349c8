// Small helpers for writing XML by hand: feeds and sitemaps are flat, well-known shapes, so
// strings with careful escaping are simpler and faster than an XML builder.

const xmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// Characters XML 1.0 forbids outright (C0 controls except tab, LF, CR; lone surrogates;
// U+FFFE/U+FFFF): a stray one in a title would make the whole document unparseable.
const forbiddenXmlChars =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g; // eslint-disable-line no-control-regex

/** Escapes text for XML element content or a quoted attribute, dropping forbidden characters. */
export function escapeXml(value: string): string {
  return value.replace(forbiddenXmlChars, '').replace(/[&<>"']/g, (c) => xmlEscapes[c] ?? c);
}

/** `<name>text</name>` with the text escaped; nothing when the value is empty. */
export function xmlElement(name: string, value: string | null | undefined): string {
  return value ? `<${name}>${escapeXml(value)}</${name}>` : '';
}

/** An article's public URL. */
export function articleUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}/${slug}/`;
}

/** Makes a site-relative URL (`/media/x.jpg`) absolute; absolute URLs pass through. */
export function absoluteUrl(baseUrl: string, url: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  if (url.startsWith('//')) return `${new URL(baseUrl).protocol}${url}`;
  return `${baseUrl}${url.startsWith('/') ? '' : '/'}${url}`;
}

/** A guess at an image's media type from its file extension (feeds must name one). */
export function imageMediaType(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  switch (ext) {
    case 'png':
      return 'image/png';
    case 'gif':
      return 'image/gif';
    case 'webp':
      return 'image/webp';
    case 'avif':
      return 'image/avif';
    case 'svg':
      return 'image/svg+xml';
    default:
      return 'image/jpeg';
  }
}
