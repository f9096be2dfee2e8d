/**
 * Fits the duplicate score's weights (src/domain/matching/score.ts, WEIGHTS)
 * by logistic regression on the demo generator's planted duplicates.
 *
 *   npx tsx tests/bench/fit-matching.ts            fit, print weights and figures
 *   npx tsx tests/bench/fit-matching.ts --quick    smaller training registries (a trial run)
 *
 * Training registries use seeds that no test or benchmark reads (21–23 at
 * 100,000 people, 31–33 at 10,000); the figures printed for 91–93 at 10,000
 * are held out. For each registry: the blocking candidate pairs (as
 * measureMatching takes them), each pair's evidence items as score.ts adds
 * them (evidenceValues: the value of every item, so that the score is the sum
 * of values times weights), and the label "one person" (same root record,
 * duplicateOf ?? index). Negatives whose names do not come near (no name
 * item above NAME_FLOOR) are many and easy: one in SAMPLE of them is kept,
 * weighted SAMPLE, so the fit sees the same totals.
 *
 * The model: logit P(one person) = bias + Σ weight × value, fitted by
 * Newton's method (IRLS, steps capped) with an L2 penalty on the weights (not the bias).
 * Two stages: the items read with the registry's counts; then, with those
 * fixed, the items that apply only without counts (sameOperation,
 * nameUncounted, aliasUncounted) on the same registries scored without them.
 *
 * Two items are set, not fitted (FIXED). The logit threshold is the one that
 * best clears both targets (recall 0.95, precision 0.9) on the largest
 * training registries; points are natural-log odds divided by the scale that
 * puts that threshold, less the bias, at LIKELY_DUPLICATE (0.7). Paste the
 * printed table into score.ts's weights. Takes about 3 minutes.
 */
import { generatePeople } from '../../src/domain/demo/generate';
import type { DuplicateKind, GeneratedPerson } from '../../src/domain/demo/types';
import { buildNameFrequency, candidatePairs, preparePerson, type MatchPerson } from '../../src/domain/matching';
import { EVIDENCE_ITEMS, evidenceValues } from '../../src/domain/matching/score';

const REFERENCE_YEAR = 2026;
const quick = process.argv.includes('--quick');
const TRAIN: readonly [number, number][] = quick
  ? [[30000, 21], [10000, 31]]
  : [[100000, 21], [100000, 22], [100000, 23], [10000, 31], [10000, 32], [10000, 33]];
const HELD_OUT: readonly [number, number][] = [[10000, 91], [10000, 92], [10000, 93]];
/** One in SAMPLE negatives without a name near the other's is kept (weighted SAMPLE). */
const SAMPLE = 10;
/** L2 penalty on the weights (natural-log odds). */
const L2 = 1;
/** The most one Newton step may move a weight (natural-log odds). */
const MAX_STEP = 2;
/** Points are natural-log odds over this: the threshold then falls at about 0.7 points. */
const TARGET_THRESHOLD = 0.7;
/**
 * Items set, not fitted, in points. The same document number is enough on its own (a number is one
 * person's): the generator never gives two people one number, so the data can only say "infinitely
 * strong"; 1.3 is the threshold and more than the strongest single item against. The generator always
 * records an operation, so "rescued at the same site within 2 days" (read only without operations)
 * never turns up: it keeps the weight it was given by hand.
 */
const FIXED: Readonly<Record<string, number>> = { sameDocument: 1.3, sameSiteAndDay: 0.1 };
/** Items that apply only without the registry's counts (fitted in the second stage). */
const UNCOUNTED = new Set(['sameOperation', 'nameUncounted', 'aliasUncounted']);
const NAME_ITEMS = new Set(['nameRamp', 'nameSame', 'nameSlip', 'aliasRamp', 'aliasSame']);

const D = EVIDENCE_ITEMS.length;
const ITEM = (name: string): number => EVIDENCE_ITEMS.indexOf(name as (typeof EVIDENCE_ITEMS)[number]);

/** One registry's candidate pairs as sparse rows. */
interface Rows {
  label: string;
  n: number;
  start: Uint32Array;
  idx: Uint8Array;
  val: Float32Array;
  y: Uint8Array;
  weight: Float32Array;
  /** the planted pair (its kind's index + 1), or 0 */
  planted: Uint8Array;
  plantedTotal: number;
  plantedByKind: Map<DuplicateKind, number>;
}

