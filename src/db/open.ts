import Database from 'better-sqlite3-multiple-ciphers';
import { timingSafeEqual } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createKeyring, keyCheck, unwrapKey, type Unlock } from '../crypto/keyring';
import { HomewardError } from '../domain/errors';
import { keyringPath, readKeyring, writeKeyring } from './keyring-file';
import { assertNotNewer, migrate } from './migrate';
import type { Sqlite } from './query';

export { keyringPath, readKeyring, writeKeyring } from './keyring-file';


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
  return { db: openUnwrapped(path, dbKey, options), dbKey };
}

/**
 * Opens with the raw database key (the desktop app unwrapped it from the OS
 * key store). The key is checked against the keyring's keyCheck before the
 * database is touched, so a wrong key never opens, migrates or changes the
 * file. The returned key is a copy the caller may keep; `dbKey` stays the
 * caller's.
 */
export function openDatabaseFileWithKey(path: string, dbKey: Uint8Array, options: { readonly?: boolean } = {}): { db: Sqlite; dbKey: Buffer } {
  const keyring = readKeyring(path);
  const key = Buffer.from(dbKey);
  const expected = Buffer.from(keyring.keyCheck);
  const actual = Buffer.from(keyCheck(key));
  if (key.length !== 32 || expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    key.fill(0);
    throw new HomewardError(
      'DB_KEY_MISMATCH',
      'This key does not open this office database (this computer may remember another office). Unlock with the passphrase or the recovery key.',
    );
  }
  try {
    return { db: openUnwrapped(path, key, options), dbKey: key };
  } catch (e) {
    key.fill(0);
    throw e;
  }
}

/** Schema check and, for writing, migration: the same for every way of unlocking. */
function openUnwrapped(path: string, dbKey: Buffer, options: { readonly?: boolean }): Sqlite {
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
  return db;
}
