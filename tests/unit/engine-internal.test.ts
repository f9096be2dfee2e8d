import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OfficeInfo, OfficeStatus, Result } from '../../src/api/contract';
import { startEngine, type Engine } from '../../src/api/engine';
import { keyCheck, unwrapKey, type Keyring, type KeyringSlot } from '../../src/crypto/keyring';
import { readKeyring } from '../../src/db/open';
import { OfficeStore } from '../../src/db/store';
import { PASSPHRASE, TEST_LOGN, tempDir } from '../helpers';

/**
 * The engine-internal messages, through a real worker and real encrypted
 * files: the desktop host's way to wrap the database key with the OS key
 * store, which no contract call (so no renderer, no browser page) can reach.
 */

const engines: Engine[] = [];
afterEach(async () => {
  while (engines.length) await engines.pop()!.close();
});

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

async function officeEngine(): Promise<{ engine: Engine; path: string; created: OfficeInfo & { recoveryKey: string } }> {
  const path = join(tempDir(), 'office.homeward');
  const engine = startEngine({ actor: 'coordinator@desktop', databasePath: path });
  engines.push(engine);
  const created = value(await engine.call('office.create', { passphrase: PASSPHRASE, officeCode: 'MSO', officeName: 'Mae Sot office', kdfLogN: TEST_LOGN }));
  return { engine, path, created };
}

/** What main/keystore.ts would write: an opaque blob from the OS key store. */
function fakeSlot(blob = randomBytes(64)): KeyringSlot {
  return { kind: 'os-keystore', nonce: '', tag: '', ciphertext: blob.toString('base64') };
}

const nonOs = (keyring: Keyring) => keyring.slots.filter((s) => s.kind !== 'os-keystore');
const osSlots = (keyring: Keyring) => keyring.slots.filter((s) => s.kind === 'os-keystore');

/** The audit actions recorded, read after the engine closed the database. */
function auditActions(path: string): string[] {
  const store = OfficeStore.open(path, { passphrase: PASSPHRASE }, { readonly: true });
  try {
    return (store.db.prepare('SELECT action FROM audit_event ORDER BY chain_index').all() as { action: string }[]).map((r) => r.action);
  } finally {
    store.close();
  }
}

