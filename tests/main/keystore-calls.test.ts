import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OfficeStatus, Result } from '../../src/api/contract';
import { startEngine, type Engine } from '../../src/api/engine';
import { unwrapKey, type Keyring } from '../../src/crypto/keyring';
import { keyringPath, readKeyring } from '../../src/db/open';
import { OfficeStore } from '../../src/db/store';
import { ipcCallHandler } from '../../main/ipc';
import type { StorageBackend } from '../../main/keystore';
import type { OsKeystoreHost } from '../../main/keystore-calls';
import { PASSPHRASE, TEST_LOGN, tempDir } from '../helpers';
import { osKeyStore } from './fake-os-keystore';

/**
 * "Remember on this computer" and "Unlock with this computer" through the
 * desktop IPC door: a real engine worker on real encrypted files, Electron's
 * safeStorage replaced by a fake OS key store holding its own secret.
 */

vi.mock('electron', () => {
  throw new Error('main/ipc.ts and main/keystore-calls.ts must not load electron at run time');
});


const homewardFrame = { url: 'app://homeward/index.html#/unlock', processId: 4, routingId: 1, parent: null };
const homewardContents = { id: 1, isDestroyed: () => false, mainFrame: homewardFrame } as unknown as WebContents;
const fromWindow = { sender: homewardContents, senderFrame: homewardFrame } as unknown as IpcMainInvokeEvent;

const engines: Engine[] = [];
afterEach(async () => {
  while (engines.length) await engines.pop()!.close();
});

interface Desktop {
  engine: Engine;
  path: string;
  recoveryKey: string;
  store: ReturnType<typeof osKeyStore>;
  /** A call as the window makes it, through ipcCallHandler. */
  ask: (name: string, input?: unknown) => Promise<Result<unknown>>;
  internal: ReturnType<typeof vi.fn>;
}

