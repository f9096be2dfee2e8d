/**
 * How alike two people's names are: the best similarity over every pair of
 * their name forms (Latin, native, aliases), order-free, after normalisation
 * and romanisation folding (./prepare).
 *
 * Averaging per token rather than comparing whole strings keeps a different
 * short surname visible (Liu Haoran / Lu Haoran) while one typo in a long
 * token costs little. With the registry's name counts (./frequency), two
 * cases that look alike on paper are told apart:
 *  - a slip: a spelling nobody else has, one slip (substitution, drop,
 *    double, swap) from the other record's token, with the same first letter:
 *    Budu / Budi, Iljam / Ilham, Thakyr / Thakur. It counts nearly as the
 *    same token;
 *  - different names: two tokens other people have too, that are not one
 *    slip apart (Dũng / Tùng, Văn / Xuân, Jericho / Jerome), or that are one
 *    slip apart but each common enough to be a name in its own right
 *    (Zhu / Zhou, Quân / Quang). A pair of forms that matched a part this way
 *    is held below the point where a name counts as evidence.
 * Without counts, tokens compare by Jaro-Winkler alone.
 *
 * Runs for every candidate pair of an import, so it works on reused scratch
 * buffers: each pair of forms fills one token similarity matrix, read in both
 * directions, and looks counts up only where they decide something.
 */
import type { NameFrequency } from './frequency';
import type { PreparedName } from './prepare';
import { jaroWinkler, oneEditApart } from './similarity';

/** Similarity of a token nobody else has, one slip from the other record's (see above). */
export const SLIP_SIMILARITY = 0.96;
/** Below this a name says nothing for the pair (see ./score). */
export const NAME_FLOOR = 0.85;
/** The most a pair of forms with a different name part can count. */
const DIFFERENT_PARTS = 0.8;
/** People (the two compared included) who must have a token before it is a name others have too. */
const ESTABLISHED = 2;
/** ...and before a spelling one slip from another name is a different name rather than a variant. */
const NAME_IN_ITS_OWN_RIGHT = 5;
/** Two tokens read as one must then match closely: Khant Win / Khantwin is not Khant. */
const MERGED_AT_LEAST = 0.95;
/** An initial against a name it could stand for (J. Woo / Ji Woo). */
const INITIAL_SIMILARITY = 0.9;

/** Tokens as compared: folded, with the spelling as written (for slips) at the same index. */
export interface Tokens {
  tokens: readonly string[];
  raw: readonly string[];
}

export interface NameMatch {
  similarity: number;
  /** the best pair of forms goes through an alias on either side */
  alias: boolean;
  /** a typing slip was read into the best pair of forms */
  slip: boolean;
  a: PreparedName | null;
  b: PreparedName | null;
}

// What a cell of the matrix found besides its similarity.
const PLAIN = 0;
const SLIP = 1;
const DISTINCT = 2;
/** not one slip apart, and under the slip similarity: a different name if both are common (decided only when it matters) */
const UNDECIDED = 3;

const MAX_TOKENS = 30;
let sims = new Float64Array(64);
let kinds = new Uint8Array(64);

// The registry counts of the comparison in progress (JavaScript runs one at a time).
let frequency: NameFrequency | null = null;

/** One slip apart, keeping the first letter, and long enough that a slip (not a different short name) is the likely story. */
const slipApart = (x: string, y: string): boolean =>
  x.charCodeAt(0) === y.charCodeAt(0) && Math.max(x.length, y.length) >= 3 && Math.min(x.length, y.length) >= 2 && oneEditApart(x, y);

