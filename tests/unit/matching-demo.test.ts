/**
 * Measured test: the matcher against the demo generator's planted duplicates.
 * Candidates come from blocking keys only (storedKeys indexed, probeKeys
 * looked up, as the store does); name counts come from the generated
 * registry itself (buildNameFrequency), never from the generator's name
 * pools. Precision and recall are computed against `duplicateOf` and printed
 * per kind of duplicate.
 *
 * The targets, recall ≥ 0.95 and precision ≥ 0.9, are asserted on
 * seeds 11, 12 and 13 (3,000 people, 5% planted) and on 10,000 people
 * (seed 11). The weights (src/domain/matching/score.ts) are fitted by
 * logistic regression with tests/bench/fit-matching.ts on seeds 21–23 at
 * 100,000 people and 31–33 at 10,000, none of which any test reads. Measured
 * with them (recall / precision; before the fit, with hand-tuned weights, in
 * brackets):
 *   3,000:  seed 11 0.966 / 0.966 (0.986 / 0.949), 12 0.985 / 0.978
 *           (0.993 / 0.986), 13 0.978 / 0.993 (0.978 / 0.993)
 *   10,000: seed 11 0.980 / 0.948 (0.986 / 0.926)
 *   held out, 10,000: seed 91 0.967 / 0.965, 92 0.966 / 0.942, 93 0.976 / 0.960
 *   100,000 (npm run bench, seed 11): 0.944 / 0.905 (0.932 / 0.860);
 *   held out, seed 97: 0.939 / 0.902.
 * At 100,000 people the targets are not both met: no threshold gives recall
 * 0.95 with precision 0.9 (see the fitting tool's curves). The misses and the
 * false positives are mostly one cell, "the same name, nobody else has it,
 * ages estimated a few years apart, different rescue operations", where true
 * namesakes and re-registrations look alike and nothing else recorded tells
 * them apart; the larger the registry, the more namesakes. Aliases vary most
 * by seed: a record with only "Boyet" or "Tony" is found when the nickname is
 * rare or other evidence agrees.
 *
 * Without registry counts (frequency omitted) the matcher still works, less
 * surely; that is measured here too.
 */
import { describe, expect, it } from 'vitest';
import { DUPLICATE_KINDS, type DuplicateKind } from '../../src/domain/demo';
import { measureMatching } from '../../src/domain/demo/matching-quality';
import { buildNameFrequency, matchScore, type MatchPerson } from '../../src/domain/matching';

const REFERENCE_YEAR = 2026; // the generator's default "today" is 2026-11-01
/** Kinds whose recall is held to 0.9 on every run; aliases vary too much by seed (see the header). */
const STRUCTURAL: readonly DuplicateKind[] = ['pinyin_vs_hanzi', 'diacritics_dropped', 'token_order', 'typo', 'romanisation_variant'];

function measure(count: number, seed: number, useFrequency = true) {
  const m = measureMatching({ count, seed, useFrequency, checkKeys: true, referenceYear: REFERENCE_YEAR });
  const inputs = m.people.map((p) => p.input);
  const options = { referenceYear: REFERENCE_YEAR, frequency: useFrequency ? buildNameFrequency(inputs) : null };
  const describePair = ([i, j]: readonly [number, number]) => {
    const a = inputs[i]!;
    const b = inputs[j]!;
    const r = matchScore(a, b, options);
    return `${r.score.toFixed(2)} ${names(a)} ~ ${names(b)} [${r.reasons.join('; ')}]`;
  };
  const lines: string[] = [];
  for (const kind of DUPLICATE_KINDS) {
    const k = m.perKind.get(kind)!;
    lines.push(`${kind.padEnd(21)} planted ${String(k.planted).padStart(3)}  found ${String(k.found).padStart(3)}  recall ${k.recall.toFixed(3)}`);
    for (const miss of m.missed.filter((x) => x.kind === kind)) lines.push(`    missed ${miss.candidate ? '' : '(not blocked) '}${describePair(miss.pair)}`);
  }
  const keys = m.keyStats!;
  console.log(
    [
      `${count} people, seed ${seed}${useFrequency ? '' : ', without registry counts'}: planted pairs ${m.planted}, candidate pairs ${m.candidatePairs} (${((100 * m.candidatePairs) / m.allPairs).toFixed(2)}% of all), flagged ${m.flagged}`,
      `recall ${m.recall.toFixed(3)}  precision ${m.precision.toFixed(3)}  (false positives ${m.falsePositives.length})`,
      `keys stored per person: average ${keys.storedAverage.toFixed(2)}, max ${keys.storedMax}; probed: average ${keys.probeAverage.toFixed(1)}, max ${keys.probeMax}, in ${keys.probeNamesAverage.toFixed(1)} names`,
      `scoring ${((m.ms.scoring * 1000) / Math.max(1, m.candidatePairs)).toFixed(1)} µs per candidate pair; whole run ${(m.ms.total / 1000).toFixed(1)} s`,
      ...lines,
      `false positives:`,
      ...m.falsePositives.map((f) => `    ${describePair(f)}`),
    ].join('\n'),
  );
  return m;
}

const names = (p: MatchPerson) =>
  JSON.stringify(
    [p.familyName, p.givenNames, p.nativeName, (p.aliases ?? []).join('/'), p.birthDate ?? `~${p.estimatedAge}`, p.claimedNationality, (p.sex ?? '?')[0], p.rescueOperation ?? '-'].join('|'),
  );

describe.each([
  [3000, 11],
  [3000, 12],
  [3000, 13],
  [10000, 11],
])('matching against planted demo duplicates (%i people, seed %i, 5%)', (count, seed) => {
  const m = measure(count, seed);

  it('blocking puts every planted pair among the candidates, with few comparisons', () => {
    expect(m.missed.filter((x) => !x.candidate).map((x) => x.pair.join(':'))).toEqual([]);
    expect(m.candidatePairs).toBeLessThan(0.01 * m.allPairs);
  });

  it('each planted pair meets whichever record was registered first', () => {
    expect(m.notMeeting).toEqual([]);
  });

  it('stores few keys per person (the store keeps a row for each), and probes few names (each a range of year buckets)', () => {
    expect(m.keyStats!.storedAverage).toBeLessThanOrEqual(12);
    expect(m.keyStats!.storedMax).toBeLessThanOrEqual(24);
    expect(m.keyStats!.probeNamesAverage).toBeLessThanOrEqual(12);
    expect(m.keyStats!.probeAverage).toBeLessThanOrEqual(100);
  });

  it('reaches the issue targets: recall ≥ 0.95 and precision ≥ 0.9', () => {
    expect(m.recall).toBeGreaterThanOrEqual(0.95);
    expect(m.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('finds every pair with the same document number', () => {
    expect(m.perKind.get('exact_document')?.recall).toBe(1);
  });

  it.each(STRUCTURAL)('recall ≥ 0.9 for %s', (kind) => {
    expect(m.perKind.get(kind)?.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('without registry counts (3,000 people, seed 11)', () => {
  const m = measure(3000, 11, false);

  // Measured 0.973 / 0.954 (hand-tuned weights: 0.952 / 0.973): without counts a name nobody else has counts for no more than a common one.
  it('still finds the duplicates, with less to go on', () => {
    expect(m.recall).toBeGreaterThanOrEqual(0.95);
    expect(m.precision).toBeGreaterThanOrEqual(0.85);
  });
});
