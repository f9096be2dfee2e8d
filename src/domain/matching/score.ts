/**
 * How likely two records are the same person, with the reasons in plain words
 * so a coordinator can judge the suggestion rather than trust a number
 * ("same passport number"; "name 0.93 similar, one letter different (budi /
 * budu)"; "born within 1 year (age estimated)"; "common name: 4 other people
 * in the registry have it").
 *
 * The score adds up evidence items, each its weight (WEIGHTS) times its value
 * (1 for a plain fact; how alike the names are, 0..1; doublings of how common
 * a name is; natural-log units of how small an operation is), each value
 * bounded, and is clamped to 0..1. Each reason's points are the points of the
 * items it tells. The items:
 *  - the same document number is enough on its own to put the pair in front
 *    of a coordinator, even when the names or birth dates disagree (a passport
 *    number is unique; the rest is then a transcription to check): such a
 *    pair never scores below LIKELY_DUPLICATE; different
 *    national ID or passport numbers count against; the same phone is strong
 *    but not decisive (phones are shared and passed on);
 *  - the best name similarity over every pair of name forms (./name-match),
 *    more for the same name and for a typing slip, less through an alias;
 *    and, when the caller passes the registry's counts (./frequency), how
 *    many other registered people have that name, and how many people of the
 *    pair's nationality would have it if its parts were combined at random:
 *    "same name" says less for Muhammad or Wang Qian than for Pheakdey Chan,
 *    and a name nobody else has yet says less when each of its parts is
 *    common (Nguyen Van Duc) than when they are rare. Two people who share
 *    only a nickname, with names of their own that differ, get little for it;
 *  - different Chinese characters for one pinyin (汪倩 / 王倩) count against;
 *  - birth: the same date, the same day and month with the year one off
 *    (or day and month swapped), the same month; otherwise the closer the
 *    years, the stronger (1 year of tolerance for stated dates, 5 when either
 *    is an estimated age); different days or months count against, and years
 *    beyond the tolerance the more the further apart;
 *  - the same claimed nationality; a different one or a different sex
 *    counts strongly against;
 *  - the same rescue operation, stronger the smaller the operation (its
 *    size comes from the same counts, among the people of the pair's
 *    nationality); different operations count a little against; no language
 *    in common counts against.
 *
 * matchScore explains; matchPoints gives the same score without building the
 * reasons; likelyDuplicate screens a candidate pair cheaply first and
 * explains only a pair worth showing, for the many pairs of an import.
 * evidenceValues gives each item's value, for the fitting tool
 * (tests/bench/fit-matching.ts).
 */
import type { NameFrequency } from './frequency';
import { NAME_FLOOR, bestNameMatch, namesakes, tokensSimilarity } from './name-match';
import { nameForms, type NameForm } from './normalise';
import { NATIONALITY, WHOLE_NAME, preparePerson, type MatchPerson, type PreparedName, type PreparedPerson, type YearOptions } from './prepare';
import { foldRomanisation } from './romanisation';
import { oneEditApart } from './similarity';

export type { MatchPerson } from './prepare';

export interface MatchOptions extends YearOptions {
  /**
   * The registry's counts (./frequency), including both records compared: for
   * a record not registered yet, pass countIncluding(frequency, [record]).
   * Without counts every name counts as averagely common.
   */
  frequency?: NameFrequency | null;
}

export interface MatchResult {
  /** 0 (surely different people) .. 1 (surely the same person) */
  score: number;
  /** the evidence, in plain words, strongest first */
  reasons: string[];
}

/** Score at or above which a pair is shown to coordinators as a likely duplicate. */
export const LIKELY_DUPLICATE = 0.7;

export const isLikelyDuplicate = (score: number): boolean => score >= LIKELY_DUPLICATE;

