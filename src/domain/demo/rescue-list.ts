/**
 * A rescue list as it is handed over at the Friendship Bridge: a spreadsheet
 * typed in a hurry by a militia clerk, a police unit or a shelter, in its own
 * language, with names in Latin letters or in their own script, dates in
 * Buddhist Era or as Excel day numbers, hedged ages, blank lines, broken cells,
 * people listed twice, and people another office has already registered.
 * Built from the demo generator's synthetic people, so it holds no real
 * person, and seeded, so the same options give the same list.
 *
 * `expected` says what an importer must find. Rows are numbered as in the
 * file (see RescueListExpected).
 */
import type { PersonInput, Sex } from '../person';
import { civilFromDays, daysFromCivil, isoOf, toEpochDay } from './days';
import { foldDiacritics, typo } from './duplicates';
import { iteratePeople } from './generate';
import { Rng, Weighted } from './random';
import { DEFAULT_TODAY, type DuplicateKind, type GeneratedPerson } from './types';

// ───────────────────────────── public contract ─────────────────────────────

/** Language of the headers and of the values written in words (sex, nationality, remarks). */
export type HeaderStyle = 'en' | 'th' | 'zh' | 'my' | 'mixed';
/** How dates are written; 'mixed' picks per cell, as merged lists do. */
export type DateStyle = 'dmy' | 'iso' | 'buddhist' | 'excel-serial' | 'mixed';
/**
 * Which scripts the cells may use, so the list can be saved in a legacy code
 * page: 'thai' is ASCII + Thai (Windows-874), 'chinese' is ASCII + Chinese
 * characters of the GBK two-byte set (GB18030 as Chinese Excel writes it),
 * 'latin' is plain ASCII (diacritics folded: Nguyễn → Nguyen), 'all' anything.
 * In every mode but 'all', Latin names lose their diacritics.
 */
export type ListScripts = 'all' | 'thai' | 'chinese' | 'latin';

/**
 * What a column holds. Every value but 'rowNumber' is the name of an
 * IMPORT_FIELDS entry of src/services/import/headers.ts, which is what
 * mapHeaders should map the column to; 'rowNumber' ("No.") maps to nothing.
 */
export type ListColumn =
  | 'rowNumber'
  | 'fullName'
  | 'nativeName'
  | 'aliases'
  | 'sex'
  | 'birthDate'
  | 'age'
  | 'claimedNationality'
  | 'passportNumber'
  | 'phone'
  | 'rescueDate'
  | 'rescueSite'
  | 'rescueGroup'
  | 'notes';

/** How the second listing of a person differs from the first (or from the stored record). */
export type ListDuplicateKind =
  | 'pinyin_vs_hanzi' // one row 张伟 only, the other ZHANG WEI / WEI ZHANG only
  | 'diacritics_dropped' // Nguyễn Văn An → NGUYEN VAN AN
  | 'token_order' // ZHANG Wei → Wei ZHANG; Thu Soe Tin → Soe Tin Thu
  | 'typo' // one letter wrong, doubled, dropped or swapped
  | 'date_format' // same name, birth date written another way (05/03/1998 ↔ 1998-03-05 ↔ 05/03/2541)
  | 'same_name'; // same name and facts, other cells formatted differently (stored duplicates only)

export type MalformedReason =
  | 'impossible_date' // 31/02/1998 in the birth date or rescue date column
  | 'two_digit_year' // 05/03/98
  | 'future_birth_date' // a birth date after the list's `today` (the date itself parses)
  | 'unknown_nationality' // Atlantis
  | 'no_name' // full name, native name and alias cells all empty
  | 'unparseable_age' // abc, adult
  | 'unknown_sex' // Mr., M/F
  | 'phone_mangled' // 8.61391E+12, or two numbers in one cell
  | 'bad_document_number'; // E12345678 (expired)

export const MALFORMED_REASONS: readonly MalformedReason[] = [
  'impossible_date',
  'two_digit_year',
  'future_birth_date',
  'unknown_nationality',
  'no_name',
  'unparseable_age',
  'unknown_sex',
  'phone_mangled',
  'bad_document_number',
];

/**
 * The check a malformed row fails: a value parser of
 * src/services/import/values.ts by name, 'hasName' (the intake rule "give at
 * least one name": every name cell is empty) or 'birthDateNotInFuture' (the
 * intake rule; parseDate accepts the date, it is after `today`).
 */
export type RowCheck =
  | 'parseDate'
  | 'parseAge'
  | 'parseSex'
  | 'parseNationality'
  | 'parsePhone'
  | 'parseDocumentNumber'
  | 'hasName'
  | 'birthDateNotInFuture';

export interface RescueListOptions {
  seed: number;
  /**
   * How many people from `people` are listed, one row each (malformed rows included, people in
   * expected.omitted excepted). In-file duplicates, stored duplicates and blank rows come on top.
   */
  count: number;
  /** Default: the people of generatePeople({ seed, count, today, duplicateRate: 0 }). The first `count` are listed. */
  people?: readonly GeneratedPerson[];
  /** Default 'en'. */
  headerStyle?: HeaderStyle;
  /** Default 'dmy'. */
  dateStyle?: DateStyle;
  /** Default 'all'. 'th' headers need 'all' or 'thai', 'zh' needs 'all' or 'chinese', 'my' needs 'all'. */
  scripts?: ListScripts;
  /** Include the native-script name column. Default: true unless scripts is 'latin'. */
  nativeNameColumn?: boolean;
  /** Empty rows (",,,,,") added between the people; default 0. */
  blankRows?: number;
  /** Listed people whose row gets exactly one defect; default 0. */
  malformedRows?: number;
  /** Formula-looking cells (= + - @ …) planted in the alias or remarks column of valid rows; default 0. */
  formulaCells?: number;
  /** Extra rows listing an already listed person a second time, differently; default 0. */
  inFileDuplicates?: number;
  /** Stored people to list again, as another agency would: one extra row each. */
  duplicatesOf?: readonly PersonInput[];
  /** Reference date, YYYY-MM-DD: future birth dates are after it. Default DEFAULT_TODAY ('2026-11-01'). */
  today?: string;
}

export interface MalformedRow {
  row: number;
  reason: MalformedReason;
  /** The column that is wrong (for 'no_name', the full-name column, left empty). */
  column: number;
  field: ListColumn;
  /** The check that fails; every other cell of the row passes its parser. */
  check: RowCheck;
  /** The cell as written. */
  value: string;
}

export interface FormulaCell {
  row: number;
  column: number;
  field: 'aliases' | 'notes';
  /** Starts with = + - or @; must be imported as this literal text. */
  value: string;
}

export interface InFileDuplicate {
  /** The later row ... */
  row: number;
  /** ... lists the same person as this earlier row. */
  of: number;
  kind: ListDuplicateKind | DuplicateKind;
  /** 'list': planted here; 'generator': `people` held a planted duplicate (people[i].duplicateOf) and both were listed. */
  origin: 'list' | 'generator';
}

