/** An allow-listed embed provider (rendered as a link until oEmbed exists). */
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
