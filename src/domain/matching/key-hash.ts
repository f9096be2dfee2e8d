/**
 * Blocking keys (./blocking) as the store keeps them: integers. A key is a
 * 45-bit hash of its name (two 32-bit FNV-1a variants) times KEY_SPAN, plus a
 * code for its year bucket (./year-buckets), exact in a JS number and an
 * SQLite integer. The buckets of one name are neighbours in the store's
 * index, so a probe reads a whole year window as one range (see probeOf);
 * and keys are compared far more often than read. A hash collision only
 * adds a candidate that scoring then rejects.
 */
import type { ProbeWindows, StoredWindows } from './blocking';
import { readBucket, splitKey } from './year-buckets';

/** The integer of one key of storedKeys or probeKeys. */
export function keyHash(key: string): number {
  const { name, bucket, estimated } = splitKey(key);
  return nameHash(name) * KEY_SPAN + yearCode(bucket, estimated);
}

/** Every key of one name lies in [base, base + KEY_SPAN). */
export const KEY_SPAN = 256;

function nameHash(name: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x2000 + ((h2 >>> 0) & 0x1fff);
}

/**
 * 0: no year in the key; 1: no year recorded; then the buckets from about
 * 1800, each as two codes side by side, its stated years then its estimated
 * ones (buckets beyond the ends share the end codes), so that a probe's window
 * of either kind is one range.
 */
function yearCode(bucket: number | null, estimated: boolean): number {
  if (bucket === null) return 0;
  if (bucket < 0) return NO_YEAR_CODE;
  return 2 + 2 * Math.max(0, Math.min(BUCKETS - 1, bucket - FIRST_BUCKET)) + (estimated ? 1 : 0);
}

const BUCKETS = (KEY_SPAN - 2) / 2;

/** The bucket of year 1800 (buckets are YEAR_BUCKET = 3 years wide). */
const FIRST_BUCKET = 600;

/**
 * A probe as the store reads it: the names it looks up (each as the first
 * value of its span, see KEY_SPAN) with the year codes it asks for under
 * every one, and its keys without a year (documents, phones).
 */
export interface Probe {
  names: readonly number[];
  /** 1 at each year code asked for */
  codes: Uint8Array;
  /** the lowest and highest year code asked for but "no year recorded" */
  from: number;
  to: number;
  /** keys without a year, as hashes (their year code is 0) */
  plain: readonly number[];
  /** the same, of document numbers only */
  documents: readonly number[];
}

/** The keys of storedWindows, hashed: keyHash of each of storedKeys, without writing them out. */
export function storedHashes(w: StoredWindows): number[] {
  const { bucket, estimated } = readBucket(w.bucket);
  const code = yearCode(bucket, estimated);
  return [...w.plain.map(keyHash), ...w.names.map((n) => nameHash(n) * KEY_SPAN + code)];
}

/** The probe of probeWindows, hashed (keyHash of each of probeKeys lies in it). */
export function probeOf(w: ProbeWindows): Probe {
  const codes = new Uint8Array(KEY_SPAN);
  let from = KEY_SPAN;
  let to = 0;
  for (const b of w.buckets) {
    const { bucket, estimated } = readBucket(b);
    const code = yearCode(bucket, estimated);
    codes[code] = 1;
    if (code > NO_YEAR_CODE) {
      from = Math.min(from, code);
      to = Math.max(to, code);
    }
  }
  return {
    names: [...new Set(w.names)].map((n) => nameHash(n) * KEY_SPAN),
    codes,
    from,
    to,
    plain: w.plain.map(keyHash),
    documents: w.plain.filter((k) => k.startsWith(DOCUMENT_KEY)).map(keyHash),
  };
}

const DOCUMENT_KEY = 'doc:';
const NO_YEAR_CODE = 1;

/** A key hash as its name's first value and its year code. */
export const splitHash = (hash: number): [base: number, code: number] => {
  const code = hash % KEY_SPAN;
  return [hash - code, code];
};