export interface StoredDuplicate {
  row: number;
  /** Index into options.duplicatesOf. */
  stored: number;
  kind: ListDuplicateKind;
}

/**
 * What an importer must find, by row number. Row numbers are the file's: the
 * header is row 1 and rows[i] is row i + 2, so the first data row is row 2
 * (FIRST_DATA_ROW). Blank rows keep their number. No cell contains a line
 * break, so in the CSV written by toCsv a row number is also the 1-based line
 * number, the one parseCsv reports in CsvTable.lines.
 */
export interface RescueListExpected {
  /** Rows listing people[person] (malformed rows included). */
  listed: { row: number; person: number }[];
  /** Rows with no content (empty or whitespace cells): to be skipped, not counted as invalid. */
  blank: number[];
  /** Rows with one defect each, in row order. */
  malformed: MalformedRow[];
  /** Every non-blank row that is not malformed, in order: listed, duplicate and stored-duplicate rows. */
  valid: number[];
  /** Planted formula-looking cells, in row order. Phone cells starting with "+" are formula-like too and are not listed. */
  formulaCells: FormulaCell[];
  /** Second listings of a person within the file, in row order. Both rows are valid. */
  inFileDuplicates: InFileDuplicate[];
  /** Rows listing a stored person again, in row order. These rows are valid. */
  storedDuplicates: StoredDuplicate[];
  /** People (or stored people) left out because the chosen scripts cannot write any of their names. */
  omitted: { source: 'people' | 'duplicatesOf'; index: number }[];
}

export interface RescueList {
  /** The header row: file row 1. */
  header: string[];
  /** Data rows, every row as wide as the header. rows[i] is file row i + 2. */
  rows: string[][];
  /** What each column holds, by column index. */
  columns: ListColumn[];
  headerStyle: HeaderStyle;
  dateStyle: DateStyle;
  scripts: ListScripts;
  today: string;
  expected: RescueListExpected;
}

/** File row number of rows[0]: the header is row 1. */
export const FIRST_DATA_ROW = 2;

/** File row number of rows[index]. */
export const fileRowOf = (index: number): number => index + FIRST_DATA_ROW;

// ───────────────────────────── languages and scripts ─────────────────────────────

type Lang = 'en' | 'th' | 'zh' | 'my';
type FixedDateStyle = Exclude<DateStyle, 'mixed'>;
type Cells = Record<ListColumn, string>;

const LANGS_BY_SCRIPTS: Record<ListScripts, readonly Lang[]> = {
  all: ['en', 'th', 'zh', 'my'],
  thai: ['en', 'th'],
  chinese: ['en', 'zh'],
  latin: ['en'],
};

/** Column order of every list; rowWithNative and rowWithoutNative below follow it. */
const COLUMNS: readonly ListColumn[] = [
  'rowNumber',
  'fullName',
  'nativeName',
  'aliases',
  'sex',
  'birthDate',
  'age',
  'claimedNationality',
  'passportNumber',
  'phone',
  'rescueDate',
  'rescueSite',
  'rescueGroup',
  'notes',
];

/** Headers as real lists write them; each is a synonym mapHeaders knows. */
const HEADERS: Record<Lang, Cells> = {
  en: {
    rowNumber: 'No.', fullName: 'Full name', nativeName: 'Name (local script)', aliases: 'Alias', sex: 'Sex',
    birthDate: 'Date of birth', age: 'Age', claimedNationality: 'Nationality', passportNumber: 'Passport No.', phone: 'Phone',
    rescueDate: 'Rescue date', rescueSite: 'Rescue site', rescueGroup: 'Batch', notes: 'Remarks',
  },
  th: {
    rowNumber: 'ลำดับ', fullName: 'ชื่อ-นามสกุล', nativeName: 'ชื่อภาษาท้องถิ่น', aliases: 'ชื่อเล่น', sex: 'เพศ',
    birthDate: 'วันเดือนปีเกิด', age: 'อายุ', claimedNationality: 'สัญชาติ', passportNumber: 'เลขหนังสือเดินทาง', phone: 'เบอร์โทรศัพท์',
    rescueDate: 'วันที่ช่วยเหลือ', rescueSite: 'สถานที่ช่วยเหลือ', rescueGroup: 'กลุ่ม', notes: 'หมายเหตุ',
  },
  zh: {
    rowNumber: '序号', fullName: '姓名', nativeName: '中文姓名', aliases: '别名', sex: '性别',
    birthDate: '出生日期', age: '年龄', claimedNationality: '国籍', passportNumber: '护照号码', phone: '联系电话',
    rescueDate: '解救日期', rescueSite: '解救地点', rescueGroup: '批次', notes: '备注',
  },
  my: {
    rowNumber: 'စဉ်', fullName: 'အမည်', nativeName: 'မြန်မာအမည်', aliases: 'အခြားအမည်', sex: 'ကျား/မ',
    birthDate: 'မွေးသက္ကရာဇ်', age: 'အသက်', claimedNationality: 'နိုင်ငံသား', passportNumber: 'ပတ်စပို့နံပါတ်', phone: 'ဖုန်းနံပါတ်',
    rescueDate: 'ကယ်ဆယ်သည့်ရက်', rescueSite: 'နေရာ', rescueGroup: 'အဖွဲ့', notes: 'မှတ်ချက်',
  },
};

const ASCII = /^[\x00-\x7f]*$/;
const THAI_OR_ASCII = /^[\x00-\x7f\u0e01-\u0e3a\u0e3f-\u0e5b]*$/;
/** ASCII, CJK punctuation, the unified ideographs GBK holds, full-width forms. */
const CHINESE_OR_ASCII = /^[\x00-\x7f\u3000-\u303f\u4e00-\u9fa5\uff01-\uff5e]*$/;
const HAN_ONLY = /^[\u4e00-\u9fa5]+$/;
const MYANMAR = /^[\u1000-\u109f\s]+$/;
const THAI_ONLY = /^[\u0e01-\u0e5b\s]+$/;
/** Thai, Lao, Myanmar, Khmer or Chinese: the scripts of the region a handover list may carry alone. */
const REGIONAL = /^[\u0e01-\u0eff\u1000-\u109f\u1780-\u17ff\u4e00-\u9fa5\s]+$/;
/** Contains a letter outside the Latin blocks (Thai, Han, Myanmar, Devanagari, …). */
const NON_LATIN = /[^\x00-\u024f\u1e00-\u1eff]/;

function fits(text: string, scripts: ListScripts): boolean {
  switch (scripts) {
    case 'all':
      return true;
    case 'latin':
      return ASCII.test(text);
    case 'thai':
      return THAI_OR_ASCII.test(text);
    case 'chinese':
      return CHINESE_OR_ASCII.test(text);
  }
}

// ───────────────────────────── values in words ─────────────────────────────

