import { createHash } from 'node:crypto';
import { HomewardError } from '../domain/errors';
import { parseAgeRecipient } from './age';
import { parseMinisignPublicKey, type MinisignPublicKey } from './minisign';

/**
 * A short form of a public key that two coordinators read to each other over
 * a phone line to confirm they hold the same key: SHA-256 of the 32 raw key
 * bytes, first 16 bytes, as 8 groups of 4 uppercase hex digits
 * ("3F2A 91C0 …"). Hex has no look-alike letters (no O/0, I/1/l), and groups
 * of four are easy to read back and to keep one's place in.
 *
 * The raw bytes are what is hashed, so a receiver without Homeward can
 * recompute it: for a minisign key,
 *   echo RW… | base64 -d | tail -c 32 | sha256sum
 * and compare the first 32 hex digits.
 */

const FINGERPRINT_BYTES = 16;

export function keyFingerprint(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new HomewardError('VALIDATION_FAILED', 'A key fingerprint is taken over a 32-byte public key.', { reason: 'key-length' });
  const hex = createHash('sha256').update(publicKey).digest().subarray(0, FINGERPRINT_BYTES).toString('hex').toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

/** Fingerprint of an office's age public key (`age1…`). */
export function ageRecipientFingerprint(recipient: string): string {
  return keyFingerprint(parseAgeRecipient(recipient).publicKey);
}

/** Fingerprint of an office's minisign key (`RW…`, a `.pub` file, or parsed). */
export function minisignKeyFingerprint(key: string | MinisignPublicKey): string {
  return keyFingerprint((typeof key === 'string' ? parseMinisignPublicKey(key) : key).publicKey);
}

/**
 * Compares a fingerprint as typed or read back (spaces, dashes, lowercase all
 * fine) with the one Homeward shows. Anything that is not 32 hex digits never matches.
 */
export function fingerprintsMatch(entered: string, expected: string): boolean {
  const normalize = (f: string) => f.replace(/[\s:-]/g, '').toUpperCase();
  const a = normalize(entered);
  return /^[0-9A-F]{32}$/.test(a) && a === normalize(expected);
}
