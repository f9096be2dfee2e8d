/**
 * A person reduced once to what matching compares: folded name forms, birth
 * year and precision, normalised document numbers and phone, rescue facts.
 * Normalising a name (pinyin conversion above all) costs far more than
 * comparing two prepared names, and an import compares each person with many
 * candidates, so the result is cached per person object.
 */
import { nameForms, nameTokens, type PersonNames } from './normalise';
import { foldForBlocking, foldRomanisation } from './romanisation';

export interface YearOptions {
  /** the year estimated ages are counted from (default: this year) */
  referenceYear?: number;
}

export interface BlockingPerson extends PersonNames {
  sex?: string | null;
  birthDate?: string | null;
  estimatedAge?: number | null;
  phone?: string | null;
  documents?: readonly { number?: string | null; type?: string | null; issuingCountry?: string | null }[] | null;
}

export interface MatchPerson extends BlockingPerson {
  claimedNationality?: string | null;
  rescueOperation?: string | null;
  rescueSite?: string | null;
  rescueDate?: string | null;
  /** languages the person speaks (codes) */
  languages?: readonly string[] | null;
}

/** Prefix of a whole-name key in the frequency table: "=an nguyen van", "=王倩". */
export const WHOLE_NAME = '=';
/** Prefix of a rescue operation in the frequency table: "@Myawaddy handover 2026-10-14". */
export const OPERATION = '@';
/** Prefix of a claimed nationality in the frequency table: "#VN". An operation is also counted per nationality: "@Poipet crackdown 2026-07-10#VN". */
export const NATIONALITY = '#';
/** Counted in the frequency table for a person with no birth year recorded: whether the registry holds any such. */
export const NO_BIRTH_YEAR = '#?';

/** One written form of a name, ready to compare. */
export interface PreparedName {
  /** normalised tokens in written order, before romanisation folding (./normalise) */
  raw: readonly string[];
  /** the same tokens folded (./romanisation) */
  tokens: readonly string[];
  /** the same tokens folded without the word-end rules, for blocking keys (see foldForBlocking) */
  blockingTokens: readonly string[];
  /** the folded tokens sorted and joined by a space */
  key: string;
  /** the key as the frequency table counts it (WHOLE_NAME + key) */
  wholeKey: string;
  /** a nickname or work name, which many people share */
  alias: boolean;
  /** every token is plain a–z after folding (Latin, Vietnamese, pinyin), so spelling slips can be reasoned about */
  latin: boolean;
}

export interface PreparedDocument {
  number: string;
  type: string | null;
  country: string | null;
}

export interface PreparedPerson {
  names: readonly PreparedName[];
  /** the Chinese characters of the native name, when it has any */
  hanzi: string | null;
  /** those characters' pinyin tokens, folded, sorted and joined by a space (张伟 → "wei zhang") */
  pinyin: string | null;
  /** the characters as the frequency table counts them (WHOLE_NAME + hanzi) */
  hanziKey: string | null;
  /** stated birth year (Buddhist Era converted), or the year an estimated age implies */
  year: number | null;
  /** the birth date as recorded (YYYY, YYYY-MM or YYYY-MM-DD), '' when none */
  birthDate: string;
  documents: readonly PreparedDocument[];
  phone: string | null;
  sex: string | null;
  nationality: string | null;
  operation: string | null;
  /** the operation as the frequency table counts it (OPERATION + operation) */
  operationKey: string | null;
  site: string | null;
  /** rescue date as a day number, or null */
  rescueDay: number | null;
  languages: readonly string[];
}

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

const PLAIN_LATIN = /^[a-z]+$/;
const HAN = /\p{Script=Han}/gu;

/** A Buddhist Era birth date written as a Gregorian one, so dates compare (2538-04-03 → 1995-04-03). */
function gregorianDate(d: string | null | undefined): string {
  if (!d || !/^\d{4}/.test(d)) return '';
  const y = Number(d.slice(0, 4));
  return y > 2400 ? `${y - 543}${d.slice(4)}` : d;
}

function dayNumber(iso: string | null | undefined): number | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? Math.round(t / 86_400_000) : null;
}

/** The Chinese characters of a native name, or null. */
export const hanziOf = (nativeName: string | null | undefined): string | null =>
  nativeName ? (nativeName.normalize('NFKC').match(HAN)?.join('') ?? null) : null;

const namesCache = new WeakMap<object, readonly PreparedName[]>();

/**
 * Folded name forms of a person, without the rest (for blocking and the
 * frequency table); cached per object, like preparePerson.
 */
export function preparedNames(p: PersonNames): readonly PreparedName[] {
  let names = namesCache.get(p);
  if (!names) {
    names = nameFormsOf(p);
    namesCache.set(p, names);
  }
  return names;
}

function nameFormsOf(p: PersonNames): PreparedName[] {
  return nameForms(p).map((f) => preparedName(f.tokens, f.alias));
}