/** Fill cell (i, j) of the matrix for token i of a and token j of b. */
function fill(a: Tokens, i: number, b: Tokens, j: number, at: number): void {
  const x = a.tokens[i] as string;
  const y = b.tokens[j] as string;
  kinds[at] = PLAIN;
  if (x === y) {
    sims[at] = 1;
    return;
  }
  if ((x.length === 1 || y.length === 1) && x.charCodeAt(0) === y.charCodeAt(0)) {
    sims[at] = INITIAL_SIMILARITY;
    return;
  }
  const jw = jaroWinkler(x, y);
  sims[at] = jw;
  const slip = SLIP_SIMILARITY;
  if (frequency === null || jw >= slip) return;
  const foldedSlip = slipApart(x, y);
  if (!foldedSlip && !slipApart(a.raw[i] as string, b.raw[j] as string)) {
    kinds[at] = UNDECIDED;
    return;
  }
  const cx = frequency.count(x);
  const cy = frequency.count(y);
  const fewest = Math.min(cx, cy);
  const most = Math.max(cx, cy);
  // A spelling nobody else has; for a very common name, one a slip would repeat now and then (1 in 100).
  if (fewest <= 1 + most / 100) {
    sims[at] = slip;
    kinds[at] = SLIP;
  } else if (foldedSlip && fewest >= NAME_IN_ITS_OWN_RIGHT && fewest * 20 >= most) {
    // Only when the folded tokens are one slip apart: folding can turn a slip into another
    // name (Heru / Her → he), and the counts are of folded tokens.
    kinds[at] = DISTINCT;
  }
}

// What the chosen cells of the last cover() found.
let coverSlip = false;
let coverDistinct = false;
const MAX_UNDECIDED = 16;
const undecidedA: string[] = [];
const undecidedB: string[] = [];
let undecided = 0;

/**
 * How well the n tokens on one side are found among the m on the other: the
 * mean best similarity, each token on the other side used once. Reads the
 * matrix row-wise (transposed: column-wise).
 */
function cover(n: number, m: number, transposed: boolean, a: Tokens, b: Tokens): number {
  let used = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestAt = -1;
    for (let j = 0; j < m; j++) {
      if (used & (1 << j)) continue;
      const s = sims[transposed ? j * n + i : i * m + j] as number;
      if (s > best) {
        best = s;
        bestAt = j;
        if (s === 1) break;
      }
    }
    if (bestAt < 0) continue;
    used |= 1 << bestAt;
    total += best;
    const at = transposed ? bestAt * n + i : i * m + bestAt;
    let kind = kinds[at] as number;
    if (kind === SLIP) coverSlip = true;
    else if (kind === DISTINCT) coverDistinct = true;
    else if (kind === UNDECIDED && undecided < MAX_UNDECIDED) {
      // Looked up only if the pair could otherwise pass as the same name (see settle).
      undecidedA[undecided] = transposed ? (a.tokens[bestAt] as string) : (a.tokens[i] as string);
      undecidedB[undecided] = transposed ? (b.tokens[i] as string) : (b.tokens[bestAt] as string);
      undecided++;
    }
  }
  return total / n;
}

/** The matrix of a against b, then cover in one or both directions. */
function compare(a: Tokens, b: Tokens, both: boolean): number {
  const n = Math.min(a.tokens.length, MAX_TOKENS);
  const m = Math.min(b.tokens.length, MAX_TOKENS);
  if (sims.length < n * m) {
    sims = new Float64Array(n * m * 2);
    kinds = new Uint8Array(n * m * 2);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) fill(a, i, b, j, i * m + j);
  coverSlip = false;
  coverDistinct = false;
  undecided = 0;
  const forward = cover(n, m, false, a, b);
  return both ? (forward + cover(m, n, true, a, b)) / 2 : forward;
}

/** Whether the last comparison rests on a slip (and met no different name part). */
let lastSlip = false;

/** The similarity as it counts: a different name part holds the pair below the floor. */
function settle(similarity: number): number {
  if (!coverDistinct && similarity > DIFFERENT_PARTS && frequency !== null) {
    for (let k = 0; k < undecided; k++) {
      if (Math.min(frequency.count(undecidedA[k] as string), frequency.count(undecidedB[k] as string)) >= ESTABLISHED) {
        coverDistinct = true;
        break;
      }
    }
  }
  lastSlip = coverSlip && !coverDistinct;
  return coverDistinct ? Math.min(similarity, DIFFERENT_PARTS) : similarity;
}

