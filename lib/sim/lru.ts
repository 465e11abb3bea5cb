/**
 * The per-instance cache of the simulation: a bounded map that forgets the least recently
 * used key (a Map keeps insertion order, so re-inserting on a hit moves a key to the end).
 * It stores no values: the simulation only needs to know whether a key would have hit.
 */
export function createLruSet(capacity: number) {
  const keys = new Map<string, true>();
  return {
    /** True on a hit; on a miss the key is stored, evicting the oldest if full. */
    touch(key: string): boolean {
      if (keys.has(key)) {
        keys.delete(key);
        keys.set(key, true);
        return true;
      }
      if (capacity <= 0) return false;
      if (keys.size >= capacity) {
        const oldest = keys.keys().next();
        if (!oldest.done) keys.delete(oldest.value);
      }
      keys.set(key, true);
      return false;
    },
    get size() {
      return keys.size;
    },
  };
}
