/**
 * Ages and birth dates. Most people are 18–40; about 4% are minors (14–17).
 * Many do not know their birth date, so the record keeps what they know: a
 * full date, a year and month, a year, or an estimated age (never both a date
 * and an estimate). A minor's record never reads as an adult's, by the same
 * reckoning as ageOn in ../dates (a partial date counts from its first day).
 */
import { ADULT_AGE } from '../dates';
import { civilFromDays, isoOf, yearsBetween, type Civil } from './days';
import type { Rng } from './random';

export const MINOR_SHARE = 0.04;

export interface RecordedBirth {
  birthDate: string | null;
  estimatedAge: number | null;
}

export interface Birth extends RecordedBirth {
  /** the real birth date (what documents would show), YYYY-MM-DD */
  date: string;
  civil: Civil;
  /** age in whole years on "today" */
  age: number;
  minor: boolean;
}

function pickAge(rng: Rng): number {
  const r = rng.next();
  if (r < MINOR_SHARE) return rng.int(14, 17);
  if (r < 0.94) return 18 + Math.floor((23 * (rng.next() + rng.next())) / 2); // 18–40, peak near 29
  return rng.int(41, 58);
}

/** Age a record states on `today` (null when it states none). */
export function recordedAge(rec: RecordedBirth, today: Civil): number | null {
  if (rec.birthDate) {
    const b = rec.birthDate;
    return yearsBetween(
      { y: Number(b.slice(0, 4)), m: b.length >= 7 ? Number(b.slice(5, 7)) : 1, d: b.length === 10 ? Number(b.slice(8, 10)) : 1 },
      today,
    );
  }
  return rec.estimatedAge;
}

/**
 * How far an estimated age is from the real one: whoever guesses (the person,
 * a clerk, a doctor) is often a year or two off, and now and then four or
 * five. Two estimates of one person's age can differ by more still.
 */
function estimateError(rng: Rng, minor: boolean): number {
  const r = rng.next();
  // A teenager's age is guessed closer than an adult's.
  const size = r < 0.35 ? 0 : r < 0.65 || minor ? 1 : r < 0.82 ? 2 : r < 0.92 ? 3 : r < 0.97 ? 4 : 5;
  return rng.chance(0.5) ? -size : size;
}

/** How the birth is recorded at intake, given the real birth date. */
export function recordBirth(rng: Rng, civil: Civil, minor: boolean, today: Civil): RecordedBirth {
  const iso = isoOf(civil);
  const r = rng.next();
  let rec: RecordedBirth;
  if (r < 0.55) return { birthDate: iso, estimatedAge: null };
  if (r < 0.63) rec = { birthDate: iso.slice(0, 7), estimatedAge: null };
  else if (r < 0.78) rec = { birthDate: iso.slice(0, 4), estimatedAge: null };
  else rec = { birthDate: null, estimatedAge: yearsBetween(civil, today) + estimateError(rng, minor) };
  // A year alone counts from 1 January and can make a 17-year-old read as 18.
  if (((recordedAge(rec, today) ?? 0) < ADULT_AGE) !== minor) rec = { birthDate: iso, estimatedAge: null };
  return rec;
}

export function makeBirth(rng: Rng, today: number, todayCivil: Civil): Birth {
  const chosen = pickAge(rng);
  // Born `chosen` years and up to a year before today.
  const civil = civilFromDays(today - Math.floor(chosen * 365.2425) - rng.int(1, 364));
  const age = yearsBetween(civil, todayCivil);
  const minor = age < ADULT_AGE;
  return { date: isoOf(civil), civil, age, minor, ...recordBirth(rng, civil, minor, todayCivil) };
}

/** The birth year a record states (for an estimated age, the year it implies). */
export function recordedBirthYear(rec: RecordedBirth, today: Civil): number | null {
  if (rec.birthDate) return Number(rec.birthDate.slice(0, 4));
  if (rec.estimatedAge !== null) return today.y - rec.estimatedAge;
  return null;
}
