// Link rewriting for click tracking, done once per compiled issue: every trackable href in the
// HTML and every matching URL in the plain-text twin becomes a `%%MH_LINK_<id>%%` marker that
// issue-render.ts fills per reader (with `BASE_URL/newsletters/c/<token>`, or the original URL
// in previews). Management links (unsubscribe, preferences, confirm) are never rewritten: they
// are markers already when this runs, and anything under /newsletters/ on our own site is
// skipped too, so a pasted unsubscribe link keeps working without a redirect.

const maxUrlLength = 2000;

const entities: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&lt;': '<',
  '&gt;': '>',
};

/** An attribute value as written by escapeHtml, back to the URL it holds. */
function decodeAttribute(value: string): string {
  return value.replace(/&(?:amp|quot|lt|gt|#39|#x27);/g, (m) => entities[m] ?? m);
}

/** The marker that stands for link `id` in a compiled template. */
export function linkMarker(id: number): string {
  return `%%MH_LINK_${id}%%`;
}

/** True for links that go through the click redirect. */
export function isTrackable(url: string, baseUrl: string): boolean {
  // Bytes, not characters: the (issue, url) unique index has a size limit on PostgreSQL.
  if (!/^https?:\/\//i.test(url) || Buffer.byteLength(url) > maxUrlLength) return false;
  if (url.includes('%%MH_')) return false;
  const own = `${baseUrl}/newsletters/`;
  return !url.toLowerCase().startsWith(own.toLowerCase());
}

const hrefPattern = /\bhref="([^"]*)"/g;

/** The distinct trackable URLs of the compiled HTML, in order of first appearance. */
export function collectTrackableLinks(markup: string, baseUrl: string): string[] {
  const found = new Set<string>();
  for (const match of markup.matchAll(hrefPattern)) {
    const url = decodeAttribute(match[1] ?? '');
    if (isTrackable(url, baseUrl)) found.add(url);
  }
  return [...found];
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces each known link by its marker: hrefs in the HTML; in the text, the URL where
 * html-to-text printed it (in brackets after the link text, or alone when the text was the URL).
 */
export function rewriteLinks(
  markup: { html: string; text: string },
  links: ReadonlyMap<string, number>,
  baseUrl: string,
): { html: string; text: string } {
  const html = markup.html.replace(hrefPattern, (whole, value: string) => {
    const url = decodeAttribute(value);
    const id = isTrackable(url, baseUrl) ? links.get(url) : undefined;
    return id === undefined ? whole : `href="${linkMarker(id)}"`;
  });
  const urls = [...links.keys()].sort((a, b) => b.length - a.length);
  if (urls.length === 0) return { html, text: markup.text };
  const pattern = new RegExp(
    `(?<=^|[\\s\\[(<])(${urls.map(escapeRegExp).join('|')})(?=$|[\\s\\])>])`,
    'g',
  );
  const text = markup.text.replace(pattern, (url) => {
    const id = links.get(url);
    return id === undefined ? url : linkMarker(id);
  });
  return { html, text };
}
