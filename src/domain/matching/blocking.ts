/**
 * Blocking keys: short strings such that two records of the same person very
 * probably share one, while two unrelated records rarely do. Candidates for a
 * new record are the people sharing a key with it, and only those are scored
 * (./score), instead of comparing 10,000 arrivals with 100,000 people.
 *
 * The keys are split between the two sides of a lookup, because the store
 * keeps a row (key, person) for every registered person and only probes for
 * new ones:
 *  - storedKeys(person): the few keys persisted for each registered person;
 *  - probeKeys(person): what a new record looks up. It expands what the
 *    stored side cannot afford to: the neighbouring birth-year buckets, and
 *    the "no year recorded" bucket.
 * Either record of a pair may be registered first, so every rule below is
 * symmetric: if a and b are the same person, probeKeys(b) meets storedKeys(a)
 * and probeKeys(a) meets storedKeys(b).
 *
 * Key families, and the planted duplicates of the demo generator
 * (src/domain/demo/duplicates.ts) each one is there to catch. Name tokens are
 * folded with foldForBlocking (./romanisation): the romanisation fold without
 * its word-end rules, so a slip near the end of a short name (Rudi / Rud)
 * does not change its first letters.
 *
 *  doc:<number>      exact document number, letters and digits only
 *                    (exact_document: the other record may carry only the
 *                    passport form of the name, or none we can compare).
 *  tel:<last 9 digits> the same phone, whether written +66… or 0….
 *  py:<tokens>:<yr>  the pinyin token set of a Chinese native name, sorted:
 *                    张伟, Zhang Wei and WEI ZHANG give the same key
 *                    (pinyin_vs_hanzi). Stored from the characters; probed
 *                    from the characters and from any 2–3 token Latin name.
 *  n:<prefixes>:<yr> a name of two or more tokens: the 3-letter prefix of
 *                    each token, sorted, with ONE token cut to its initial
 *                    ("k~"); one key per token. Sorting absorbs token_order
 *                    and the family/given swap; folding absorbs
 *                    diacritics_dropped and most of romanisation_variant
 *                    (Somchay → somjai, Htun → tun); prefixes absorb changes
 *                    after the third letter of any token (Sombat / Sombut,
 *                    Nakprasert / Nakprasoet); the token cut to its initial
 *                    absorbs a typo anywhere in that token but its first
 *                    letter, which people rarely get wrong. Initials that
 *                    spellings and slips swap share a class (c/ch→j/k/q/g,
 *                    s/x/z), so Chen (folded jen) meets the slip Cen. Two
 *                    neighbouring tokens written as one (Sae tang / Saetang,
 *                    Tha Zin / Thazin) give one more key, the joined token
 *                    cut to its initial; a repeated syllable (May May) is
 *                    keyed both as written and once.
 *  s:<prefix>:<yr>   a one-token name (Indonesian and Burmese single names,
 *                    nicknames): its 3-letter prefix, and the prefixes with
 *                    the 2nd or 3rd letter deleted (abcd → abc, acd, abd).
 *                    Any single slip in letters 2–4 leaves one in common on
 *                    both sides; slips further in do not touch the prefix.
 *                    When folding changed the name, the spelling as written
 *                    is keyed too (the slip Sii folds to si, far from siti).
 *  x:<tokens>:<yr>   a name in a script without spelling variants we can
 *                    reason about (Thai, Myanmar, Khmer, Lao, Hangul): exact.
 *
 * An alias (nickname, work name) stores one key, not one per token: "Boyet"
 * alone still meets the person whose alias it is, but aliases are shared too
 * widely to deserve typo tolerance.
 *
 * Birth year: stored keys carry the bucket of the stated or estimated year
 * (YEAR_BUCKET years wide), or "?" when none is known; a probe asks for every
 * bucket meeting [year − PROBE_YEARS, year + PROBE_YEARS], and "?". A probe
 * without a year asks for the buckets of every plausible year. Records further
 * apart are not compared: the score counts such a gap against the pair, and
 * the same document or phone still meets through doc: and tel:, which carry
 * no year.
 *
 * On the demo data (3,000 and 10,000 people) a person stores 5.6 keys on
 * average (at most 15) and probes 21 (at most 58, more without a birth year).
 */