/**
 * Weights, in score points. Read them as rough log-likelihood ratios: how
 * much more often the item turns up between two records of one person than
 * between two different people; a point is about 11.3 in natural-log odds.
 *
 * Fitted by tests/bench/fit-matching.ts: a logistic regression (Newton's
 * method, a light L2 penalty) of "one person" on the items' values, over the
 * blocking candidate pairs of demo registries of seeds 21–23 at 100,000
 * people and 31–33 at 10,000 (no test or benchmark reads these seeds), with
 * the registry's counts; the items that apply only without counts
 * (sameOperation, nameUncounted, aliasUncounted) then on 31–33 scored without
 * them. The fitted odds of a candidate pair with no evidence are e^-8.9;
 * LIKELY_DUPLICATE, 0.7 points, is natural-log odds -1.0 (the threshold that
 * best clears recall 0.95 and precision 0.9 on the 100,000-people training
 * registries). Two weights are set, not fitted: sameDocument (the generator
 * never gives two people one number, so the data can only say "infinitely
 * strong"; 1.3 is the threshold and more than the strongest item against) and
 * sameSiteAndDay (read only without operations, which the generator always
 * records; kept as set by hand). The figures on seeds never used for fitting
 * are in tests/unit/matching-demo.test.ts.
 * Read-only; exported so tests and measurements can name them.
 */
const weights = {
  sameDocument: 1.3,
  differentPassports: -0.388,
  differentNationalIds: -0.389,
  samePhone: 0.643,
  /** phones are taken in the compounds and replaced, so a different number says less than the same one */
  differentPhones: -0.132,
  /** a real name (not an alias) alike: nameRamp times how far the similarity is from NAME_FLOOR to NAME_FULL (0..1) */
  nameRamp: 0.499,
  /** added when the names are the same (similarity 0.995 and above) */
  nameSame: 0.118,
  /** added when the match rests on a typing slip */
  nameSlip: 0.262,
  /** below NAME_FLOOR: times how far below (0..1, full at 0.3 below) */
  nameAgainst: -0.23,
  /** the same through an alias on either side */
  aliasRamp: 0.141,
  aliasSame: 0.26,
  /** both records list an alias they share, but their names differ */
  sharedAliasOnly: -0.152,
  /** added to a name or an alias above NAME_FLOOR when the registry's counts are not given (how common it is unknown) */
  nameUncounted: 0.091,
  aliasUncounted: 0.127,
  /**
   * With the registry's counts: a name nobody else has adds rareName; otherwise each doubling of
   * (1 + the other registered people with the name) adds commonName (negative), up to COMMON_DOUBLINGS doublings.
   */
  rareName: 0.01,
  commonName: -0.067,
  /**
   * per doubling of how many people of the pair's nationality would have the name if its parts were
   * combined at random (from -PARTS_DOUBLINGS[0] to PARTS_DOUBLINGS[1] doublings): a name whose parts
   * are each common in its nationality turns up twice by chance more often than one made of rare parts
   */
  commonParts: -0.043,
  rareAlias: 0.041,
  commonAlias: -0.016,
  differentHanzi: -0.521,
  /** the same full date; the same day and month with the year up to 3 off, or day and month swapped */
  sameBirthDate: 0.635,
  sameBirthday: 0.316,
  /** added to the year's points when both give the same month (and not both a day) */
  sameBirthMonth: 0.221,
  /** added to the year's points when both records give a month or a day and they differ */
  differentBirthday: -0.547,
  /** birth year gap 0 to 5 when either age is estimated */
  estimatedGap0: 0.022,
  estimatedGap1: -0.029,
  estimatedGap2: -0.075,
  estimatedGap3: -0.111,
  estimatedGap4: -0.169,
  estimatedGap5: -0.2,
  /** birth year gap 0, 1 for stated dates */
  statedGap0: 0.122,
  statedGap1: -0.123,
  /** beyond the tolerance (5 estimated, 1 stated): a step, then so much per year beyond (up to OUTSIDE_YEARS) */
  estimatedOutside: -0.147,
  estimatedOutsideYears: -0.199,
  statedOutside: -0.24,
  statedOutsideYears: -0.261,
  sameNationality: 0.206,
  differentNationality: -0.116,
  differentSex: -0.419,
  /** the same operation, when its size is not known */
  sameOperation: 0.217,
  /** with the registry's operation sizes: sameOperationSized, plus operationPerNat per natural-log unit of how much rarer sharing it is by chance */
  sameOperationSized: 0.044,
  operationPerNat: 0.078,
  /** two named operations that differ: the same person is usually listed in one, but may be moved between them */
  differentOperations: -0.079,
  sameSiteAndDay: 0.1,
  noCommonLanguage: -0.39,
};
export const WEIGHTS: Readonly<typeof weights> = weights;

