/**
 * String and token-list similarity for names. Jaro-Winkler suits names: it
 * forgives a transposed or mistyped letter and rewards a shared beginning,
 * which is where people are most reliable.
 *
 * These run for every candidate pair of an import (10,000 rows against a
 * registry of 100,000), so they work on UTF-16 code units and allocate
 * nothing. Names reach them normalised (./normalise): Chinese characters are
 * already pinyin, so a letter outside the Basic Multilingual Plane is rare;
 * a string with one takes a slower path that counts it as one letter.
 */

/** Jaro-Winkler similarity, 0..1, on code points. */
export function jaroWinkler(s1: string, s2: string): number {
  if (s1 === s2) return 1;
  if (s1.length === 0 || s2.length === 0) return 0;
  if (hasSurrogate(s1) || hasSurrogate(s2)) {
    const [a, b] = oneUnitPerLetter(s1, s2);
    return jaroWinklerUnits(a, b);
  }
  return jaroWinklerUnits(s1, s2);
}

function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xf800) === 0xd800) return true;
  return false;
}

/** Both strings with each distinct code point replaced by one private-use unit, so a surrogate pair is one letter. */
function oneUnitPerLetter(s1: string, s2: string): [string, string] {
  const units = new Map<string, string>();
  const recode = (s: string) => {
    let out = '';
    for (const ch of s) {
      let unit = units.get(ch);
      if (unit === undefined) {
        unit = String.fromCharCode(0xe000 + units.size);
        units.set(ch, unit);
      }
      out += unit;
    }
    return out;
  };
  return [recode(s1), recode(s2)];
}

function jaroWinklerUnits(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la > 31 || lb > 31) return jaroWinklerLong(a, b);
  // Names are short: bit masks mark matched letters, with no buffers to clear.
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let aMask = 0;
  let bMask = 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = i > window ? i - window : 0;
    const hi = i + window < lb - 1 ? i + window : lb - 1;
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if ((bMask & (1 << j)) === 0 && c === b.charCodeAt(j)) {
        aMask |= 1 << i;
        bMask |= 1 << j;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if ((aMask & (1 << i)) === 0) continue;
    while ((bMask & (1 << k)) === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return winkler(a, b, matches, transpositions);
}

function winkler(a: string, b: string, m: number, transpositions: number): number {
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

let aMatched = new Uint8Array(64);
let bMatched = new Uint8Array(64);

/** The same for strings longer than a bit mask holds (rare in names). */
function jaroWinklerLong(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (aMatched.length < la) aMatched = new Uint8Array(la * 2);
  if (bMatched.length < lb) bMatched = new Uint8Array(lb * 2);
  aMatched.fill(0, 0, la);
  bMatched.fill(0, 0, lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (bMatched[j] === 0 && c === b.charCodeAt(j)) {
        aMatched[i] = 1;
        bMatched[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (aMatched[i] === 0) continue;
    while (bMatched[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return winkler(a, b, matches, transpositions);
}

/**
 * Whether two different strings are one slip apart: one letter substituted,
 * dropped, added, or two neighbours swapped (Damerau distance 1).
 */
export function oneEditApart(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1 || a === b) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // a substitution at i, or a swap of i and i+1
    if (sameFrom(a, i + 1, b, i + 1)) return true;
    return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameFrom(a, i + 2, b, i + 2);
  }
  return la > lb ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1);
}

/** a from i and b from j are the same to the end. */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/** Similarity of two tokens, 0..1; `tokenSimilarity` lets the caller judge a pair first (a typing slip, a frequency check). */
export type TokenSimilarity = (a: string, b: string) => number;

/**
 * How well the tokens of the shorter name are found in the longer one: the
 * mean best similarity of each of its tokens, each token of the longer name
 * used once. Handles a record with the family name missing ("Aye Khaing" vs
 * "Aye Aye Khaing", "Wei" vs "Zhang Wei"); the caller discounts partial cover.
 */
export function tokenCover(shorter: readonly string[], longer: readonly string[], similarity: TokenSimilarity = jaroWinkler): number {
  if (shorter.length === 0 || longer.length === 0) return 0;
  // Token lists are short (a name has 1–5 parts): a bit mask marks used tokens.
  let used = 0;
  let total = 0;
  for (const t of shorter) {
    let best = 0;
    let bestAt = -1;
    for (let j = 0; j < longer.length && j < 31; j++) {
      if (used & (1 << j)) continue;
      const s = similarity(t, longer[j] as string);
      if (s > best) {
        best = s;
        bestAt = j;
        if (s === 1) break;
      }
    }
    if (bestAt >= 0) used |= 1 << bestAt;
    total += best;
  }
  return total / shorter.length;
}
