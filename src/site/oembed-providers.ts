/**
 * An oEmbed provider the site will ask about embeds in article bodies. The list is code, not
 * configuration: adding a provider means reviewing its endpoint and the hosts its frames use.
 */
export interface OEmbedProvider {
  id: string;
  name: string;
  /** The provider's oEmbed endpoint (https in production; tests inject local ones). */
  endpoint: string;
  /** Content URLs this provider answers for. */
  urlPatterns: RegExp[];
  /** Hosts an embedded frame may load from; a frame elsewhere falls back to a link card. */
  frameHosts: string[];
  /** The iframe `allow` attribute (feature policy) for this provider's player. */
  frameAllow?: string;
  /** The URL to ask the endpoint about, when embeds use a player URL it does not answer for. */
  canonicalUrl?(url: string): string;
}

const media = 'autoplay; encrypted-media; fullscreen; picture-in-picture';

/** The allow-listed providers (public endpoints, no API keys). */
export const defaultOEmbedProviders: readonly OEmbedProvider[] = [
  {
    id: 'youtube',
    name: 'YouTube',
    endpoint: 'https://www.youtube.com/oembed',
    urlPatterns: [
      /^https:\/\/(www\.|m\.)?youtube\.com\/(watch\?|shorts\/|live\/|playlist\?)/,
      /^https:\/\/youtu\.be\/[\w-]+/,
      /^https:\/\/(www\.)?youtube(-nocookie)?\.com\/embed\/[\w-]+/,
    ],
    frameHosts: ['www.youtube.com', 'www.youtube-nocookie.com'],
    frameAllow: media,
    // Pasted players (…/embed/ID) are asked about as the watch page.
    canonicalUrl: (url) => {
      const id = /\/embed\/([\w-]+)/.exec(url)?.[1];
      return id ? `https://www.youtube.com/watch?v=${id}` : url;
    },
  },
  {
    id: 'vimeo',
    name: 'Vimeo',
    endpoint: 'https://vimeo.com/api/oembed.json',
    urlPatterns: [
      /^https:\/\/(www\.)?vimeo\.com\/\d+/,
      /^https:\/\/player\.vimeo\.com\/video\/\d+/,
    ],
    frameHosts: ['player.vimeo.com'],
    frameAllow: media,
    canonicalUrl: (url) => {
      const id = /player\.vimeo\.com\/video\/(\d+)/.exec(url)?.[1];
      return id ? `https://vimeo.com/${id}` : url;
    },
  },
  {
    id: 'x',
    name: 'X',
    endpoint: 'https://publish.twitter.com/oembed',
    urlPatterns: [/^https:\/\/(www\.|mobile\.)?(twitter|x)\.com\/\w+\/status(es)?\/\d+/],
    // X answers with a blockquote and a script, never a frame: it renders as a link card.
    frameHosts: [],
  },
  {
    id: 'soundcloud',
    name: 'SoundCloud',
    endpoint: 'https://soundcloud.com/oembed',
    urlPatterns: [/^https:\/\/(www\.|m\.)?soundcloud\.com\/[\w-]+\/[\w-]+/],
    frameHosts: ['w.soundcloud.com'],
    frameAllow: 'autoplay',
  },
  {
    id: 'spotify',
    name: 'Spotify',
    endpoint: 'https://open.spotify.com/oembed',
    urlPatterns: [
      /^https:\/\/open\.spotify\.com\/(intl-\w+\/)?(track|album|playlist|episode|show|artist)\/\w+/,
    ],
    frameHosts: ['open.spotify.com'],
    frameAllow: 'autoplay; clipboard-write; encrypted-media; fullscreen; picture-in-picture',
  },
  {
    id: 'flickr',
    name: 'Flickr',
    endpoint: 'https://www.flickr.com/services/oembed/',
    urlPatterns: [
      /^https:\/\/(www\.)?flickr\.com\/photos\/[\w@-]+\/\d+/,
      /^https:\/\/flic\.kr\/p\/\w+/,
    ],
    // A photo: shown as a card with the provider's image.
    frameHosts: [],
  },
  {
    id: 'tiktok',
    name: 'TikTok',
    endpoint: 'https://www.tiktok.com/oembed',
    urlPatterns: [/^https:\/\/(www\.)?tiktok\.com\/@[\w.-]+\/video\/\d+/],
    frameHosts: [],
  },
];

/** The allow-listed provider for a content URL, or undefined. */
export function findOEmbedProvider(
  providers: readonly OEmbedProvider[],
  url: string,
): OEmbedProvider | undefined {
  return providers.find((provider) => provider.urlPatterns.some((pattern) => pattern.test(url)));
}

/** Is `src` an https URL on one of the provider's frame hosts? */
export function isAllowedFrameSource(provider: OEmbedProvider, src: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(src);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port)
    return false;
  return provider.frameHosts.includes(parsed.hostname.toLowerCase());
}