type Item = keyof typeof weights;
/** The evidence items, in a fixed order (for the fitting tool). */
export const EVIDENCE_ITEMS = Object.keys(weights) as readonly Item[];
const W = Float64Array.from(EVIDENCE_ITEMS, (k) => weights[k]);
const ID = Object.fromEntries(EVIDENCE_ITEMS.map((k, i) => [k, i])) as Record<Item, number>;

/** The most doublings of namesakes that count against a name. */
const COMMON_DOUBLINGS = 6;
/** The range of doublings of the name's expected count from its parts that counts (see commonParts). */
const PARTS_DOUBLINGS = [6, 1] as const;
/** Most years beyond the birth-year tolerance that count. */
const OUTSIDE_YEARS = 10;
/** The range of an operation's log ratio (natural log) that counts. */
const OPERATION_NATS = [0, 5] as const;

/** Similarity at which a name counts in full (NAME_FLOOR and below: nothing, or against). */
const NAME_FULL = 0.96;

/** Name forms as folded token lists, ready to compare. */
export function foldedForms(p: MatchPerson): NameForm[] {
  return nameForms(p).map((f) => ({ tokens: f.tokens.map(foldRomanisation), alias: f.alias }));
}

/** Similarity of two name forms given as folded token lists, 0..1, order-free (see ./name-match). */
export function formSimilarity(a: readonly string[], b: readonly string[]): number {
  return tokensSimilarity({ tokens: a, raw: a }, { tokens: b, raw: b });
}

/** Best similarity over all pairs of name forms (as lists of folded tokens), and whether it rests on an alias. */
export function nameSimilarity(a: readonly NameForm[], b: readonly NameForm[]): { similarity: number; alias: boolean } {
  const wrap = (forms: readonly NameForm[]): PreparedName[] =>
    forms.map((f) => {
      const key = [...f.tokens].sort().join(' ');
      return { raw: f.tokens, tokens: f.tokens, blockingTokens: f.tokens, key, wholeKey: WHOLE_NAME + key, alias: f.alias, latin: true };
    });
  const m = bestNameMatch(wrap(a), wrap(b));
  return { similarity: m.similarity, alias: m.alias };
}

// The evidence of the comparison in progress. Reasons are only written when
// asked for (matchScore); matchPoints adds up the same points without them.
let explaining = false;
let total = 0;
const itemPoints: number[] = [];
const itemReasons: string[] = [];
/** When set (evidenceValues), each item's value is added up here too. */
let recording: Float64Array | null = null;

/** Item `item` with value x (1 for a plain fact): x times its weight, with its reason. */
function add(item: number, x: number, reason: string): void {
  const points = (W[item] as number) * x;
  total += points;
  if (recording !== null) recording[item] = (recording[item] as number) + x;
  if (explaining) {
    itemPoints.push(points);
    itemReasons.push(reason);
  }
}

/** Another item told by the reason just added ("born 7 years apart, different birth dates"). */
function also(item: number, x: number): void {
  const points = (W[item] as number) * x;
  total += points;
  if (recording !== null) recording[item] = (recording[item] as number) + x;
  if (explaining) itemPoints[itemPoints.length - 1] = (itemPoints[itemPoints.length - 1] as number) + points;
}

const DOC_WORDS: Record<string, string> = {
  passport: 'passport number',
  national_id: 'national ID number',
};

function documentEvidence(a: PreparedPerson, b: PreparedPerson): boolean {
  if (a.documents.length === 0 || b.documents.length === 0) return false;
  for (const da of a.documents) {
    for (const db of b.documents) {
      if (da.number === db.number) {
        add(ID.sameDocument, 1, `same ${DOC_WORDS[da.type ?? ''] ?? 'document number'}`);
        return true;
      }
    }
  }
  // Two different documents of one kind from one country: a national ID number is for life, a passport
  // can be renewed or replaced by an emergency document.
  for (const da of a.documents) {
    if (da.type !== 'passport' && da.type !== 'national_id') continue;
    for (const db of b.documents) {
      if (db.type !== da.type || db.country !== da.country) continue;
      if (da.type === 'national_id') add(ID.differentNationalIds, 1, 'different national ID numbers');
      else add(ID.differentPassports, 1, 'different passport numbers');
      return false;
    }
  }
  return false;
}