describe('__databaseKey', () => {
  it('is LOCKED while no office is open, and gives the open office’s path and key', async () => {
    const path = join(tempDir(), 'office.homeward');
    const engine = startEngine({ actor: 'coordinator@desktop', databasePath: path });
    engines.push(engine);
    expect(await engine.internal('__databaseKey', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });

    value(await engine.call('office.create', { passphrase: PASSPHRASE, officeCode: 'MSO', officeName: 'Mae Sot office', kdfLogN: TEST_LOGN }));
    const given = value(await engine.internal('__databaseKey', {}));
    expect(given.path).toBe(path);
    const dbKey = Buffer.from(given.dbKey, 'base64');
    expect(dbKey).toHaveLength(32);
    expect(keyCheck(dbKey)).toBe(readKeyring(path).keyCheck);
    expect(unwrapKey(readKeyring(path), { passphrase: PASSPHRASE }).equals(dbKey)).toBe(true);

    value(await engine.call('office.lock', {}));
    expect(await engine.internal('__databaseKey', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});

describe('internal messages are not contract calls', () => {
  it.each(['__databaseKey', '__unlockWithKey', '__setOsKeystoreSlot', '__close'])('%s sent as a call is UNKNOWN_CALL and does nothing', async (name) => {
    const { engine } = await officeEngine();
    const input = name === '__unlockWithKey' ? { dbKey: randomBytes(32).toString('base64') } : name === '__setOsKeystoreSlot' ? { slot: null } : {};
    expect(await engine.call(name, input)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    // The office is still open, and the key never left.
    expect(value(await engine.call('office.status', {}))).toMatchObject({ office: { code: 'MSO' } });
  });

  it('contract names and unknown names are refused as internal messages', async () => {
    const { engine } = await officeEngine();
    const internal = engine.internal as (name: string, input: unknown) => Promise<Result<unknown>>;
    for (const name of ['office.status', 'office.lock', '__proto__', 'constructor', '__nope']) {
      expect(await internal(name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
    expect(value(await engine.call('office.status', {}))).toMatchObject({ office: { code: 'MSO' } });
  });
});

describe('__unlockWithKey', () => {
  it('opens the host’s database with the raw key and answers as office.unlock does', async () => {
    const { engine } = await officeEngine();
    value(await engine.call('person.add', { nativeName: 'อรุณ ศรีสุข' }));
    const { dbKey } = value(await engine.internal('__databaseKey', {}));
    value(await engine.call('office.lock', {}));
    expect(await engine.call('person.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });

    const unlocked = value(await engine.internal('__unlockWithKey', { dbKey }));
    value(await engine.call('office.lock', {}));
    const withPassphrase = value(await engine.call('office.unlock', { unlock: { passphrase: PASSPHRASE } }));
    expect(unlocked).toEqual(withPassphrase);
    expect(unlocked).toMatchObject({ code: 'MSO', people: 1 });
    // A second unlock while open replaces the store, as office.unlock does.
    value(await engine.internal('__unlockWithKey', { dbKey }));
    expect(value(await engine.call('person.list', {})).total).toBe(1);
  });

  it('refuses a wrong or malformed key and leaves the office as it was', async () => {
    const { engine, path } = await officeEngine();
    const { dbKey } = value(await engine.internal('__databaseKey', {}));
    value(await engine.call('office.lock', {}));
    expect(await engine.internal('__unlockWithKey', { dbKey: randomBytes(32).toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'DB_KEY_MISMATCH' },
    });
    for (const bad of ['', 'not base64 at all!', randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), dbKey.toLowerCase()]) {
      const result = await engine.internal('__unlockWithKey', { dbKey: bad });
      expect(result.ok).toBe(false);
    }
    expect(await engine.internal('__unlockWithKey', { dbKey, extra: 1 } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(value(await engine.call('office.status', {}))).toMatchObject({ office: null });

    // While an office is open, a wrong key does not close it.
    value(await engine.internal('__unlockWithKey', { dbKey }));
    expect(await engine.internal('__unlockWithKey', { dbKey: randomBytes(32).toString('base64') })).toMatchObject({ ok: false });
    expect(value(await engine.call('office.status', {}))).toMatchObject({ path, office: { code: 'MSO' } });
  });

  it('needs an engine started on a database file', async () => {
    const engine = startEngine({ actor: 'cli@test' });
    engines.push(engine);
    expect(await engine.internal('__unlockWithKey', { dbKey: randomBytes(32).toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });
});

describe('__setOsKeystoreSlot', () => {
  it('adds, replaces and removes the os-keystore slot, never touching the passphrase and recovery slots, and audits each change', async () => {
    const { engine, path, created } = await officeEngine();
    const original = readKeyring(path);
    expect(value(await engine.call('office.status', {})).osKeystore).toBe('unavailable');

    const first = fakeSlot();
    expect(value(await engine.internal('__setOsKeystoreSlot', { slot: first }))).toEqual({ enabled: true, changed: true });
    const withSlot = readKeyring(path);
    expect(nonOs(withSlot)).toEqual(original.slots);
    expect(withSlot.keyCheck).toBe(original.keyCheck);
    expect(osSlots(withSlot)).toEqual([first]);
    expect(value(await engine.call('office.status', {})).osKeystore).toBe('enabled');

    const second = fakeSlot();
    value(await engine.internal('__setOsKeystoreSlot', { slot: second }));
    expect(osSlots(readKeyring(path))).toEqual([second]);

    expect(value(await engine.internal('__setOsKeystoreSlot', { slot: null }))).toEqual({ enabled: false, changed: true });
    expect(readKeyring(path)).toEqual(original);
    expect(value(await engine.call('office.status', {})).osKeystore).toBe('unavailable');
    // Removing what is not there changes nothing and records nothing.
    expect(value(await engine.internal('__setOsKeystoreSlot', { slot: null }))).toEqual({ enabled: false, changed: false });

    // Both secrets still open the office.
    value(await engine.call('office.lock', {}));
    value(await engine.call('office.unlock', { unlock: { passphrase: PASSPHRASE } }));
    value(await engine.call('office.lock', {}));
    value(await engine.call('office.unlock', { unlock: { recoveryKey: created.recoveryKey } }));
    expect(value(await engine.call('audit.verify', {})).ok).toBe(true);
    await engine.close();
    engines.pop();
    expect(auditActions(path).filter((a) => a.startsWith('office.os_keystore'))).toEqual([
      'office.os_keystore_enabled',
      'office.os_keystore_enabled',
      'office.os_keystore_disabled',
    ]);
  });

  it('keeps the slot through a passphrase change made by the same engine', async () => {
    const { engine, path } = await officeEngine();
    const slot = fakeSlot();
    value(await engine.internal('__setOsKeystoreSlot', { slot }));
    value(await engine.call('office.changePassphrase', { newPassphrase: 'another long passphrase here' }));
    const keyring = readKeyring(path);
    expect(osSlots(keyring)).toEqual([slot]);
    expect(keyring.slots.map((s) => s.kind).sort()).toEqual(['os-keystore', 'passphrase', 'recovery']);
  });

  it('refuses anything but an os-keystore slot, and needs an open office', async () => {
    const { engine, path } = await officeEngine();
    const before = readKeyring(path);
    const passphraseSlot = before.slots.find((s) => s.kind === 'passphrase')!;
    for (const slot of [
      passphraseSlot,
      { ...fakeSlot(), kind: 'recovery' },
      { ...fakeSlot(), ciphertext: '' },
      { ...fakeSlot(), ciphertext: 'not base64!' },
      { ...fakeSlot(), logN: 12 },
      'os-keystore',
    ]) {
      expect(await engine.internal('__setOsKeystoreSlot', { slot } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(readKeyring(path)).toEqual(before);

    value(await engine.call('office.lock', {}));
    expect(await engine.internal('__setOsKeystoreSlot', { slot: fakeSlot() })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(readKeyring(path)).toEqual(before);
  });
});

describe('the contract calls of the OS key store, outside the desktop app', () => {
  it('are refused by the engine: only the desktop app has a key store', async () => {
    const { engine } = await officeEngine();
    const refusal = {
      ok: false,
      error: { code: 'FORBIDDEN', message: "Only the desktop app can use this computer's key store. Unlock with the passphrase." },
    };
    expect(await engine.call('office.rememberOnThisComputer', { enabled: true })).toEqual(refusal);
    expect(await engine.call('office.rememberOnThisComputer', { enabled: false })).toEqual(refusal);
    value(await engine.call('office.lock', {}));
    expect(await engine.call('office.unlockWithThisComputer', {})).toEqual(refusal);
    expect(value(await engine.call('office.status', {}))).toMatchObject({ office: null, osKeystore: 'unavailable' } satisfies Partial<OfficeStatus>);
  });
});