/** A name form from its normalised tokens as written (see ./normalise). */
export function preparedName(raw: readonly string[], alias: boolean): PreparedName {
  const tokens = raw.map(foldRomanisation);
  const key = [...tokens].sort().join(' ');
  return {
    raw,
    tokens,
    blockingTokens: raw.map(foldForBlocking),
    key,
    wholeKey: WHOLE_NAME + key,
    alias,
    latin: tokens.every((t) => PLAIN_LATIN.test(t)),
  };
}

const cache = new WeakMap<object, { referenceYear: number | undefined; prepared: PreparedPerson }>();

function prepareDocuments(documents: BlockingPerson['documents']): PreparedDocument[] {
  const out: PreparedDocument[] = [];
  for (const d of documents ?? []) {
    const number = normaliseDocumentNumber(d.number);
    if (number) out.push({ number, type: d.type ?? null, country: d.issuingCountry ?? null });
  }
  return out;
}

/** What is prepared of a person besides names and documents (see PreparedPerson). */
export type PreparedFacts = Pick<PreparedPerson, 'hanzi' | 'year' | 'birthDate' | 'phone' | 'sex' | 'nationality' | 'operation' | 'site' | 'rescueDay' | 'languages'>;

/**
 * A prepared person. The names are worked out when first read: most
 * candidate pairs of an import are settled by the other facts (different
 * sex, different birth dates), which cost far less to compare.
 */
class Prepared implements PreparedPerson {
  private namesRead: readonly PreparedName[] | null = null;
  private pinyinRead: string | null | undefined;
  readonly hanzi: string | null;
  readonly hanziKey: string | null;
  readonly year: number | null;
  readonly birthDate: string;
  readonly phone: string | null;
  readonly sex: string | null;
  readonly nationality: string | null;
  readonly operation: string | null;
  readonly operationKey: string | null;
  readonly site: string | null;
  readonly rescueDay: number | null;
  readonly languages: readonly string[];

  constructor(
    facts: PreparedFacts,
    private readonly nameSource: () => readonly PreparedName[],
    readonly documents: readonly PreparedDocument[],
  ) {
    this.hanzi = facts.hanzi;
    this.hanziKey = facts.hanzi ? WHOLE_NAME + facts.hanzi : null;
    this.year = facts.year;
    this.birthDate = facts.birthDate;
    this.phone = facts.phone;
    this.sex = facts.sex;
    this.nationality = facts.nationality;
    this.operation = facts.operation;
    this.operationKey = facts.operation ? OPERATION + facts.operation : null;
    this.site = facts.site;
    this.rescueDay = facts.rescueDay;
    this.languages = facts.languages;
  }

  get names(): readonly PreparedName[] {
    return (this.namesRead ??= this.nameSource());
  }

  get pinyin(): string | null {
    if (this.pinyinRead === undefined) this.pinyinRead = this.hanzi ? nameTokens(this.hanzi).map(foldRomanisation).sort().join(' ') || null : null;
    return this.pinyinRead;
  }

  /** The same person with these documents (see withDocuments). */
  with(documents: readonly PreparedDocument[]): Prepared {
    const copy = Object.create(Prepared.prototype) as Prepared;
    return Object.assign(copy, this, { documents });
  }
}

/** A prepared person from facts worked out before (see ./card), names built when first read. */
export const preparedFrom = (facts: PreparedFacts, names: () => readonly PreparedName[]): PreparedPerson => new Prepared(facts, names, []);

/**
 * A prepared record with its documents, for one prepared without them: a
 * registered person's documents are read only for the few candidates that
 * come close enough to need them (see likelyDuplicate).
 */
export function withDocuments(p: PreparedPerson, documents: BlockingPerson['documents']): PreparedPerson {
  if (!(p instanceof Prepared)) throw new TypeError('withDocuments: pass a record from preparePerson.');
  return p.with(prepareDocuments(documents));
}

/**
 * The prepared form of a person, cached per object. The cache assumes a
 * person object is not changed after it has been compared; pass a fresh
 * object for an edited record.
 */
export function preparePerson(p: MatchPerson, options: YearOptions = {}): PreparedPerson {
  const hit = cache.get(p);
  if (hit && hit.referenceYear === options.referenceYear) return hit.prepared;
  const operation = p.rescueOperation?.trim() || null;
  const facts: PreparedFacts = {
    hanzi: hanziOf(p.nativeName),
    year: birthYearOf(p, options),
    birthDate: gregorianDate(p.birthDate),
    phone: normalisePhone(p.phone),
    sex: p.sex && p.sex !== 'unknown' ? p.sex : null,
    nationality: p.claimedNationality ?? null,
    operation,
    site: p.rescueSite?.trim() || null,
    rescueDay: dayNumber(p.rescueDate),
    languages: p.languages ?? [],
  };
  const prepared = new Prepared(facts, () => preparedNames(p), prepareDocuments(p.documents));
  cache.set(p, { referenceYear: options.referenceYear, prepared });
  return prepared;
}