const SEX_WORDS: Record<Lang, { male: readonly string[]; female: readonly string[]; other: string }> = {
  en: { male: ['M', 'M', 'M', 'Male', 'm'], female: ['F', 'F', 'F', 'Female', 'f'], other: 'X' },
  th: { male: ['ชาย'], female: ['หญิง'], other: 'อื่นๆ' },
  zh: { male: ['男'], female: ['女'], other: '其他' },
  my: { male: ['ကျား'], female: ['မ'], other: 'X' },
};

/** Demonyms for the generator's nationalities, as English lists write them. */
const DEMONYMS: Record<string, readonly string[]> = {
  CN: ['Chinese'], VN: ['Vietnamese'], ID: ['Indonesian'], PH: ['Filipino'], TH: ['Thai'], LA: ['Lao', 'Laotian'],
  KH: ['Cambodian', 'Khmer'], MM: ['Burmese', 'Myanmar'], IN: ['Indian'], PK: ['Pakistani'], NP: ['Nepali', 'Nepalese'],
  LK: ['Sri Lankan'], BD: ['Bangladeshi'], ET: ['Ethiopian'], ER: ['Eritrean'], KE: ['Kenyan'], UG: ['Ugandan'],
  NG: ['Nigerian'], BR: ['Brazilian'], MY: ['Malaysian'], KR: ['Korean', 'South Korean'],
};

/** Alpha-3, as passports and police systems write it. */
const ALPHA3: Record<string, string> = {
  CN: 'CHN', VN: 'VNM', ID: 'IDN', PH: 'PHL', TH: 'THA', LA: 'LAO', KH: 'KHM', MM: 'MMR', IN: 'IND', PK: 'PAK', NP: 'NPL',
  LK: 'LKA', BD: 'BGD', ET: 'ETH', ER: 'ERI', KE: 'KEN', UG: 'UGA', NG: 'NGA', BR: 'BRA', MY: 'MYS', KR: 'KOR',
};

const countryNames = new Map<Lang, { display: Intl.DisplayNames; names: Map<string, string | null> }>();

/** The country's name in the language, without ICU's bracketed alternative ("Myanmar (Burma)" → "Myanmar"). */
function countryName(code: string, lang: Lang): string | null {
  let cache = countryNames.get(lang);
  if (!cache) {
    cache = { display: new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }), names: new Map() };
    countryNames.set(lang, cache);
  }
  let name = cache.names.get(code);
  if (name === undefined) {
    let n: string | undefined;
    try {
      n = cache.display.of(code);
    } catch {
      n = undefined; // not a region code ICU knows
    }
    name = n && n !== code ? n.replace(/\s*\(.*\)\s*$/, '') : null;
    cache.names.set(code, name);
  }
  return name;
}

const REMARKS: Record<Lang, readonly string[]> = {
  en: [
    'Passport held by compound',
    'Injured hand, needs clinic',
    'Needs interpreter',
    'Says "boss" kept her phone',
    'Came out with brother',
    'Fever, seen by medic',
    'Wants to call family',
    'No documents at all',
  ],
  th: ['หนังสือเดินทางถูกยึด', 'บาดเจ็บที่มือ', 'ต้องการล่าม', 'มีไข้', 'ไม่มีเอกสาร', 'ต้องการติดต่อครอบครัว'],
  zh: ['护照被公司扣押', '手部受伤', '需要翻译', '发烧', '没有证件', '想联系家人', '与哥哥一起获救'],
  my: ['ဘာသာပြန် လိုအပ်သည်', 'စာရွက်စာတမ်း မရှိ', 'ဖျားနေသည်'],
};

/** Site names as lists in that language write them; other sites stay in English. */
const SITE_NAMES: Partial<Record<Lang, Record<string, string>>> = {
  th: { 'KK Park': 'เคเค พาร์ค', Myawaddy: 'เมียวดี', 'Shwe Kokko': 'ชเวโกกโก่', Poipet: 'ปอยเปต', Sihanoukville: 'สีหนุวิลล์' },
  zh: { 'KK Park': 'KK园区', 'Shwe Kokko': '亚太新城', Myawaddy: '妙瓦底', Sihanoukville: '西港', 'Golden Triangle SEZ': '金三角经济特区', Poipet: '波贝' },
  my: { Myawaddy: 'မြဝတီ', 'Shwe Kokko': 'ရွှေကုက္ကို' },
};

const THAI_MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];

/** Planted formula-looking cells: Telegram handles, notes starting with a dash, and real injection attempts. */
const FORMULA_VALUES: Record<'aliases' | 'notes', readonly string[]> = {
  aliases: ['@kevin_kk88', '@lily.mae', '-Tony-', '+Jack', '=HYPERLINK("http://example.invalid/x","Kevin")', '=A1&" boss"', '@boss_team3'],
  notes: [
    '-- moved to shelter B',
    '+1 sister at Mae Sot shelter',
    '=1+1',
    '@Mae Sot hospital',
    '=HYPERLINK("http://example.invalid/report","open report")',
    '-no passport-',
    '+ needs interpreter',
  ],
};

const UNKNOWN_NATIONALITIES: Record<Lang, readonly string[]> = {
  en: ['Atlantis', 'Narnia', 'Wakanda', 'Asia', 'Africa'],
  th: ['แอตแลนติส', 'Atlantis'],
  zh: ['亚特兰蒂斯', 'Atlantis'],
  my: ['Atlantis', 'Narnia'],
};
const BAD_AGES: Record<Lang, readonly string[]> = {
  en: ['abc', 'adult', 'teen', 'old'],
  th: ['ผู้ใหญ่', 'abc'],
  zh: ['成年', 'abc'],
  my: ['abc', 'adult'],
};
const BAD_SEXES = ['Mr.', 'Mrs', 'Ms.', 'M/F'];

// ───────────────────────────── the people ─────────────────────────────

/** What a list can say about a person. */
interface ListPerson {
  family: string | null;
  given: string | null;
  native: string | null;
  aliases: string[];
  sex: Sex;
  birthDate: string | null;
  estimatedAge: number | null;
  nationality: string | null;
  passport: string | null;
  phone: string | null;
  rescueDate: string | null;
  rescueSite: string | null;
  rescueGroup: string | null;
}

function text(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t ? t : null;
}

function listPersonOf(input: PersonInput): ListPerson {
  const passport = input.documents?.find((d) => d.type === 'passport' && text(d.number))?.number ?? null;
  const birthDate = text(input.birthDate);
  return {
    family: text(input.familyName),
    given: text(input.givenNames),
    native: text(input.nativeName),
    aliases: (input.aliases ?? []).map((a) => a.trim()).filter(Boolean),
    sex: input.sex ?? 'unknown',
    birthDate,
    estimatedAge: birthDate ? null : (input.estimatedAge ?? null),
    nationality: text(input.claimedNationality)?.toUpperCase() ?? null,
    passport: text(passport),
    phone: text(input.phone),
    rescueDate: text(input.rescueDate),
    rescueSite: text(input.rescueSite),
    rescueGroup: text(input.rescueGroup),
  };
}

