import { randomBytes } from 'node:crypto';
import type { Unlock } from '../crypto/keyring';
import { HomewardError } from '../domain/errors';
import { HybridClock, type ClockState } from '../sync/hlc';
import { createDatabaseFile, openDatabaseFile, openDatabaseFileWithKey, removeDatabaseFiles } from './open';
import { MATCH_INDEX_META, MATCH_INDEX_VERSION, rebuildMatchIndex } from './person-keys';
import { readMeta, type Sqlite } from './query';
import { WriteTx } from './write-tx';

export interface OfficeIdentity {
  code: string;
  name: string;
  country: string | null;
}

export interface CreateOptions {
  passphrase: string;
  office: OfficeIdentity;
  actor: string;
  /** scrypt cost as log2(N); lower only in tests. */
  logN?: number;
}

/**
 * An open, unlocked office database. All writes go through `write()`, the one
 * path that also feeds the change log, the audit chain and the search index.
 */
export class OfficeStore {
  readonly node: string;
  readonly clock: HybridClock;
  private closed = false;
  private committed = 0;

  private constructor(
    readonly db: Sqlite,
    readonly path: string,
    readonly office: string,
    readonly device: string,
    /** the unwrapped database key, kept in memory only to re-wrap it (passphrase change, OS key store) */
    readonly key: Buffer,
  ) {
    this.node = `${office}.${device}`;
    const saved = this.meta('hlc_state');
    this.clock = new HybridClock(this.node, saved ? { state: JSON.parse(saved) as ClockState } : {});
  }

  /** Creates the database, its key file and this office's record; on any failure leaves no file behind. */
  static create(path: string, options: CreateOptions): { store: OfficeStore; recoveryKey: string } {
    if (!options.actor.trim()) throw new HomewardError('VALIDATION_FAILED', 'Every change needs an actor: say who is creating the office.');
    const { db, dbKey, recoveryKey } = createDatabaseFile(path, options.passphrase, options.logN === undefined ? {} : { logN: options.logN });
    const device = randomBytes(5).toString('hex');
    const store = new OfficeStore(db, path, options.office.code, device, dbKey);
    try {
      store.write(options.actor, (tx) => {
        for (const [key, value] of [
          ['office_code', options.office.code],
          ['device_id', device],
          ['created_at', tx.at],
          [MATCH_INDEX_META, MATCH_INDEX_VERSION],
        ]) {
          tx.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(key, value);
        }
        const row = {
          code: options.office.code,
          name: options.office.name,
          country: options.office.country,
          is_self: 1,
          age_recipient: null,
          signing_public_key: null,
          trust: 'self' as const,
          created_at: tx.at,
          updated_at: tx.at,
        };
        tx.insert('office', row, { key: 'code' });
        tx.audit({ action: 'office.created', entityType: 'office', entityId: row.code, after: row });
      });
    } catch (e) {
      store.close();
      removeDatabaseFiles(path);
      throw e;
    }
    return { store, recoveryKey };
  }

  static open(path: string, unlock: Unlock, options: { readonly?: boolean } = {}): OfficeStore {
    const { db, dbKey } = openDatabaseFile(path, unlock, options);
    const read = (key: string) => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
    const office = read('office_code');
    const device = read('device_id');
    if (!office || !device) {
      db.close();
      throw new HomewardError('KEYRING_INVALID', `${path} is not a complete Homeward office database (its office record is missing).`);
    }
    return new OfficeStore(db, path, office, device, dbKey).upToDate(options);
  }

  /**
   * Opens with the raw database key (unwrapped by the desktop app from the OS
   * key store). A key that is not this database's is refused with
   * DB_KEY_MISMATCH before the file is touched. The store keeps its own copy
   * of the key (zeroed on close); `dbKey` stays the caller's.
   */
  static openWithKey(path: string, dbKey: Uint8Array, options: { readonly?: boolean } = {}): OfficeStore {
    const { db, dbKey: key } = openDatabaseFileWithKey(path, dbKey, options);
    const read = (name: string) => (db.prepare('SELECT value FROM meta WHERE key = ?').get(name) as { value: string } | undefined)?.value;
    const office = read('office_code');
    const device = read('device_id');
    if (!office || !device) {
      db.close();
      key.fill(0);
      throw new HomewardError('KEYRING_INVALID', `${path} is not a complete Homeward office database (its office record is missing).`);
    }
    return new OfficeStore(db, path, office, device, key).upToDate(options);
  }

  /**
   * Duplicate matching reads an index derived from the person rows; one built
   * by an earlier version of Homeward (other keys, other folding) is built
   * again, once, in one transaction.
   */
  private upToDate(options: { readonly?: boolean }): this {
    if (!options.readonly && this.meta(MATCH_INDEX_META) !== MATCH_INDEX_VERSION) this.db.transaction(() => rebuildMatchIndex(this.db)).immediate();
    return this;
  }

  meta(key: string): string | undefined {
    return readMeta(this.db, key);
  }

  /**
   * Runs `fn` in one immediate transaction: everything it writes, the change
   * log rows, the audit events and the clock state commit together or not at
   * all.
   */
  write<T>(actor: string, fn: (tx: WriteTx) => T): T {
    this.assertOpen();
    // A rolled-back write leaves the in-memory clock ahead of the stored
    // state, which keeps it monotonic; nothing stamped in it was kept.
    const result = this.db
      .transaction(() => {
        const tx = new WriteTx(this, actor);
        const value = fn(tx);
        tx.finish();
        return value;
      })
      .immediate();
    this.committed++;
    return result;
  }

  /** How many writes this store has committed: lets a long check tell that the data moved under it. */
  get writes(): number {
    return this.committed;
  }

  read<T>(fn: (db: Sqlite) => T): T {
    this.assertOpen();
    return fn(this.db);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    this.key.fill(0);
  }

  private assertOpen(): void {
    if (this.closed) throw new HomewardError('LOCKED', 'The office database is closed. Unlock it again.');
  }
}
