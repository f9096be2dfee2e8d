import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index';
import { callApi } from '../../src/api/dispatch';
import { renderIndex } from '../../migrations/build-index';
import { normaliseRecoveryKey } from '../../src/crypto/keyring';
import { HomewardError } from '../../src/domain/errors';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../src/db/migrate';
import { keyringPath, openSqlite, readKeyring } from '../../src/db/open';
import { OfficeStore } from '../../src/db/store';
import { addPerson } from '../../src/services/people';
import { ACTOR, completePerson, newOffice, PASSPHRASE, tempDir } from '../helpers';
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function expectCode(fn: () => unknown, code: string): HomewardError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HomewardError);
    expect((e as HomewardError).code).toBe(code);
    return e as HomewardError;
  }
  throw new Error(`expected ${code}, but nothing was thrown`);
}

describe('migrations', () => {
  it('the static index embeds exactly the numbered SQL files in migrations/', () => {
    const dir = join(import.meta.dirname, '../../migrations');
    expect(readFileSync(join(dir, 'index.ts'), 'utf8')).toBe(renderIndex(dir));
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('apply from an empty encrypted database in one go and record the version', () => {
    const path = join(tempDir(), 'empty.homeward');
    const db = openSqlite(path, randomBytes(32), { mustExist: false });
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    for (const t of ['office', 'person', 'identity_document', 'indicator', 'note', 'attachment', 'audit_event', 'change', 'user', 'hold', 'verification']) {
      expect(tables).toContain(t);
    }
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('a failing migration leaves the database as it was (one transaction)', () => {
    const path = join(tempDir(), 'broken.homeward');
    const db = openSqlite(path, randomBytes(32), { mustExist: false });
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE extra (x); SELECT * FROM no_such_table;' }];
    migrate(db);
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'extra'`).get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('the encrypted office database', () => {
  it('opens again with the passphrase and with the recovery key', () => {
    const { store, path, recoveryKey } = newOffice();
    addPerson(store, ACTOR, completePerson());
    store.close();
    const byPassphrase = OfficeStore.open(path, { passphrase: PASSPHRASE });
    expect(byPassphrase.office).toBe('MSO');
    byPassphrase.close();
    const byRecovery = OfficeStore.open(path, { recoveryKey: recoveryKey.toLowerCase().replace(/-/g, ' ') });
    expect((byRecovery.db.prepare('SELECT count(*) AS n FROM person').get() as { n: number }).n).toBe(1);
    byRecovery.close();
  });

  it('a passphrase change replaces the key file whole, readable by this user only, with its audit event; while the database is busy it changes nothing', () => {
    const { store, path } = newOffice();
    const NEW = 'a new office passphrase, long enough';
    const folderFiles = () => readdirSync(dirname(path)).filter((f) => !/-(wal|shm)$/.test(f)).sort();
    const before = folderFiles();
    // Another write holds the database (a sync pass, say): the change waits, then is refused, and nothing is replaced.
    const other = OfficeStore.open(path, { passphrase: PASSPHRASE });
    other.db.prepare('BEGIN IMMEDIATE').run();
    const keyring = readFileSync(keyringPath(path));
    const busy = callApi({ store, actor: ACTOR }, 'office.changePassphrase', { newPassphrase: NEW });
    other.db.prepare('ROLLBACK').run();
    other.close();
    expect(busy.ok).toBe(false);
    expect(readFileSync(keyringPath(path))).toEqual(keyring);

    expect(callApi({ store, actor: ACTOR }, 'office.changePassphrase', { newPassphrase: NEW }).ok).toBe(true);
    expect(store.db.prepare("SELECT count(*) FROM audit_event WHERE action = 'office.passphrase_changed'").pluck().get()).toBe(1);
    store.close();
    expect(statSync(keyringPath(path)).mode & 0o777).toBe(0o600);
    expect(folderFiles()).toEqual(before);
    expect(() => OfficeStore.open(path, { passphrase: PASSPHRASE })).toThrow(HomewardError);
    OfficeStore.open(path, { passphrase: NEW }).close();
  }, 20_000);

  it('a wrong passphrase is refused with WRONG_PASSPHRASE and the file is untouched', () => {
    const { store, path } = newOffice();
    store.close();
    const before = sha256(path);
    const e = expectCode(() => OfficeStore.open(path, { passphrase: 'not the passphrase' }), 'WRONG_PASSPHRASE');
    expect(e.message).toMatch(/recovery key/);
    expect(sha256(path)).toBe(before);
    expect(existsSync(`${path}-wal`) && readFileSync(`${path}-wal`).length > 0).toBe(false);
  });

  it('a wrong or mistyped recovery key is refused, each with its own code', () => {
    const { store, path, recoveryKey } = newOffice();
    const other = newOffice('CMI', 'Chiang Mai office');
    store.close();
    other.store.close();
    const before = sha256(path);
    expectCode(() => OfficeStore.open(path, { recoveryKey: other.recoveryKey }), 'WRONG_RECOVERY_KEY');
    const typo = recoveryKey.slice(0, 5) + (recoveryKey[5] === 'A' ? 'B' : 'A') + recoveryKey.slice(6);
    expectCode(() => OfficeStore.open(path, { recoveryKey: typo }), 'RECOVERY_KEY_MALFORMED');
    expectCode(() => OfficeStore.open(path, { recoveryKey: 'ABCD-EFGH' }), 'RECOVERY_KEY_MALFORMED');
    expect(sha256(path)).toBe(before);
  });

  it('recovery keys forgive case, spaces and look-alike letters', () => {
    const { recoveryKey, store } = newOffice();
    store.close();
    expect(normaliseRecoveryKey(recoveryKey.toLowerCase())).toBe(normaliseRecoveryKey(recoveryKey));
    expect(normaliseRecoveryKey(recoveryKey.replace(/0/g, 'O').replace(/1/g, 'I'))).toBe(normaliseRecoveryKey(recoveryKey));
  });

  it('a key file from another database is recognised as not belonging to it', () => {
    const a = newOffice('MSO');
    const b = newOffice('CMI');
    a.store.close();
    b.store.close();
    writeFileSync(keyringPath(a.path), readFileSync(keyringPath(b.path)));
    expectCode(() => OfficeStore.open(a.path, { passphrase: PASSPHRASE }), 'DB_KEY_MISMATCH');
  });

  it('missing files get clear errors', () => {
    const dir = tempDir();
    expectCode(() => OfficeStore.open(join(dir, 'nothing.homeward'), { passphrase: PASSPHRASE }), 'DB_NOT_FOUND');
    const { store, path } = newOffice();
    store.close();
    writeFileSync(keyringPath(path), 'garbage');
    expectCode(() => readKeyring(path), 'KEYRING_INVALID');
  });

  it('never overwrites an existing database', () => {
    const { store, path } = newOffice();
    store.close();
    const before = sha256(path);
    expectCode(
      () => OfficeStore.create(path, { passphrase: PASSPHRASE, office: { code: 'MSO', name: 'x', country: null }, actor: ACTOR, logN: 12 }),
      'DB_EXISTS',
    );
    expect(sha256(path)).toBe(before);
  });

  it('refuses a short passphrase at creation', () => {
    expectCode(
      () => OfficeStore.create(join(tempDir(), 'x.homeward'), { passphrase: 'short', office: { code: 'MSO', name: 'x', country: null }, actor: ACTOR }),
      'PASSPHRASE_TOO_WEAK',
    );
  });

  it('refuses a database written by a newer schema version, changing nothing', () => {
    const { store, path } = newOffice();
    store.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    store.close();
    const before = sha256(path);
    const e = expectCode(() => OfficeStore.open(path, { passphrase: PASSPHRASE }), 'SCHEMA_TOO_NEW');
    expect(e.message).toMatch(/newer version of Homeward/);
    expect(e.details).toEqual({ found: SCHEMA_VERSION + 1, known: SCHEMA_VERSION });
    expect(sha256(path)).toBe(before);
  });

  it('keeps names out of the database file, its WAL and journal in plaintext', () => {
    const { store, path } = newOffice();
    const marker = 'Zzyzxplaintextmarker';
    for (let i = 0; i < 50; i++) {
      addPerson(store, ACTOR, completePerson({ familyName: `${marker}${i}`, nativeName: 'အောင်ကျော်မိုး', documents: [] }));
    }
    const files = [path, `${path}-wal`, `${path}-journal`, `${path}-shm`].filter(existsSync);
    expect(files).toContain(`${path}-wal`);
    for (const f of files) {
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from(marker)), f).toBe(false);
      expect(bytes.includes(Buffer.from('အောင်ကျော်မိုး')), f).toBe(false);
      expect(bytes.includes(Buffer.from('SQLite format 3')), f).toBe(false);
    }
    store.close();
    // And plain SQLite cannot read it at all.
    const plain = new Database(path);
    expect(() => plain.prepare('SELECT count(*) FROM person').get()).toThrow(/not a database/);
    plain.close();
  });
});

describe('creating an office where it cannot be made', () => {
  it('says the folder is missing, and leaves nothing behind', () => {
    const path = join(tempDir(), 'no-such-folder', 'mso.homeward');
    expectCode(
      () => OfficeStore.create(path, { passphrase: PASSPHRASE, office: { code: 'MSO', name: 'x', country: null }, actor: ACTOR, logN: 12 }),
      'FOLDER_NOT_FOUND',
    );
    expect(existsSync(path)).toBe(false);
  });
});