/** Nationalities that write the family name first. */
const FAMILY_FIRST = new Set(['CN', 'VN', 'KH', 'KR']);

interface Ctx {
  scripts: ListScripts;
  dateStyle: DateStyle;
  /** Language of the native-name column's header: a 中文姓名 column holds only Chinese, a မြန်မာအမည် column only Burmese. */
  nativeLang: Lang;
  nativeColumn: boolean;
  today: string;
}

/** A Latin text as this list can write it, or null. */
function latinText(ctx: Ctx, s: string | null): string | null {
  if (s === null) return null;
  if (ctx.scripts === 'all') return s;
  const folded = foldDiacritics(s);
  return ASCII.test(folded) ? folded : null;
}

/** Can the native-name column hold this name? */
function fitsNativeColumn(ctx: Ctx, native: string): boolean {
  if (!fits(native, ctx.scripts)) return false;
  if (ctx.nativeLang === 'zh') return HAN_ONLY.test(native);
  if (ctx.nativeLang === 'my') return MYANMAR.test(native);
  return true;
}

/**
 * Can the full-name column of a row in `lang` hold this name in its own script
 * alone? A Thai clerk writes Thai names in Thai, a Chinese one Chinese names
 * in characters; an English list may carry any script of the region.
 */
function fitsNameColumn(ctx: Ctx, native: string, lang: Lang): boolean {
  if (!NON_LATIN.test(native) || !fits(native, ctx.scripts)) return false;
  switch (lang) {
    case 'zh':
      return HAN_ONLY.test(native);
    case 'my':
      return MYANMAR.test(native);
    case 'th':
      return THAI_ONLY.test(native);
    case 'en':
      return REGIONAL.test(native);
  }
}

// ───────────────────────────── names ─────────────────────────────

type NameMode = 'usual' | 'latin' | 'hanzi_only' | 'pinyin_only' | 'diacritics';

interface RenderedName {
  full: string;
  native: string;
  /** The Latin name groups in the order written (family / given), for swapping; empty for a native-only name. */
  groups: string[];
}

function latinGroups(rng: Rng, ctx: Ctx, p: ListPerson, mode: NameMode): string[] | null {
  const fam = latinText(ctx, p.family);
  const giv = latinText(ctx, p.given);
  const familyFirst = FAMILY_FIRST.has(p.nationality ?? '');
  if (fam && giv) {
    const natural = familyFirst ? [fam, giv] : [giv, fam];
    if (mode === 'diacritics') return natural;
    if (mode === 'pinyin_only') return (rng.chance(0.5) ? natural : [giv, fam]).map((g) => g.toUpperCase());
    const r = rng.next();
    if (r < 0.35) return [fam.toUpperCase(), giv]; // "FAMILY Given", as many lists write it
    if (r < 0.7) return natural;
    return natural.map((g) => g.toUpperCase());
  }
  const single = giv ?? fam;
  if (!single) return null;
  return [mode !== 'diacritics' && rng.chance(0.3) ? single.toUpperCase() : single];
}

function renderName(rng: Rng, ctx: Ctx, p: ListPerson, lang: Lang, mode: NameMode): RenderedName | null {
  const native = p.native;
  if (mode === 'hanzi_only') return native ? { full: native, native: '', groups: [] } : null;
  const groups = latinGroups(rng, ctx, p, mode);
  const nativeCell = ctx.nativeColumn && native && fitsNativeColumn(ctx, native) && rng.chance(0.9) ? native : '';
  if (mode === 'usual' && native && fitsNameColumn(ctx, native, lang)) {
    // Some lists carry the name only in its own script.
    const share = (lang === 'zh' && HAN_ONLY.test(native)) || (lang === 'my' && MYANMAR.test(native)) ? 0.3 : lang === 'th' ? 0.15 : 0.08;
    if (!groups || rng.chance(share)) return { full: native, native: '', groups: [] };
  }
  if (!groups) {
    const alias = p.aliases.map((a) => latinText(ctx, a)).find((a) => a !== null && a !== '');
    return alias ? { full: alias, native: nativeCell, groups: [alias] } : null;
  }
  if (mode === 'usual' && p.nationality === 'MM' && p.given && rng.chance(0.15)) {
    // Burmese lists often keep the honorific: "U Thu Soe Tin", "Ma Su Su".
    const honorific = p.aliases.map((a) => latinText(ctx, a)).find((a) => a && p.given && a.endsWith(` ${p.given}`));
    if (honorific) return { full: honorific, native: nativeCell, groups: [honorific] };
  }
  return { full: groups.join(' '), native: mode === 'pinyin_only' ? '' : nativeCell, groups };
}

const LATIN_LETTER = /[A-Za-z]/;


/** A name part long enough that one wrong letter leaves it recognisable (a slip in "Ly" or "Wu" makes another surname). */
const LONG_PART = /^[A-Za-zÀ-ɏ]{4,}$/;

/** One letter wrong in one of the longer name parts; typo() gives up on short parts, so double a letter then. */
function misspell(rng: Rng, s: string): string {
  const parts = s.split(' ');
  const long = parts.map((w, i) => (LONG_PART.test(w) ? i : -1)).filter((i) => i >= 0);
  if (long.length === 0) return `${s}a`;
  const at = rng.pick(long);
  const word = parts[at] as string;
  let out = typo(rng, word);
  if (out === word) out = word.slice(0, -1) + (word[word.length - 1] as string) + (word[word.length - 1] as string);
  parts[at] = out;
  return parts.join(' ');
}

/** Swap family and given name, or move the first part of a one-part name to the end. */
function swapped(name: RenderedName): string {
  const [a, b] = name.groups;
  if (a !== undefined && b !== undefined) return `${b} ${a}`;
  const tokens = (a ?? name.full).split(' ');
  return [...tokens.slice(1), tokens[0] as string].join(' ');
}

function canSwap(ctx: Ctx, p: ListPerson): boolean {
  const fam = latinText(ctx, p.family);
  const giv = latinText(ctx, p.given);
  if (fam && giv) return fam.toUpperCase() !== giv.toUpperCase();
  const tokens = (giv ?? fam ?? '').toUpperCase().split(' ').filter(Boolean);
  return new Set(tokens).size >= 2;
}

// ───────────────────────────── cells ─────────────────────────────

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const EXCEL_EPOCH = daysFromCivil(1899, 12, 30);
const DATE_STYLES = new Weighted<FixedDateStyle>([
  ['dmy', 4],
  ['iso', 3],
  ['buddhist', 2],
  ['excel-serial', 1],
]);

function pickDateStyle(rng: Rng, style: DateStyle): FixedDateStyle {
  return style === 'mixed' ? DATE_STYLES.pick(rng) : style;
}

