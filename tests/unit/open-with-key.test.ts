import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyringPath, openDatabaseFileWithKey, readKeyring } from '../../src/db/open';
import { OfficeStore } from '../../src/db/store';
import { HomewardError } from '../../src/domain/errors';
import { addPerson, listPeople } from '../../src/services/people';
import { ACTOR, PASSPHRASE, newOffice } from '../helpers';

/** Every file of the folder and a hash of its bytes: what "unchanged" means for a database on disk. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]),
  );
}

/** An office with one person, closed again; returns its raw key (a copy: closing the store zeroes its own). */
function closedOffice() {
  const { store, path, recoveryKey } = newOffice();
  addPerson(store, ACTOR, { nativeName: 'အောင်ကျော်မိုး' });
  const dbKey = Buffer.from(store.key);
  store.close();
  return { path, dbKey, recoveryKey };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof HomewardError ? e.code : `not a HomewardError: ${String(e)}`;
  }
  return undefined;
}

describe('opening an office database with its raw key', () => {
  it('the right key opens it, with its data, and the caller keeps its own copy of the key', () => {
    const { path, dbKey } = closedOffice();
    const store = OfficeStore.openWithKey(path, dbKey);
    try {
      expect(store.office).toBe('MSO');
      expect(listPeople(store, {}).people.map((p) => p.nativeName)).toEqual(['အောင်ကျော်မိုး']);
      // It is a fully writable office, like one opened with the passphrase.
      addPerson(store, ACTOR, { nativeName: '张伟' });
      expect(listPeople(store, {}).total).toBe(2);
    } finally {
      store.close();
    }
    // The store zeroed its key on close, not the caller's.
    expect(dbKey.equals(Buffer.alloc(32))).toBe(false);
    const again = OfficeStore.open(path, { passphrase: PASSPHRASE });
    expect(listPeople(again, {}).total).toBe(2);
    again.close();
  });

  it('a wrong key is refused with DB_KEY_MISMATCH before the file is touched', () => {
    const { path, dbKey } = closedOffice();
    const before = snapshot(dirname(path));
    const wrong = randomBytes(32);
    expect(codeOf(() => OfficeStore.openWithKey(path, wrong))).toBe('DB_KEY_MISMATCH');
    expect(codeOf(() => openDatabaseFileWithKey(path, wrong))).toBe('DB_KEY_MISMATCH');
    // Not a key at all: too short, too long, empty.
    expect(codeOf(() => OfficeStore.openWithKey(path, dbKey.subarray(0, 16)))).toBe('DB_KEY_MISMATCH');
    expect(codeOf(() => OfficeStore.openWithKey(path, Buffer.concat([dbKey, Buffer.from([0])])))).toBe('DB_KEY_MISMATCH');
    expect(codeOf(() => OfficeStore.openWithKey(path, Buffer.alloc(0)))).toBe('DB_KEY_MISMATCH');
    expect(snapshot(dirname(path))).toEqual(before);
    // The message says what to do, and the key is not in it.
    try {
      OfficeStore.openWithKey(path, wrong);
    } catch (e) {
      expect((e as Error).message).toMatch(/passphrase/);
      expect((e as Error).message).not.toContain(wrong.toString('hex'));
    }
    // The passphrase still opens it.
    OfficeStore.open(path, { passphrase: PASSPHRASE }).close();
  });

  it('the key of another office is refused, even though it is a real key', () => {
    const mine = closedOffice();
    const theirs = newOffice('CKO', 'Chiang Khong office');
    const theirKey = Buffer.from(theirs.store.key);
    theirs.store.close();
    const before = snapshot(dirname(mine.path));
    expect(codeOf(() => OfficeStore.openWithKey(mine.path, theirKey))).toBe('DB_KEY_MISMATCH');
    expect(snapshot(dirname(mine.path))).toEqual(before);
  });

  it('a keyring whose keyCheck was swapped in still cannot open someone else’s database', () => {
    // A keyring that vouches for the key, beside a database encrypted under another: SQLCipher refuses.
    const { path } = closedOffice();
    const other = closedOffice();
    const keyring = readKeyring(other.path);
    const forged = JSON.stringify(keyring);
    writeFileSync(keyringPath(path), forged);
    expect(codeOf(() => OfficeStore.openWithKey(path, other.dbKey))).toBe('DB_KEY_MISMATCH');
  });

  it('needs the database and its key file, as the passphrase does', () => {
    const { path, dbKey } = closedOffice();
    expect(codeOf(() => OfficeStore.openWithKey(`${path}.missing`, dbKey))).toBe('DB_NOT_FOUND');
    rmSync(keyringPath(path));
    expect(codeOf(() => OfficeStore.openWithKey(path, dbKey))).toBe('KEYRING_MISSING');
  });

  it('opens read-only without changing the database or its key file', () => {
    const { path, dbKey } = closedOffice();
    // (SQLite itself may add the empty -wal/-shm companions of a WAL database.)
    const files = (s: Record<string, string>) => ({ db: s['mso.homeward'], keyring: s['mso.homeward.keyring'] });
    const before = files(snapshot(dirname(path)));
    const { db, dbKey: copy } = openDatabaseFileWithKey(path, dbKey, { readonly: true });
    try {
      expect((db.prepare('SELECT count(*) AS n FROM person').get() as { n: number }).n).toBe(1);
      expect(copy.equals(dbKey)).toBe(true);
      expect(copy).not.toBe(dbKey);
    } finally {
      db.close();
    }
    expect(files(snapshot(dirname(path)))).toEqual(before);
  });
});