const years = (n: number) => `${n} year${n === 1 ? '' : 's'}`;

/**
 * 1 January is what many registrations write when only the year is known, so
 * a date on it is read as a year.
 */
const asRecorded = (d: string): string => (d.endsWith('-01-01') ? d.slice(0, 4) : d);

const ESTIMATED_TOLERANCE = 5;
const STATED_TOLERANCE = 1;

function birthEvidence(a: PreparedPerson, b: PreparedPerson): void {
  const da = asRecorded(a.birthDate);
  const db = asRecorded(b.birthDate);
  if (da.length === 10 && da === db) {
    add(ID.sameBirthDate, 1, 'same birth date');
    return;
  }
  if (a.year === null || b.year === null) return;
  const gap = Math.abs(a.year - b.year);
  // Someone who knows their birth date gives the same day and month each time;
  // the year is what gets mistyped or converted wrongly (Buddhist Era), and
  // day and month get swapped between date formats (03/05 ↔ 05/03).
  if (da.length === 10 && db.length === 10) {
    const sameDay = da.slice(5) === db.slice(5);
    const swapped = da.slice(5, 7) === db.slice(8, 10) && da.slice(8, 10) === db.slice(5, 7);
    if (sameDay && gap <= 3) {
      add(ID.sameBirthday, 1, `same birthday, year ${years(gap)} apart`);
      return;
    }
    if (swapped && gap === 0) {
      add(ID.sameBirthday, 1, 'same birth date, day and month swapped');
      return;
    }
  }
  const estimated = !da || !db;
  const tolerance = estimated ? ESTIMATED_TOLERANCE : STATED_TOLERANCE;
  const months = da.length >= 7 && db.length >= 7;
  const differentDate = months && (da.slice(5, 7) !== db.slice(5, 7) || (da.length === 10 && db.length === 10 && da.slice(8, 10) !== db.slice(8, 10)));
  if (gap > tolerance) {
    add(estimated ? ID.estimatedOutside : ID.statedOutside, 1, explaining ? `born ${years(gap)} apart${differentDate ? ', different birth dates' : ''}` : '');
    also(estimated ? ID.estimatedOutsideYears : ID.statedOutsideYears, Math.min(gap - tolerance, OUTSIDE_YEARS));
    if (differentDate) also(ID.differentBirthday, 1);
    return;
  }
  const item = (estimated ? ID.estimatedGap0 : ID.statedGap0) + gap;
  if (differentDate) {
    add(item, 1, explaining ? (gap === 0 ? 'same birth year, different birth dates' : `born within ${years(gap)}, different birth dates`) : '');
    also(ID.differentBirthday, 1);
    return;
  }
  if (months) {
    // Both give the month (one or both without a day), and it agrees.
    add(item, 1, explaining ? (gap === 0 ? 'same birth year and month' : `same birth month, year ${years(gap)} apart`) : '');
    also(ID.sameBirthMonth, 1);
    return;
  }
  if (!explaining) add(item, 1, '');
  else if (gap === 0) add(item, 1, estimated ? 'same birth year (age estimated)' : 'same birth year');
  else add(item, 1, `born within ${years(gap)}${estimated ? ' (age estimated)' : ''}`);
}

const hasRealName = (p: PreparedPerson): boolean => p.names.some((f) => !f.alias);