/** A partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD) as a list would write it. */
function renderDate(rng: Rng, iso: string, style: FixedDateStyle, lang: Lang): string {
  const y = Number(iso.slice(0, 4));
  const be = y + 543;
  if (iso.length === 4) return String(style === 'buddhist' ? be : y);
  const m = Number(iso.slice(5, 7));
  if (iso.length === 7) {
    if (style === 'buddhist') return `${pad2(m)}/${be}`;
    if (style === 'iso') return lang === 'zh' && rng.chance(0.3) ? `${y}年${m}月` : iso.slice(0, 7);
    return `${pad2(m)}/${y}`; // an Excel month-and-year cell is text, not a day number
  }
  const d = Number(iso.slice(8, 10));
  switch (style) {
    case 'excel-serial':
      return String(daysFromCivil(y, m, d) - EXCEL_EPOCH);
    case 'iso':
      return lang === 'zh' && rng.chance(0.3) ? `${y}年${m}月${d}日` : iso;
    case 'buddhist':
      return lang === 'th' && rng.chance(0.3) ? `${d} ${THAI_MONTHS[m - 1]} ${be}` : `${pad2(d)}/${pad2(m)}/${be}`;
    case 'dmy': {
      const r = rng.next();
      if (r < 0.8) return `${pad2(d)}/${pad2(m)}/${y}`;
      if (r < 0.9) return `${d}/${m}/${y}`;
      return `${pad2(d)}${r < 0.95 ? '.' : '-'}${pad2(m)}${r < 0.95 ? '.' : '-'}${y}`;
    }
  }
}

const myanmarDigits = (n: number) => String(n).replace(/\d/g, (c) => String.fromCharCode(0x1040 + Number(c)));

function renderAge(rng: Rng, age: number, lang: Lang): string {
  const r = rng.next();
  switch (lang) {
    case 'en':
      if (r < 0.5) return String(age);
      if (r < 0.65) return `approx ${age}`;
      if (r < 0.8) return `~${age}`;
      if (r < 0.9) return `${age}?`;
      return r < 0.95 ? `about ${age}` : `${age} yrs`;
    case 'th':
      return r < 0.5 ? String(age) : r < 0.75 ? `ประมาณ ${age}` : `${age} ปี`;
    case 'zh':
      return r < 0.5 ? String(age) : r < 0.75 ? `约${age}岁` : `${age}岁`;
    case 'my':
      return r < 0.4 ? String(age) : r < 0.7 ? myanmarDigits(age) : `${myanmarDigits(age)} ခန့်`;
  }
}

function renderSex(rng: Rng, sex: Sex, lang: Lang): string {
  const words = SEX_WORDS[lang];
  if (sex === 'male') return rng.pick(words.male);
  if (sex === 'female') return rng.pick(words.female);
  return sex === 'other' ? words.other : '';
}

function renderNationality(rng: Rng, ctx: Ctx, code: string, lang: Lang, sex: Sex): string {
  const name = countryName(code, lang);
  const r = rng.next();
  let out: string | null = null;
  if (r < 0.45) out = name;
  else if (r < 0.7) {
    if (lang === 'en') out = code === 'PH' && sex === 'female' ? 'Filipina' : DEMONYMS[code] ? rng.pick(DEMONYMS[code] as readonly string[]) : name;
    else if (name) out = lang === 'th' ? `สัญชาติ${name}` : lang === 'zh' ? `${name}籍` : `${name}လူမျိုး`;
  } else if (r < 0.9 || !ALPHA3[code]) out = code;
  else out = ALPHA3[code] ?? code;
  return out && fits(out, ctx.scripts) ? out : code;
}

function renderPhone(rng: Rng, phone: string): string {
  const r = rng.next();
  if (r < 0.6) return phone;
  if (r < 0.85) return phone.replace(/[\s-]/g, '');
  if (r < 0.95) return phone.replace(/\s/g, '-');
  return `'${phone.replace(/[\s-]/g, '')}`; // Excel's "this is text" apostrophe
}

function renderDocument(rng: Rng, number: string): string {
  const r = rng.next();
  if (r < 0.8) return number;
  if (r < 0.88) return number.toLowerCase();
  const at = number.search(/\d/);
  return at > 0 ? `${number.slice(0, at)} ${number.slice(at)}` : number;
}

/** Free text from a stored record, as this list can write it, or empty. */
function freeText(ctx: Ctx, s: string | null): string {
  if (s === null) return '';
  if (fits(s, ctx.scripts)) return s;
  const folded = foldDiacritics(s);
  return fits(folded, ctx.scripts) ? folded : '';
}

function renderSite(rng: Rng, ctx: Ctx, site: string, lang: Lang): string {
  const local = SITE_NAMES[lang]?.[site];
  return local && rng.chance(0.6) ? local : freeText(ctx, site);
}

function renderAliases(rng: Rng, ctx: Ctx, p: ListPerson, full: string): string {
  if (p.aliases.length === 0 || rng.chance(0.3)) return '';
  const written = p.aliases
    .map((a) => (NON_LATIN.test(a) ? (fits(a, ctx.scripts) ? a : null) : latinText(ctx, a)))
    .filter((a): a is string => !!a && a !== full);
  return written.join(', ');
}

function renderRow(rng: Rng, ctx: Ctx, p: ListPerson, lang: Lang, mode: NameMode): { cells: Cells; name: RenderedName } | null {
  const name = renderName(rng, ctx, p, lang, mode);
  if (!name) return null;
  const dateStyle = pickDateStyle(rng, ctx.dateStyle);
  const cells: Cells = {
    rowNumber: '',
    fullName: name.full,
    nativeName: name.native,
    aliases: renderAliases(rng, ctx, p, name.full),
    sex: renderSex(rng, p.sex, lang),
    birthDate: p.birthDate ? renderDate(rng, p.birthDate, dateStyle, lang) : '',
    age: p.birthDate === null && p.estimatedAge !== null ? renderAge(rng, p.estimatedAge, lang) : '',
    claimedNationality: p.nationality ? renderNationality(rng, ctx, p.nationality, lang, p.sex) : '',
    passportNumber: p.passport ? renderDocument(rng, p.passport) : '',
    phone: p.phone ? renderPhone(rng, p.phone) : '',
    rescueDate: p.rescueDate ? renderDate(rng, p.rescueDate, pickDateStyle(rng, ctx.dateStyle), lang) : '',
    rescueSite: p.rescueSite ? renderSite(rng, ctx, p.rescueSite, lang) : '',
    rescueGroup: freeText(ctx, p.rescueGroup),
    notes: rng.chance(0.2) ? rng.pick(REMARKS[lang]) : '',
  };
  return { cells, name };
}

