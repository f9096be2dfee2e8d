/**
 * Measured test: the matcher against the demo generator's planted duplicates.
 * Candidates come from blocking keys only; precision and recall are computed
 * against `duplicateOf` and printed per kind of duplicate.
 *
 * The targets are recall ≥ 0.95 and precision ≥ 0.9. Measured on
 * seed 11 (3,000 people, 5% planted): recall 0.947, precision 0.777.
 *  - Five kinds reach recall 1.0 and are held to ≥ 0.95 below.
 *  - typo (0.86) and alias (0.75) do not. A one-letter slip in a short name
 *    (Budi / Budu, Ilham / Iljam, Chan / Cham) is as far apart as two different
 *    real names (Tùng / Hùng); an alias-only record ("Boyet") shares its only
 *    name with many other people. Both need evidence this pairwise score does
 *    not have yet (name frequency in the registry, photos, interviews).
 *  - Most false positives are true homonyms: the generator draws names from
 *    small pools, so two different people with the same name, sex,
 *    nationality and birth year within tolerance (Muhammad, Agus, Wang Qian)
 *    are common, and no name matcher can tell them apart.
 * The floors asserted here are the measured figures, so a regression fails;
 * the targets are recorded as a todo rather than silently lowered.
 */
import { describe, expect, it } from 'vitest';
import { DUPLICATE_KINDS, generatePeople, type DuplicateKind } from '../../src/domain/demo';
import { candidatePairs, isLikelyDuplicate, matchScore, type MatchPerson } from '../../src/domain/matching';

const REFERENCE_YEAR = 2026; // the generator's default "today" is 2026-11-01
const MEETS_TARGET: readonly DuplicateKind[] = ['exact_document', 'pinyin_vs_hanzi', 'diacritics_dropped', 'token_order', 'romanisation_variant'];

function measure() {
  const people = generatePeople({ count: 3000, seed: 11, duplicateRate: 0.05 });
  const inputs = people.map((p) => p.input);
  const pairs = candidatePairs(inputs, { referenceYear: REFERENCE_YEAR });
  const truth = new Map<string, DuplicateKind>();
  people.forEach((p, j) => {
    if (p.duplicateOf !== null && p.duplicateKind) truth.set(`${p.duplicateOf}:${j}`, p.duplicateKind);
  });
  // A person registered three times is one person: two duplicates of the same
  // original are a true pair too, though the generator links each only to the original.
  const root = (i: number) => people[i]!.duplicateOf ?? i;

  const found = new Set<string>();
  const falsePositives: string[] = [];
  let predicted = 0;
  let correct = 0;
  let homonyms = 0;
  for (const [i, j] of pairs) {
    const r = matchScore(inputs[i]!, inputs[j]!, { referenceYear: REFERENCE_YEAR });
    if (!isLikelyDuplicate(r.score)) continue;
    predicted++;
    const key = `${i}:${j}`;
    if (truth.has(key)) found.add(key);
    if (root(i) === root(j)) correct++;
    else {
      if (r.reasons.includes('same name')) homonyms++;
      falsePositives.push(`${r.score.toFixed(2)} ${names(inputs[i]!)} ~ ${names(inputs[j]!)} [${r.reasons.join('; ')}]`);
    }
  }
  const candidateSet = new Set(pairs.map(([i, j]) => `${i}:${j}`));
  const perKind = new Map<DuplicateKind, number>();
  const lines: string[] = [];
  for (const kind of DUPLICATE_KINDS) {
    const keys = [...truth].filter(([, k]) => k === kind).map(([key]) => key);
    const blocked = keys.filter((k) => candidateSet.has(k)).length;
    const hit = keys.filter((k) => found.has(k)).length;
    const recall = keys.length ? hit / keys.length : 1;
    perKind.set(kind, recall);
    lines.push(`${kind.padEnd(21)} planted ${String(keys.length).padStart(3)}  blocked ${String(blocked).padStart(3)}  found ${String(hit).padStart(3)}  recall ${recall.toFixed(3)}`);
    for (const k of keys.filter((key) => !found.has(key))) {
      const [i, j] = k.split(':').map(Number) as [number, number];
      const r = matchScore(inputs[i]!, inputs[j]!, { referenceYear: REFERENCE_YEAR });
      lines.push(`    missed ${candidateSet.has(k) ? r.score.toFixed(2) : 'unblocked'} ${names(inputs[i]!)} ~ ${names(inputs[j]!)} [${r.reasons.join('; ')}]`);
    }
  }
  const recall = found.size / truth.size;
  const precision = predicted ? correct / predicted : 1;
  console.log(
    [
      `people ${people.length}, planted duplicate pairs ${truth.size}, candidate pairs ${pairs.length} (of ${(people.length * (people.length - 1)) / 2}), flagged ${predicted}`,
      `recall ${recall.toFixed(3)}  precision ${precision.toFixed(3)}  (false positives ${falsePositives.length}, of which identical-name homonyms ${homonyms})`,
      ...lines,
      `false positives:`,
      ...falsePositives.map((f) => `    ${f}`),
    ].join('\n'),
  );
  return { recall, precision, perKind, truth, pairs, candidateSet };
}

const names = (p: MatchPerson) =>
  JSON.stringify([p.familyName, p.givenNames, p.nativeName, (p.aliases ?? []).join('/'), p.birthDate ?? `~${p.estimatedAge}`, p.claimedNationality, (p.sex ?? '?')[0]].join('|'));

describe('matching against planted demo duplicates (3,000 people, seed 11, 5%)', () => {
  const m = measure();

  it('blocking alone puts every planted pair among the candidates, with few comparisons', () => {
    for (const key of m.truth.keys()) expect(m.candidateSet.has(key), key).toBe(true);
    expect(m.pairs.length).toBeLessThan(0.01 * ((3000 * 2999) / 2));
  });

  it.each(MEETS_TARGET)('recall ≥ 0.95 for %s', (kind) => {
    expect(m.perKind.get(kind)).toBeGreaterThanOrEqual(0.95);
  });

  it('holds the measured floors (below the issue targets: see the header comment)', () => {
    expect(m.perKind.get('typo')).toBeGreaterThanOrEqual(0.85);
    expect(m.perKind.get('alias')).toBeGreaterThanOrEqual(0.75);
    expect(m.recall).toBeGreaterThanOrEqual(0.94);
    expect(m.precision).toBeGreaterThanOrEqual(0.77);
  });

  it.todo('reaches the issue targets overall: recall ≥ 0.95 (now 0.947) and precision ≥ 0.9 (now 0.777)');
});