function nameEvidence(a: PreparedPerson, b: PreparedPerson, frequency: NameFrequency | null): void {
  let m = bestNameMatch(a.names, b.names, frequency);
  // Two people can share a nickname (Lek, Nut, Andy): when both records list it
  // as an alias and have names of their own, the names decide. (An alias
  // matching the other record's only name is another story: "Boyet" alone.)
  let sharedAlias = '';
  if (m.a?.alias && m.b?.alias && hasRealName(a) && hasRealName(b)) {
    const real = bestNameMatch(a.names, b.names, frequency, true);
    if (real.similarity < NAME_FLOOR) {
      sharedAlias = m.a.raw.join(' ');
      m = real;
    }
  }
  const sim = m.similarity;
  const alias = m.alias;
  const what = alias ? 'alias' : 'name';
  let reason = '';
  if (explaining) {
    reason = sim >= 0.995 ? `same ${what}` : `${what} ${sim.toFixed(2)} similar`;
    if (m.slip && m.a && m.b) reason += `, one letter different (${slipPair(m.a.raw, m.b.raw)})`;
    if (sharedAlias) reason += `; only the alias ${sharedAlias} in common`;
  }
  if (sim >= NAME_FLOOR) {
    add(alias ? ID.aliasRamp : ID.nameRamp, Math.min(sim - NAME_FLOOR, NAME_FULL - NAME_FLOOR) / (NAME_FULL - NAME_FLOOR), reason);
    if (sim >= 0.995) also(alias ? ID.aliasSame : ID.nameSame, 1);
    else if (m.slip) also(ID.nameSlip, 1);
  } else add(ID.nameAgainst, Math.min(1, (NAME_FLOOR - sim) / 0.3), reason);
  if (sharedAlias) also(ID.sharedAliasOnly, 1);
  if (!frequency && sim >= NAME_FLOOR) also(alias ? ID.aliasUncounted : ID.nameUncounted, 1);

  if (frequency && sim >= NAME_FLOOR && m.a && m.b) {
    // Two records with the same characters: count the people with those characters, fewer than share the pinyin (王倩 / 汪倩).
    const sameHanzi = a.hanziKey !== null && a.hanziKey === b.hanziKey && m.a.key === a.pinyin && m.b.key === b.pinyin;
    const others = sameHanzi ? Math.max(0, frequency.count(a.hanziKey as string) - 2) : namesakes(frequency, m.a, m.b);
    // Only the same name, written the same, is a name nobody else has: a near miss (a slip, a missing part) is one by nature.
    const same = sameHanzi || m.a.key === m.b.key;
    if (others === 0 && same) add(alias ? ID.rareAlias : ID.rareName, 1, explaining ? `nobody else in the registry has this ${what}` : '');
    else if (others > 0) {
      add(
        alias ? ID.commonAlias : ID.commonName,
        Math.min(COMMON_DOUBLINGS, Math.log2(1 + others)),
        explaining ? `common ${what}: ${others} other ${others === 1 ? 'person' : 'people'} in the registry ${others === 1 ? 'has' : 'have'} it` : '',
      );
    }
    // How common the name is, judged from its parts too (told with the reason above, or the name's own when there is none).
    if (!alias) {
      const nationality = a.nationality !== null && a.nationality === b.nationality ? a.nationality : null;
      const people = Math.max(1, nationality ? frequency.count(NATIONALITY + nationality) : frequency.total);
      const expected = Math.max(byParts(m.a, frequency, people), byParts(m.b, frequency, people));
      also(ID.commonParts, Math.max(-PARTS_DOUBLINGS[0], Math.min(PARTS_DOUBLINGS[1], Math.log2(expected))));
    }
  }
}

/** How many of `people` registered people would have the name if its parts were combined at random. */
function byParts(name: PreparedName, frequency: NameFrequency, people: number): number {
  let expected = people;
  for (const t of name.tokens) expected *= frequency.count(t) / people;
  return expected;
}

/** "budu / budi": the pair of tokens one slip apart, for the reason text. */
function slipPair(a: readonly string[], b: readonly string[]): string {
  for (const x of a) for (const y of b) if (x !== y && oneEditApart(x, y)) return `${x} / ${y}`;
  return `${a.join(' ')} / ${b.join(' ')}`;
}

/** Below this many registered people, an operation's share of them says little. */
const OPERATION_SIZES_FROM = 200;