class Grow<T extends Uint8Array | Uint32Array | Float32Array> {
  length = 0;
  constructor(public data: T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const KINDS: DuplicateKind[] = [];

function rowsOf(count: number, seed: number, counted: boolean, sample: boolean, people?: GeneratedPerson[]): { rows: Rows; people: GeneratedPerson[] } {
  const t0 = performance.now();
  people ??= generatePeople({ count, seed, duplicateRate: 0.05 });
  const inputs: MatchPerson[] = people.map((p) => p.input);
  const frequency = counted ? buildNameFrequency(inputs) : null;
  const year = { referenceYear: REFERENCE_YEAR };
  const pairs = candidatePairs(inputs, year);
  const options = { ...year, frequency };
  const prepared = inputs.map((p) => preparePerson(p, options));
  const root = (i: number) => people![i]!.duplicateOf ?? i;
  const plantedByKind = new Map<DuplicateKind, number>();
  let plantedTotal = 0;
  for (const p of people) {
    if (p.duplicateOf === null || !p.duplicateKind) continue;
    plantedTotal++;
    plantedByKind.set(p.duplicateKind, (plantedByKind.get(p.duplicateKind) ?? 0) + 1);
  }
  const start = new Grow(new Uint32Array(1 << 16));
  const idx = new Grow(new Uint8Array(1 << 20));
  const val = new Grow(new Float32Array(1 << 20));
  const y = new Grow(new Uint8Array(1 << 16));
  const weight = new Grow(new Float32Array(1 << 16));
  const planted = new Grow(new Uint8Array(1 << 16));
  const x = new Float64Array(D);
  const nameItems = [...NAME_ITEMS].map(ITEM);
  let k = 0;
  for (const [i, j] of pairs) {
    evidenceValues(prepared[i]!, prepared[j]!, options, x);
    const same = root(i) === root(j);
    let w = 1;
    if (!same && !nameItems.some((n) => x[n]! > 0)) {
      if (sample) {
        if (k++ % SAMPLE !== 0) continue;
        w = SAMPLE;
      }
    }
    start.push(idx.length);
    for (let f = 0; f < D; f++) {
      if (x[f] !== 0) {
        idx.push(f);
        val.push(x[f]!);
      }
    }
    y.push(same ? 1 : 0);
    weight.push(w);
    const kind = people[j]!.duplicateOf === i ? people[j]!.duplicateKind : null;
    if (kind && !KINDS.includes(kind)) KINDS.push(kind);
    planted.push(kind ? KINDS.indexOf(kind) + 1 : 0);
  }
  start.push(idx.length);
  const rows: Rows = {
    label: `${count / 1000}k seed ${seed}${counted ? '' : ' (no counts)'}`,
    n: y.length,
    start: start.done(),
    idx: idx.done(),
    val: val.done(),
    y: y.done(),
    weight: weight.done(),
    planted: planted.done(),
    plantedTotal,
    plantedByKind,
  };
  console.error(`${rows.label}: ${pairs.length} candidate pairs, ${rows.n} kept, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { rows, people };
}

/** Σ weight × value of row r, plus the offset. */
function linear(rows: Rows, r: number, w: Float64Array, bias: number): number {
  let z = bias;
  for (let e = rows.start[r]!; e < rows.start[r + 1]!; e++) z += w[rows.idx[e]!]! * rows.val[e]!;
  return z;
}

/**
 * Newton's method for the logistic loss with an L2 penalty on the weights,
 * fitting only the items in `free` (and the bias when fitBias); the others
 * stay as given in w.
 */
function fit(sets: readonly Rows[], w: Float64Array, free: readonly number[], bias: number, fitBias: boolean): number {
  const m = free.length + (fitBias ? 1 : 0);
  const pos = new Int32Array(D).fill(-1);
  free.forEach((f, i) => (pos[f] = i));
  for (let iter = 0; iter < 30; iter++) {
    const g = new Float64Array(m);
    const H = new Float64Array(m * m);
    let loss = 0;
    for (const rows of sets) {
      const active: number[] = [];
      const values: number[] = [];
      for (let r = 0; r < rows.n; r++) {
        const z = linear(rows, r, w, bias);
        const p = 1 / (1 + Math.exp(-z));
        const y = rows.y[r]!;
        const wt = rows.weight[r]!;
        loss -= wt * (y ? Math.log(Math.max(p, 1e-300)) : Math.log(Math.max(1 - p, 1e-300)));
        const gr = wt * (p - y);
        const hr = wt * p * (1 - p);
        active.length = 0;
        values.length = 0;
        for (let e = rows.start[r]!; e < rows.start[r + 1]!; e++) {
          const q = pos[rows.idx[e]!]!;
          if (q < 0) continue;
          active.push(q);
          values.push(rows.val[e]!);
        }
        if (fitBias) {
          active.push(m - 1);
          values.push(1);
        }
        for (let a = 0; a < active.length; a++) {
          const qa = active[a]!;
          const va = values[a]!;
          g[qa] = g[qa]! + gr * va;
          for (let b = 0; b < active.length; b++) {
            const at = qa * m + active[b]!;
            H[at] = H[at]! + hr * va * values[b]!;
          }
        }
      }
    }
    for (let i = 0; i < free.length; i++) {
      const wi = w[free[i]!]!;
      g[i] = g[i]! + L2 * wi;
      H[i * m + i] = H[i * m + i]! + L2;
      loss += 0.5 * L2 * wi * wi;
    }
    if (fitBias) H[(m - 1) * m + m - 1] = H[(m - 1) * m + m - 1]! + 1e-9;
    const step = solve(H, g, m);
    let largest = 0;
    for (let i = 0; i < m; i++) largest = Math.max(largest, Math.abs(step[i]!));
    // Newton's step can overshoot far from the optimum: at most MAX_STEP on any weight.
    const damp = largest > MAX_STEP ? MAX_STEP / largest : 1;
    for (let i = 0; i < free.length; i++) w[free[i]!] = w[free[i]!]! - damp * step[i]!;
    if (fitBias) bias -= damp * step[m - 1]!;
    console.error(`  iteration ${iter + 1}: loss ${loss.toFixed(1)}, largest step ${largest.toExponential(2)}`);
    if (largest < 1e-5) break;
  }
  return bias;
}

/** Solves H x = g (H symmetric positive definite) by Cholesky. */
function solve(H: Float64Array, g: Float64Array, m: number): Float64Array {
  const L = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = H[i * m + j]!;
      for (let k = 0; k < j; k++) s -= L[i * m + k]! * L[j * m + k]!;
      L[i * m + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j * m + j]!;
    }
  }
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = g[i]!;
    for (let k = 0; k < i; k++) s -= L[i * m + k]! * z[k]!;
    z[i] = s / L[i * m + i]!;
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < m; k++) s -= L[k * m + i]! * x[k]!;
    x[i] = s / L[i * m + i]!;
  }
  return x;
}

interface Figures {
  recall: number;
  precision: number;
  flagged: number;
  falsePositives: number;
  kinds: Map<DuplicateKind, number>;
}

/** Recall (of planted pairs) and precision (pairs of one person among those flagged) at a logit threshold. */
function figures(rows: Rows, w: Float64Array, bias: number, threshold: number): Figures {
  let found = 0;
  let flagged = 0;
  let wrong = 0;
  const kinds = new Map<DuplicateKind, number>();
  for (let r = 0; r < rows.n; r++) {
    if (linear(rows, r, w, bias) < threshold) continue;
    flagged += rows.weight[r]!;
    if (!rows.y[r]) wrong += rows.weight[r]!;
    const p = rows.planted[r]!;
    if (p) {
      found++;
      const kind = KINDS[p - 1]!;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  }
  return { recall: found / rows.plantedTotal, precision: flagged ? 1 - wrong / flagged : 1, flagged, falsePositives: wrong, kinds };
}

const f3 = (x: number) => x.toFixed(3);

function report(sets: readonly Rows[], w: Float64Array, bias: number, thresholds: readonly number[], chosen: number): void {
  for (const rows of sets) {
    const line = thresholds.map((t) => {
      const f = figures(rows, w, bias, t);
      return `${t === chosen ? '*' : ' '}${t.toFixed(1)}: ${f3(f.recall)}/${f3(f.precision)}`;
    });
    const f = figures(rows, w, bias, chosen);
    const kinds = [...rows.plantedByKind].map(([k, n]) => `${k} ${f3((f.kinds.get(k) ?? 0) / n)}`).join(', ');
    console.log(`  ${rows.label.padEnd(24)} recall/precision at logit ${line.join('  ')}`);
    console.log(`  ${''.padEnd(24)} at the threshold: flagged ${Math.round(f.flagged)}, false ${Math.round(f.falsePositives)}; ${kinds}`);
  }
}

function main(): void {
  const started = performance.now();
  console.error('Training registries (with counts):');
  const trained = TRAIN.map(([count, seed]) => rowsOf(count, seed, true, true));
  const train = trained.map((t) => t.rows);
  const w = new Float64Array(D);
  const uncounted = EVIDENCE_ITEMS.map((k, i) => (UNCOUNTED.has(k) ? i : -1)).filter((i) => i >= 0);
  const fixed = Object.keys(FIXED).map(ITEM);
  const counted = EVIDENCE_ITEMS.map((_, i) => i).filter((i) => !uncounted.includes(i) && !fixed.includes(i));
  console.error('Fitting the items read with counts:');
  // Set before the fit in natural-log odds, from the expected scale (10 per point), and again once the scale is known.
  for (const [k, points] of Object.entries(FIXED)) w[ITEM(k)] = points * 10;
  let positive = 0;
  let negative = 0;
  for (const rows of train) for (let r = 0; r < rows.n; r++) rows.y[r] ? (positive += rows.weight[r]!) : (negative += rows.weight[r]!);
  const bias = fit(train, w, counted, Math.log(positive / negative), true);

  // The logit threshold: the one that best clears both targets (the larger of the smaller margin,
  // recall − 0.95 and precision − 0.9) on the largest training registries, on average.
  const large = train.filter((r) => r.label.startsWith(`${TRAIN[0]![0] / 1000}k`));
  let threshold = 0;
  let bestMargin = -Infinity;
  for (let t = -3; t <= 3; t += 0.1) {
    let margin = 0;
    for (const rows of large) {
      const f = figures(rows, w, bias, t);
      margin += Math.min(f.recall - 0.95, f.precision - 0.9) / large.length;
    }
    if (margin > bestMargin) {
      bestMargin = margin;
      threshold = Math.round(t * 10) / 10;
    }
  }

  console.error('Training registries (without counts), second stage:');
  const plain = trained.filter((_, i) => TRAIN[i]![0] <= 10000).map((t, i) => rowsOf(t.people.length, TRAIN.filter(([c]) => c <= 10000)[i]![1], false, true, t.people).rows);
  if (plain.length > 0) fit(plain, w, uncounted, bias, false);

  console.error('Held-out registries:');
  const held = HELD_OUT.map(([count, seed]) => rowsOf(count, seed, true, false).rows);

  const scale = (threshold - bias) / TARGET_THRESHOLD;
  for (const [k, points] of Object.entries(FIXED)) w[ITEM(k)] = points * scale;
  console.log(`\nFitted on ${TRAIN.map(([c, s]) => `${c / 1000}k seed ${s}`).join(', ')} (L2 ${L2}, negatives without a near name sampled 1 in ${SAMPLE})`);
  console.log(`bias ${bias.toFixed(3)} (natural-log odds of a candidate pair with no evidence); logit threshold ${threshold.toFixed(1)} (smaller margin to the targets on the largest: ${f3(bestMargin)})`);
  console.log(`scale: 1 point = ${scale.toFixed(2)} natural-log odds; LIKELY_DUPLICATE = ${TARGET_THRESHOLD}\n`);
  console.log('Weights (natural-log odds → points):');
  for (let i = 0; i < D; i++) console.log(`  ${EVIDENCE_ITEMS[i]!.padEnd(24)} ${w[i]!.toFixed(3).padStart(8)}  → ${(w[i]! / scale).toFixed(3).padStart(7)}`);
  console.log('\nAs points, for score.ts:');
  console.log(EVIDENCE_ITEMS.map((k, i) => `  ${k}: ${round(w[i]! / scale)},`).join('\n'));

  const thresholds = [-1, -0.5, 0, 0.5, 1, 1.5, 2].map((d) => Math.round((threshold + d) * 10) / 10);
  console.log('\nTraining:');
  report([...train, ...plain], w, bias, thresholds, threshold);
  console.log('Held out:');
  report(held, w, bias, thresholds, threshold);
  console.error(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

main();
