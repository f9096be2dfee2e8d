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
 *                    ("k~"), or for a long token to its initial and last
 *                    letters ("k~ua", see cutsOf); one key per token and
 *                    cut. Sorting absorbs token_order
 *                    and the family/given swap; folding absorbs
 *                    diacritics_dropped and most of romanisation_variant
 *                    (Somchay → somjai, Htun → tun); prefixes absorb changes
 *                    after the third letter of any token (Sombat / Sombut,
 *                    Nakprasert / Nakprasoet); the cut token absorbs a typo
 *                    in its first letters, so a typo anywhere but in the
 *                    first letter, which people rarely get wrong, leaves
 *                    one key of the pair in common. Initials that
 *                    spellings and slips swap share a class (c/ch→j/k/q/g,
 *                    s/x/z), so Chen (folded jen) meets the slip Cen. Two
 *                    neighbouring tokens written as one (Sae tang / Saetang,
 *                    Tha Zin / Thazin) give one more key, of the joined
 *                    tokens' prefixes, kept apart from keys of names as
 *                    written (see JOINED); a repeated syllable (May May) is
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
 * Birth year: stored keys carry the bucket of the stated year (YEAR_BUCKET
 * years wide), of the year an estimated age implies (marked apart), or "?"
 * when none is known; a probe asks for every bucket meeting [year −
 * PROBE_YEARS, year + PROBE_YEARS] among stated years and the wider
 * ESTIMATED_YEARS among estimated ones (and everywhere, when its own year is
 * estimated), and "?". A probe without a year asks for the buckets of every
 * plausible year. Records further apart are not compared: the score counts
 * such a gap against the pair, and the same document or phone still meets
 * through doc: and tel:, which carry no year. The store keeps the buckets of
 * one name side by side, so a probe's window is one range to read.
 *
 * On the demo data (3,000 and 10,000 people) a person stores 7 keys on
 * average and probes about 65 under 7 or 8 names (the store reads each name's
 * window as one range).
 */
import { type BlockingPerson, type PreparedName, type YearOptions, preparePerson } from './prepare';
import { foldForBlocking } from './romanisation';
import { storedBucket, yearBuckets } from './year-buckets';

export { ESTIMATED_YEARS, PROBE_YEARS, YEAR_BUCKET, readBucket, splitKey, yearBuckets } from './year-buckets';

export { birthYearOf, normaliseDocumentNumber, normalisePhone } from './prepare';
export type { BlockingPerson, YearOptions } from './prepare';

/**
 * Marks a stored key of a name with two tokens joined. A joined form is only
 * ever compared with a name written that way (Sae tang / Saetang): stored
 * under its own mark, it meets the probes of names as written, and the probes
 * of joined forms look among names as written, but two joined forms never
 * meet. They would be blocks of everyone sharing a first token: "Zhang Wei"
 * and "Zhang Min" both join to zhang…, "Nguyen Thi Lan" and "Nguyen Thi Hoa"
 * to nguyen thi….
 */
const JOINED = 'j';

const PREFIX = 3;
const INITIAL = '~';
const LATIN = /^[a-z]+$/;

/** The first PREFIX letters (code points, so a letter outside the BMP is never cut in half). */
const prefixOf = (token: string): string => (SURROGATE.test(token) ? [...token].slice(0, PREFIX).join('') : token.slice(0, PREFIX));
const SURROGATE = /[\uD800-\uDFFF]/;
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
function slipPrefixes(token: string): readonly string[] {
  const t = [...token];
  const plain = t.slice(0, PREFIX).join('');
  if (t.length < 3) return [plain];
  const skip1 = [t[0], ...t.slice(2, 4)].join('');
  const skip2 = [t[0], t[1], ...t.slice(3, 4)].join('');
  return [...new Set([plain, skip1, skip2])];
}

/** Tokens this long are cut both ways (see cutsOf). */
const LONG = 5;
const TAIL = 2;

/**
 * A token cut for slips: to its initial, when it has up to LONG letters; to
 * its initial and last TAIL letters, when it has LONG or more. One slip after
 * the first letter leaves the token's prefix or one of its cuts unchanged,
 * also when the slip moves it across LONG letters; and the tail keeps a long
 * token from meeting every token with its initial (a cut "Wang J…" would hold
 * a tenth of the Chinese in a registry).
 */
function cutsOf(token: string): readonly string[] {
  const t = [...token];
  const out: string[] = [];
  if (t.length <= LONG) out.push(initialOf(token));
  if (t.length >= LONG) out.push(initialOf(token) + t.slice(-TAIL).join(''));
  return out;
}

const plainKey = (tokens: readonly string[]): string => `n:${tokens.map(prefixOf).sort().join('|')}`;

/**
 * n: keys of a token list: the sorted prefixes with token `fuzzy` cut (every
 * token in turn, when fuzzy is -1, and then none: two tokens that both change
 * after their third letter, Sombat Nakprasert / Sombut Nakprasoet).
 */
function prefixKeys(tokens: readonly string[], fuzzy: number, out: (name: string) => void): void {
  const prefixes = tokens.map(prefixOf);
  if (fuzzy < 0) out(plainKey(tokens));
  const one = (i: number) => {
    for (const cut of cutsOf(tokens[i] as string)) {
      const parts = prefixes.slice();
      parts[i] = cut;
      out(`n:${parts.sort().join('|')}`);
    }
  };
  if (fuzzy >= 0) one(fuzzy);
  else for (let i = 0; i < tokens.length; i++) one(i);
}