function rescueEvidence(a: PreparedPerson, b: PreparedPerson, frequency: NameFrequency | null): void {
  if (a.operation && b.operation) {
    if (a.operation !== b.operation) {
      add(ID.differentOperations, 1, 'different rescue operations');
      return;
    }
    // Compounds hold some nationalities more than others: two people of one nationality are
    // weighed against the registered people of that nationality, and how many the operation brought.
    const nationality = a.nationality !== null && a.nationality === b.nationality ? a.nationality : null;
    const total = !frequency ? 0 : nationality ? frequency.count(NATIONALITY + nationality) : frequency.total;
    if (!frequency || total < OPERATION_SIZES_FROM || !a.operationKey) {
      add(ID.sameOperation, 1, 'same rescue operation');
      return;
    }
    // How much more often two records of one person share an operation (about half do)
    // than two people drawn from the registry: the smaller the operation, the stronger.
    const size = Math.max(2, frequency.count(nationality ? a.operationKey + NATIONALITY + nationality : a.operationKey));
    const nats = Math.max(OPERATION_NATS[0], Math.min(OPERATION_NATS[1], Math.log((0.5 * total) / size)));
    add(ID.sameOperationSized, 1, explaining ? `same rescue operation (${size} ${nationality ? `${nationality} ` : ''}people registered from it)` : '');
    also(ID.operationPerNat, nats);
    return;
  }
  if (a.site && a.site === b.site && a.rescueDay !== null && b.rescueDay !== null && Math.abs(a.rescueDay - b.rescueDay) <= 2) {
    add(ID.sameSiteAndDay, 1, 'rescued at the same site within 2 days');
  }
}

/** People speak the same languages at every interview; two records with none in common are probably two people. */
function languageEvidence(a: PreparedPerson, b: PreparedPerson): void {
  if (a.languages.length === 0 || b.languages.length === 0) return;
  for (const l of a.languages) if (b.languages.includes(l)) return;
  add(ID.noCommonLanguage, 1, explaining ? `no language in common (${a.languages.join(', ')} / ${b.languages.join(', ')})` : '');
}

/** Adds up the evidence of a and b into `total` (and the reasons, when explaining). */
function weigh(a: PreparedPerson, b: PreparedPerson, options: MatchOptions): number {
  begin();
  const frequency = options.frequency ?? null;
  const sameDocument = documentEvidence(a, b);
  phoneEvidence(a, b);
  nameEvidence(a, b, frequency);
  facts(a, b, frequency);
  // One document number on two records is one document: a coordinator looks, whatever else disagrees (a birth year typed 1969 for 1996).
  return Math.max(0, Math.min(1, sameDocument ? Math.max(total, LIKELY_DUPLICATE) : total));
}

function begin(): void {
  total = 0;
  itemPoints.length = 0;
  itemReasons.length = 0;
}

function phoneEvidence(a: PreparedPerson, b: PreparedPerson): void {
  if (a.phone && b.phone) {
    if (a.phone === b.phone) add(ID.samePhone, 1, 'same phone number');
    else add(ID.differentPhones, 1, 'different phone numbers');
  }
}

/** Everything but documents, phones and names: characters, birth, nationality, sex, rescue, languages. */
function facts(a: PreparedPerson, b: PreparedPerson, frequency: NameFrequency | null): void {
  // People write their own name in characters the same way each time; pinyin is shared by many characters (汪 / 王 wang).
  if (a.hanzi && b.hanzi && a.hanzi !== b.hanzi) add(ID.differentHanzi, 1, explaining ? `different Chinese characters (${a.hanzi} / ${b.hanzi})` : '');
  birthEvidence(a, b);
  if (a.nationality && b.nationality) {
    if (a.nationality === b.nationality) add(ID.sameNationality, 1, 'same nationality');
    else add(ID.differentNationality, 1, 'different nationality');
  }
  if (a.sex && b.sex && a.sex !== b.sex) add(ID.differentSex, 1, 'different sex');
  rescueEvidence(a, b, frequency);
  languageEvidence(a, b);
}

// The most the names can add (for mayBeLikelyDuplicate), from the weights: a real name's ramp, then
// the same name or a slip (not both), and with counts how common its parts are (and, for the same
// name written the same, that nobody else has it; common names only take off); an alias likewise.
const plus = (k: Item): number => Math.max(0, weights[k]);
const partsMost = Math.max(0, -weights.commonParts * PARTS_DOUBLINGS[0], weights.commonParts * PARTS_DOUBLINGS[1]);
const realMost = plus('nameRamp') + Math.max(plus('nameSame'), plus('nameSlip')) + plus('sharedAliasOnly');
const aliasMost = plus('aliasRamp') + plus('aliasSame') + plus('sharedAliasOnly');
/** Without counts; then with them, through an alias, and at all. */
const NAME_MOST_UNCOUNTED = Math.max(realMost + plus('nameUncounted'), aliasMost + plus('aliasUncounted'));
const ALIAS_MOST = aliasMost + Math.max(0, weights.commonAlias * COMMON_DOUBLINGS, weights.rareAlias);
const NAME_MOST = Math.max(realMost + partsMost + Math.max(0, weights.commonName * COMMON_DOUBLINGS, weights.rareName), ALIAS_MOST);

