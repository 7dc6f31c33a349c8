import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { z } from 'zod';
import type { EmbedPresentation } from '../content/document/embed-html.js';
import { isAllowedFrameSource, type OEmbedProvider } from './oembed-providers.js';

// A provider's answer is untrusted input: its `html` is only mined for one iframe on the
// provider's own player hosts; everything else (scripts, styles, attributes) is dropped, and
// the page builds its own iframe from the checked source.

const dimension = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value) => {
    const n = typeof value === 'string' ? Number.parseInt(value, 10) : value;
    return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 4000 ? n : null;
  });
const text = (max: number) =>
  z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' ? value.trim().slice(0, max) : ''));

/** The fields of an oEmbed 1.0 answer we read; unknown fields are ignored. */
export const oembedAnswerSchema = z.object({
  type: z.enum(['video', 'rich', 'photo', 'link']),
  title: text(500),
  author_name: text(200),
  provider_name: text(100),
  html: text(100_000),
  width: dimension,
  height: dimension,
  url: text(2000),
  thumbnail_url: text(2000),
  cache_age: z.union([z.number(), z.string()]).nullish(),
});
export type OEmbedAnswer = z.infer<typeof oembedAnswerSchema>;

function httpsUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password ? url.toString() : null;
  } catch {
    return null;
  }
}

function findIframes(nodes: ChildNode[]): Element[] {
  const found: Element[] = [];
  for (const node of nodes) {
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const element = node as Element;
    if (element.name === 'iframe') found.push(element);
    found.push(...findIframes(element.children));
  }
  return found;
}

/** The frame or card to show for a provider's answer. */
export function presentationFromOEmbed(
  provider: OEmbedProvider,
  answer: OEmbedAnswer,
): EmbedPresentation {
  const providerName = answer.provider_name || provider.name;
  if (answer.html && provider.frameHosts.length > 0) {
    const frames = findIframes(parseDocument(answer.html).children);
    const frame = frames.find((f) => isAllowedFrameSource(provider, f.attribs.src ?? ''));
    if (frame) {
      const width = dimension.parse(frame.attribs.width) ?? answer.width;
      const height = dimension.parse(frame.attribs.height) ?? answer.height;
      return {
        kind: 'frame',
        src: new URL(frame.attribs.src ?? '').toString(),
        width: width && height ? width : null,
        height: width && height ? height : null,
        title: answer.title,
        allow: provider.frameAllow ?? '',
        providerName,
      };
    }
  }
  // A photo's `url` is the image itself; otherwise the provider's thumbnail, if any.
  const image = answer.type === 'photo' ? answer.url || answer.thumbnail_url : answer.thumbnail_url;
  return {
    kind: 'card',
    title: answer.title,
    authorName: answer.author_name,
    providerName,
    thumbnailUrl: image ? httpsUrl(image) : null,
  };
}
