import type { OfficeInfo, OfficeStatus, Result } from '../src/api/contract';
import type { InternalInput, InternalName, InternalOutput } from '../src/api/engine';
import { readKeyring } from '../src/db/keyring-file';
import { HomewardError, type ErrorBody, type ErrorCode } from '../src/domain/errors';
import { addOsKeystoreSlot, osKeystoreUsable, unwrapWithOsKeystore, type SafeStorageLike } from './keystore';

/**
 * The two contract calls only the desktop app can answer, because only it has
 * Electron's safeStorage: office.rememberOnThisComputer and
 * office.unlockWithThisComputer, plus its view of office.status. The database
 * key crosses from the engine worker to here only to be wrapped by the OS key
 * store and is zeroed right after; every keyring write happens in the engine
 * (`__setOsKeystoreSlot`), the one thread that also changes the passphrase.
 * Main reads the keyring (read-only) without loading SQLite.
 */

/** What this needs of the engine (src/api/engine.ts): its internal messages. */
export interface InternalEngine {
  internal<K extends InternalName>(name: K, input: InternalInput<K>): Promise<Result<InternalOutput<K>>>;
}

export interface OsKeystoreHost {
  engine: InternalEngine;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** The office database this desktop opens (the engine's own databasePath). */
  databasePath: string;
}

type OsKeystoreState = OfficeStatus['osKeystore'];

const NO_KEY_STORE = 'This computer has no secure key store Homeward can use, so it cannot remember the office. Keep unlocking with the passphrase.';
const NOT_REMEMBERED = 'This computer does not remember the key of this office. Unlock with the passphrase.';
const KEY_STORE_UNAVAILABLE = "This computer's key store cannot be used right now. Unlock with the passphrase.";
const NOT_GIVEN_BACK =
  "This computer's key store did not give back the key of this office (the key store may have been reset, or the key file was replaced). Unlock with the passphrase.";
const NOT_OPENED = 'The key this computer remembers did not open the office. Unlock with the passphrase.';

function refusal(code: ErrorCode, message: string, details?: unknown): { ok: false; error: ErrorBody } {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/** A failure of our own code, without its message (it could quote a path or a value). */
function unexpected(e: unknown, message: string): { ok: false; error: ErrorBody } {
  if (e instanceof HomewardError) return { ok: false, error: e.toBody() };
  return refusal('INTERNAL', message);
}

export function keystoreUsable(host: Pick<OsKeystoreHost, 'safeStorage' | 'platform'>): boolean {
  return osKeystoreUsable(host.safeStorage, host.platform);
}

/**
 * office.status as the desktop sees it: the engine reports 'enabled' when the
 * keyring holds an os-keystore slot; here that becomes 'enabled' or
 * 'available' when this computer's key store is trusted, else 'unavailable'.
 */
export function withOsKeystoreStatus(host: Pick<OsKeystoreHost, 'safeStorage' | 'platform'>, result: Result<unknown>): Result<unknown> {
  if (!result.ok || !result.value || typeof result.value !== 'object') return result;
  const status = result.value as OfficeStatus;
  const state: OsKeystoreState = !keystoreUsable(host) ? 'unavailable' : status.osKeystore === 'enabled' ? 'enabled' : 'available';
  return { ok: true, value: { ...status, osKeystore: state } };
}

/**
 * enabled: wraps the open office's key with the OS key store and has the
 * engine put it in the keyring as the os-keystore slot (replacing an older
 * one); refused where the key store is not trusted (Linux basic_text).
 * Disabled: the engine removes the slot. The passphrase and recovery slots
 * are never touched.
 */
export async function rememberOnThisComputer(host: OsKeystoreHost, enabled: boolean): Promise<Result<{ osKeystore: OsKeystoreState }>> {
  if (!enabled) {
    // Forgetting always works, even where the key store has since become unusable.
    const removed = await host.engine.internal('__setOsKeystoreSlot', { slot: null });
    if (!removed.ok) return removed;
    return { ok: true, value: { osKeystore: keystoreUsable(host) ? 'available' : 'unavailable' } };
  }
  // Judged before the key leaves the engine: where the key store is not trusted, the key never comes here.
  if (!keystoreUsable(host)) return refusal('FORBIDDEN', NO_KEY_STORE);
  const given = await host.engine.internal('__databaseKey', {});
  if (!given.ok) return given;
  const dbKey = Buffer.from(given.value.dbKey, 'base64');
  let unwrapped: Buffer | null = null;
  try {
    const keyring = readKeyring(given.value.path);
    const withSlot = addOsKeystoreSlot(keyring, dbKey, host.safeStorage, host.platform);
    // Only a slot the key store can open again is worth writing.
    unwrapped = unwrapWithOsKeystore(withSlot, host.safeStorage, host.platform);
    const slot = withSlot.slots.find((s) => s.kind === 'os-keystore');
    if (!slot || !unwrapped || !unwrapped.equals(dbKey)) return refusal('FORBIDDEN', NO_KEY_STORE);
    const set = await host.engine.internal('__setOsKeystoreSlot', { slot });
    if (!set.ok) return set;
    return { ok: true, value: { osKeystore: 'enabled' } };
  } catch (e) {
    return unexpected(e, 'This computer could not remember the office. Keep unlocking with the passphrase.');
  } finally {
    dbKey.fill(0);
    unwrapped?.fill(0);
  }
}

/**
 * Opens the desktop's office with the key the OS key store unwraps from the
 * keyring's os-keystore slot. Any failure — no slot, key store locked or
 * reset, a tampered slot, a key of another office — is PASSPHRASE_REQUIRED:
 * the unlock screen asks for the passphrase, which always works.
 */
export async function unlockWithThisComputer(host: OsKeystoreHost): Promise<Result<OfficeInfo>> {
  let dbKey: Buffer | null;
  try {
    const keyring = readKeyring(host.databasePath);
    if (!keyring.slots.some((slot) => slot.kind === 'os-keystore')) return refusal('PASSPHRASE_REQUIRED', NOT_REMEMBERED);
    if (!keystoreUsable(host)) return refusal('PASSPHRASE_REQUIRED', KEY_STORE_UNAVAILABLE);
    dbKey = unwrapWithOsKeystore(keyring, host.safeStorage, host.platform);
  } catch (e) {
    const code = e instanceof HomewardError ? e.code : 'INTERNAL';
    return refusal('PASSPHRASE_REQUIRED', NOT_REMEMBERED, { cause: code });
  }
  if (!dbKey) return refusal('PASSPHRASE_REQUIRED', NOT_GIVEN_BACK);
  try {
    const opened = await host.engine.internal('__unlockWithKey', { dbKey: dbKey.toString('base64') });
    if (!opened.ok) return refusal('PASSPHRASE_REQUIRED', NOT_OPENED, { cause: opened.error.code });
    return opened;
  } finally {
    dbKey.fill(0);
  }
}