/** The desktop: the office created (low scrypt cost, straight on the engine), then every call through the IPC door. */
async function desktop(options: { store?: ReturnType<typeof osKeyStore>; platform?: NodeJS.Platform } = {}): Promise<Desktop> {
  const path = join(tempDir(), 'office.homeward');
  const engine = startEngine({ actor: 'coordinator@desktop', databasePath: path });
  engines.push(engine);
  const created = await engine.call('office.create', { passphrase: PASSPHRASE, officeCode: 'MSO', officeName: 'Mae Sot office', kdfLogN: TEST_LOGN });
  if (!created.ok) throw new Error(created.error.message);
  value(await engine.call('person.add', { nativeName: 'အောင်ကျော်မိုး' }));
  const store = options.store ?? osKeyStore();
  // Spy on what main asks of the engine, so a test can tell whether the key ever left the worker.
  const internal = vi.fn(engine.internal);
  const host: OsKeystoreHost = { engine: { internal: internal as Engine['internal'] }, safeStorage: store, platform: options.platform ?? 'linux', databasePath: path };
  const handler = ipcCallHandler(engine, () => homewardContents, host);
  return { engine, path, recoveryKey: created.value.recoveryKey, store, internal, ask: (name, input = {}) => handler(fromWindow, name, input) };
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const status = async (d: Desktop) => value(await d.ask('office.status')) as OfficeStatus;
const nonOs = (keyring: Keyring) => keyring.slots.filter((s) => s.kind !== 'os-keystore');
const osSlots = (keyring: Keyring) => keyring.slots.filter((s) => s.kind === 'os-keystore');

function auditActions(path: string): string[] {
  const store = OfficeStore.open(path, { passphrase: PASSPHRASE }, { readonly: true });
  try {
    return (store.db.prepare('SELECT action FROM audit_event ORDER BY chain_index').all() as { action: string }[]).map((r) => r.action);
  } finally {
    store.close();
  }
}

describe('remember on this computer', () => {
  it('writes an os-keystore slot wrapped by the OS key store; the passphrase and recovery slots stay exactly as they were', async () => {
    const d = await desktop();
    const before = readKeyring(d.path);
    expect(await status(d)).toMatchObject({ osKeystore: 'available', office: { code: 'MSO' } });

    expect(await d.ask('office.rememberOnThisComputer', { enabled: true })).toEqual({ ok: true, value: { osKeystore: 'enabled' } });
    const after = readKeyring(d.path);
    expect(after.keyCheck).toBe(before.keyCheck);
    expect(nonOs(after)).toEqual(before.slots);
    expect(osSlots(after)).toHaveLength(1);
    expect(d.store.encryptString).toHaveBeenCalled();
    // The key is in the file only as the key store's blob.
    const dbKey = unwrapKey(before, { passphrase: PASSPHRASE });
    const text = readFileSync(keyringPath(d.path), 'utf8');
    expect(text).not.toContain(dbKey.toString('base64'));
    expect(text).not.toContain(dbKey.toString('hex'));
    expect(await status(d)).toMatchObject({ osKeystore: 'enabled' });

    // Remembering again replaces the slot.
    value(await d.ask('office.rememberOnThisComputer', { enabled: true }));
    expect(osSlots(readKeyring(d.path))).toHaveLength(1);
    expect(nonOs(readKeyring(d.path))).toEqual(before.slots);
  });

  it('unlocks the office with this computer after a lock, with its data', async () => {
    const d = await desktop();
    value(await d.ask('office.rememberOnThisComputer', { enabled: true }));
    value(await d.ask('office.lock'));
    expect(await status(d)).toMatchObject({ office: null, exists: true, osKeystore: 'enabled' });
    expect(await d.ask('person.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });

    const opened = await d.ask('office.unlockWithThisComputer');
    expect(opened).toMatchObject({ ok: true, value: { code: 'MSO', path: d.path, people: 1 } });
    expect(d.store.decryptString).toHaveBeenCalled();
    expect(await d.ask('person.list')).toMatchObject({ ok: true, value: { total: 1 } });
    // The answer is what office.unlock would give, and carries no key.
    value(await d.ask('office.lock'));
    const withPassphrase = await d.ask('office.unlock', { unlock: { passphrase: PASSPHRASE } });
    expect(opened).toEqual(withPassphrase);
  });

  it('survives a passphrase change, and both the new passphrase and the recovery key still work', async () => {
    const d = await desktop();
    value(await d.ask('office.rememberOnThisComputer', { enabled: true }));
    value(await d.ask('office.changePassphrase', { newPassphrase: 'a new and long passphrase' }));
    value(await d.ask('office.lock'));
    value(await d.ask('office.unlockWithThisComputer'));
    value(await d.ask('office.lock'));
    value(await d.ask('office.unlock', { unlock: { passphrase: 'a new and long passphrase' } }));
    value(await d.ask('office.lock'));
    value(await d.ask('office.unlock', { unlock: { recoveryKey: d.recoveryKey } }));
  });

  it('forgetting removes only the slot; this computer can no longer unlock; each change is audited', async () => {
    const d = await desktop();
    const before = readKeyring(d.path);
    value(await d.ask('office.rememberOnThisComputer', { enabled: true }));
    expect(await d.ask('office.rememberOnThisComputer', { enabled: false })).toEqual({ ok: true, value: { osKeystore: 'available' } });
    expect(readKeyring(d.path)).toEqual(before);
    expect(await status(d)).toMatchObject({ osKeystore: 'available' });
    value(await d.ask('office.lock'));
    expect(await d.ask('office.unlockWithThisComputer')).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_REQUIRED', message: expect.stringMatching(/passphrase/) } });
    await d.engine.close();
    engines.pop();
    expect(auditActions(d.path).filter((a) => a.startsWith('office.os_keystore'))).toEqual(['office.os_keystore_enabled', 'office.os_keystore_disabled']);
  });

  it('needs an unlocked office', async () => {
    const d = await desktop();
    value(await d.ask('office.lock'));
    expect(await d.ask('office.rememberOnThisComputer', { enabled: true })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(osSlots(readKeyring(d.path))).toHaveLength(0);
  });

  it('is judged like every call: a bad input or a subframe never reaches the key store', async () => {
    const d = await desktop();
    expect(await d.ask('office.rememberOnThisComputer', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await d.ask('office.rememberOnThisComputer', { enabled: 'yes' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await d.ask('office.unlockWithThisComputer', { path: '/tmp/other.homeward' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const subframe = { ...homewardFrame, routingId: 9, parent: homewardFrame };
    const handler = ipcCallHandler(d.engine, () => homewardContents, {
      engine: { internal: d.internal as Engine['internal'] },
      safeStorage: d.store,
      platform: 'linux',
      databasePath: d.path,
    });
    const fromSubframe = { sender: homewardContents, senderFrame: subframe } as unknown as IpcMainInvokeEvent;
    expect(await handler(fromSubframe, 'office.rememberOnThisComputer', { enabled: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await handler(fromSubframe, 'office.unlockWithThisComputer', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Internal names are not calls, whatever door they knock on.
    expect(await d.ask('__databaseKey')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await d.ask('__unlockWithKey', { dbKey: randomBytes(32).toString('base64') })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(d.internal).not.toHaveBeenCalled();
    expect(d.store.encryptString).not.toHaveBeenCalled();
    expect(osSlots(readKeyring(d.path))).toHaveLength(0);
  });
});

describe('where the OS key store is not trusted', () => {
  it('Linux basic_text: status says unavailable, remembering is refused, and the key never leaves the engine', async () => {
    const d = await desktop({ store: osKeyStore('basic_text') });
    const before = readFileSync(keyringPath(d.path), 'utf8');
    expect(await status(d)).toMatchObject({ osKeystore: 'unavailable' });
    expect(await d.ask('office.rememberOnThisComputer', { enabled: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/passphrase/) },
    });
    expect(d.internal).not.toHaveBeenCalledWith('__databaseKey', expect.anything());
    expect(d.store.encryptString).not.toHaveBeenCalled();
    expect(readFileSync(keyringPath(d.path), 'utf8')).toBe(before);
  });

  it.each([
    ['linux', 'unknown', true],
    ['linux', 'gnome_libsecret', false],
    ['darwin', null, false],
    ['freebsd', null, true],
  ] as const)('%s, backend %s, available %s: unavailable', async (platform, backend, available) => {
    const d = await desktop({ store: osKeyStore(backend as StorageBackend, { available }), platform });
    expect(await status(d)).toMatchObject({ osKeystore: 'unavailable' });
    expect(await d.ask('office.rememberOnThisComputer', { enabled: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('macOS and Windows with encryption available: available', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const d = await desktop({ store: osKeyStore('unknown'), platform });
      expect(await status(d)).toMatchObject({ osKeystore: 'available' });
      value(await d.ask('office.rememberOnThisComputer', { enabled: true }));
      expect(await status(d)).toMatchObject({ osKeystore: 'enabled' });
    }
  });

  it('a slot remembered earlier is not offered once the key store became basic_text, and can still be forgotten', async () => {
    const secret = randomBytes(32);
    const d = await desktop({ store: osKeyStore('gnome_libsecret', { secret }) });
    value(await d.ask('office.rememberOnThisComputer', { enabled: true }));
    const later = ipcCallHandler(d.engine, () => homewardContents, {
      engine: d.engine,
      safeStorage: osKeyStore('basic_text', { secret }),
      platform: 'linux',
      databasePath: d.path,
    });
    expect(await later(fromWindow, 'office.status', {})).toMatchObject({ ok: true, value: { osKeystore: 'unavailable' } });
    expect(await later(fromWindow, 'office.rememberOnThisComputer', { enabled: false })).toEqual({ ok: true, value: { osKeystore: 'unavailable' } });
    expect(osSlots(readKeyring(d.path))).toHaveLength(0);
  });
});

describe('when this computer cannot unlock', () => {
  it('a tampered slot gives a clean error, the office stays locked, and the passphrase still works', async () => {
    const d = await desktop();
    value(await d.ask('office.rememberOnThisComputer', { enabled: true }));
    value(await d.ask('office.lock'));
    const keyring = readKeyring(d.path);
    const slot = osSlots(keyring)[0]!;
    const blob = Buffer.from(slot.ciphertext, 'base64');
    blob[blob.length - 1]! ^= 0x01;
    writeFileSync(keyringPath(d.path), JSON.stringify({ ...keyring, slots: [...nonOs(keyring), { ...slot, ciphertext: blob.toString('base64') }] }));

    const result = await d.ask('office.unlockWithThisComputer');
    expect(result).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_REQUIRED', message: expect.stringMatching(/Unlock with the passphrase/) } });
    // No stack, no exception text from the key store or the cipher.
    expect(result.ok ? '' : result.error.message).not.toMatch(/\bat \S+:\d+|Error|decrypt|auth|tag/i);
    expect(await status(d)).toMatchObject({ office: null });
    expect(await d.ask('office.unlock', { unlock: { passphrase: PASSPHRASE } })).toMatchObject({ ok: true, value: { code: 'MSO', people: 1 } });
  });

  it('a slot that unwraps to another office’s key is refused before the engine opens anything', async () => {
    const mine = await desktop();
    const theirs = await desktop({ store: mine.store });
    value(await theirs.ask('office.rememberOnThisComputer', { enabled: true }));
    value(await mine.ask('office.lock'));
    const keyring = readKeyring(mine.path);
    writeFileSync(keyringPath(mine.path), JSON.stringify({ ...keyring, slots: [...keyring.slots, ...osSlots(readKeyring(theirs.path))] }));
    expect(await mine.ask('office.unlockWithThisComputer')).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_REQUIRED' } });
    expect(mine.internal).not.toHaveBeenCalledWith('__unlockWithKey', expect.anything());
    value(await mine.ask('office.unlock', { unlock: { passphrase: PASSPHRASE } }));
  });

  it('a reset key store, an unavailable one, or no slot at all: PASSPHRASE_REQUIRED', async () => {
    const d = await desktop();
    value(await d.ask('office.lock'));
    expect(await d.ask('office.unlockWithThisComputer')).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_REQUIRED' } });

    value(await d.ask('office.unlock', { unlock: { passphrase: PASSPHRASE } }));
    value(await d.ask('office.rememberOnThisComputer', { enabled: true }));
    value(await d.ask('office.lock'));
    for (const store of [osKeyStore('gnome_libsecret'), osKeyStore('gnome_libsecret', { available: false })]) {
      const other = ipcCallHandler(d.engine, () => homewardContents, { engine: d.engine, safeStorage: store, platform: 'linux', databasePath: d.path });
      expect(await other(fromWindow, 'office.unlockWithThisComputer', {})).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_REQUIRED' } });
    }
    const throwing = { ...osKeyStore(), decryptString: () => { throw new Error('The user name or passphrase you entered is not correct.'); } };
    const locked = ipcCallHandler(d.engine, () => homewardContents, { engine: d.engine, safeStorage: throwing, platform: 'darwin', databasePath: d.path });
    const result = await locked(fromWindow, 'office.unlockWithThisComputer', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_REQUIRED' } });
    expect(JSON.stringify(result)).not.toContain('user name');
    expect(await status(d)).toMatchObject({ office: null });
  });

  it('a missing key file: PASSPHRASE_REQUIRED, never a crash', async () => {
    const d = await desktop();
    value(await d.ask('office.rememberOnThisComputer', { enabled: true }));
    value(await d.ask('office.lock'));
    writeFileSync(keyringPath(d.path), 'not json');
    expect(await d.ask('office.unlockWithThisComputer')).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_REQUIRED' } });
    expect(await status(d)).toMatchObject({ osKeystore: 'available' });
  });
});

describe('without a key store host (the default)', () => {
  it('the IPC door passes the two calls to the engine, which refuses them', async () => {
    const d = await desktop();
    const plain = ipcCallHandler(d.engine, () => homewardContents);
    expect(await plain(fromWindow, 'office.rememberOnThisComputer', { enabled: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await plain(fromWindow, 'office.unlockWithThisComputer', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await plain(fromWindow, 'office.status', {})).toMatchObject({ ok: true, value: { osKeystore: 'unavailable' } });
  });
});
