import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { HomewardError } from '../domain/errors';

/**
 * The database key is 32 random bytes. It never touches disk in the clear: the
 * keyring file beside the database holds it wrapped (AES-256-GCM) under keys
 * derived with scrypt from the office passphrase and from the recovery key.
 * The desktop app may add a slot wrapped by the OS key store.
 */

export const KEYRING_FORMAT = 'homeward-keyring';
export const KEYRING_VERSION = 1;
export const DEFAULT_SCRYPT_LOG_N = 17;
const MIN_SCRYPT_LOG_N = 12;

export type SlotKind = 'passphrase' | 'recovery' | 'os-keystore';

export interface KeyringSlot {
  kind: SlotKind;
  /** scrypt cost for this slot, as log2(N); r = 8, p = 1. Absent for os-keystore. */
  logN?: number;
  salt?: string;
  nonce: string;
  ciphertext: string;
  tag: string;
}

export interface Keyring {
  format: typeof KEYRING_FORMAT;
  version: typeof KEYRING_VERSION;
  /** SHA-256 of the database key, truncated: tells a wrong key from a corrupt file. */
  keyCheck: string;
  slots: KeyringSlot[];
}

export const MIN_PASSPHRASE_LENGTH = 10;

export function checkPassphraseStrength(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new HomewardError(
      'PASSPHRASE_TOO_WEAK',
      `The passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters, ideally several words.`,
    );
  }
}

function derive(secret: string, salt: Buffer, logN: number): Buffer {
  const N = 2 ** logN;
  return scryptSync(secret.normalize('NFC'), salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 });
}

function aad(kind: SlotKind): Buffer {
  return Buffer.from(`${KEYRING_FORMAT}/v${KEYRING_VERSION}/${kind}`);
}

function seal(kind: SlotKind, wrappingKey: Buffer, dbKey: Buffer, extra: Partial<KeyringSlot>): KeyringSlot {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, nonce);
  cipher.setAAD(aad(kind));
  const ciphertext = Buffer.concat([cipher.update(dbKey), cipher.final()]);
  return {
    kind,
    ...extra,
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

function open(slot: KeyringSlot, wrappingKey: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(slot.nonce, 'base64'));
    decipher.setAAD(aad(slot.kind));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export function keyCheck(dbKey: Buffer): string {
  return createHash('sha256').update('homeward-db-key-check').update(dbKey).digest('hex').slice(0, 16);
}

export function secretSlot(kind: 'passphrase' | 'recovery', secret: string, dbKey: Buffer, logN = DEFAULT_SCRYPT_LOG_N): KeyringSlot {
  if (logN < MIN_SCRYPT_LOG_N || logN > 20) throw new RangeError(`scrypt cost 2^${logN} is out of range`);
  const salt = randomBytes(16);
  return seal(kind, derive(secret, salt, logN), dbKey, { logN, salt: salt.toString('base64') });
}

export interface NewKeyring {
  keyring: Keyring;
  dbKey: Buffer;
  recoveryKey: string;
}

export function createKeyring(passphrase: string, options: { logN?: number } = {}): NewKeyring {
  checkPassphraseStrength(passphrase);
  const dbKey = randomBytes(32);
  const recoveryKey = newRecoveryKey();
  const logN = options.logN ?? DEFAULT_SCRYPT_LOG_N;
  return {
    dbKey,
    recoveryKey,
    keyring: {
      format: KEYRING_FORMAT,
      version: KEYRING_VERSION,
      keyCheck: keyCheck(dbKey),
      slots: [secretSlot('passphrase', passphrase, dbKey, logN), secretSlot('recovery', normaliseRecoveryKey(recoveryKey), dbKey, logN)],
    },
  };
}

export type Unlock = { passphrase: string } | { recoveryKey: string };

/** Unwraps the database key, or throws WRONG_PASSPHRASE / WRONG_RECOVERY_KEY. */
export function unwrapKey(keyring: Keyring, unlock: Unlock): Buffer {
  const kind: SlotKind = 'passphrase' in unlock ? 'passphrase' : 'recovery';
  const secret = 'passphrase' in unlock ? unlock.passphrase : normaliseRecoveryKey(unlock.recoveryKey);
  for (const slot of keyring.slots.filter((s) => s.kind === kind)) {
    if (!slot.salt || slot.logN === undefined) continue;
    const key = open(slot, derive(secret, Buffer.from(slot.salt, 'base64'), slot.logN));
    if (key && timingSafeEqual(Buffer.from(keyCheck(key)), Buffer.from(keyring.keyCheck))) return key;
  }
  throw kind === 'passphrase'
    ? new HomewardError(
        'WRONG_PASSPHRASE',
        'The passphrase does not open this office database. Check Caps Lock and the keyboard language, or unlock with the recovery key.',
      )
    : new HomewardError('WRONG_RECOVERY_KEY', 'The recovery key does not open this office database. Check that it belongs to this database file.');
}

/** A new keyring with the passphrase slot replaced; the recovery slot is kept. */
export function replacePassphrase(keyring: Keyring, dbKey: Buffer, passphrase: string, logN = DEFAULT_SCRYPT_LOG_N): Keyring {
  checkPassphraseStrength(passphrase);
  return { ...keyring, slots: [...keyring.slots.filter((s) => s.kind !== 'passphrase'), secretSlot('passphrase', passphrase, dbKey, logN)] };
}

export function parseKeyring(text: string): Keyring {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HomewardError('KEYRING_INVALID', 'The keyring file beside the database is damaged (not JSON). Restore it from a backup.');
  }
  const k = value as Partial<Keyring>;
  if (k?.format !== KEYRING_FORMAT || !Array.isArray(k.slots) || typeof k.keyCheck !== 'string') {
    throw new HomewardError('KEYRING_INVALID', 'The keyring file beside the database is not a Homeward keyring. Restore it from a backup.');
  }
  if (k.version !== KEYRING_VERSION) {
    throw new HomewardError('KEYRING_INVALID', `The keyring was written by a newer Homeward (format ${k.version}). Install the newer version.`);
  }
  return k as Keyring;
}

// Recovery keys: 160 random bits in Crockford base32, grouped for reading
// aloud and writing on paper, with a final check group that catches typos.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

function checkGroup(body: string): string {
  return base32(createHash('sha256').update(body).digest()).slice(0, 4);
}

function newRecoveryKey(): string {
  const body = base32(randomBytes(20));
  const groups = (body + checkGroup(body)).match(/.{4}/g) ?? [];
  return groups.join('-');
}

/** Accepts the key as typed: any case, spaces or dashes, O for 0, I/L for 1. */
export function normaliseRecoveryKey(typed: string): string {
  const clean = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (clean.length !== 36 || [...clean].some((c) => !CROCKFORD.includes(c))) {
    throw new HomewardError('RECOVERY_KEY_MALFORMED', 'A recovery key is 9 groups of 4 letters and digits (XXXX-XXXX-…). Check what was typed.');
  }
  const body = clean.slice(0, 32);
  if (checkGroup(body) !== clean.slice(32)) {
    throw new HomewardError('RECOVERY_KEY_MALFORMED', 'The recovery key has a typing mistake: its check group does not match. Compare it with the printed key.');
  }
  return body;
}