/** The birth date written another way than `before`. */
function otherDateFormat(rng: Rng, iso: string, before: string, lang: Lang): string {
  const styles: FixedDateStyle[] = ['dmy', 'iso', 'buddhist', 'excel-serial'];
  for (const style of rng.sample(styles, styles.length)) {
    const out = renderDate(rng, iso, style, lang);
    if (out !== before) return out;
  }
  return renderDate(rng, iso, 'buddhist', lang) === before ? renderDate(rng, iso, 'iso', lang) : renderDate(rng, iso, 'buddhist', lang);
}

// ───────────────────────────── duplicates ─────────────────────────────

const DUPLICATE_WEIGHTS: Record<Exclude<ListDuplicateKind, 'same_name'>, number> = {
  pinyin_vs_hanzi: 3,
  diacritics_dropped: 3,
  token_order: 2,
  typo: 3,
  date_format: 2,
};

function eligibleKinds(ctx: Ctx, p: ListPerson, lang: Lang): Exclude<ListDuplicateKind, 'same_name'>[] {
  const kinds: Exclude<ListDuplicateKind, 'same_name'>[] = [];
  const fam = latinText(ctx, p.family);
  const giv = latinText(ctx, p.given);
  const latin = [fam, giv].filter(Boolean).join(' ');
  // Only people this list can name at all can be listed twice.
  if (!latin && !(p.native && fitsNameColumn(ctx, p.native, lang))) return kinds;
  if (fam && giv && p.native && HAN_ONLY.test(p.native) && fitsNameColumn(ctx, p.native, lang)) kinds.push('pinyin_vs_hanzi');
  if (ctx.scripts === 'all' && latin && foldDiacritics(latin) !== latin && ASCII.test(foldDiacritics(latin))) kinds.push('diacritics_dropped');
  if (canSwap(ctx, p)) kinds.push('token_order');
  if (latin.split(' ').some((w) => LONG_PART.test(w))) kinds.push('typo');
  if (p.birthDate) kinds.push('date_format');
  return kinds;
}

function pickKind(rng: Rng, kinds: readonly Exclude<ListDuplicateKind, 'same_name'>[]): Exclude<ListDuplicateKind, 'same_name'> | null {
  if (kinds.length === 0) return null;
  return new Weighted(kinds.map((k) => [k, DUPLICATE_WEIGHTS[k]] as const)).pick(rng);
}

/** How the first listing must write the name so the second can differ in the planned way. */
function sourceMode(rng: Rng, kind: ListDuplicateKind): { first: NameMode; second: NameMode } {
  switch (kind) {
    case 'pinyin_vs_hanzi':
      return rng.chance(0.5) ? { first: 'hanzi_only', second: 'pinyin_only' } : { first: 'pinyin_only', second: 'hanzi_only' };
    case 'diacritics_dropped':
      return { first: 'diacritics', second: 'latin' };
    case 'token_order':
    case 'typo':
      return { first: 'latin', second: 'latin' };
    case 'date_format':
    case 'same_name':
      return { first: 'usual', second: 'usual' };
  }
}

/** Apply the planned difference to a freshly rendered row (stored duplicates) or a copy of the first listing. */
function applyKind(rng: Rng, kind: ListDuplicateKind, cells: Cells, name: RenderedName, p: ListPerson, lang: Lang, dateBefore: string): void {
  switch (kind) {
    case 'diacritics_dropped':
      cells.fullName = foldDiacritics(name.full).toUpperCase();
      cells.nativeName = '';
      break;
    case 'token_order':
      cells.fullName = swapped(name);
      cells.nativeName = '';
      break;
    case 'typo':
      cells.fullName = misspell(rng, name.full);
      break;
    case 'date_format':
      if (p.birthDate) cells.birthDate = otherDateFormat(rng, p.birthDate, dateBefore, lang);
      break;
    case 'pinyin_vs_hanzi':
    case 'same_name':
      break;
  }
}

// ───────────────────────────── malformed rows ─────────────────────────────

/** Corrupt one cell of a rendered row; returns the column and check it now fails. */
function corrupt(rng: Rng, ctx: Ctx, reason: MalformedReason, cells: Cells, p: ListPerson, lang: Lang): { field: ListColumn; check: RowCheck } {
  const style = pickDateStyle(rng, ctx.dateStyle);
  const todayYear = Number(ctx.today.slice(0, 4));
  switch (reason) {
    case 'impossible_date': {
      const [d, m] = rng.pick([[31, 2], [30, 2], [31, 4], [31, 6], [31, 9], [31, 11]] as const);
      const inBirth = rng.chance(0.5);
      const y = inBirth ? (p.birthDate ? Number(p.birthDate.slice(0, 4)) : todayYear - 28) : todayYear;
      const written = style === 'iso' ? `${y}-${pad2(m)}-${pad2(d)}` : `${pad2(d)}/${pad2(m)}/${style === 'buddhist' ? y + 543 : y}`;
      if (inBirth) {
        cells.birthDate = written;
        cells.age = '';
        return { field: 'birthDate', check: 'parseDate' };
      }
      cells.rescueDate = written;
      return { field: 'rescueDate', check: 'parseDate' };
    }
    case 'two_digit_year': {
      const y = p.birthDate ? Number(p.birthDate.slice(0, 4)) : todayYear - 28;
      cells.birthDate = `${pad2(rng.int(1, 28))}/${pad2(rng.int(1, 12))}/${pad2(y % 100)}`;
      cells.age = '';
      return { field: 'birthDate', check: 'parseDate' };
    }
    case 'future_birth_date': {
      const future = isoOf(civilFromDays(toEpochDay(ctx.today) + rng.int(30, 1500)));
      cells.birthDate = renderDate(rng, future, style, lang);
      cells.age = '';
      return { field: 'birthDate', check: 'birthDateNotInFuture' };
    }
    case 'unknown_nationality':
      cells.claimedNationality = rng.pick(UNKNOWN_NATIONALITIES[lang]);
      return { field: 'claimedNationality', check: 'parseNationality' };
    case 'no_name':
      cells.fullName = '';
      cells.nativeName = '';
      cells.aliases = '';
      return { field: 'fullName', check: 'hasName' };
    case 'unparseable_age':
      cells.age = rng.pick(BAD_AGES[lang]);
      cells.birthDate = '';
      return { field: 'age', check: 'parseAge' };
    case 'unknown_sex':
      cells.sex = rng.pick(BAD_SEXES);
      return { field: 'sex', check: 'parseSex' };
    case 'phone_mangled': {
      const digits = (p.phone ?? '').replace(/\D/g, '') || `66${rng.int(6, 9)}${rng.digits(8)}`;
      cells.phone = rng.chance(0.6)
        ? `${digits[0]}.${digits.slice(1, 6).replace(/0+$/, '') || '0'}E+${digits.length - 1}`
        : `+${digits} / +95 9 ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(3)}`;
      return { field: 'phone', check: 'parsePhone' };
    }
    case 'bad_document_number': {
      const number = p.passport ?? `E${rng.digits(8)}`;
      const local = lang === 'th' ? 'ถูกยึด' : lang === 'zh' ? '被扣押' : null;
      cells.passportNumber = local && rng.chance(0.3) ? local : rng.chance(0.5) ? `${number} (expired)` : 'held by compound (no copy)';
      return { field: 'passportNumber', check: 'parseDocumentNumber' };
    }
  }
}

