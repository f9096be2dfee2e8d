/**
 * The birth-year buckets of blocking keys (see ./blocking): a stored key
 * carries the bucket of the person's birth year, a probe asks for the buckets
 * of a window of years around its own. Years implied by an estimated age are
 * bucketed apart, so that they can be looked for over a wider window.
 */
import type { YearOptions } from './prepare';

/** Width of a stored birth-year bucket, in years. */
export const YEAR_BUCKET = 3;
/** Years either side of a probe's own birth year that it looks in among records with a written birth date or year. */
export const PROBE_YEARS = 3;
/**
 * Years either side when either record has an estimated age: an estimate is a
 * guess, often two or three years off and now and then five (see WEIGHTS).
 */
export const ESTIMATED_YEARS = 5;
/** Plausible birth years for someone with no recorded year: aged 10 to 75. */
const ANY_AGE: readonly [number, number] = [10, 75];
const NO_YEAR = '?';

/** Marks the bucket of a year implied by an estimated age: such records are looked for over a wider window. */
const ESTIMATED = 'e';

const bucketOf = (year: number): number => Math.floor(year / YEAR_BUCKET);

/** Key families that carry no year: the same document or phone meets whatever the birth years. */
const PLAIN_FAMILIES = ['doc:', 'tel:'];

/**
 * A key split into its name and its year bucket, as the store indexes it
 * (keeping the buckets of one name together): `bucket` is the bucket number,
 * -1 for "no year recorded", or null for a key without a year; `estimated`
 * for the bucket of a year an estimated age implies.
 */
export function splitKey(key: string): { name: string; bucket: number | null; estimated: boolean } {
  if (PLAIN_FAMILIES.some((f) => key.startsWith(f))) return { name: key, bucket: null, estimated: false };
  const at = key.lastIndexOf(':');
  return { name: key.slice(0, at), ...readBucket(key.slice(at + 1)) };
}

/** A bucket as keys write it ("665", "e665", "?"): its number (-1 for "?") and whether it is of estimated ages. */
export function readBucket(bucket: string): { bucket: number; estimated: boolean } {
  if (bucket === NO_YEAR) return { bucket: -1, estimated: false };
  const estimated = bucket.startsWith(ESTIMATED);
  return { bucket: Number(estimated ? bucket.slice(1) : bucket), estimated };
}

/** The bucket a record is stored under: its year's, marked when the year comes from an estimated age, or "?". */
export const storedBucket = (year: number | null, estimated: boolean): string => (year === null ? NO_YEAR : `${estimated ? ESTIMATED : ''}${bucketOf(year)}`);

/**
 * The buckets a probe looks in: of written years, those meeting [year −
 * PROBE_YEARS, year + PROBE_YEARS] (ESTIMATED_YEARS when the probe's own year
 * is estimated); of estimated ones, those meeting [year − ESTIMATED_YEARS,
 * year + ESTIMATED_YEARS]; every plausible year when the probe has none; and "?".
 */
export function yearBuckets(year: number | null, options: YearOptions & { estimated?: boolean } = {}): string[] {
  const ref = options.referenceYear ?? new Date().getUTCFullYear();
  const range = (width: number, estimated: boolean): string[] => {
    const [lo, hi] = year === null ? [ref - ANY_AGE[1], ref - ANY_AGE[0]] : [year - width, year + width];
    const out: string[] = [];
    for (let b = bucketOf(lo); b <= bucketOf(hi); b++) out.push(`${estimated ? ESTIMATED : ''}${b}`);
    return out;
  };
  return [...range(options.estimated ? ESTIMATED_YEARS : PROBE_YEARS, false), ...range(ESTIMATED_YEARS, true), NO_YEAR];
}
