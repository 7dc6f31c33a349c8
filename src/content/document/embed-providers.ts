import type { DocumentJson, DocumentNode } from './document-types.js';

/** A provider whose embeds the document keeps (rendered by oEmbed when on its allow-list). */
export interface EmbedProvider {
  id: string;
  name: string;
}

const providers: Array<EmbedProvider & { hosts: string[] }> = [
  { id: 'youtube', name: 'YouTube', hosts: ['youtube.com', 'youtu.be', 'youtube-nocookie.com'] },
  { id: 'vimeo', name: 'Vimeo', hosts: ['vimeo.com', 'player.vimeo.com'] },
  { id: 'x', name: 'X', hosts: ['twitter.com', 'x.com'] },
  { id: 'instagram', name: 'Instagram', hosts: ['instagram.com'] },
  { id: 'facebook', name: 'Facebook', hosts: ['facebook.com', 'fb.watch'] },
  { id: 'tiktok', name: 'TikTok', hosts: ['tiktok.com'] },
  { id: 'soundcloud', name: 'SoundCloud', hosts: ['soundcloud.com'] },
  { id: 'spotify', name: 'Spotify', hosts: ['open.spotify.com'] },
  { id: 'datawrapper', name: 'Datawrapper', hosts: ['datawrapper.dwcdn.net'] },
  { id: 'flourish', name: 'Flourish', hosts: ['flo.uri.sh', 'public.flourish.studio'] },
  { id: 'flickr', name: 'Flickr', hosts: ['flickr.com', 'flic.kr'] },
];

/** The provider of an https embed URL, or null when it is not on the allow-list. */
export function findEmbedProvider(url: string): EmbedProvider | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase().replace(/^www\.|^m\./, '');
  const match = providers.find((p) => p.hosts.some((h) => host === h || host.endsWith(`.${h}`)));
  return match ? { id: match.id, name: match.name } : null;
}

/** The provider with this id, if allow-listed. */
export function embedProviderById(id: string): EmbedProvider | null {
  const match = providers.find((p) => p.id === id);
  return match ? { id: match.id, name: match.name } : null;
}

/** The URLs of every embed node in a document, in order, without repeats. */
export function collectEmbedUrls(doc: DocumentJson): string[] {
  const urls = new Set<string>();
  const visit = (node: DocumentNode): void => {
    if (node.type === 'embed' && typeof node.attrs?.url === 'string') urls.add(node.attrs.url);
    for (const child of node.content ?? []) visit(child);
  };
  visit(doc as DocumentNode);
  return [...urls];
}
