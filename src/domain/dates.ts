/**
 * Dates as coordinators meet them: often only a year, or a year and month, or
 * just an estimated age. Dates are ISO strings (YYYY, YYYY-MM, YYYY-MM-DD) so
 * their precision is their length.
 */

export type DatePrecision = 'year' | 'month' | 'day';

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isPartialDate(value: string): boolean {
  const m = PARTIAL.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < 1900 || year > 2200) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  return Number(m[3]) >= 1 && Number(m[3]) <= daysInMonth(year, month);
}

export function isCalendarDate(value: string): boolean {
  return value.length === 10 && isPartialDate(value);
}

export function datePrecision(value: string): DatePrecision {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DAY_MS = 86_400_000;
/** Recent days as YYYY-MM-DD, by day number: the intake rules ask for today on every record an import checks. */
const dayTexts = new Map<number, string>();

/** Today's date (UTC) as YYYY-MM-DD, shifted by `offsetDays`. */
export function todayIso(offsetDays = 0, now?: Date): string {
  const day = Math.floor((now ? now.getTime() : Date.now()) / DAY_MS) + offsetDays;
  let text = dayTexts.get(day);
  if (text === undefined) {
    if (dayTexts.size >= 16) dayTexts.clear();
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayTexts.set(day, text);
  }
  return text;
}

/**
 * Age in whole years on `on` (YYYY-MM-DD). A partial birth date counts from
 * its earliest possible day, so a year-only date may overstate age by up to a
 * year; an estimated age grows with the time since it was estimated.
 */
export function ageOn(
  person: { birthDate: string | null; estimatedAge: number | null; ageEstimatedOn?: string | null },
  on: string,
): number | null {
  if (person.birthDate) {
    const [by, bm = 1, bd = 1] = person.birthDate.split('-').map(Number) as [number, number?, number?];
    const [y, m, d] = on.split('-').map(Number) as [number, number, number];
    return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  }
  if (person.estimatedAge !== null) {
    const since = person.ageEstimatedOn ? ageOn({ birthDate: person.ageEstimatedOn, estimatedAge: null }, on) : 0;
    return person.estimatedAge + Math.max(0, since ?? 0);
  }
  return null;
}

export const ADULT_AGE = 18;

/** The last day a partial date can mean: 2008 → 2008-12-31, 2008-02 → 2008-02-29. */
export function latestPossibleDate(value: string): string {
  const [y, m] = value.split('-').map(Number) as [number, number?];
  if (value.length === 4) return `${value}-12-31`;
  if (value.length === 7) return `${value}-${String(daysInMonth(y, m!)).padStart(2, '0')}`;
  return value;
}
