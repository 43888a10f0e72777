/** A `Map` or a `Set`: what {@link makeRoom} bounds. */
interface InsertionOrdered<K> {
  readonly size: number;
  keys(): Iterator<K>;
  delete(key: K): boolean;
}

/**
 * Drops the oldest entries of `collection` until one more fits under `max`. Maps and sets iterate
 * in insertion order, so the first key is the one added longest ago (or, where the owner re-inserts
 * a key on use, the one used longest ago). The hub's bounded memories use it: failed-auth windows,
 * the record cache, shared protocols, remembered revocations.
 */
export function makeRoom<K>(collection: InsertionOrdered<K>, max: number): void {
  while (collection.size >= max) {
    const oldest = collection.keys().next();
    if (oldest.done) return;
    collection.delete(oldest.value);
  }
}
