/**
 * String and token-list similarity for names. Jaro-Winkler suits names: it
 * forgives a transposed or mistyped letter and rewards a shared beginning,
 * which is where people are most reliable.
 */

/** Jaro-Winkler similarity, 0..1, on code points. */
export function jaroWinkler(s1: string, s2: string): number {
  if (s1 === s2) return 1;
  const a = [...s1];
  const b = [...s2];
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(b.length - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = true;
        bMatched[j] = true;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * How well the tokens of the shorter name are found in the longer one: the
 * mean best Jaro-Winkler of each of its tokens, each token of the longer name
 * used once. Handles a record with the family name missing ("Aye Khaing" vs
 * "Aye Aye Khaing", "Wei" vs "Zhang Wei"); the caller discounts partial cover.
 */
export function tokenCover(shorter: readonly string[], longer: readonly string[]): number {
  if (shorter.length === 0 || longer.length === 0) return 0;
  const used = new Set<number>();
  let total = 0;
  for (const t of shorter) {
    let best = 0;
    let bestAt = -1;
    longer.forEach((u, j) => {
      if (used.has(j)) return;
      const s = jaroWinkler(t, u);
      if (s > best) {
        best = s;
        bestAt = j;
      }
    });
    if (bestAt >= 0) used.add(bestAt);
    total += best;
  }
  return total / shorter.length;
}