import { type BlockingPerson, type PreparedName, type YearOptions, preparePerson } from './prepare';
import { foldForBlocking } from './romanisation';

export { birthYearOf, normaliseDocumentNumber, normalisePhone } from './prepare';
export type { BlockingPerson, YearOptions } from './prepare';

/** Width of a stored birth-year bucket, in years. */
export const YEAR_BUCKET = 3;
/** Years either side of a probe's own birth year that it looks in (estimated ages are ±3 years). */
export const PROBE_YEARS = 3;
/** Plausible birth years for someone with no recorded year: aged 10 to 75. */
const ANY_AGE: readonly [number, number] = [10, 75];
const NO_YEAR = '?';

const bucketOf = (year: number): string => String(Math.floor(year / YEAR_BUCKET));

/** The buckets a probe looks in: those meeting [year − PROBE_YEARS, year + PROBE_YEARS], or every plausible year, and "?". */
export function yearBuckets(year: number | null, options: YearOptions = {}): string[] {
  const ref = options.referenceYear ?? new Date().getUTCFullYear();
  const [lo, hi] = year === null ? [ref - ANY_AGE[1], ref - ANY_AGE[0]] : [year - PROBE_YEARS, year + PROBE_YEARS];
  const out: string[] = [];
  for (let b = Math.floor(lo / YEAR_BUCKET); b <= Math.floor(hi / YEAR_BUCKET); b++) out.push(String(b));
  out.push(NO_YEAR);
  return out;
}

const PREFIX = 3;
const INITIAL = '~';
const LATIN = /^[a-z]+$/;

const prefixOf = (token: string): string => {
  // Code points, so a letter outside the BMP is never cut in half.
  let out = '';
  let n = 0;
  for (const ch of token) {
    if (n++ === PREFIX) break;
    out += ch;
  }
  return out;
};
/**
 * Letters a slip or a spelling can swap at the start of a folded token: Chen
 * folds to jen, and the slip Cen stays cen; Xu and Su, Kh and K. A token cut
 * to its initial keeps only the initial's class.
 */
const INITIAL_CLASS: Record<string, string> = { c: 'k', j: 'k', k: 'k', q: 'k', g: 'k', s: 's', x: 's', z: 's' };
const initialOf = (token: string): string => {
  const cp = token.codePointAt(0);
  if (cp === undefined) return INITIAL;
  const first = String.fromCodePoint(cp);
  return (INITIAL_CLASS[first] ?? first) + INITIAL;
};

/** The plain prefix, and the prefixes with the 2nd or 3rd letter deleted. */
function slipPrefixes(token: string): string[] {
  const t = [...token];
  const plain = t.slice(0, PREFIX).join('');
  if (t.length < 3) return [plain];
  const skip1 = [t[0], ...t.slice(2, 4)].join('');
  const skip2 = [t[0], t[1], ...t.slice(3, 4)].join('');
  return [...new Set([plain, skip1, skip2])];
}

/** n: keys of a token list: the sorted prefixes with token `fuzzy` cut to its initial (every token, when fuzzy is -1). */
function prefixKeys(tokens: readonly string[], fuzzy: number, out: (name: string) => void): void {
  const prefixes = tokens.map(prefixOf);
  const one = (i: number) => {
    const parts = prefixes.slice();
    parts[i] = initialOf(tokens[i] as string);
    out(`n:${parts.sort().join('|')}`);
  };
  if (fuzzy >= 0) one(fuzzy);
  else for (let i = 0; i < tokens.length; i++) one(i);
}

const distinct = (tokens: readonly string[]): string[] => [...new Set(tokens)].sort();