const distinct = (tokens: readonly string[]): string[] => [...new Set(tokens)].sort();

/**
 * The name part of every key a name form gives (no year): to `out` the keys of
 * the name as written, to `joined` those of the name with two neighbouring
 * tokens written as one; `plain` is told which keys of the name as written
 * are of the kind a joined form gives (all prefixes plain), the only ones
 * worth looking for among joined forms.
 */
function nameKeys(form: PreparedName, out: (name: string) => void, joined: (name: string) => void, plain: (name: string) => void): void {
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
    plain(`s:${prefixOf(t)}`);
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
    plain(plainKey(tokens));
    prefixKeys(tokens, -1, out);
  }
  if (form.alias) return;
  // Two neighbouring tokens written as one: joined before folding, as a passport would write them.
  for (let i = 0; i + 1 < form.raw.length; i++) {
    const merged = foldForBlocking(`${form.raw[i]}${form.raw[i + 1]}`);
    const rest = form.blockingTokens.filter((_, j) => j !== i && j !== i + 1);
    const parts = distinct([...rest, merged]);
    // Only the plain prefixes: a name written joined and mistyped too is one variation too many.
    joined(parts.length === 1 ? `s:${prefixOf(merged)}` : plainKey(parts));
  }
}

/** Key parts of one person, before years are attached; cached with the prepared person's lifetime. */
interface KeyParts {
  /** keys without a year: documents, phone */
  plain: string[];
  /** name keys, stored and probed with a year bucket */
  names: string[];
  /** the same for the name with two neighbouring tokens joined (see JOINED) */
  joined: string[];
  /** the name keys a joined form could share (see nameKeys), looked for among joined forms */
  joinable: string[];
  /** the pinyin key of a Chinese native name (stored and probed) */
  pinyin: string | null;
  /** pinyin keys only probed: each 2–3 token Latin name read as pinyin */
  pinyinProbes: string[];
  year: number | null;
  /** the year is implied by an estimated age */
  estimated: boolean;
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
  const joined = new Set<string>();
  const joinable = new Set<string>();
  for (const form of p.names) nameKeys(form, (k) => names.add(k), (k) => joined.add(k), (k) => joinable.add(k));
  const pinyinProbes = new Set<string>();
  for (const form of p.names) {
    if (!form.alias && form.latin && form.tokens.length >= 2 && form.tokens.length <= 3 && form.key !== p.pinyin) pinyinProbes.add(`py:${form.key}`);
  }
  const parts: KeyParts = { plain: [...plain], names: [...names], joined: [...joined], joinable: [...joinable], pinyin: p.pinyin ? `py:${p.pinyin}` : null, pinyinProbes: [...pinyinProbes], year: p.year, estimated: p.year !== null && !p.birthDate };
  partsCache.set(person, { referenceYear: options.referenceYear, parts });
  return parts;
}

/** What the store keeps for a registered person: keys without a year, and names all under the person's one year bucket. */
export interface StoredWindows {
  plain: readonly string[];
  names: readonly string[];
  bucket: string;
}

export function storedWindows(person: BlockingPerson, options: YearOptions = {}): StoredWindows {
  const parts = keyParts(person, options);
  const names = [...parts.names, ...parts.joined.map((n) => JOINED + n)];
  if (parts.pinyin) names.push(parts.pinyin);
  return { plain: parts.plain, names, bucket: storedBucket(parts.year, parts.estimated) };
}

/**
 * The keys the store persists for a registered person, one row each (see
 * storedWindows): short strings; the store hashes them.
 */
export function storedKeys(person: BlockingPerson, options: YearOptions = {}): string[] {
  const { plain, names, bucket } = storedWindows(person, options);
  return [...plain, ...names.map((n) => `${n}:${bucket}`)];
}

/** What a probe looks up: keys without a year, and names each looked up in every one of the year buckets. */
export interface ProbeWindows {
  plain: readonly string[];
  names: readonly string[];
  buckets: readonly string[];
}

/**
 * The keys to look up for a new record, by name and year window: everyone
 * holding one of them in storedKeys is a candidate. What it would store, and
 * more: the neighbouring birth-year buckets, the joined forms of its name,
 * and its names among the joined forms of others. The store reads one name's
 * buckets together (see probeKeys for the keys one by one).
 */
export function probeWindows(person: BlockingPerson, options: YearOptions = {}): ProbeWindows {
  const parts = keyParts(person, options);
  const names = [...parts.names, ...parts.joinable.map((n) => JOINED + n), ...parts.joined, ...parts.pinyinProbes];
  if (parts.pinyin) names.push(parts.pinyin);
  return { plain: parts.plain, names: [...new Set(names)], buckets: yearBuckets(parts.year, { ...options, estimated: parts.estimated }) };
}

/** The keys of probeWindows one by one. */
export function probeKeys(person: BlockingPerson, options: YearOptions = {}): string[] {
  const { plain, names, buckets } = probeWindows(person, options);
  const out = plain.slice();
  for (const n of names) for (const b of buckets) out.push(`${n}:${b}`);
  return out;
}
