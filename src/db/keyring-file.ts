import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/** Written to a temporary name and renamed, so a crash never leaves half a keyring. */
export function writeKeyring(dbPath: string, keyring: Keyring): void {
  const path = keyringPath(dbPath);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(keyring, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, path);
}