// ───────────────────────────── the list ─────────────────────────────

interface Entry {
  /** Layout position; rows are sorted by it. */
  key: number;
  cells: Cells | null; // null for a blank row
  blankCell?: number; // a blank row with one stray space
  origin:
    | { kind: 'person'; index: number }
    | { kind: 'dup'; of: Entry; dupKind: ListDuplicateKind | DuplicateKind; planted: boolean }
    | { kind: 'stored'; index: number; dupKind: ListDuplicateKind }
    | { kind: 'blank' };
  /** Index into people, for rows that list a person from it. */
  person?: number;
  malformed?: { reason: MalformedReason; field: ListColumn; check: RowCheck };
  formula?: 'aliases' | 'notes';
  row: number;
}

const wholeNumber = (n: number, name: string) => {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number, 0 or more.`);
  return n;
};

function resolve(options: RescueListOptions) {
  const { seed, count } = options;
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number.');
  wholeNumber(count, 'count');
  const headerStyle = options.headerStyle ?? 'en';
  const dateStyle = options.dateStyle ?? 'dmy';
  const scripts = options.scripts ?? 'all';
  const today = options.today ?? DEFAULT_TODAY;
  toEpochDay(today); // throws on a malformed date
  const langs = LANGS_BY_SCRIPTS[scripts];
  if (headerStyle !== 'mixed' && !langs.includes(headerStyle as Lang)) {
    throw new RangeError(
      `A '${headerStyle}' list cannot be written with scripts '${scripts}': its headers and words need another script. ` +
        `Use scripts 'all'${headerStyle === 'th' ? " or 'thai'" : headerStyle === 'zh' ? " or 'chinese'" : ''}.`,
    );
  }
  if (options.people && options.people.length < count) {
    throw new RangeError(`count is ${count} but only ${options.people.length} people were given.`);
  }
  return {
    seed,
    count,
    headerStyle,
    dateStyle,
    scripts,
    today,
    langs,
    nativeColumn: options.nativeNameColumn ?? scripts !== 'latin',
    blankRows: wholeNumber(options.blankRows ?? 0, 'blankRows'),
    malformedRows: wholeNumber(options.malformedRows ?? 0, 'malformedRows'),
    formulaCells: wholeNumber(options.formulaCells ?? 0, 'formulaCells'),
    inFileDuplicates: wholeNumber(options.inFileDuplicates ?? 0, 'inFileDuplicates'),
  };
}

export function buildRescueList(options: RescueListOptions): RescueList {
  const o = resolve(options);
  const root = new Rng(o.seed);
  // Independent streams: more malformed rows do not change the names, and so on.
  const planRng = root.fork(1);
  const renderRng = root.fork(2);
  const dupRng = root.fork(3);
  const storedRng = root.fork(4);
  const badRng = root.fork(5);
  const formulaRng = root.fork(6);
  const layoutRng = root.fork(7);

  const columns = COLUMNS.filter((c) => c !== 'nativeName' || o.nativeColumn);
  const headerLangs = columns.map((): Lang => (o.headerStyle === 'mixed' ? planRng.pick(o.langs) : (o.headerStyle as Lang)));
  const header = columns.map((c, i) => HEADERS[headerLangs[i]!][c]);
  const ctx: Ctx = {
    scripts: o.scripts,
    dateStyle: o.dateStyle,
    nativeLang: headerLangs[columns.indexOf('nativeName')] ?? 'en',
    nativeColumn: o.nativeColumn,
    today: o.today,
  };
  const rowLang = (): Lang => (o.headerStyle === 'mixed' ? planRng.pick(o.langs) : (o.headerStyle as Lang));

  // 1. Plan: each person's language, which are listed twice and how, which are malformed.
  // Streamed: only what the list says about each person is kept, not the whole intake record.
  const persons: { index: number; p: ListPerson; lang: Lang; duplicateOf: number | null; duplicateKind: DuplicateKind | null }[] = [];
  const source = options.people ?? iteratePeople({ count: o.count, seed: o.seed, today: o.today, duplicateRate: 0 });
  for (const gp of source) {
    if (persons.length === o.count) break;
    persons.push({ index: persons.length, p: listPersonOf(gp.input), lang: rowLang(), duplicateOf: gp.duplicateOf, duplicateKind: gp.duplicateKind });
  }
  const planted = new Set<number>();
  for (const { index, duplicateOf } of persons) {
    if (duplicateOf !== null && duplicateOf < o.count) planted.add(index).add(duplicateOf);
  }
  const free = persons.filter((x) => !planted.has(x.index));
  const order = planRng.sample(free, free.length);
  const dupPlans = new Map<number, { kind: ListDuplicateKind; modes: { first: NameMode; second: NameMode } }>();
  let at = 0;
  while (dupPlans.size < o.inFileDuplicates && at < order.length) {
    const x = order[at++]!;
    const kind = pickKind(planRng, eligibleKinds(ctx, x.p, x.lang));
    if (kind) dupPlans.set(x.index, { kind, modes: sourceMode(planRng, kind) });
  }
  if (dupPlans.size < o.inFileDuplicates) {
    throw new RangeError(`Only ${dupPlans.size} of ${o.count} people can be listed twice; ask for fewer inFileDuplicates or list more people.`);
  }
  const badPool = order.slice(at).filter((x) => !dupPlans.has(x.index));
  if (badPool.length < o.malformedRows) {
    throw new RangeError(`Only ${badPool.length} rows are left to make malformed; ask for fewer malformedRows or list more people.`);
  }
  const reasons = planRng.sample(MALFORMED_REASONS, MALFORMED_REASONS.length);
  const badPlans = new Map<number, MalformedReason>();
  badPool.slice(0, o.malformedRows).forEach((x, i) => badPlans.set(x.index, reasons[i % reasons.length] as MalformedReason));

  // 2. Render the listed people.
  const entries: Entry[] = [];
  const byIndex: (Entry | undefined)[] = [];
  const omitted: RescueListExpected['omitted'] = [];
  for (const x of persons) {
    const plan = dupPlans.get(x.index);
    const rendered = renderRow(renderRng, ctx, x.p, x.lang, plan ? plan.modes.first : 'usual');
    if (!rendered) {
      omitted.push({ source: 'people', index: x.index });
      continue;
    }
    const entry: Entry = { key: x.index + 0.5, cells: rendered.cells, origin: { kind: 'person', index: x.index }, person: x.index, row: 0 };
    const reason = badPlans.get(x.index);
    if (reason) entry.malformed = { reason, ...corrupt(badRng, ctx, reason, rendered.cells, x.p, x.lang) };
    entries.push(entry);
    byIndex[x.index] = entry;

    // The second listing, somewhere further down the list.
    if (plan) {
      let second: Cells;
      let name = rendered.name;
      if (plan.kind === 'pinyin_vs_hanzi') {
        const other = renderRow(dupRng, ctx, x.p, x.lang, plan.modes.second);
        second = { ...rendered.cells, fullName: other?.name.full ?? '', nativeName: '' };
        if (other) name = other.name;
      } else {
        second = { ...rendered.cells };
      }
      applyKind(dupRng, plan.kind, second, name, x.p, x.lang, rendered.cells.birthDate);
      varyCopy(dupRng, ctx, second, x.p, x.lang);
      const key = x.index + 0.5 + 1e-6 + dupRng.next() * (o.count - x.index);
      entries.push({ key, cells: second, origin: { kind: 'dup', of: entry, dupKind: plan.kind, planted: false }, row: 0 });
    }
  }
  // Planted duplicates the caller's people already held.
  for (const entry of entries) {
    if (entry.origin.kind !== 'person') continue;
    const { duplicateOf, duplicateKind } = persons[entry.origin.index]!;
    const of = duplicateOf === null ? undefined : byIndex[duplicateOf];
    if (of && duplicateKind) entry.origin = { kind: 'dup', of, dupKind: duplicateKind, planted: true };
  }

  // 3. Stored people, listed again by another agency.
  (options.duplicatesOf ?? []).forEach((input, index) => {
    const p = listPersonOf(input);
    const lang: Lang = o.headerStyle === 'mixed' ? storedRng.pick(o.langs) : (o.headerStyle as Lang);
    const kind: ListDuplicateKind = pickKind(storedRng, eligibleKinds(ctx, p, lang)) ?? 'same_name';
    const mode: NameMode =
      kind === 'pinyin_vs_hanzi' ? (storedRng.chance(0.5) ? 'pinyin_only' : 'hanzi_only') : kind === 'diacritics_dropped' ? 'diacritics' : kind === 'date_format' || kind === 'same_name' ? 'usual' : 'latin';
    const rendered = renderRow(storedRng, ctx, p, lang, mode);
    if (!rendered) {
      omitted.push({ source: 'duplicatesOf', index });
      return;
    }
    // The stored record's date is ISO; another agency writes it its own way.
    const isoBirth = kind === 'date_format' && p.birthDate ? p.birthDate : '';
    applyKind(storedRng, kind, rendered.cells, rendered.name, p, lang, isoBirth);
    entries.push({ key: storedRng.next() * o.count, cells: rendered.cells, origin: { kind: 'stored', index, dupKind: kind }, row: 0 });
  });

  // 4. Blank rows.
  for (let i = 0; i < o.blankRows; i++) {
    const entry: Entry = { key: layoutRng.next() * (o.count + 1), cells: null, origin: { kind: 'blank' }, row: 0 };
    if (layoutRng.chance(0.2)) entry.blankCell = layoutRng.int(0, columns.length - 1);
    entries.push(entry);
  }

  // 5. Formula-looking cells in valid rows.
  const validEntries = entries.filter((e) => e.cells && !e.malformed);
  if (validEntries.length < o.formulaCells) {
    throw new RangeError(`Only ${validEntries.length} valid rows can hold a formula-looking cell; ask for fewer formulaCells.`);
  }
  for (const entry of formulaRng.sample(validEntries, o.formulaCells)) {
    const field = formulaRng.chance(0.5) ? 'aliases' : 'notes';
    (entry.cells as Cells)[field] = formulaRng.pick(FORMULA_VALUES[field]);
    entry.formula = field;
  }

  // 6. Lay out, number, and write down what the importer must find.
  entries.sort((a, b) => a.key - b.key);
  const expected: RescueListExpected = {
    listed: [],
    blank: [],
    malformed: [],
    valid: [],
    formulaCells: [],
    inFileDuplicates: [],
    storedDuplicates: [],
    omitted,
  };
  const rows: string[][] = [];
  const toRow = o.nativeColumn ? rowWithNative : rowWithoutNative;
  let number = 0;
  entries.forEach((entry, i) => {
    entry.row = fileRowOf(i);
    const row = entry.row;
    if (!entry.cells) {
      const blank = columns.map(() => '');
      if (entry.blankCell !== undefined) blank[entry.blankCell] = ' ';
      rows.push(blank);
      expected.blank.push(row);
      return;
    }
    entry.cells.rowNumber = String(++number);
    rows.push(toRow(entry.cells));
    if (entry.person !== undefined) expected.listed.push({ row, person: entry.person });
    if (entry.malformed) {
      const column = columns.indexOf(entry.malformed.field);
      expected.malformed.push({ row, column, value: (entry.cells as Cells)[entry.malformed.field], ...entry.malformed });
    } else expected.valid.push(row);
    if (entry.formula) {
      expected.formulaCells.push({ row, column: columns.indexOf(entry.formula), field: entry.formula, value: (entry.cells as Cells)[entry.formula] });
    }
    const origin = entry.origin;
    if (origin.kind === 'dup') {
      expected.inFileDuplicates.push({ row, of: origin.of.row, kind: origin.dupKind, origin: origin.planted ? 'generator' : 'list' });
    } else if (origin.kind === 'stored') {
      expected.storedDuplicates.push({ row, stored: origin.index, kind: origin.dupKind });
    }
  });
  return { header, rows, columns: columns.slice(), headerStyle: o.headerStyle, dateStyle: o.dateStyle, scripts: o.scripts, today: o.today, expected };
}

// Property by property (not columns.map(c => cells[c])): 10,000 rows, monomorphic loads.
const rowWithNative = (c: Cells): string[] => [
  c.rowNumber, c.fullName, c.nativeName, c.aliases, c.sex, c.birthDate, c.age, c.claimedNationality,
  c.passportNumber, c.phone, c.rescueDate, c.rescueSite, c.rescueGroup, c.notes,
];
const rowWithoutNative = (c: Cells): string[] => [
  c.rowNumber, c.fullName, c.aliases, c.sex, c.birthDate, c.age, c.claimedNationality,
  c.passportNumber, c.phone, c.rescueDate, c.rescueSite, c.rescueGroup, c.notes,
];

/** The second listing comes from another clerk: other words for sex and nationality, a missing phone or passport, another remark. */
function varyCopy(rng: Rng, ctx: Ctx, cells: Cells, p: ListPerson, lang: Lang): void {
  if (rng.chance(0.5)) cells.sex = renderSex(rng, p.sex, lang);
  if (p.nationality && rng.chance(0.5)) cells.claimedNationality = renderNationality(rng, ctx, p.nationality, lang, p.sex);
  if (rng.chance(0.3)) cells.phone = '';
  if (rng.chance(0.3)) cells.passportNumber = '';
  if (rng.chance(0.5)) cells.aliases = '';
  cells.notes = rng.chance(0.2) ? rng.pick(REMARKS[lang]) : '';
}
