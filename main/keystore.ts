import { timingSafeEqual } from 'node:crypto';
import type { SafeStorage } from 'electron';
import { keyCheck, type Keyring, type KeyringSlot } from '../src/crypto/keyring';

/**
 * The OS key store (Keychain, DPAPI, libsecret/KWallet) as an extra keyring
 * slot, so a coordinator on their own laptop can open the office without
 * typing the passphrase. It is only ever an addition: the passphrase and
 * recovery slots are never touched, and any failure here falls back to the
 * passphrase. Electron is injected (`SafeStorageLike`) so all of this is
 * tested without it.
 */

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;
export type StorageBackend = ReturnType<SafeStorage['getSelectedStorageBackend']>;

/**
 * Whether the OS key store really protects a secret. On Linux, 'basic_text'
 * means Chromium fell back to a key hard-coded in Electron — anyone with the
 * keyring file could unwrap the database key — and 'unknown' means it has not
 * decided yet; neither is used. macOS and Windows always have a real store
 * once encryption is available; other platforms are not trusted.
 */
export function shouldUseOsKeystore(platform: NodeJS.Platform, backend: StorageBackend | null, available: boolean): boolean {
  if (!available) return false;
  if (platform === 'darwin' || platform === 'win32') return true;
  if (platform === 'linux') return backend !== null && backend !== 'basic_text' && backend !== 'unknown';
  return false;
}

/** Asks the injected safeStorage; only after app `ready` is the answer meaningful. */
export function osKeystoreUsable(store: SafeStorageLike, platform: NodeJS.Platform): boolean {
  try {
    const available = store.isEncryptionAvailable();
    // getSelectedStorageBackend exists only on Linux.
    const backend = platform === 'linux' && available ? store.getSelectedStorageBackend() : null;
    return shouldUseOsKeystore(platform, backend, available);
  } catch {
    return false;
  }
}

export function hasOsKeystoreSlot(keyring: Keyring): boolean {
  return keyring.slots.some((slot) => slot.kind === 'os-keystore');
}

function matchesKeyCheck(keyring: Keyring, dbKey: Buffer): boolean {
  const expected = Buffer.from(keyring.keyCheck);
  const actual = Buffer.from(keyCheck(dbKey));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * The os-keystore slot for `dbKey`. The OS key store's blob carries its own
 * nonce and integrity, so the slot keeps only that blob in `ciphertext`;
 * the keyring's `keyCheck` confirms what it unwraps. Refuses when the OS key
 * store is not usable or the key is not this keyring's.
 */
export function osKeystoreSlot(keyring: Keyring, dbKey: Buffer, store: SafeStorageLike, platform: NodeJS.Platform): KeyringSlot {
  if (!osKeystoreUsable(store, platform)) {
    throw new Error('This computer has no secure key store for Homeward to use; the passphrase stays the way to unlock.');
  }
  if (!matchesKeyCheck(keyring, dbKey)) throw new Error('The database key does not belong to this keyring.');
  return { kind: 'os-keystore', nonce: '', tag: '', ciphertext: store.encryptString(dbKey.toString('base64')).toString('base64') };
}

/** A new keyring with one os-keystore slot (an older one is replaced); every other slot is kept as it was. */
export function addOsKeystoreSlot(keyring: Keyring, dbKey: Buffer, store: SafeStorageLike, platform: NodeJS.Platform): Keyring {
  const slot = osKeystoreSlot(keyring, dbKey, store, platform);
  return { ...keyring, slots: [...keyring.slots.filter((s) => s.kind !== 'os-keystore'), slot] };
}

/** A new keyring without the os-keystore slot ("forget this computer"); other slots kept. */
export function removeOsKeystoreSlot(keyring: Keyring): Keyring {
  return { ...keyring, slots: keyring.slots.filter((s) => s.kind !== 'os-keystore') };
}

/**
 * The database key from the os-keystore slot, or null: no slot, key store
 * unusable (another user, a reset wallet, a copied keyring file), or a blob
 * that does not unwrap to this keyring's key. Null means "ask for the
 * passphrase", never an error the coordinator has to deal with.
 */
export function unwrapWithOsKeystore(keyring: Keyring, store: SafeStorageLike, platform: NodeJS.Platform): Buffer | null {
  const slot = keyring.slots.find((s) => s.kind === 'os-keystore');
  if (!slot || !osKeystoreUsable(store, platform)) return null;
  try {
    const dbKey = Buffer.from(store.decryptString(Buffer.from(slot.ciphertext, 'base64')), 'base64');
    return dbKey.length === 32 && matchesKeyCheck(keyring, dbKey) ? dbKey : null;
  } catch {
    return null;
  }
}