/**
 * Whether the pair could reach LIKELY_DUPLICATE at all: everything but the
 * names, which cost most to compare, plus the most their names can add (with
 * the registry's counts, bounded by how common each record's names are: see
 * namesMayAdd). Two records of
 * different sex, or with different birth dates and no other evidence, fail
 * here whatever their names. `b` may lack its documents when they share no
 * number with a's (then they can only count against).
 */
export function mayBeLikelyDuplicate(a: PreparedPerson, b: PreparedPerson, options: MatchOptions = {}): boolean {
  begin();
  if (documentEvidence(a, b)) return true;
  phoneEvidence(a, b);
  const frequency = options.frequency ?? null;
  facts(a, b, frequency);
  const rest = total;
  if (!frequency) return rest + NAME_MOST_UNCOUNTED >= LIKELY_DUPLICATE;
  if (rest + NAME_MOST < LIKELY_DUPLICATE) return false;
  return namesMayAdd(a, b, frequency, LIKELY_DUPLICATE - rest);
}

/**
 * What bounds a person's name items under one set of counts, worked out when
 * first asked for, once per person and counts: for each real name form, log2
 * of the product of its tokens' counts and its number of tokens (see
 * byParts); the fewest registered people with one of its real name forms.
 */
interface NameBounds {
  frequency: NameFrequency;
  parts: { log: number; tokens: number }[] | null;
  fewestWithName: number | null;
}
const nameBoundsCache = new WeakMap<PreparedPerson, NameBounds>();

function nameBounds(p: PreparedPerson, frequency: NameFrequency): NameBounds {
  let bounds = nameBoundsCache.get(p);
  if (!bounds || bounds.frequency !== frequency) {
    bounds = { frequency, parts: null, fewestWithName: null };
    nameBoundsCache.set(p, bounds);
  }
  return bounds;
}

/** The lowest log2 of a name's expected count by its parts (see byParts) over a person's real name forms. */
function fewestByParts(p: PreparedPerson, frequency: NameFrequency, peopleLog: number): number {
  const bounds = nameBounds(p, frequency);
  if (!bounds.parts) {
    bounds.parts = [];
    for (const f of p.names) {
      if (f.alias) continue;
      let log = 0;
      for (const t of f.tokens) log += Math.log2(frequency.count(t));
      bounds.parts.push({ log, tokens: f.tokens.length });
    }
  }
  let lowest = Infinity;
  for (const { log, tokens } of bounds.parts) lowest = Math.min(lowest, log - (tokens - 1) * peopleLog);
  return lowest;
}

/** The fewest registered people with one of a person's real name forms. */
function fewestWithName(p: PreparedPerson, frequency: NameFrequency): number {
  const bounds = nameBounds(p, frequency);
  if (bounds.fewestWithName === null) {
    bounds.fewestWithName = Infinity;
    for (const f of p.names) if (!f.alias) bounds.fewestWithName = Math.min(bounds.fewestWithName, frequency.count(f.wholeKey));
  }
  return bounds.fewestWithName;
}

/**
 * Whether the names of a and b may add `needed` points with the registry's
 * counts, judged without comparing them: through an alias, at most the
 * alias items; through real names, the ramp and the same name or a slip,
 * then how common the name is: at least as many others have it as have the
 * least common of either record's real names (or their characters), and its
 * parts are at least as common as the commoner of the two records' rarest
 * forms (looked at only when the rest leaves the question open, since it
 * reads the count of every name part).
 */
