import { createTaggedLru } from './tagged-lru.js';

// Pieces of pages that outlive the pages themselves: a story's bylines, an article's related
// list. A publish purges the home page, but not the bylines of the other 18 stories on it, so
// re-rendering the home page after a purge reads only what changed. Fragments are tagged with
// the same surrogate keys as pages and purged with them by the page cache (so the purge path
// that keeps every process's pages coherent keeps their fragments coherent too), bounded in
// bytes, least recently used first out.

export interface FragmentStore {
  /** The fragment under `key` (marking it recently used), or undefined. */
  get<T>(key: string): T | undefined;
  /**
   * Keeps `value` under `key`, tagged with surrogate keys, counted as `bytes`. `generation` is
   * the page cache's generation read before the value's data was read: a value read before a
   * purge of one of its keys is refused (it may be from before that change).
   */
  set(key: string, value: unknown, options: FragmentOptions): void;
  stats(): { entries: number; bytes: number; maxBytes: number };
}

export interface FragmentOptions {
  surrogateKeys: string[];
  bytes: number;
  generation: number;
}

/** What the page cache hands the store so both purge as one. */
export interface FragmentStoreControl extends FragmentStore {
  purgeKeys(keys: string[]): void;
  purgeAll(): void;
}

export function createFragmentStore(options: {
  maxBytes: number;
  /** True when one of `surrogateKeys` was purged after `generation` (from the page cache). */
  purgedSince(generation: number, surrogateKeys: string[]): boolean;
}): FragmentStoreControl {
  const fragments = createTaggedLru<unknown>(options.maxBytes);
  return {
    get: <T>(key: string) => fragments.get(key) as T | undefined,

    set(key, value, { surrogateKeys, bytes, generation }) {
      fragments.delete(key);
      const fragmentBytes = bytes + key.length * 2;
      if (fragmentBytes > options.maxBytes / 16) return;
      const keys = [...new Set(surrogateKeys)];
      if (options.purgedSince(generation, keys)) return;
      fragments.set(key, value, keys, fragmentBytes);
    },

    purgeKeys: (keys) => void fragments.purgeKeys(keys),
    purgeAll: () => fragments.clear(),
    stats: () => ({ entries: fragments.size, bytes: fragments.bytes, maxBytes: options.maxBytes }),
  };
}