/** The name part of every key a name form gives (no year). */
function nameKeys(form: PreparedName, out: (name: string) => void): void {
  if (!form.latin) {
    out(`x:${form.key}`);
    return;
  }
  const sorted = [...form.blockingTokens].sort();
  const tokens = distinct(sorted);
  // A repeated syllable (May May, Aye Aye Khaing) is matched both as written and once.
  if (tokens.length < sorted.length && !form.alias) prefixKeys(sorted, -1, out);
  if (tokens.length === 1) {
    const t = tokens[0] as string;
    if (form.alias) out(`s:${prefixOf(t)}`);
    else {
      for (const p of slipPrefixes(t)) out(`s:${p}`);
      // Folding can shorten a slip past recognition (Sii → si, Deei → di): the spelling as written too.
      const written = form.raw[0] as string;
      if (form.raw.length === 1 && written !== t && LATIN.test(written)) for (const p of slipPrefixes(written)) out(`s:${p}`);
    }
  } else if (form.alias) {
    prefixKeys(tokens, 0, out);
  } else {
    prefixKeys(tokens, -1, out);
  }
  if (form.alias) return;
  // Two neighbouring tokens written as one: joined before folding, as a passport would write them.
  for (let i = 0; i + 1 < form.raw.length; i++) {
    const merged = foldForBlocking(`${form.raw[i]}${form.raw[i + 1]}`);
    const rest = form.blockingTokens.filter((_, j) => j !== i && j !== i + 1);
    const joined = distinct([...rest, merged]);
    if (joined.length === 1) out(`s:${prefixOf(merged)}`);
    else prefixKeys(joined, joined.indexOf(merged), out);
  }
}

/** Key parts of one person, before years are attached; cached with the prepared person's lifetime. */
interface KeyParts {
  /** keys without a year: documents, phone */
  plain: string[];
  /** name keys, stored and probed with a year bucket */
  names: string[];
  /** the pinyin key of a Chinese native name (stored and probed) */
  pinyin: string | null;
  /** pinyin keys only probed: each 2–3 token Latin name read as pinyin */
  pinyinProbes: string[];
  year: number | null;
}

const partsCache = new WeakMap<object, { referenceYear: number | undefined; parts: KeyParts }>();

function keyParts(person: BlockingPerson, options: YearOptions): KeyParts {
  const hit = partsCache.get(person);
  if (hit && hit.referenceYear === options.referenceYear) return hit.parts;
  const p = preparePerson(person, options);
  const plain = new Set<string>();
  for (const d of p.documents) plain.add(`doc:${d.number}`);
  if (p.phone) plain.add(`tel:${p.phone}`);
  const names = new Set<string>();
  for (const form of p.names) nameKeys(form, (k) => names.add(k));
  const pinyinProbes = new Set<string>();
  for (const form of p.names) {
    if (!form.alias && form.latin && form.tokens.length >= 2 && form.tokens.length <= 3 && form.key !== p.pinyin) pinyinProbes.add(`py:${form.key}`);
  }
  const parts: KeyParts = { plain: [...plain], names: [...names], pinyin: p.pinyin ? `py:${p.pinyin}` : null, pinyinProbes: [...pinyinProbes], year: p.year };
  partsCache.set(person, { referenceYear: options.referenceYear, parts });
  return parts;
}

/**
 * The keys the store persists for a registered person, one row each. Short
 * strings; the store may hash them.
 */
export function storedKeys(person: BlockingPerson, options: YearOptions = {}): string[] {
  const parts = keyParts(person, options);
  const bucket = parts.year === null ? NO_YEAR : bucketOf(parts.year);
  const out = parts.plain.slice();
  for (const n of parts.names) out.push(`${n}:${bucket}`);
  if (parts.pinyin) out.push(`${parts.pinyin}:${bucket}`);
  return out;
}

/**
 * The keys to look up for a new record: everyone holding one of them in
 * storedKeys is a candidate. A superset of what it would store, with the
 * neighbouring birth-year buckets.
 */
export function probeKeys(person: BlockingPerson, options: YearOptions = {}): string[] {
  const parts = keyParts(person, options);
  const buckets = yearBuckets(parts.year, options);
  const out = parts.plain.slice();
  for (const n of parts.names) for (const b of buckets) out.push(`${n}:${b}`);
  if (parts.pinyin) for (const b of buckets) out.push(`${parts.pinyin}:${b}`);
  for (const k of parts.pinyinProbes) for (const b of buckets) out.push(`${k}:${b}`);
  return out;
}
