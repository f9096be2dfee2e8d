/**
 * Reading cell values as they really come in rescue lists: dates in four
 * calendars-and-conventions, ages with hedges in four languages, sex in five
 * scripts, phone numbers mangled by Excel. Each parser accepts what a hurried
 * person would type and refuses with a sentence saying what to fix; a blank
 * cell is not an error, it is "not known" (null, or 'unknown' for sex).
 */
import { isPartialDate } from '../../domain/dates';
import type { Sex } from '../../domain/person';
import { cleanCell, foldKey } from './text';
import { quote, refuse, type Parsed } from './result';

export type { Parsed } from './result';
export { parseNationality } from './nationality';

// ───────────────────────────── dates ─────────────────────────────

export interface DateExtra {
  /** The Buddhist Era year as written, when it was converted (2568 → 2025). */
  buddhistEraYear?: number;
  /** The Excel serial number as written, when it was converted. */
  excelSerial?: number;
}
export type ParsedDate = Parsed<string | null, DateExtra>;

const BE_OFFSET = 543;

/** Month names, longest first so มีนาคม wins over มี.ค. and "june" over "jun". */
const MONTH_WORDS: [RegExp, number][] = (() => {
  const thaiFull = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
  const thaiAbbr = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
  const english = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  const out: [RegExp, number][] = [];
  thaiFull.forEach((m, i) => out.push([new RegExp(m), i + 1]));
  // Thai abbreviations are typed with or without their dots and spaces: ม.ค. / ม.ค / มค / ม. ค.
  thaiAbbr.forEach((m, i) => out.push([new RegExp(m.replace(/\./g, '').split('').join('\\.?\\s?') + '\\.?'), i + 1]));
  english.forEach((m, i) => {
    out.push([new RegExp(`(?<![a-z])${m}(?![a-z])`), i + 1]);
    out.push([new RegExp(`(?<![a-z])${m.slice(0, 3)}${m === 'september' ? 't?' : ''}\\.?(?![a-z])`), i + 1]);
  });
  return out;
})();

/**
 * Which column a date is for, when the caller knows: a bare number is then
 * read as an Excel day number only in a range that field can have, and a
 * small number in a birth-date column is taken for what it almost surely is,
 * an age in the wrong column.
 */
export type DateField = 'birthDate' | 'rescueDate';

/** A bare number below this in a birth-date column is an age, not Excel's first months of 1900. */
const AGE_LIKE_BELOW = 150;
/** The earliest rescue date an Excel day number may give: older ones are typing errors. */
const EARLIEST_RESCUE = '2000-01-01';

/**
 * A trailing time of day, as Excel and databases export dates: "2025-03-05
 * 00:00:00", "1/1/2568 0:00", "2025-03-05T14:30", "5/3/2025 12:00 AM". Lists
 * record days, so the time is dropped.
 */
const TIME_OF_DAY = /(?:\s+|(?<=\d)t)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:\s*([ap])\.?m\.?)?$/;

function withoutTime(s: string): string | null {
  const m = TIME_OF_DAY.exec(s);
  if (!m) return null;
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (hour > (m[4] ? 12 : 23) || minute > 59 || second > 59) return null;
  return s.slice(0, m.index).trim();
}

/**
 * A date cell to an ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD). Day/month
 * order is day first, as in Thailand and Myanmar; it is read month first only
 * when the second number cannot be a month (03/25/2025). A time after the
 * date is dropped. With `field`, a bare number is held to what that field can
 * be (see DateField).
 */