function namesMayAdd(a: PreparedPerson, b: PreparedPerson, frequency: NameFrequency, needed: number): boolean {
  // The last term absorbs rounding.
  const short = needed - 1e-9;
  if (ALIAS_MOST >= short) return true;
  if (!a.names.some((f) => !f.alias) || !b.names.some((f) => !f.alias)) return true;
  // How common the name's parts are first: their counts are shared by many names, and mostly read already.
  let parts = partsMost;
  if (weights.commonParts < 0) {
    const nationality = a.nationality !== null && a.nationality === b.nationality ? a.nationality : null;
    const peopleLog = Math.log2(Math.max(1, nationality ? frequency.count(NATIONALITY + nationality) : frequency.total));
    const lowest = Math.max(fewestByParts(a, frequency, peopleLog), fewestByParts(b, frequency, peopleLog));
    parts = weights.commonParts * Math.max(-PARTS_DOUBLINGS[0], Math.min(PARTS_DOUBLINGS[1], lowest));
  }
  const rare = Math.max(0, weights.rareName);
  if (realMost + rare + parts < short) return false;
  // Then how many others have the name itself: at least as many as have the less common of either record's names (or their characters).
  let others = Math.max(0, Math.max(fewestWithName(a, frequency), fewestWithName(b, frequency)) - 2);
  if (a.hanziKey !== null && a.hanziKey === b.hanziKey) others = Math.min(others, Math.max(0, frequency.count(a.hanziKey) - 2));
  const commonness = others === 0 ? rare : weights.commonName * (weights.commonName < 0 ? Math.min(COMMON_DOUBLINGS, Math.log2(1 + others)) : COMMON_DOUBLINGS);
  return realMost + commonness + parts >= short;
}

/**
 * Each evidence item's value for the pair (EVIDENCE_ITEMS order; 0 for an
 * item that does not apply), so that the score is the clamped sum of the
 * values times WEIGHTS: for the fitting tool (tests/bench/fit-matching.ts).
 * Returns the unclamped sum of points.
 */
export function evidenceValues(a: PreparedPerson, b: PreparedPerson, options: MatchOptions, out: Float64Array): number {
  out.fill(0);
  recording = out;
  try {
    weigh(a, b, options);
    return total;
  } finally {
    recording = null;
  }
}

/** How likely two prepared records are the same person, and why. */
export function matchPrepared(a: PreparedPerson, b: PreparedPerson, options: MatchOptions = {}): MatchResult {
  explaining = true;
  try {
    const score = weigh(a, b, options);
    const order = itemPoints.map((_, i) => i).sort((x, y) => Math.abs(itemPoints[y] as number) - Math.abs(itemPoints[x] as number));
    return { score, reasons: order.map((i) => itemReasons[i] as string) };
  } finally {
    explaining = false;
    itemPoints.length = 0;
    itemReasons.length = 0;
  }
}

/** How likely a and b are the same person, and why. */
export function matchScore(a: MatchPerson, b: MatchPerson, options: MatchOptions = {}): MatchResult {
  return matchPrepared(preparePerson(a, options), preparePerson(b, options), options);
}

/**
 * The score of matchScore without the reasons: for screening many candidate
 * pairs (an import), then explaining only those worth showing.
 */
export function matchPoints(a: MatchPerson, b: MatchPerson, options: MatchOptions = {}): number {
  return weigh(preparePerson(a, options), preparePerson(b, options), options);
}

/**
 * The explained score of a pair worth showing a coordinator, or null: the
 * cheap checks first (mayBeLikelyDuplicate, then the score without reasons),
 * since nearly every candidate pair of an import fails them. `complete`
 * gives b with its documents, when b was prepared without them because they
 * share no number with a's: documents can then only count against the pair,
 * so they are read only for a pair that passes without them.
 */
export function likelyDuplicate(a: PreparedPerson, b: PreparedPerson, options: MatchOptions = {}, complete?: () => PreparedPerson): MatchResult | null {
  if (!mayBeLikelyDuplicate(a, b, options) || weigh(a, b, options) < LIKELY_DUPLICATE) return null;
  const full = complete ? complete() : b;
  if (full !== b && weigh(a, full, options) < LIKELY_DUPLICATE) return null;
  const r = matchPrepared(a, full, options);
  return isLikelyDuplicate(r.score) ? r : null;
}
