// The bookkeeping the page cache and its fragment store share: values under keys, each tagged
// with surrogate keys (`article:12`, `home`…) and counted in bytes, least recently used first
// out when over budget, and removed by surrogate key. Recency is approximate, to keep a hit
// cheap: a value is moved to the recent end only when it has drifted into the older half, so
// a hot page costs one Map delete/insert per half-cache of insertions instead of one per hit
// (each one leaves a hole that makes the Map rehash its whole table sooner). Eviction takes the
// front of the order; a value still in use is moved back as soon as it is used in the older
// half, so what goes first is a value unused for at least half the cache's turnover.

export interface TaggedLru<V> {
  /** The value under `key`, marking it most recently used. */
  get(key: string): V | undefined;
  /** Keeps `value` (replacing any under `key`), then evicts the oldest while over budget. */
  set(key: string, value: V, surrogateKeys: readonly string[], bytes: number): void;
  delete(key: string): boolean;
  /** Removes every value tagged with one of `surrogateKeys`; how many went. */
  purgeKeys(surrogateKeys: readonly string[]): number;
  clear(): void;
  readonly size: number;
  readonly bytes: number;
}

interface Slot<V> {
  value: V;
  surrogateKeys: readonly string[];
  bytes: number;
  /** `clock` when the slot was last put at the recent end of the order. */
  movedAt: number;
}

export function createTaggedLru<V>(maxBytes: number): TaggedLru<V> {
  const slots = new Map<string, Slot<V>>();
  const bySurrogateKey = new Map<string, Set<string>>();
  let bytes = 0;
  // Counts every insertion and move: at most `clock - slot.movedAt` slots lie after a slot.
  let clock = 0;

  function remove(key: string): boolean {
    const slot = slots.get(key);
    if (!slot) return false;
    slots.delete(key);
    bytes -= slot.bytes;
    for (const surrogate of slot.surrogateKeys) {
      const keys = bySurrogateKey.get(surrogate);
      keys?.delete(key);
      if (keys?.size === 0) bySurrogateKey.delete(surrogate);
    }
    return true;
  }

  return {
    get(key) {
      const slot = slots.get(key);
      if (!slot) return undefined;
      // Map order is insertion order: re-inserting marks the value most recently used.
      if (clock - slot.movedAt > slots.size >> 1) {
        slots.delete(key);
        slots.set(key, slot);
        clock += 1;
        slot.movedAt = clock;
      }
      return slot.value;
    },

    set(key, value, surrogateKeys, size) {
      remove(key);
      clock += 1;
      slots.set(key, { value, surrogateKeys, bytes: size, movedAt: clock });
      bytes += size;
      for (const surrogate of surrogateKeys) {
        let keys = bySurrogateKey.get(surrogate);
        if (!keys) bySurrogateKey.set(surrogate, (keys = new Set()));
        keys.add(key);
      }
      for (const oldest of slots.keys()) {
        if (bytes <= maxBytes) break;
        remove(oldest);
      }
    },

    delete: remove,

    purgeKeys(surrogateKeys) {
      let purged = 0;
      for (const surrogate of surrogateKeys)
        for (const key of [...(bySurrogateKey.get(surrogate) ?? [])]) if (remove(key)) purged += 1;
      return purged;
    },

    clear() {
      slots.clear();
      bySurrogateKey.clear();
      bytes = 0;
    },

    get size() {
      return slots.size;
    },
    get bytes() {
      return bytes;
    },
  };
}
