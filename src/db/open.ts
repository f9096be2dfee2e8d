import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createKeyring, parseKeyring, unwrapKey, type Keyring, type Unlock } from '../crypto/keyring';
import { HomewardError } from '../domain/errors';
import { assertNotNewer, migrate } from './migrate';
import type { Sqlite } from './query';

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

/**
 * Opens the SQLite file with the raw 256-bit key. SQLCipher 4 format, so the
 * file can also be inspected with sqlcipher given the key; WAL pages are
 * encrypted too, and temporary tables stay in memory so no plaintext spills
 * into temp files.
 */
export function openSqlite(path: string, dbKey: Buffer, options: { readonly?: boolean; mustExist?: boolean } = {}): Sqlite {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.mustExist ?? true });
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${dbKey.toString('hex')}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_NOTADB') {
        throw new HomewardError(
          'DB_KEY_MISMATCH',
          'The key file unlocked, but it does not belong to this database (or the database is damaged). Use the key file from the same backup.',
        );
      }
      throw e;
    }
    db.pragma('temp_store = MEMORY');
    // 64 MB of decrypted pages: list and search of 100,000 people stay in memory
    // instead of decrypting the same pages again on every keystroke.
    db.pragma('cache_size = -65536');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Only for a database this process has just failed to create. */
export function removeDatabaseFiles(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`, keyringPath(path)]) rmSync(f, { force: true });
}

function prepareForWrites(db: Sqlite): void {
  db.pragma('journal_mode = WAL');
  // FULL: a committed intake survives a power cut, not only an app crash.
  db.pragma('synchronous = FULL');
  // Checkpoint less often than the default 1,000 pages: a 1,000-person import
  // commit then pays for one checkpoint, not several.
  db.pragma('wal_autocheckpoint = 4000');
}

export interface CreatedDatabase {
  db: Sqlite;
  dbKey: Buffer;
  recoveryKey: string;
}

export function createDatabaseFile(path: string, passphrase: string, options: { logN?: number } = {}): CreatedDatabase {
  if (existsSync(path) || existsSync(keyringPath(path))) {
    throw new HomewardError('DB_EXISTS', `${path} already exists. Choose another file name; an existing office database is never overwritten.`);
  }
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new HomewardError('FOLDER_NOT_FOUND', `The folder ${folder} does not exist. Create it first, or choose another place for the database.`);
  }
  const { keyring, dbKey, recoveryKey } = createKeyring(passphrase, options);
  const db = openSqlite(path, dbKey, { mustExist: false });
  try {
    prepareForWrites(db);
    migrate(db);
    writeKeyring(path, keyring);
  } catch (e) {
    db.close();
    removeDatabaseFiles(path);
    throw e;
  }
  return { db, dbKey, recoveryKey };
}

/** Unwraps the key first: a wrong passphrase never opens, let alone changes, the file. */
export function openDatabaseFile(path: string, unlock: Unlock, options: { readonly?: boolean } = {}): { db: Sqlite; dbKey: Buffer } {
  const keyring = readKeyring(path);
  const dbKey = unwrapKey(keyring, unlock);
  const db = openSqlite(path, dbKey, options);
  try {
    assertNotNewer(db);
    if (!options.readonly) {
      prepareForWrites(db);
      migrate(db);
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return { db, dbKey };
}