function joinAt(list: readonly string[], i: number): string[] {
  const out = list.slice(0, i);
  out.push(`${list[i]}${list[i + 1]}`);
  for (let k = i + 2; k < list.length; k++) out.push(list[k] as string);
  return out;
}

/** The form with two neighbouring tokens written as one (Sae tang → Saetang). */
function merged(t: Tokens, i: number): Tokens {
  return { tokens: joinAt(t.tokens, i), raw: joinAt(t.raw, i) };
}

/**
 * Similarity of two name forms, 0..1, order-free (ZHANG WEI / Wei Zhang).
 * When the token counts differ, the longer form may have split a word
 * (Sae-tang / Saetang) or the shorter may lack a part (a family name not
 * recorded); the latter is discounted, since "Wei" alone says less than
 * "Zhang Wei". Sets lastSlip.
 */
export function tokensSimilarity(a: Tokens, b: Tokens): number {
  const la = a.tokens.length;
  const lb = b.tokens.length;
  lastSlip = false;
  if (la === 0 || lb === 0) return 0;
  if (la === lb) return settle(compare(a, b, true));
  const [short, long] = la < lb ? [a, b] : [b, a];
  let best = settle(compare(short, long, false) * (0.8 + (0.15 * short.tokens.length) / long.tokens.length));
  let bestSlip = lastSlip;
  if (long.tokens.length === short.tokens.length + 1) {
    for (let i = 0; i + 1 < long.tokens.length; i++) {
      const s = settle(compare(short, merged(long, i), true));
      if (s >= MERGED_AT_LEAST && s > best) {
        best = s;
        bestSlip = lastSlip;
      }
    }
  }
  lastSlip = bestSlip;
  return best;
}

/**
 * Best similarity over all pairs of name forms, which forms gave it, and
 * whether it rests on an alias. Only real names (no aliases) when realOnly.
 */
export function bestNameMatch(
  a: readonly PreparedName[],
  b: readonly PreparedName[],
  counts: NameFrequency | null = null,
  realOnly = false,
): NameMatch {
  const outer = frequency;
  frequency = counts;
  try {
    const best: NameMatch = { similarity: 0, alias: false, slip: false, a: null, b: null };
    for (const fa of a) {
      if (realOnly && fa.alias) continue;
      for (const fb of b) {
        if (realOnly && fb.alias) continue;
        const alias = fa.alias || fb.alias;
        // A name in Thai or Myanmar script shares no letters with a Latin one.
        if (fa.latin !== fb.latin) continue;
        const similarity = fa.key === fb.key ? 1 : tokensSimilarity(fa, fb);
        const slip = fa.key !== fb.key && lastSlip;
        // Prefer a match between real names over an equally good one through an alias.
        if (similarity > best.similarity || (similarity === best.similarity && best.alias && !alias)) {
          best.similarity = similarity;
          best.alias = alias;
          best.slip = slip && similarity < 1;
          best.a = fa;
          best.b = fb;
          // Nothing beats the same real name.
          if (similarity === 1 && !alias) return best;
        }
      }
    }
    return best;
  } finally {
    frequency = outer;
  }
}

/**
 * Registered people other than the two compared who have the name: the
 * commoner of the two forms (the clean side of a typo is the one others
 * share). The counts are taken to include both records, as they do once
 * the new record is counted (the store counts an import's rows too).
 */
export function namesakes(counts: NameFrequency, a: PreparedName, b: PreparedName): number {
  const both = a.key === b.key ? 2 : 1;
  return Math.max(0, counts.count(a.wholeKey) - both, counts.count(b.wholeKey) - both);
}
