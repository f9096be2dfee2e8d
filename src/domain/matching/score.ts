/**
 * How likely two records are the same person, with the reasons in plain words
 * so a coordinator can judge the suggestion rather than trust a number
 * ("same passport number"; "name 0.93 similar, one letter different (budi /
 * budu)"; "born within 1 year (age estimated)"; "common name: 4 other people
 * in the registry have it").
 *
 * The score adds up evidence, each item bounded, and is clamped to 0..1:
 *  - the same document number is enough on its own to put the pair in front
 *    of a coordinator, even when the names disagree (a passport number is
 *    unique; a different name is then a transcription to check); different
 *    national ID or passport numbers count against; the same phone is strong
 *    but not decisive (phones are shared and passed on);
 *  - the best name similarity over every pair of name forms (./name-match),
 *    and, when the caller passes the registry's counts (./frequency), how
 *    many other registered people have that name: "same name" says less for
 *    Muhammad or Wang Qian than for Pheakdey Chan, and more when nobody else
 *    has it. Two people who share only a nickname, with names of their own
 *    that differ, get nothing for it;
 *  - different Chinese characters for one pinyin (汪倩 / 王倩) count against;
 *  - birth: the same date, the same day and month with the year one off
 *    (or day and month swapped), the same month; otherwise the closer the
 *    years, the stronger (1 year of tolerance for stated dates, 5 when either
 *    is an estimated age); different days or months, and years beyond the
 *    tolerance, count against;
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
 * between two different people (a point is about 6.5 in natural-log odds).
 * Each was first set by reasoning about the item, then adjusted against the
 * demo generator's planted duplicates (seeds 11–16 and 21 at 3,000 and
 * 10,000 people; the name counts, estimated ages and operations again on
 * seeds 11–13 and at 100,000 people, seed 11) and checked on seeds not used
 * for that (91–96 at 3,000, 91–93 at 10,000). Where the generator cannot tell
 * us the truth (how far apart two estimates of one person's age can be,
 * whether people change phone, whether a person is listed under two
 * operations), the weights stay cautious rather than follow it.
 * Read-only; exported so tests and measurements can name them.
 */
const weights = {
  sameDocument: 1,
  differentPassports: -0.2,
  differentNationalIds: -0.3,
  samePhone: 0.4,
  /** phones are taken in the compounds and replaced, so a different number says little */
  differentPhones: -0.1,
  /** the same name (similarity NAME_FULL and above); it falls to nothing at NAME_FLOOR and turns against below */
  nameFull: 0.55,
  nameAgainst: -0.3,
  /** the most an alias can count: without registry counts, and with them (then how common it is counts too) */
  aliasCap: 0.35,
  aliasCapCounted: 0.55,
  /**
   * With the registry's counts, a name nobody else has adds this; then each doubling of (1 + the other
   * registered people with the name) takes commonName off, down to taking commonNameCap off: among n
   * people with one name, two picked at random are one person about half as often as among n / 2.
   */
  rareName: 0.1,
  commonName: 0.1,
  commonNameCap: 0.55,
  differentHanzi: -0.4,
  sameBirthDate: 0.5,
  sameBirthday: 0.4,
  /** added to the year's points when both give the same month (and not both a day) */
  sameBirthMonth: 0.15,
  /** added to the year's points when both records give a month or a day and they differ */
  differentBirthday: -0.35,
  /** birth year gap 0 to 5 when either age is estimated (tolerance 5: an estimate is a guess, see ./blocking): the closer, the stronger */
  yearsEstimated: [0.15, 0.1, 0.05, 0, -0.05, -0.1] as readonly number[],
  /** birth year gap 0, 1 for stated dates (tolerance 1) */
  yearsStated: [0.15, 0.1] as readonly number[],
  yearsJustOutside: -0.2,
  yearsFarApart: -0.35,
  sameNationality: 0.1,
  differentNationality: -0.25,
  differentSex: -0.6,
  /** the same operation, when its size is not known */
  sameOperation: 0.2,
  /** with the registry's operation sizes: per natural-log unit of how much rarer sharing it is by chance */
  operationPerNat: 0.12,
  sameOperationMin: 0.05,
  sameOperationMax: 0.4,
  /** two named operations that differ: the same person is usually listed in one, but may be moved between them */
  differentOperations: -0.05,
  sameSiteAndDay: 0.1,
  noCommonLanguage: -0.2,
};
export const WEIGHTS: Readonly<typeof weights> = weights;

/** Name similarity at which a name counts in full (NAME_FLOOR and below: nothing, or against). */
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

