/**
 * How likely two records are the same person, with the reasons in plain words
 * so a coordinator can judge the suggestion rather than trust a number.
 *
 * The score adds up evidence, each item bounded, and is clamped to 0..1:
 *  - the same document number is enough on its own to put the pair in front
 *    of a coordinator, even when the names disagree (a passport number is
 *    unique; a different name is then a transcription to check); the same
 *    phone is strong but not decisive (phones are shared and passed on);
 *  - the best name similarity over every pair of name forms (Latin, native,
 *    aliases), after normalisation and romanisation folding; a name alone
 *    does not make a duplicate, because common names repeat (Nguyen Van An);
 *  - birth year within a tolerance (1 year for stated dates, 3 when either is
 *    an estimated age), and an identical full date as extra evidence;
 *  - the same claimed nationality;
 *  - a different sex, or birth years far apart, count strongly against.
 */
import { birthYearOf, normaliseDocumentNumber, normalisePhone, type BlockingPerson, type YearOptions } from './blocking';
import { nameForms, type NameForm } from './normalise';
import { foldRomanisation } from './romanisation';
import { tokenCover } from './similarity';

export interface MatchPerson extends BlockingPerson {
  claimedNationality?: string | null;
  rescueOperation?: string | null;
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

/** Name forms as folded token lists, ready to compare. */
export function foldedForms(p: MatchPerson): NameForm[] {
  return nameForms(p).map((f) => ({ tokens: f.tokens.map(foldRomanisation), alias: f.alias }));
}

/** Mean token similarity of two forms with the same number of tokens, in either order. */
function aligned(a: readonly string[], b: readonly string[]): number {
  // (A "worst token" term was tried to keep Văn Tùng / Văn Hùng apart; it cost
  // more typo recall than it gained precision on the demo data, so it is not used.)
  return (tokenCover(a, b) + tokenCover(b, a)) / 2;
}

/** The form with two neighbouring tokens written as one (Sae tang → Saetang), every way. */
function merges(tokens: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push([...tokens.slice(0, i), `${tokens[i]}${tokens[i + 1]}`, ...tokens.slice(i + 2)]);
  return out;
}

/**
 * Similarity of two name forms, 0..1, order-free (ZHANG WEI / Wei Zhang):
 * the mean Jaro-Winkler of matched tokens. Averaging per token rather than
 * comparing whole strings keeps a different short surname visible
 * (Liu Haoran / Lu Haoran) while one typo in a token costs little. When the
 * token counts differ, the longer form may have split a word (Sae-tang /
 * Saetang) or the shorter may lack a part (a family name not recorded); the
 * latter is discounted, since "Wei" alone says less than "Zhang Wei".
 */
export function formSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a.length === b.length) return aligned(a, b);
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let best = tokenCover(short, long) * (0.8 + (0.15 * short.length) / long.length);
  if (long.length === short.length + 1) for (const m of merges(long)) best = Math.max(best, aligned(short, m));
  return best;
}

/** Best similarity over all pairs of name forms, and whether it rests on an alias. */
export function nameSimilarity(a: readonly NameForm[], b: readonly NameForm[]): { similarity: number; alias: boolean } {
  let best = { similarity: 0, alias: false };
  for (const fa of a) {
    for (const fb of b) {
      const similarity = formSimilarity(fa.tokens, fb.tokens);
      const alias = fa.alias || fb.alias;
      // Prefer a match between real names over an equally good one through an alias.
      if (similarity > best.similarity || (similarity === best.similarity && best.alias && !alias)) best = { similarity, alias };
    }
  }
  return best;
}

const DOC_WORDS: Record<string, string> = {
  passport: 'passport number',
  national_id: 'national ID number',
};

function documentEvidence(a: MatchPerson, b: MatchPerson, add: (points: number, reason: string) => void): void {
  const docsB = (b.documents ?? []).map((d) => ({ ...d, n: normaliseDocumentNumber(d.number) }));
  let same = false;
  for (const da of a.documents ?? []) {
    const n = normaliseDocumentNumber(da.number);
    if (!n) continue;
    const hit = docsB.find((db) => db.n === n);
    if (hit && !same) {
      same = true;
      add(1, `same ${DOC_WORDS[da.type ?? ''] ?? 'document number'}`);
    }
  }
  if (same) return;
  // Two different passports from the same country: possible (renewal, emergency document), but a sign against.
  for (const da of a.documents ?? []) {
    if (da.type !== 'passport' || !normaliseDocumentNumber(da.number)) continue;
    if (docsB.some((db) => db.type === 'passport' && db.n && db.issuingCountry === da.issuingCountry)) {
      add(-0.15, 'different passport numbers');
      return;
    }
  }
}

