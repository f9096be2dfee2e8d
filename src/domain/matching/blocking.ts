/**
 * Blocking keys: cheap strings such that two records of the same person very
 * probably share at least one, while two unrelated records rarely do. A store
 * indexes people by key; candidates for a new record are the people sharing
 * a key with it, and only those are scored (./score). This replaces comparing
 * 10,000 new arrivals with 100,000 registered people pairwise.
 *
 * Keys, and the planted duplicates of the demo generator
 * (src/domain/demo/duplicates.ts) each one is there to catch:
 *
 *  doc:<number>      exact document number, letters and digits only.
 *                    exact_document: the second record may have only the
 *                    passport-form name, or none we can compare.
 *  tel:<last 9 digits> the same phone, whether written +66… or 0….
 *  py:<tokens>       the sorted, folded token set of a Chinese native name
 *                    (as pinyin) and of a 2–3 token Latin name, with no
 *                    birth year: pinyin_vs_hanzi (张伟 ↔ WEI ZHANG) is an
 *                    exact token-set match once converted, so it is found
 *                    even when the birth year was recorded wrongly.
 *  p:<a>|<b>:<bucket> for each pair of tokens in a name form, a 3-letter
 *                    prefix of each folded token (./romanisation), sorted, with
 *                    a birth-year bucket. Sorting absorbs token_order and the
 *                    family/given swap of passports; folding absorbs
 *                    diacritics_dropped (Nguyễn → nguyen is done by
 *                    ./normalise) and romanisation_variant (Somchay → somjai,
 *                    Htun → tun). Besides the plain 3-letter prefix each token
 *                    contributes the prefixes with its 2nd or 3rd letter
 *                    deleted (abcd → abc, acd, abd): a typo never touches
 *                    the first letter (people rarely mistake it), and any
 *                    single edit in letters 2–3 leaves one of those in common;
 *                    edits further in do not touch the prefix at all.
 *  t:<prefix>:<sex>:<bucket> for every token, the plain prefix with sex and
 *                    bucket. Catches a name form with one token (alias:
 *                    "Kevin", "Ko Htet" → htet; single Indonesian or Burmese
 *                    names; gets the deletion prefixes too) and a two-token
 *                    name where a romanisation variant changed one token
 *                    beyond what the fold absorbs (Thein / Thane).
 *  m:…               a form's adjacent tokens merged (Sae-tang / Saetang,
 *                    Tha Zin / Thazin, Ou Yang / Ouyang) gives further p: keys.
 *
 * Birth-year buckets are 5 years wide and each record emits every bucket that
 * meets [year − 2, year + 2], so two records whose years differ by up to 4
 * always share a bucket (estimated ages are ±3 years). A record with no year
 * at all emits the buckets of every plausible year, so it is never blocked
 * out by a missing year.
 */
import { nameTokens, personNameForms, type PersonNames } from './normalise';
import { foldRomanisation } from './romanisation';

export interface BlockingPerson extends PersonNames {
  sex?: string | null;
  birthDate?: string | null;
  estimatedAge?: number | null;
  phone?: string | null;
  documents?: readonly { number?: string | null; type?: string | null; issuingCountry?: string | null }[] | null;
}

export interface YearOptions {
  /** the year estimated ages are counted from (default: this year) */
  referenceYear?: number;
}

const BUCKET = 5;
const YEAR_SLACK = 2;
/** Plausible birth years for someone with no recorded year: aged 10 to 75. */
const ANY_AGE: readonly [number, number] = [10, 75];

/** Birth year a record states; Thai Buddhist Era years (2400+) are converted. */
export function birthYearOf(p: Pick<BlockingPerson, 'birthDate' | 'estimatedAge'>, options: YearOptions = {}): number | null {
  if (p.birthDate && /^\d{4}/.test(p.birthDate)) {
    const y = Number(p.birthDate.slice(0, 4));
    return y > 2400 ? y - 543 : y;
  }
  if (p.estimatedAge !== null && p.estimatedAge !== undefined && Number.isFinite(p.estimatedAge)) {
    return (options.referenceYear ?? new Date().getUTCFullYear()) - p.estimatedAge;
  }
  return null;
}

