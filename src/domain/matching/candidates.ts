/**
 * Candidate pairs from blocking keys: an in-memory inverted index, for batch
 * runs and tests. The database will keep the same keys in an indexed table.
 */
import { blockingKeys, type BlockingPerson, type YearOptions } from './blocking';

/**
 * Pairs [i, j] (i < j) of people sharing at least one blocking key. Keys held
 * by more than `maxBlock` people are skipped: such a key is too common to
 * narrow anything down, and the other keys of a true pair still meet.
 */
export function candidatePairs(people: readonly BlockingPerson[], options: YearOptions & { maxBlock?: number } = {}): [number, number][] {
  const maxBlock = options.maxBlock ?? 500;
  const index = new Map<string, number[]>();
  people.forEach((p, i) => {
    for (const k of blockingKeys(p, options)) {
      const list = index.get(k);
      if (list) list.push(i);
      else index.set(k, [i]);
    }
  });
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const n = people.length;
  for (const ids of index.values()) {
    if (ids.length < 2 || ids.length > maxBlock) continue;
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        const i = ids[x] as number;
        const j = ids[y] as number;
        const code = i * n + j;
        if (!seen.has(code)) {
          seen.add(code);
          pairs.push([i, j]);
        }
      }
    }
  }
  return pairs;
}
