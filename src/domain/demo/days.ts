/**
 * Calendar arithmetic on whole days (proleptic Gregorian, UTC), for the demo
 * generator. Pure integer arithmetic (no Date objects in the hot path, and
 * never the clock): generating 100,000 people calls these millions of times.
 */
import { isCalendarDate } from '../dates';

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Civil {
  y: number;
  m: number;
  d: number;
}

/** Year, month, day for a day number (H. Hinnant's civil_from_days). */
export function civilFromDays(day: number): Civil {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function isoOf(c: Civil): string {
  return `${c.y}-${pad2(c.m)}-${pad2(c.d)}`;
}

export function civilOf(iso: string): Civil {
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) };
}

/** Days since 1970-01-01 for a YYYY-MM-DD date. */
export function toEpochDay(iso: string): number {
  if (!isCalendarDate(iso)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${iso}`);
  const c = civilOf(iso);
  return daysFromCivil(c.y, c.m, c.d);
}

/** YYYY-MM-DD for a day number from toEpochDay. */
export function fromEpochDay(day: number): string {
  return isoOf(civilFromDays(day));
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** The same day `years` later (29 February falls back to 28 February). */
export function addYears(iso: string, years: number): string {
  const c = civilOf(iso);
  const y = c.y + years;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return isoOf({ y, m: c.m, d: c.m === 2 && c.d === 29 && !leap ? 28 : c.d });
}

/**
 * Whole years from a birth date (a partial one counts from its first day, as
 * ageOn in ../dates does) to `on`.
 */
export function yearsBetween(birth: { y: number; m?: number; d?: number }, on: Civil): number {
  const bm = birth.m ?? 1;
  const bd = birth.d ?? 1;
  return on.y - birth.y - (on.m < bm || (on.m === bm && on.d < bd) ? 1 : 0);
}