function birthEvidence(a: MatchPerson, b: MatchPerson, options: YearOptions, add: (points: number, reason: string) => void): void {
  const da = a.birthDate ?? '';
  const db = b.birthDate ?? '';
  if (da.length === 10 && da === db) {
    add(0.3, 'same birth date');
    return;
  }
  const ya = birthYearOf(a, options);
  const yb = birthYearOf(b, options);
  if (ya === null || yb === null) return;
  const estimated = !a.birthDate || !b.birthDate;
  const tolerance = estimated ? 3 : 1;
  const gap = Math.abs(ya - yb);
  const years = (n: number) => `${n} year${n === 1 ? '' : 's'}`;
  if (gap > tolerance + 2) {
    add(-0.35, `born ${years(gap)} apart`);
    return;
  }
  if (gap > tolerance) {
    add(0, `born ${years(gap)} apart`);
    return;
  }
  // Someone who knows their birth date gives the same day and month each time;
  // the year is what gets mistyped or converted wrongly (Buddhist Era).
  if (da.length >= 7 && db.length >= 7) {
    const sameMonth = da.slice(5, 7) === db.slice(5, 7);
    const sameDay = da.length < 10 || db.length < 10 || da.slice(8, 10) === db.slice(8, 10);
    if (!sameMonth || !sameDay) {
      add(-0.15, 'different birth dates');
      return;
    }
    if (da.length === 10 && db.length === 10) {
      add(0.2, `same birthday, year ${years(gap)} apart`);
      return;
    }
  }
  if (gap === 0) add(0.15, estimated ? 'same birth year (estimated)' : 'same birth year');
  else add(0.15, `born within ${years(gap)}${estimated ? ' (age estimated)' : ''}`);
}

/** How likely a and b are the same person, and why. */
export function matchScore(a: MatchPerson, b: MatchPerson, options: YearOptions = {}): MatchResult {
  const evidence: { points: number; reason: string }[] = [];
  const add = (points: number, reason: string) => evidence.push({ points, reason });

  documentEvidence(a, b, add);
  const pa = normalisePhone(a.phone);
  if (pa && pa === normalisePhone(b.phone)) add(0.4, 'same phone number');

  const { similarity: sim, alias } = nameSimilarity(foldedForms(a), foldedForms(b));
  // FLOOR and below says nothing (or counts against); FULL and above is as good as the same name.
  const FLOOR = 0.85;
  const FULL = 0.96;
  let namePoints = sim >= FLOOR ? (0.55 * Math.min(sim - FLOOR, FULL - FLOOR)) / (FULL - FLOOR) : -0.3 * Math.min(1, (FLOOR - sim) / 0.3);
  // Nicknames and work names (Lek, Kevin, Mia) are shared by many people: weak evidence alone.
  if (alias) namePoints = Math.min(namePoints, 0.35);
  const what = alias ? 'alias' : 'name';
  add(namePoints, sim >= 0.995 ? `same ${what}` : `${what} ${sim.toFixed(2)} similar`);

  birthEvidence(a, b, options, add);

  if (a.claimedNationality && b.claimedNationality) {
    if (a.claimedNationality === b.claimedNationality) add(0.1, 'same nationality');
    else add(-0.25, 'different nationality');
  }
  if (a.sex && b.sex && a.sex !== b.sex && a.sex !== 'unknown' && b.sex !== 'unknown') add(-0.6, 'different sex');
  if (a.rescueOperation && a.rescueOperation === b.rescueOperation) add(0.1, 'same rescue operation');

  const total = evidence.reduce((s, e) => s + e.points, 0);
  evidence.sort((x, y) => Math.abs(y.points) - Math.abs(x.points));
  return { score: Math.max(0, Math.min(1, total)), reasons: evidence.map((e) => e.reason) };
}
