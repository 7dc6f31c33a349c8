import { embedPresentationSchema, type EmbedPresentation } from '../content/document/embed-html.js';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { createSafeFetch, type SafeFetch } from '../platform/http/safe-fetch.js';
import { findCachedEmbeds, saveCachedEmbed } from './oembed-cache.repository.js';
import {
  defaultOEmbedProviders,
  findOEmbedProvider,
  isAllowedFrameSource,
  type OEmbedProvider,
} from './oembed-providers.js';
import { oembedAnswerSchema, presentationFromOEmbed } from './oembed-sanitize.js';

/** What fetching embeds needs: the SSRF-safe fetch, the allow-list and a clock. */
export interface OEmbedConsumerDeps {
  fetch: SafeFetch;
  providers: readonly OEmbedProvider[];
  now: () => Date;
}

/** Production deps: the public internet only, the built-in allow-list. */
export function defaultOEmbedConsumerDeps(now: () => Date = () => new Date()): OEmbedConsumerDeps {
  return { fetch: createSafeFetch(), providers: defaultOEmbedProviders, now };
}

const hourMs = 3600_000;
const defaultTtlMs = 7 * 24 * hourMs;
const minTtlMs = hourMs;
const maxTtlMs = 30 * 24 * hourMs;
const failureTtlMs = hourMs;

/** Asks the provider about one URL; throws when the answer is missing or unusable. */
export async function fetchEmbedPresentation(
  deps: Pick<OEmbedConsumerDeps, 'fetch'>,
  provider: OEmbedProvider,
  url: string,
): Promise<{ presentation: EmbedPresentation; ttlMs: number }> {
  const endpoint = new URL(provider.endpoint);
  endpoint.searchParams.set('url', provider.canonicalUrl?.(url) ?? url);
  endpoint.searchParams.set('format', 'json');
  endpoint.searchParams.set('maxwidth', '1200');
  const response = await deps.fetch(endpoint.toString(), {
    timeoutMs: 5000,
    maxBytes: 256 * 1024,
    maxRedirects: 2,
    headers: { accept: 'application/json' },
  });
  if (response.status !== 200)
    throw new Error(`${provider.name} answered ${response.status} for this URL.`);
  let json: unknown;
  try {
    json = JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new Error(`${provider.name} did not answer with JSON.`);
  }
  const answer = oembedAnswerSchema.safeParse(json);
  if (!answer.success) throw new Error(`${provider.name} answered without a usable oEmbed type.`);
  const cacheAge = Number(answer.data.cache_age) * 1000;
  const ttlMs = Number.isFinite(cacheAge) && cacheAge > 0 ? cacheAge : defaultTtlMs;
  return {
    presentation: presentationFromOEmbed(provider, answer.data),
    ttlMs: Math.min(maxTtlMs, Math.max(minTtlMs, ttlMs)),
  };
}

export interface RefreshReport {
  fetched: number;
  failed: Array<{ url: string; error: string }>;
  /** Not on the allow-list (rendered as links) or still fresh in the cache. */
  skipped: number;
}

/**
 * Fetches the oEmbed answers for these embed URLs that are missing or expired in the cache.
 * A failure is cached for an hour (the embed renders as a link meanwhile); a URL that worked
 * before keeps its last good presentation when a refresh fails.
 */
export async function refreshEmbeds(
  executor: Executor,
  deps: OEmbedConsumerDeps,
  urls: string[],
): Promise<RefreshReport> {
  const report: RefreshReport = { fetched: 0, failed: [], skipped: 0 };
  const unique = [...new Set(urls)];
  const cached = new Map((await findCachedEmbeds(executor, unique)).map((r) => [r.url, r]));
  for (const url of unique) {
    const provider = findOEmbedProvider(deps.providers, url);
    const previous = cached.get(url);
    const now = deps.now();
    if (!provider || (previous && previous.expires_at > nowIso(now))) {
      report.skipped += 1;
      continue;
    }
    try {
      const { presentation, ttlMs } = await fetchEmbedPresentation(deps, provider, url);
      await saveCachedEmbed(executor, {
        url,
        provider: provider.id,
        status: 'ok',
        presentation: JSON.stringify(presentation),
        error: null,
        fetched_at: nowIso(now),
        expires_at: nowIso(new Date(now.getTime() + ttlMs)),
      });
      report.fetched += 1;
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      report.failed.push({ url, error: message });
      const keepPrevious = previous?.status === 'ok';
      await saveCachedEmbed(executor, {
        url,
        provider: provider.id,
        status: keepPrevious ? 'ok' : 'failed',
        presentation: keepPrevious ? previous.presentation : null,
        error: message,
        fetched_at: keepPrevious ? previous.fetched_at : nowIso(now),
        expires_at: nowIso(new Date(now.getTime() + failureTtlMs)),
      });
    }
  }
  return report;
}

/**
 * The presentations to render for these URLs, from the cache only (no network). Each stored
 * presentation is validated again and a frame must still be on its provider's frame hosts;
 * anything else is left out, so the embed renders as a plain link.
 */
export async function loadEmbedPresentations(
  executor: Executor,
  urls: string[],
  providers: readonly OEmbedProvider[] = defaultOEmbedProviders,
): Promise<Map<string, EmbedPresentation>> {
  const result = new Map<string, EmbedPresentation>();
  for (const row of await findCachedEmbeds(executor, [...new Set(urls)])) {
    if (row.status !== 'ok' || !row.presentation) continue;
    const provider = findOEmbedProvider(providers, row.url);
    if (!provider) continue;
    let parsed;
    try {
      parsed = embedPresentationSchema.safeParse(JSON.parse(row.presentation));
    } catch {
      continue;
    }
    if (!parsed.success) continue;
    if (parsed.data.kind === 'frame' && !isAllowedFrameSource(provider, parsed.data.src)) continue;
    result.set(row.url, parsed.data);
  }
  return result;
}
