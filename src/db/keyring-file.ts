import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseKeyring, type Keyring } from '../crypto/keyring';
import { HomewardError } from '../domain/errors';

/**
 * The keyring file beside the database, without SQLite: the Electron main
 * process reads it (to unwrap the OS key store slot) and must never load the
 * database driver. `src/db/open.ts` re-exports these.
 */

/** The keyring (wrapped database key) lives beside the database file. */
export function keyringPath(dbPath: string): string {
  return `${dbPath}.keyring`;
}

export function readKeyring(dbPath: string): Keyring {
  const path = keyringPath(dbPath);
  if (!existsSync(dbPath)) {
    throw new HomewardError('DB_NOT_FOUND', `No office database at ${dbPath}. Check the path, or create one with "homeward init".`);
  }
  if (!existsSync(path)) {
    throw new HomewardError(
      'KEYRING_MISSING',
      `The key file ${path} is missing. It must stay beside the database; restore it from the same backup as the database.`,
    );
  }
  return parseKeyring(readFileSync(path, 'utf8'));
}

/**
 * Written to a fresh temporary name, forced to disk, and renamed over the old
 * one, the folder then forced to disk too: a crash or a power cut leaves the
 * old keyring or the new one, never half of one. The keyring holds every way
 * into the database (passphrase and recovery slots): losing it loses the office.
 */
export function writeKeyring(dbPath: string, keyring: Keyring): void {
  const path = keyringPath(dbPath);
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(keyring, null, 2) + '\n');
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  syncFolder(dirname(path));
}

/** Forces a folder's entries (a rename in it) to disk; a no-op where folders cannot be opened (Windows). */
function syncFolder(folder: string): void {
  let fd: number;
  try {
    fd = openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the rename is still atomic.
  } finally {
    closeSync(fd);
  }
}
