import { HomewardError } from '../domain/errors';
import { auditHash, chainHeadKey, GENESIS_HASH, type ChainHead } from './audit-chain';
import { uuidv7 } from './ids';
import { prepare, readMeta, writeMeta } from './query';
import { PersonKeyIndexer, type MatchKeys } from './person-keys';
import { reindexPerson } from './search-index';
import type { ChangedRow, DB } from './schema';
import type { OfficeStore } from './store';

export type WritableTable = Exclude<
  keyof DB,
  | 'meta'
  | 'case_counter'
  | 'audit_event'
  | 'change'
  | 'person_search'
  | 'attachment_blob'
  | 'person_key'
  | 'name_token'
  | 'person_key_recent'
  | 'person_card'
  // secret keys: never in the change log, which sync sends to other offices
  | 'office_secret'
  // sync's own bookkeeping, local to this database
  | 'sync_origin'
  | 'sync_peer'
  | 'sync_bundle'
  | 'row_clock'
  | 'sync_parked'
  | 'sync_conflict'
>;
type Row = Record<string, unknown>;

/** meta key: the stamp of the latest change this device wrote */
export const OWN_CHANGE_META = 'own_change_hlc';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  personId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * A person row inserted by the transaction in progress, with the document
 * rows inserted for them: the indexes are built from these, as written,
 * rather than read back (a registration's share of the write path).
 */
export interface PersonInHand {
  rowid: number;
  row: Readonly<Record<string, unknown>>;
  documents: Readonly<Record<string, unknown>>[];
}


const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

const insertSqlCache = new Map<string, string>();

function insertSql(table: string, columns: string[]): string {
  const signature = `${table}(${columns.join(',')})`;
  let sql = insertSqlCache.get(signature);
  if (!sql) {
    sql = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    insertSqlCache.set(signature, sql);
  }
  return sql;
}

/** Tables without an updated_at column (append-only rows). */
const NO_UPDATED_AT = new Set<string>(['note', 'attachment', 'person_source']);

/**
 * A transaction in progress. Rows it inserts, updates or tombstones collect
 * until the write they belong to is recorded with `audit()`: then they go to
 * the change log as one entry, under the same hybrid-logical-clock stamp as
 * the audit event that extends this device's hash chain. People it touches
 * are re-indexed for search when the transaction finishes.
 */
export class WriteTx {
  /** Wall-clock time of this write, for created_at/updated_at and the audit trail. */
  readonly at = new Date().toISOString();
  private head: ChainHead | null = null;
  private readonly touchedPeople = new Set<string>();
  /** people registered in this transaction: nothing of theirs to un-index */
  private readonly insertedPeople = new Set<string>();
  /** their rows as inserted, to index without reading them back; dropped when a later write changes them */
  private readonly inHand = new Map<string, PersonInHand>();
  private readonly keyHints = new Map<string, MatchKeys>();
  private pending: ChangedRow[] = [];
  /** stamp of the last change this write logged, kept so sync knows this device's latest write without reading the log */
  private lastChange: string | null = null;

  constructor(
    private readonly store: OfficeStore,
    readonly actor: string,
  ) {
    if (!actor.trim()) throw new HomewardError('VALIDATION_FAILED', 'Every change needs an actor: say who is making it.');
  }

  get office(): string {
    return this.store.office;
  }

  get db() {
    return this.store.db;
  }

  insert(table: WritableTable, row: Row, options: { key?: string } = {}): void {
    const key = options.key ?? 'id';
    const columns = Object.keys(row);
    const { lastInsertRowid } = prepare(this.db, insertSql(table, columns)).run(...columns.map((c) => row[c]));
    // A new row's unset fields are null on every replica; the log carries only what was set.
    const fields: Row = {};
    for (const c of columns) if (c !== key && row[c] !== null && row[c] !== undefined) fields[c] = row[c];
    this.logChange(table, String(row[key]), 'insert', fields);
    if (table === 'person') {
      this.insertedPeople.add(String(row[key]));
      this.inHand.set(String(row[key]), { rowid: Number(lastInsertRowid), row, documents: [] });
    } else if (table === 'identity_document') this.inHand.get(String(row.person_id))?.documents.push(row);
    this.touch(table, row);
  }

  /**
   * Writes only the fields that differ from what is stored; returns them with
   * their old and new values, or null when nothing changed.
   */
  update(table: WritableTable, id: string, patch: Row, options: { key?: string; op?: 'update' | 'delete' } = {}): FieldChanges | null {
    const key = options.key ?? 'id';
    const current = this.current(table, id, key);
    const changes: FieldChanges = {};
    for (const [column, value] of Object.entries(patch)) {
      if (value === undefined || column === key) continue;
      if (!(column in current)) throw new Error(`update: ${table} has no column ${column}`);
      if (current[column] !== value) changes[column] = { before: current[column], after: value };
    }
    if (Object.keys(changes).length === 0) return null;
    const values: Row = Object.fromEntries(Object.entries(changes).map(([c, v]) => [c, v.after]));
    if (!NO_UPDATED_AT.has(table)) values.updated_at = this.at;
    const columns = Object.keys(values);
    prepare(this.db, `UPDATE ${quote(table)} SET ${columns.map((c) => `${quote(c)} = ?`).join(', ')} WHERE ${quote(key)} = ?`).run(
      ...columns.map((c) => values[c]),
      id,
    );
    const prev: Row = {};
    for (const [c, v] of Object.entries(changes)) prev[c] = v.before;
    this.logChange(table, id, options.op ?? 'update', values, prev);
    if (table === 'person') this.inHand.delete(id);
    else if (table === 'identity_document') this.inHand.delete(String(current.person_id));
    this.touch(table, { ...current, ...values });
    return changes;
  }

  /** Rows are never removed: a delete is a tombstone that sync carries like any change. */
  tombstone(table: WritableTable, id: string, options: { key?: string } = {}): FieldChanges | null {
    return this.update(table, id, { deleted: 1 }, { ...options, op: 'delete' });
  }

  current(table: WritableTable, id: string, key = 'id'): Row {
    const row = prepare(this.db, `SELECT * FROM ${quote(table)} WHERE ${quote(key)} = ?`).get(id) as Row | undefined;
    if (!row) throw new HomewardError('NOT_FOUND', `No ${table.replace(/_/g, ' ')} with id ${id}.`);
    return row;
  }

  /** Records one write: its audit event and, under the same stamp, the rows it changed. */
  audit(event: AuditInput): void {
    const head = this.chainHead();
    const hlc = this.store.clock.tick();
    this.flushChanges(hlc);
    const content = {
      id: uuidv7(),
      chain: this.store.node,
      chain_index: head.index + 1,
      at: this.at,
      hlc,
      office: this.store.office,
      actor: this.actor,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      person_id: event.personId ?? null,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      reason: event.reason ?? null,
      prev_hash: head.hash,
    };
    const hash = auditHash(content);
    prepare(
      this.db,
      `INSERT INTO audit_event (id, chain, chain_index, at, hlc, office, actor, action, entity_type, entity_id, person_id, before, after, reason, prev_hash, hash)
       VALUES (@id, @chain, @chain_index, @at, @hlc, @office, @actor, @action, @entity_type, @entity_id, @person_id, @before, @after, @reason, @prev_hash, @hash)`,
    ).run({ ...content, hash });
    this.head = { index: content.chain_index, hash };
  }

  /**
   * The blocking keys and name tokens of a person registered in this write,
   * already worked out (an import computes them for its duplicate check), so
   * indexing at commit does not compute them again.
   */
  hintMatchKeys(personId: string, keys: MatchKeys): void {
    this.keyHints.set(personId, keys);
  }

  /** Next case number for this office and year, e.g. MSO-2026-000123. */
  nextCaseNumber(year = Number(this.at.slice(0, 4))): string {
    const office = this.store.office;
    const { last } = prepare(
      this.db,
      `INSERT INTO case_counter (office, year, last) VALUES (?, ?, 1)
       ON CONFLICT (office, year) DO UPDATE SET last = last + 1 RETURNING last`,
    ).get(office, year) as { last: number };
    return `${office}-${year}-${String(last).padStart(6, '0')}`;
  }

  /** Called by the store just before commit. */
  finish(): void {
    if (this.pending.length) this.flushChanges(this.store.clock.tick());
    const keys = new PersonKeyIndexer(this.db);
    for (const id of this.touchedPeople) {
      const inHand = this.inHand.get(id);
      reindexPerson(this.db, id, inHand);
      keys.reindex(id, { fresh: this.insertedPeople.has(id), hint: this.keyHints.get(id), inHand });
    }
    keys.finish();
    writeMeta(this.db, 'hlc_state', JSON.stringify(this.store.clock.state()));
    if (this.head) writeMeta(this.db, chainHeadKey(this.store.node), JSON.stringify(this.head));
    if (this.lastChange) writeMeta(this.db, OWN_CHANGE_META, this.lastChange);
  }

  private chainHead(): ChainHead {
    if (!this.head) {
      const saved = readMeta(this.db, chainHeadKey(this.store.node));
      this.head = saved ? (JSON.parse(saved) as ChainHead) : { index: -1, hash: GENESIS_HASH };
    }
    return this.head;
  }

  private logChange(table: string, id: string, op: ChangedRow['op'], fields: Row, prev?: Row): void {
    this.pending.push(prev ? { table, id, op, fields, prev } : { table, id, op, fields });
  }

  private flushChanges(hlc: string): void {
    if (this.pending.length === 0) return;
    prepare(this.db, 'INSERT INTO change (hlc, rows) VALUES (?, ?)').run(hlc, JSON.stringify(this.pending));
    this.pending = [];
    this.lastChange = hlc;
  }

  /**
   * Re-index a person whose row was written without this transaction's
   * insert/update (sync applying another office's changes); `fresh` when the
   * person is new to this database.
   */
  reindexPersonLater(personId: string, fresh: boolean): void {
    this.touchedPeople.add(personId);
    if (fresh) this.insertedPeople.add(personId);
  }

  private touch(table: string, row: Row): void {
    if (table === 'person') this.touchedPeople.add(String(row.id));
    else if (table === 'identity_document') this.touchedPeople.add(String(row.person_id));
  }
}
