/**
 * Candidate pairs from blocking keys, in memory, the way the store does it on
 * disk: index everyone's storedKeys, then look up each person's probeKeys.
 * For batch runs and tests.
 */
import { probeKeys, storedKeys } from './blocking';
import type { BlockingPerson, YearOptions } from './prepare';

/**
 * A block (one key, one year bucket) shared by more people than this narrows
 * nothing down; the other keys of a true pair still meet. The store's lookup
 * (src/services/duplicates/blocks.ts) and this in-memory one cut at the same size.
 */
export const MAX_BLOCK = 400;

export interface CandidateOptions extends YearOptions {
  /**
   * Keys stored by more than this many people are skipped: such a key is too
   * common to narrow anything down, and the other keys of a true pair still
   * meet. Default MAX_BLOCK, as the store.
   */
  maxBlock?: number;
}

/** An index of stored keys (key → people), as the store's (key, person) table. */
export function indexStoredKeys(people: readonly BlockingPerson[], options: YearOptions = {}): Map<string, number[]> {
  const index = new Map<string, number[]>();
  people.forEach((p, i) => {
    for (const k of storedKeys(p, options)) {
      const list = index.get(k);
      if (list) list.push(i);
      else index.set(k, [i]);
    }
  });
  return index;
}

/** Pairs [i, j] (i < j) where one's probeKeys meet the other's storedKeys. */
export function candidatePairs(people: readonly BlockingPerson[], options: CandidateOptions = {}): [number, number][] {
  const maxBlock = options.maxBlock ?? MAX_BLOCK;
  const index = indexStoredKeys(people, options);
  const n = people.length;
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  people.forEach((p, i) => {
    for (const k of probeKeys(p, options)) {
      const ids = index.get(k);
      if (!ids || ids.length > maxBlock) continue;
      for (const j of ids) {
        if (j === i) continue;
        const lo = i < j ? i : j;
        const hi = i < j ? j : i;
        const code = lo * n + hi;
        if (!seen.has(code)) {
          seen.add(code);
          pairs.push([lo, hi]);
        }
      }
    }
  });
  return pairs;
}