function add(points: number, reason: string): void {
  total += points;
  if (explaining) {
    itemPoints.push(points);
    itemReasons.push(reason);
  }
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
        add(WEIGHTS.sameDocument, `same ${DOC_WORDS[da.type ?? ''] ?? 'document number'}`);
        return true;
      }
    }
  }
  // Two different documents of one kind from one country: a national ID number is for life, a passport
  // can be renewed or replaced by an emergency document, so the first counts more against.
  for (const da of a.documents) {
    if (da.type !== 'passport' && da.type !== 'national_id') continue;
    for (const db of b.documents) {
      if (db.type !== da.type || db.country !== da.country) continue;
      if (da.type === 'national_id') add(WEIGHTS.differentNationalIds, 'different national ID numbers');
      else add(WEIGHTS.differentPassports, 'different passport numbers');
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

function birthEvidence(a: PreparedPerson, b: PreparedPerson): void {
  const da = asRecorded(a.birthDate);
  const db = asRecorded(b.birthDate);
  if (da.length === 10 && da === db) {
    add(WEIGHTS.sameBirthDate, 'same birth date');
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
      add(WEIGHTS.sameBirthday, `same birthday, year ${years(gap)} apart`);
      return;
    }
    if (swapped && gap === 0) {
      add(WEIGHTS.sameBirthday, 'same birth date, day and month swapped');
      return;
    }
  }
  const estimated = !da || !db;
  const table = estimated ? WEIGHTS.yearsEstimated : WEIGHTS.yearsStated;
  const tolerance = table.length - 1;
  const months = da.length >= 7 && db.length >= 7;
  const differentDate = months && (da.slice(5, 7) !== db.slice(5, 7) || (da.length === 10 && db.length === 10 && da.slice(8, 10) !== db.slice(8, 10)));
  if (gap > tolerance) {
    const points = gap > tolerance + 2 ? WEIGHTS.yearsFarApart : WEIGHTS.yearsJustOutside;
    add(differentDate ? points + WEIGHTS.differentBirthday : points, `born ${years(gap)} apart${differentDate ? ', different birth dates' : ''}`);
    return;
  }
  if (differentDate) {
    add((table[gap] as number) + WEIGHTS.differentBirthday, gap === 0 ? 'same birth year, different birth dates' : `born within ${years(gap)}, different birth dates`);
    return;
  }
  if (months) {
    // Both give the month (one or both without a day), and it agrees.
    const points = (table[gap] as number) + WEIGHTS.sameBirthMonth;
    add(points, gap === 0 ? 'same birth year and month' : `same birth month, year ${years(gap)} apart`);
    return;
  }
  const points = table[gap] as number;
  if (gap === 0) add(points, estimated ? 'same birth year (age estimated)' : 'same birth year');
  else add(points, `born within ${years(gap)}${estimated ? ' (age estimated)' : ''}`);
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
  let points =
    sim >= NAME_FLOOR
      ? (WEIGHTS.nameFull * Math.min(sim - NAME_FLOOR, NAME_FULL - NAME_FLOOR)) / (NAME_FULL - NAME_FLOOR)
      : WEIGHTS.nameAgainst * Math.min(1, (NAME_FLOOR - sim) / 0.3);
  // Nicknames and work names (Lek, Kevin, Mia) are shared by many people: without the registry's
  // counts an alias is weak evidence; with them, how many share it is weighed below.
  if (m.alias) points = Math.min(points, frequency ? WEIGHTS.aliasCapCounted : WEIGHTS.aliasCap);
  const what = m.alias ? 'alias' : 'name';
  if (explaining) {
    let reason = sim >= 0.995 ? `same ${what}` : `${what} ${sim.toFixed(2)} similar`;
    if (m.slip && m.a && m.b) reason += `, one letter different (${slipPair(m.a.raw, m.b.raw)})`;
    if (sharedAlias) reason += `; only the alias ${sharedAlias} in common`;
    add(points, reason);
  } else add(points, '');

  if (frequency && sim >= NAME_FLOOR && m.a && m.b) {
    // Two records with the same characters: count the people with those characters, fewer than share the pinyin (王倩 / 汪倩).
    const sameHanzi = a.hanziKey !== null && a.hanziKey === b.hanziKey && m.a.key === a.pinyin && m.b.key === b.pinyin;
    const others = sameHanzi ? Math.max(0, frequency.count(a.hanziKey as string) - 2) : namesakes(frequency, m.a, m.b);
    // Only the same name, written the same, is a name nobody else has: a near miss (a slip, a missing part) is one by nature.
    const same = sameHanzi || m.a.key === m.b.key;
    const points = Math.max(-WEIGHTS.commonNameCap, (same ? WEIGHTS.rareName : 0) - WEIGHTS.commonName * Math.log2(1 + others));
    if (others === 0 && same) add(points, explaining ? `nobody else in the registry has this ${what}` : '');
    else if (others > 0) add(points, explaining ? `common ${what}: ${others} other ${others === 1 ? 'person' : 'people'} in the registry ${others === 1 ? 'has' : 'have'} it` : '');
  }
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
      add(WEIGHTS.differentOperations, 'different rescue operations');
      return;
    }
    // Compounds hold some nationalities more than others: two people of one nationality are
    // weighed against the registered people of that nationality, and how many the operation brought.
    const nationality = a.nationality !== null && a.nationality === b.nationality ? a.nationality : null;
    const total = !frequency ? 0 : nationality ? frequency.count(NATIONALITY + nationality) : frequency.total;
    if (!frequency || total < OPERATION_SIZES_FROM || !a.operationKey) {
      add(WEIGHTS.sameOperation, 'same rescue operation');
      return;
    }
    // How much more often two records of one person share an operation (about half do)
    // than two people drawn from the registry: the smaller the operation, the stronger.
    const size = Math.max(2, frequency.count(nationality ? a.operationKey + NATIONALITY + nationality : a.operationKey));
    const ratio = (0.5 * total) / size;
    const points = Math.max(WEIGHTS.sameOperationMin, Math.min(WEIGHTS.sameOperationMax, WEIGHTS.operationPerNat * Math.log(ratio)));
    add(points, explaining ? `same rescue operation (${size} ${nationality ? `${nationality} ` : ''}people registered from it)` : '');
    return;
  }
  if (a.site && a.site === b.site && a.rescueDay !== null && b.rescueDay !== null && Math.abs(a.rescueDay - b.rescueDay) <= 2) {
    add(WEIGHTS.sameSiteAndDay, 'rescued at the same site within 2 days');
  }
}