export function yearBuckets(year: number | null, options: YearOptions = {}): number[] {
  const ref = options.referenceYear ?? new Date().getUTCFullYear();
  const [lo, hi] = year === null ? [ref - ANY_AGE[1], ref - ANY_AGE[0]] : [year - YEAR_SLACK, year + YEAR_SLACK];
  const out: number[] = [];
  for (let b = Math.floor(lo / BUCKET); b <= Math.floor(hi / BUCKET); b++) out.push(b);
  return out;
}

/** Document numbers compared without spaces, dashes or case. */
export const normaliseDocumentNumber = (n: string | null | undefined): string | null => {
  const s = (n ?? '').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
  return s.length >= 5 ? s : null;
};

/** Phones compared on their last 9 digits, so +66 81…, 066 81… and 081… agree. */
export const normalisePhone = (phone: string | null | undefined): string | null => {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 7 ? digits.slice(-9) : null;
};

/** The plain 3-letter prefix, and the prefixes with the 2nd or 3rd letter deleted. */
function prefixes(token: string): string[] {
  const t = [...token];
  const plain = t.slice(0, 3).join('');
  if (t.length < 3) return [plain];
  const skip1 = [t[0], ...t.slice(2, 4)].join('');
  const skip2 = [t[0], t[1], ...t.slice(3, 4)].join('');
  return [...new Set([plain, skip1, skip2])];
}

export function blockingKeys(person: BlockingPerson, options: YearOptions = {}): string[] {
  const keys = new Set<string>();
  for (const d of person.documents ?? []) {
    const n = normaliseDocumentNumber(d.number);
    if (n) keys.add(`doc:${n}`);
  }
  const phone = normalisePhone(person.phone);
  if (phone) keys.add(`tel:${phone}`);

  if (person.nativeName && /\p{Script=Han}/u.test(person.nativeName)) {
    const py = nameTokens(person.nativeName.replace(/[^\p{Script=Han}]/gu, ''));
    if (py.length > 0) keys.add(`py:${py.map(foldRomanisation).sort().join(' ')}`);
  }
  // The Latin name written as pinyin gives the same key (WEI ZHANG ↔ 张伟).
  const latin = nameTokens([person.familyName, person.givenNames].filter(Boolean).join(' '), { stripTitles: false });
  if (latin.length >= 2 && latin.length <= 3) keys.add(`py:${latin.map(foldRomanisation).sort().join(' ')}`);

  const buckets = yearBuckets(birthYearOf(person, options), options);
  const sex = person.sex ?? '?';
  const forms = personNameForms(person);
  const allForms: string[][] = [...forms];
  for (const f of forms) {
    for (let i = 0; i + 1 < f.length; i++) allForms.push([...f.slice(0, i), `${f[i]}${f[i + 1]}`, ...f.slice(i + 2)]);
  }
  for (const form of allForms) {
    const folded = [...new Set(form.map(foldRomanisation))];
    for (const tok of folded) {
      const tokenPrefixes = folded.length === 1 ? prefixes(tok) : [[...tok].slice(0, 3).join('')];
      for (const pre of tokenPrefixes) for (const b of buckets) keys.add(`t:${pre}:${sex}:${b}`);
    }
    for (let i = 0; i < folded.length; i++) {
      for (let j = i + 1; j < folded.length; j++) {
        for (const a of prefixes(folded[i] as string)) {
          for (const c of prefixes(folded[j] as string)) {
            const pair = a < c ? `${a}|${c}` : `${c}|${a}`;
            for (const b of buckets) keys.add(`p:${pair}:${b}`);
          }
        }
      }
    }
  }
  return [...keys];
}