export function parseDate(input: string, field?: DateField): ParsedDate {
  const raw = cleanCell(input);
  if (raw === '') return { ok: true, value: null };
  let s = raw.toLowerCase();

  // Era markers: พ.ศ. (Buddhist Era) forces BE, ค.ศ. / AD / CE forces Gregorian.
  const BE_MARK = /พ\.?\s?ศ\.?|\bb\.?e\.?(?![a-z])/;
  const CE_MARK = /ค\.?\s?ศ\.?|\b(?:a\.?d|c\.?e)\.?(?![a-z])/;
  let era: 'be' | 'ce' | null = BE_MARK.test(s) ? 'be' : CE_MARK.test(s) ? 'ce' : null;
  s = s.replace(BE_MARK, ' ').replace(CE_MARK, ' ').trim();
  const dateOnly = withoutTime(s);
  if (dateOnly) s = dateOnly;

  if (/^\d+(\.\d+)?$/.test(s)) {
    // A time after a bare number is no Excel export: say what to write instead.
    if (dateOnly) return refuse(notADate(raw));
    return bareNumber(raw, s, era, field);
  }

  // Chinese: 2025年3月5日, 2025年3月, 2025年
  let m = /^(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?)?$/.exec(s);
  if (m) return build(raw, Number(m[1]), opt(m[2]), opt(m[3]), era);

  // ISO order: 2025-03-05, 2025/3/5, 2025.03.05, 2025-03
  m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(s);
  if (m) return build(raw, Number(m[1]), Number(m[2]), opt(m[3]), era);

  // Day first: 05/03/2025, 5-3-2025, 05.03.2025
  m = /^(\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\2\s?(\d{2}|\d{4})$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (m[4]!.length === 2) return refuse(twoDigitYear(raw));
    if (b > 12 && a <= 12) {
      const r = build(raw, Number(m[4]), a, b, era);
      return r.ok ? { ...r, note: join(r.note, `read as month/day/year because ${b} cannot be a month`) } : r;
    }
    return build(raw, Number(m[4]), b, a, era);
  }

  // Month and year: 03/2025, 3-2025
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return build(raw, Number(m[2]), Number(m[1]), null, era);

  // Month names: 12 Jan 2025, 12-Jan-2025, Jan 12, 2025, Jan 2025, 5 มี.ค. 2568, มีนาคม 2568
  for (const [re, month] of MONTH_WORDS) {
    const hit = re.exec(s);
    if (!hit) continue;
    const thai = /[\u0e00-\u0e7f]/.test(hit[0]);
    const rest = (s.slice(0, hit.index) + ' ' + s.slice(hit.index + hit[0].length)).replace(/[,\-/.]/g, ' ').trim();
    if (/[^\d\s]/.test(rest)) break;
    const nums = rest.split(/\s+/).filter(Boolean);
    let day: number | null = null;
    let yearText: string | undefined;
    if (nums.length === 1) yearText = nums[0];
    else if (nums.length === 2) {
      const [x, y] = nums as [string, string];
      // The year is the long number (or the last one): "12 Jan 2025", "Jan 12, 2025".
      [day, yearText] = x.length >= 3 ? [Number(y), x] : [Number(x), y];
    } else break;
    if (yearText === undefined) break;
    let year = Number(yearText);
    if (yearText.length === 2) {
      // Thai writers abbreviate the BE year to two digits: "5 มี.ค. 68" is 2568.
      if (!thai && era !== 'be') return refuse(twoDigitYear(raw));
      year = 2500 + year;
      era = 'be';
    } else if (yearText.length !== 4) break;
    return build(raw, year, month, day, era);
  }

  if (field === 'birthDate') {
    const age = parseAge(raw);
    if (age.ok && age.value !== null) return refuse(looksLikeAge(raw));
  }
  return refuse(notADate(raw));
}

const notADate = (raw: string) =>
  `${quote(raw)} is not a date Homeward can read. Write it as 2025-03-05, 05/03/2025, 5 Mar 2025, 03/2025 or just the year.`;
const looksLikeAge = (raw: string) =>
  `${quote(raw)} looks like an age, not a birth date. If this column holds ages, map it to Age; otherwise write the birth date, e.g. 1990-03-05 or 05/03/1990.`;

/** A cell that is only a number: a year, or an Excel day number (the cell was a date formatted as General). */
function bareNumber(raw: string, s: string, era: 'be' | 'ce' | null, field: DateField | undefined): ParsedDate {
  const n = Number(s);
  if (field === 'birthDate' && n < AGE_LIKE_BELOW && era === null) return refuse(looksLikeAge(raw));
  if (/^\d{4}$/.test(s)) {
    if ((n >= 1900 && n <= 2200) || n > 2400 || era !== null) return build(raw, n, null, null, era);
    // A four-digit number that is not a plausible year: a serial (1000–9999 → 1902–1927), but never a birth date's.
    if (field === 'birthDate') {
      return refuse(`${quote(raw)} is not a plausible year of birth. Check the number, or write the birth date as 1990-03-05 or 05/03/1990.`);
    }
  }
  const serial = fromExcelSerial(raw, n);
  if (field === 'birthDate' && serial.ok && !/^\d{5}(\.\d+)?$/.test(s)) {
    // Excel writes the birth date of anyone alive as five digits (10000 is 1927-05-18); shorter numbers are typing errors.
    return refuse(`${quote(raw)} is a number, not a birth date. Write the birth date as 1990-03-05 or 05/03/1990, or just the year of birth.`);
  }
  if (field === 'rescueDate' && !(serial.ok && serial.value !== null && serial.value >= EARLIEST_RESCUE)) {
    const asSerial = serial.ok ? ` (as an Excel day number it would be ${serial.value})` : '';
    return refuse(`${quote(raw)} is a number, not a rescue date${asSerial}. Write the rescue date as 2025-03-05 or 05/03/2025.`);
  }
  return serial;
}