/** People speak the same languages at every interview; two records with none in common are probably two people. */
function languageEvidence(a: PreparedPerson, b: PreparedPerson): void {
  if (a.languages.length === 0 || b.languages.length === 0) return;
  for (const l of a.languages) if (b.languages.includes(l)) return;
  add(WEIGHTS.noCommonLanguage, explaining ? `no language in common (${a.languages.join(', ')} / ${b.languages.join(', ')})` : '');
}

/** Adds up the evidence of a and b into `total` (and the reasons, when explaining). */
function weigh(a: PreparedPerson, b: PreparedPerson, options: MatchOptions): number {
  begin();
  const frequency = options.frequency ?? null;
  documentEvidence(a, b);
  phoneEvidence(a, b);
  nameEvidence(a, b, frequency);
  facts(a, b, frequency);
  return Math.max(0, Math.min(1, total));
}

function begin(): void {
  total = 0;
  itemPoints.length = 0;
  itemReasons.length = 0;
}

function phoneEvidence(a: PreparedPerson, b: PreparedPerson): void {
  if (a.phone && b.phone) {
    if (a.phone === b.phone) add(WEIGHTS.samePhone, 'same phone number');
    else add(WEIGHTS.differentPhones, 'different phone numbers');
  }
}

/** Everything but documents, phones and names: characters, birth, nationality, sex, rescue, languages. */
function facts(a: PreparedPerson, b: PreparedPerson, frequency: NameFrequency | null): void {
  // People write their own name in characters the same way each time; pinyin is shared by many characters (汪 / 王 wang).
  if (a.hanzi && b.hanzi && a.hanzi !== b.hanzi) add(WEIGHTS.differentHanzi, explaining ? `different Chinese characters (${a.hanzi} / ${b.hanzi})` : '');
  birthEvidence(a, b);
  if (a.nationality && b.nationality) {
    if (a.nationality === b.nationality) add(WEIGHTS.sameNationality, 'same nationality');
    else add(WEIGHTS.differentNationality, 'different nationality');
  }
  if (a.sex && b.sex && a.sex !== b.sex) add(WEIGHTS.differentSex, 'different sex');
  rescueEvidence(a, b, frequency);
  languageEvidence(a, b);
}

/**
 * Whether the pair could reach LIKELY_DUPLICATE at all: everything but the
 * names, which cost most to compare, plus the most a name can add (more only
 * for the same name, written the same, that nobody else has). Two records of
 * different sex, or with different birth dates and no other evidence, fail
 * here whatever their names. `b` may lack its documents when they share no
 * number with a's (then they can only count against).
 */
export function mayBeLikelyDuplicate(a: PreparedPerson, b: PreparedPerson, options: MatchOptions = {}): boolean {
  begin();
  documentEvidence(a, b);
  phoneEvidence(a, b);
  facts(a, b, options.frequency ?? null);
  const rest = total;
  if (rest + WEIGHTS.nameFull >= LIKELY_DUPLICATE) return true;
  return !!options.frequency && rest + WEIGHTS.nameFull + WEIGHTS.rareName >= LIKELY_DUPLICATE && sameNameWritten(a, b);
}

/** Some name form of a and some of b are the same tokens (see nameEvidence's rare-name bonus). */
function sameNameWritten(a: PreparedPerson, b: PreparedPerson): boolean {
  for (const fa of a.names) for (const fb of b.names) if (fa.key === fb.key) return true;
  return false;
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
