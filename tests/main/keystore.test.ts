import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createKeyring, parseKeyring, replacePassphrase, unwrapKey, type Keyring } from '../../src/crypto/keyring';
import {
  addOsKeystoreSlot,
  hasOsKeystoreSlot,
  osKeystoreUsable,
  removeOsKeystoreSlot,
  shouldUseOsKeystore,
  unwrapWithOsKeystore,
} from '../../main/keystore';
import { PASSPHRASE, TEST_LOGN } from '../helpers';
import { osKeyStore } from './fake-os-keystore';

vi.mock('electron', () => {
  throw new Error('main/keystore.ts must not load electron at run time');
});


function office(): { keyring: Keyring; dbKey: Buffer; recoveryKey: string } {
  return createKeyring(PASSPHRASE, { logN: TEST_LOGN });
}

const otherSlots = (keyring: Keyring) => keyring.slots.filter((s) => s.kind !== 'os-keystore');

describe('whether the OS key store is trusted with the database key', () => {
  it.each([
    ['linux', 'basic_text', true, false],
    ['linux', 'unknown', true, false],
    ['linux', null, true, false],
    ['linux', 'gnome_libsecret', true, true],
    ['linux', 'kwallet5', true, true],
    ['linux', 'kwallet6', true, true],
    ['linux', 'gnome_libsecret', false, false],
    ['darwin', null, true, true],
    ['win32', null, true, true],
    ['darwin', null, false, false],
    ['win32', null, false, false],
    ['freebsd', null, true, false],
  ] as const)('%s with backend %s, available %s → %s', (platform, backend, available, expected) => {
    expect(shouldUseOsKeystore(platform, backend, available)).toBe(expected);
  });

  it('asks for the Linux backend only on Linux, and treats a failing key store as absent', () => {
    const mac = osKeyStore('unknown');
    expect(osKeystoreUsable(mac, 'darwin')).toBe(true);
    expect(mac.getSelectedStorageBackend).not.toHaveBeenCalled();
    const broken = { ...osKeyStore(), isEncryptionAvailable: () => { throw new Error('no D-Bus'); } };
    expect(osKeystoreUsable(broken, 'linux')).toBe(false);
  });
});

describe('the os-keystore slot', () => {
  it('on Linux with basic_text (a key hard-coded in Electron) is never added', () => {
    const { keyring, dbKey } = office();
    const store = osKeyStore('basic_text');
    expect(() => addOsKeystoreSlot(keyring, dbKey, store, 'linux')).toThrow(/no secure key store/);
    expect(store.encryptString).not.toHaveBeenCalled();
  });

  it('with a real key store is added, unlocks the office, and can be removed again', () => {
    const { keyring, dbKey } = office();
    const store = osKeyStore('gnome_libsecret');
    const withSlot = addOsKeystoreSlot(keyring, dbKey, store, 'linux');
    expect(hasOsKeystoreSlot(withSlot)).toBe(true);
    expect(withSlot.slots.filter((s) => s.kind === 'os-keystore')).toHaveLength(1);
    expect(unwrapWithOsKeystore(withSlot, store, 'linux')?.equals(dbKey)).toBe(true);

    const without = removeOsKeystoreSlot(withSlot);
    expect(hasOsKeystoreSlot(without)).toBe(false);
    expect(unwrapWithOsKeystore(without, store, 'linux')).toBeNull();
  });

  it('never touches the passphrase or recovery slots, which keep working', () => {
    const { keyring, dbKey, recoveryKey } = office();
    const before = structuredClone(keyring);
    const store = osKeyStore('kwallet5');
    const withSlot = addOsKeystoreSlot(keyring, dbKey, store, 'linux');
    expect(keyring).toEqual(before);
    expect(otherSlots(withSlot)).toEqual(before.slots);
    expect(unwrapKey(withSlot, { passphrase: PASSPHRASE }).equals(dbKey)).toBe(true);
    expect(unwrapKey(withSlot, { recoveryKey }).equals(dbKey)).toBe(true);
    const removed = removeOsKeystoreSlot(withSlot);
    expect(removed.slots).toEqual(before.slots);
    expect(unwrapKey(removed, { passphrase: PASSPHRASE }).equals(dbKey)).toBe(true);
  });

  it('is replaced, not duplicated, when added again, and survives a passphrase change', () => {
    const { keyring, dbKey } = office();
    const store = osKeyStore('gnome_libsecret');
    const twice = addOsKeystoreSlot(addOsKeystoreSlot(keyring, dbKey, store, 'linux'), dbKey, store, 'linux');
    expect(twice.slots.filter((s) => s.kind === 'os-keystore')).toHaveLength(1);
    const changed = replacePassphrase(twice, dbKey, 'a different long passphrase', TEST_LOGN);
    expect(unwrapWithOsKeystore(changed, store, 'linux')?.equals(dbKey)).toBe(true);
  });

  it('keeps the key out of the keyring file in the clear, and survives a write and read', () => {
    const { keyring, dbKey } = office();
    const withSlot = addOsKeystoreSlot(keyring, dbKey, osKeyStore(), 'win32');
    const text = JSON.stringify(withSlot);
    expect(text).not.toContain(dbKey.toString('base64'));
    expect(text).not.toContain(dbKey.toString('hex'));
    expect(parseKeyring(text)).toEqual(withSlot);
  });

  it('refuses a key that is not this keyring’s', () => {
    const { keyring } = office();
    expect(() => addOsKeystoreSlot(keyring, randomBytes(32), osKeyStore(), 'darwin')).toThrow(/does not belong/);
  });

  it('falls back to the passphrase (null) when the key store changed, is unavailable, or became basic_text', () => {
    const { keyring, dbKey } = office();
    const withSlot = addOsKeystoreSlot(keyring, dbKey, osKeyStore('gnome_libsecret', { available: true, secret: Buffer.alloc(32, 1) }), 'linux');
    expect(unwrapWithOsKeystore(withSlot, osKeyStore('gnome_libsecret', { available: true, secret: Buffer.alloc(32, 2) }), 'linux')).toBeNull();
    expect(unwrapWithOsKeystore(withSlot, osKeyStore('gnome_libsecret', { available: false, secret: Buffer.alloc(32, 1) }), 'linux')).toBeNull();
    expect(unwrapWithOsKeystore(withSlot, osKeyStore('basic_text', { available: true, secret: Buffer.alloc(32, 1) }), 'linux')).toBeNull();
    expect(unwrapWithOsKeystore(keyring, osKeyStore(), 'linux')).toBeNull();
  });

  it('returns null when the slot unwraps to a key of another office', () => {
    const mine = office();
    const theirs = office();
    const store = osKeyStore();
    const foreign = addOsKeystoreSlot(theirs.keyring, theirs.dbKey, store, 'darwin');
    const spliced: Keyring = { ...mine.keyring, slots: [...mine.keyring.slots, ...foreign.slots.filter((s) => s.kind === 'os-keystore')] };
    expect(unwrapWithOsKeystore(spliced, store, 'darwin')).toBeNull();
  });
});