const opt = (s: string | undefined) => (s === undefined ? null : Number(s));
const join = (a: string | undefined, b: string) => (a ? `${a}; ${b}` : b);
const twoDigitYear = (raw: string) => `${quote(raw)} has a two-digit year, which could be several centuries. Write the full year, e.g. 2025 (or 2568 in Buddhist Era).`;

function build(raw: string, writtenYear: number, month: number | null, day: number | null, era: 'be' | 'ce' | null): ParsedDate {
  // Buddhist Era: Thai lists say 2568 for 2025. No Gregorian year in a rescue
  // list is above 2400, so any such year is BE even without "พ.ศ.".
  const isBe = era === 'be' || (era === null && writtenYear > 2400);
  const year = isBe ? writtenYear - BE_OFFSET : writtenYear;
  const value =
    String(year).padStart(4, '0') +
    (month === null ? '' : `-${String(month).padStart(2, '0')}`) +
    (month === null || day === null ? '' : `-${String(day).padStart(2, '0')}`);
  if (month !== null && (month < 1 || month > 12)) return refuse(`${quote(raw)}: ${month} is not a month (1–12).`);
  if (!isPartialDate(value)) {
    if (year < 1900 || year > 2200) return refuse(`${quote(raw)}: the year ${year} is out of range (1900–2200).`);
    return refuse(`${quote(raw)}: there is no day ${day} in that month.`);
  }
  return isBe
    ? { ok: true, value, buddhistEraYear: writtenYear, note: `converted from BE ${writtenYear}` }
    : { ok: true, value };
}

/** Excel for Windows counts days from 1900-01-00 and believes 1900 was a leap year. */
function fromExcelSerial(raw: string, serial: number): ParsedDate {
  const whole = Math.floor(serial);
  if (whole < 1 || whole > 80000) {
    return refuse(`${quote(raw)} is a number, not a date. Write the date as 2025-03-05 or 05/03/2025.`);
  }
  if (whole === 60) return refuse(`${quote(raw)} is Excel's 29 February 1900, a day that never existed. Write the real date.`);
  // From 1 March 1900 (serial 61) on, counting from 1899-12-30 absorbs Excel's phantom 29 February.
  const epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const value = new Date(epoch + whole * 86_400_000).toISOString().slice(0, 10);
  return { ok: true, value, excelSerial: serial, note: `converted from Excel day number ${raw}` };
}

// ───────────────────────────── ages ─────────────────────────────

export interface AgeExtra {
  /** The cell hedged ("approx 30", "30?", "ประมาณ 30", "约30岁") or gave a range. */
  approximate: boolean;
  /** Both ends of a range like 25-30; the value is then its midpoint, rounded down. */
  range?: [number, number];
}
export type ParsedAge = Parsed<number | null, AgeExtra>;

const MAX_AGE = 120;
/** Hedge words before or after the number, in English, Thai, Chinese, Vietnamese and Burmese. */
// A tilde after a number is a range (25~30), before one a hedge (~40).
const HEDGES = /approx(?:imately)?\.?|about|around|circa|ca\.|c\.|est(?:imated)?\.?|(?<!\d\s*)~|≈|\+\/-|±|\?|ประมาณ|ราว(?:ๆ)?|大约|大概|约|左右|khoảng|chừng|khoang|ခန့်|လောက်|မှန်းခြေ/giu;
/** Unit words that only say "years (old)" or "age": "30 years old", "อายุ 30 ปี", "30岁", "30 tuổi", "30 နှစ်", "30 ans". */
const YEARS =
  /years?\s*old|years?|yrs?\.?|y\.?o\.?|aged|age|(?<![a-z])ans(?![a-z])|(?<![a-z])y(?![a-z])|ปี|อายุ|岁|歲|周岁|年龄|年齡|tuổi|tuoi|နှစ်|အသက်/giu;

