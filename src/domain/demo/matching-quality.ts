/**
 * The matcher measured against the generator's planted duplicates, as the
 * store runs it: candidates from blocking keys only (storedKeys indexed,
 * probeKeys looked up), name counts from the generated registry itself
 * (buildNameFrequency), never from the generator's name pools. For the
 * matching tests and the benchmark.
 */
import { buildNameFrequency, candidatePairs, likelyDuplicate, preparePerson, probeKeys, probeWindows, storedKeys, type MatchPerson } from '../matching';
import { generatePeople } from './generate';
import { DUPLICATE_KINDS, type DuplicateKind, type GeneratedPerson } from './types';

export interface QualityOptions {
  count: number;
  seed: number;
  /** share of planted duplicates (default 0.05) */
  duplicateRate?: number;
  /** weigh names by the registry's counts (default true) */
  useFrequency?: boolean;
  /** also check that every planted pair meets both ways, and count keys (costly at 100,000) */
  checkKeys?: boolean;
  /** the year estimated ages count from; the generator's default "today" is 2026-11-01 */
  referenceYear?: number;
}

export interface KindQuality {
  planted: number;
  found: number;
  recall: number;
}

export interface KeyStats {
  storedAverage: number;
  storedMax: number;
  probeAverage: number;
  probeMax: number;
  /** names a probe looks up, each one range of year buckets for the store (see probeWindows) */
  probeNamesAverage: number;
}

export interface MatchingQuality {
  people: readonly GeneratedPerson[];
  recall: number;
  precision: number;
  planted: number;
  flagged: number;
  candidatePairs: number;
  allPairs: number;
  perKind: ReadonlyMap<DuplicateKind, KindQuality>;
  /** planted pairs "i:j" (i registered first) not flagged, and whether blocking made them candidates */
  missed: readonly { pair: [number, number]; kind: DuplicateKind; candidate: boolean }[];
  falsePositives: readonly [number, number][];
  /** planted pairs that do not meet both ways (checkKeys only) */
  notMeeting: readonly string[];
  keyStats: KeyStats | null;
  /** time spent: everything, and scoring the candidate pairs */
  ms: { total: number; scoring: number };
}

export function measureMatching(options: QualityOptions): MatchingQuality {
  const started = performance.now();
  const year = { referenceYear: options.referenceYear ?? 2026 };
  const people = generatePeople({ count: options.count, seed: options.seed, duplicateRate: options.duplicateRate ?? 0.05 });
  const inputs: MatchPerson[] = people.map((p) => p.input);
  const frequency = options.useFrequency === false ? null : buildNameFrequency(inputs);
  const pairs = candidatePairs(inputs, year);
  const truth = new Map<string, DuplicateKind>();
  people.forEach((p, j) => {
    if (p.duplicateOf !== null && p.duplicateKind) truth.set(`${p.duplicateOf}:${j}`, p.duplicateKind);
  });
  // A person registered three times is one person: two duplicates of the same
  // original are a true pair too, though the generator links each only to the original.
  const root = (i: number) => people[i]?.duplicateOf ?? i;

  const scoringStarted = performance.now();
  const found = new Set<string>();
  const falsePositives: [number, number][] = [];
  let flagged = 0;
  let correct = 0;
  const scoring = { ...year, frequency };
  const prepared = inputs.map((p) => preparePerson(p, scoring));
  for (const [i, j] of pairs) {
    if (!likelyDuplicate(prepared[i]!, prepared[j]!, scoring)) continue;
    flagged++;
    const key = `${i}:${j}`;
    if (truth.has(key)) found.add(key);
    if (root(i) === root(j)) correct++;
    else falsePositives.push([i, j]);
  }
  const scoringMs = performance.now() - scoringStarted;

  const candidates = new Set(pairs.map(([i, j]) => `${i}:${j}`));
  const perKind = new Map<DuplicateKind, KindQuality>();
  const missed: MatchingQuality['missed'][number][] = [];
  for (const kind of DUPLICATE_KINDS) {
    const keys = [...truth].filter(([, k]) => k === kind).map(([key]) => key);
    const hit = keys.filter((k) => found.has(k)).length;
    perKind.set(kind, { planted: keys.length, found: hit, recall: keys.length ? hit / keys.length : 1 });
    for (const k of keys) if (!found.has(k)) missed.push({ pair: k.split(':').map(Number) as [number, number], kind, candidate: candidates.has(k) });
  }
  const keyCheck = options.checkKeys ? checkKeys(inputs, truth, year) : null;
  return {
    people,
    recall: truth.size ? found.size / truth.size : 1,
    precision: flagged ? correct / flagged : 1,
    planted: truth.size,
    flagged,
    candidatePairs: pairs.length,
    allPairs: (options.count * (options.count - 1)) / 2,
    perKind,
    missed,
    falsePositives,
    notMeeting: keyCheck?.notMeeting ?? [],
    keyStats: keyCheck?.stats ?? null,
    ms: { total: performance.now() - started, scoring: scoringMs },
  };
}

/** Keys per person, and the planted pairs that do not meet whichever record is registered first. */
function checkKeys(inputs: readonly MatchPerson[], truth: ReadonlyMap<string, DuplicateKind>, year: { referenceYear: number }): { stats: KeyStats; notMeeting: string[] } {
  const stored = inputs.map((p) => storedKeys(p, year));
  const probed = inputs.map((p) => probeKeys(p, year));
  const n = Math.max(1, inputs.length);
  const stats = {
    storedAverage: stored.reduce((s, k) => s + k.length, 0) / n,
    storedMax: Math.max(0, ...stored.map((k) => k.length)),
    probeAverage: probed.reduce((s, k) => s + k.length, 0) / n,
    probeMax: Math.max(0, ...probed.map((k) => k.length)),
    probeNamesAverage: inputs.reduce((s, p) => s + probeWindows(p, year).names.length, 0) / n,
  };
  const meets = (registered: number, arriving: number) => {
    const keys = new Set(stored[registered]);
    return (probed[arriving] ?? []).some((k) => keys.has(k));
  };
  const notMeeting = [...truth.keys()].filter((key) => {
    const [i, j] = key.split(':').map(Number) as [number, number];
    return !meets(i, j) || !meets(j, i);
  });
  return { stats, notMeeting };
}
