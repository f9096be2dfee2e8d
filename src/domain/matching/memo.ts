/**
 * A bounded cache for a pure function of a string. Names repeat across a
 * registry (Wang, Nguyen, Aung), so their normalised forms do too, and
 * normalising (pinyin above all) costs far more than a map lookup. The cache
 * is emptied when full rather than evicted entry by entry: simpler, and the
 * names in use fill it again at once.
 */
export function memoise<T>(fn: (s: string) => T, limit = 100_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let value = cache.get(s);
    if (value === undefined) {
      value = fn(s);
      if (cache.size >= limit) cache.clear();
      cache.set(s, value);
    }
    return value;
  };
}