/** "30s", "late 20s", "mid-forties": a decade, with where in it. */
const DECADE = /^(?:(early|mid|late)\s*-?\s*)?(?:([1-9])0\s*['’]?\s*s|(twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies)$/;
const DECADE_WORDS = ['twent', 'thirt', 'fort', 'fift', 'sixt', 'sevent', 'eight', 'ninet'];
/** Where in the decade: early 30s → 32, 30s or mid 30s → 35, late 30s → 38. */
const IN_DECADE = { early: 2, mid: 5, late: 8 } as const;
/** "30+", "over 30", "30 กว่า", "30多", "30 ကျော်", "hơn 30": at least that; read as that age, so a possible minor stays one. */
const AT_LEAST = /^(?:(\d{1,3})\s*(?:\+|plus|or more|or older|and above|and over|กว่า|多|以上|ကျော်)|(?:over|above|more than|older than|hơn|ngoài|trên|เกิน|超过)\s*(\d{1,3}))$/;
/**
 * "under 18", "<18", "u18", "ต่ำกว่า 18", "未满18", "dưới 18": below that age,
 * read as one year less. Built from NFKC text, as cells are cleaned (NFKC
 * splits Thai ำ in two).
 */
const BELOW = new RegExp(String.raw`^(?:under|below|less than|younger than|<|u|ต่ำกว่า|ไม่ถึง|未满|不满|不到|dưới)\s*(\d{1,3})$`.normalize('NFKC'));

/** The cell as typed, spaces tidied, for a remark (NFKC would split Thai ำ in two). */
const asTyped = (input: string) => input.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

export function parseAge(input: string): ParsedAge {
  const raw = cleanCell(input);
  if (raw === '') return { ok: true, value: null, approximate: false };
  let s = raw.toLowerCase();
  let approximate = false;
  s = s.replace(HEDGES, () => ((approximate = true), ' '));
  s = s.replace(YEARS, ' ').replace(/\s+/g, ' ').trim();

  const range = /^(\d{1,3})\s*(?:-|–|—|~|to|ถึง|至|đến)\s*(\d{1,3})$/.exec(s);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    if (lo > hi) return refuse(`${quote(raw)}: the range runs backwards. Write it as ${hi}-${lo}.`);
    if (hi > MAX_AGE) return refuse(`${quote(raw)}: an age above ${MAX_AGE} is not possible. Check the number.`);
    // Rounded down: with 17-18 the person may be a minor, and the minor holds must apply.
    const mid = Math.floor((lo + hi) / 2);
    return { ok: true, value: mid, approximate: true, range: [lo, hi], note: `midpoint of the range ${lo}–${hi}` };
  }
  const one = /^(\d{1,3})(?:\.0+)?$/.exec(s);
  if (one) {
    const age = Number(one[1]);
    if (age > MAX_AGE) return refuse(`${quote(raw)}: an age above ${MAX_AGE} is not possible. Check the number.`);
    return approximate ? { ok: true, value: age, approximate, note: 'estimated' } : { ok: true, value: age, approximate };
  }
  const about = (age: number): ParsedAge =>
    age > MAX_AGE
      ? refuse(`${quote(raw)}: an age above ${MAX_AGE} is not possible. Check the number.`)
      : { ok: true, value: age, approximate: true, note: `${asTyped(input)} read as about ${age}` };
  const decade = DECADE.exec(s);
  if (decade) {
    const tens = decade[2] ? Number(decade[2]) : DECADE_WORDS.indexOf(decade[3]!) + 2;
    return about(tens * 10 + IN_DECADE[(decade[1] as keyof typeof IN_DECADE | undefined) ?? 'mid']);
  }
  const atLeast = AT_LEAST.exec(s);
  if (atLeast) return about(Number(atLeast[1] ?? atLeast[2]));
  const below = BELOW.exec(s);
  if (below && Number(below[1]) > 0) return about(Number(below[1]) - 1);
  if (/\d{1,4}\s*[-/.]\s*\d{1,2}/.test(s) || /\d{4}/.test(s)) {
    return refuse(`${quote(raw)} looks like a date, not an age. Put birth dates in the birth date column.`);
  }
  return refuse(`${quote(raw)} is not an age. Write the number of years, e.g. 25, "approx 30" or 25-30.`);
}

// ───────────────────────────── sex ─────────────────────────────

const SEX_WORDS: Record<string, Sex> = {};
const addSex = (sex: Sex, words: string[]) => words.forEach((w) => (SEX_WORDS[foldKey(w)] = sex));
addSex('male', ['m', 'male', 'man', 'men', 'boy', 'ชาย', 'ช', 'ผู้ชาย', 'เด็กชาย', 'ด.ช.', 'นาย', '男', '男性', 'nam', 'ကျား', 'ကျားလေး', 'ယောကျ်ား', 'ယောက်ျား']);
addSex('female', ['f', 'female', 'woman', 'women', 'girl', 'w', 'หญิง', 'ญ', 'ผู้หญิง', 'เด็กหญิง', 'ด.ญ.', 'นาง', 'นางสาว', '女', '女性', 'nữ', 'မ', 'မိန်း', 'မိန်းမ', 'မိန်းကလေး']);
addSex('other', ['other', 'x', 'อื่นๆ', '其他', 'khác']);
addSex('unknown', ['unknown', 'u', 'n/a', 'na', '?', '-', 'ไม่ทราบ', '不详', '未知', 'không rõ', 'မသိ']);

export function parseSex(input: string): Parsed<Sex> {
  const raw = cleanCell(input);
  if (raw === '') return { ok: true, value: 'unknown' };
  // "?" and "-" fold to nothing: they say "not known".
  const key = foldKey(raw);
  if (key === '') return { ok: true, value: 'unknown' };
  const sex = SEX_WORDS[key];
  if (sex) return { ok: true, value: sex };
  return refuse(`${quote(raw)} is not a sex Homeward knows. Use M or F (also ชาย/หญิง, 男/女, nam/nữ, ကျား/မ), or leave it blank.`);
}

// ───────────────────────────── phone ─────────────────────────────

/** Digits with an optional leading +; spaces, dashes, dots and brackets as typed are dropped. */
export function parsePhone(input: string): Parsed<string | null> {
  let raw = cleanCell(input);
  // A leading apostrophe is Excel's (or our export's) "treat as text" marker.
  if (raw.startsWith("'")) raw = raw.slice(1).trim();
  if (raw === '') return { ok: true, value: null };
  if (/^\d(\.\d+)?e\+?\d+$/i.test(raw)) {
    return refuse(`${quote(raw)}: Excel turned this phone number into scientific notation and lost digits. Format the column as Text in Excel and export the list again.`);
  }
  if (/[,;]|\s\/\s|\bor\b|หรือ/.test(raw) && (raw.match(/\d{6,}|\d+[\s-]\d+[\s-]\d+/g) ?? []).length > 1) {
    return refuse(`${quote(raw)} holds more than one phone number. Keep one here and put the others in the notes.`);
  }
  if (!/^\+?[\d\s().\-/]+$/.test(raw)) {
    return refuse(`${quote(raw)} is not a phone number: only digits, spaces and a leading + are allowed.`);
  }
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15) {
    return refuse(`${quote(raw)} has ${digits.length} digits; a phone number has 6 to 15. Check for missing or extra digits.`);
  }
  return { ok: true, value: (raw.startsWith('+') ? '+' : '') + digits };
}

// ───────────────────────── document numbers ─────────────────────────

/**
 * Passport and other document numbers: upper case, no spaces, as printed on
 * the document ("ma 123 456" → "MA123456"), so the same passport matches
 * across lists. Hyphens and slashes are kept: some ID cards print them.
 */
export function parseDocumentNumber(input: string): Parsed<string | null> {
  let raw = cleanCell(input);
  if (raw.startsWith("'")) raw = raw.slice(1).trim();
  if (raw === '') return { ok: true, value: null };
  const value = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9\-/]*$/.test(value)) {
    return refuse(`${quote(raw)} is not a document number: use the Latin letters and digits as printed on the document.`);
  }
  if (value.length > 64) return refuse(`${quote(raw)} is too long for a document number (at most 64 characters).`);
  return { ok: true, value };
}

export const parsePassportNumber = parseDocumentNumber;
