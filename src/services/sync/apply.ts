import Database from 'better-sqlite3-multiple-ciphers';
import type { BundleImportView } from '../../api/sync-views';
import { HomewardError } from '../../domain/errors';
import { stageInvariantViolations } from '../../domain/stages';
import { prepare, readMeta, type Sqlite } from '../../db/query';
import { SYNCED_TABLES, type ChangedRow, type PersonTable, type SyncConflictTable, type SyncParkedTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import type { WriteTx } from '../../db/write-tx';
import { malformed, openBundle, type BundleHeader, type OpenedBundle } from '../../sync/bundle';
import { officeAgeIdentity } from '../office-keys';
import { caseFacts } from '../person-record';
import { StoredMatcher } from '../duplicates/finder';
import { carrySyncedMerges } from '../duplicates/merge';
import { openCandidate } from '../duplicates/queue';
import { MATCH_COLUMNS, storedMatchPerson, type StoredDocument, type StoredMatchRow } from '../../db/match-person';
import { trustedPeerKey } from './peers';
import { catchUpRowClocks, ensurePeerState, heldWatermarks, LOCAL_ONLY_TABLES, markRowClocks, nodeOf, officeOf, RowClocks, sameValue, timeOf, type FieldClocks } from './state';

/**
 * Applies a bundle from another office, in one transaction.
 *
 * Each change is applied at most once: a device's changes arrive in order
 * and with nothing missing below the bundle's base (the sender sends all it
 * holds above what we told it we hold), so a change at or below our mark for
 * its device is one we have. Per field, the newer stamp wins. When the
 * writer of one value had not seen the other (the change's `prev` is not
 * what we hold), the two were made concurrently: the loser is recorded, and
 * for identity fields and stages a person is asked to decide.
 */

/** Fields whose concurrent edits a person must look at. */
const IDENTITY_FIELDS: Record<string, ReadonlySet<string>> = {
  person: new Set(['family_name', 'given_names', 'native_name', 'aliases', 'sex', 'birth_date', 'estimated_age', 'claimed_nationality', 'confirmed_nationality']),
  identity_document: new Set(['type', 'number', 'issuing_country', 'expiry']),
};
/**
 * Rows that are only ever added, with what may change on them afterwards:
 * exactly what Homeward's own writes change. An undone merge gives a note or
 * attachment written through the merged-away case number back to that
 * record (person_id), and a delete is a tombstone. Any other change to such
 * a row is kept out (see appendOnlyBreaches).
 */
const APPEND_ONLY: Record<string, ReadonlySet<string>> = {
  note: new Set(['person_id']),
  attachment: new Set(['person_id', 'deleted']),
  person_source: new Set(['deleted']),
};
/** Bookkeeping fields: they follow last-writer-wins but a lost value is not worth recording. */
const HOUSEKEEPING = new Set(['updated_at', 'created_at']);
const SYNCED = new Set<string>(SYNCED_TABLES);

/** By default an import that would delete more than this share of a table's live rows stops and asks. */
export const DEFAULT_MAX_DELETE_SHARE = 0.1;
/** …and more than this many rows: deleting 2 of 5 test records is not alarming. */
const DELETE_ALARM_MIN_ROWS = 20;
const MAX_DELETE_SHARE_META = 'sync_max_delete_share';

export function maxDeleteShare(db: Sqlite): number {
  const v = readMeta(db, MAX_DELETE_SHARE_META);
  return v === undefined ? DEFAULT_MAX_DELETE_SHARE : Number(v);
}

export interface ImportOptions {
  fileName?: string | null | undefined;
  /** apply even when the bundle deletes more than the set share of records (after a person has looked) */
  allowDeletes?: boolean | undefined;
}

const asStored = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** The columns of each table, read once per import (an upgrade between imports adds some). */
function columnReader(db: Sqlite): (table: string) => Set<string> {
  const byTable = new Map<string, Set<string>>();
  return (table) => {
    let cols = byTable.get(table);
    if (!cols) byTable.set(table, (cols = new Set((db.pragma(`table_info(${JSON.stringify(table)})`) as { name: string }[]).map((c) => c.name))));
    return cols;
  };
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The fields a change would alter on a row that is only ever added: those
 * that differ from what the row holds, other than what APPEND_ONLY lets
 * change (and a tombstone only ever set). A field the row's own insert fills
 * in that this office never held (its column came with an upgrade, replayed
 * from the parked changes) alters nothing.
 */
function appendOnlyBreaches(row: ChangedRow, known: Record<string, unknown>, existing: Record<string, unknown>, clocks: FieldClocks): string[] {
  const mutable = APPEND_ONLY[row.table];
  if (!mutable) return [];
  return Object.keys(known).filter((field) => {
    const value = known[field];
    if (sameValue(existing[field], value)) return false;
    if (mutable.has(field) && (field !== 'deleted' || value === 1)) return false;
    return !(row.op === 'insert' && existing[field] == null && !clocks[field]);
  });
}

interface Tally {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
  parked: number;
  conflicts: BundleImportView['conflicts'];
  people: Set<string>;
  newPeople: Set<string>;
  /** people whose stage moved concurrently, or whose facts changed under a stage */
  stageCheck: Set<string>;
  /** per table: rows this import tombstoned */
  deletes: Map<string, number>;
  /** people merged away by this import, or in a review-queue pair it wrote: their pairs may need carrying to a survivor */
  pairsToCarry: Set<string>;
}

class Applier {
  readonly clocks: RowClocks;
  readonly tally: Tally = {
    inserted: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    parked: 0,
    conflicts: { identity: 0, stage: 0, clock: 0, lost: 0, keptOut: 0 },
    people: new Set(),
    newPeople: new Set(),
    stageCheck: new Set(),
    deletes: new Map(),
    pairsToCarry: new Set(),
  };

  constructor(
    private readonly tx: WriteTx,
    private readonly bundleId: string,
  ) {
    this.clocks = new RowClocks(tx.db);
    this.columnsOf = columnReader(tx.db);
  }

  private readonly columnsOf: (table: string) => Set<string>;

  get db(): Sqlite {
    return this.tx.db;
  }

  /** Applies one row of a change, parks it until it can be, or keeps it out for good and says why. */
  applyRow(row: ChangedRow, hlc: string): void {
    if (LOCAL_ONLY_TABLES.has(row.table)) return;
    if (!SYNCED.has(row.table)) {
      // A table this version has but never syncs (the audit trail, attachment bytes, sync's bookkeeping) is no newer version's table.
      if (this.columnsOf(row.table).size > 0) this.keepOut(row, hlc, null, Object.keys(row.fields), `writes to ${row.table.replace(/_/g, ' ')}, which offices never send each other`);
      else this.park(row, hlc, `table ${row.table} is not known to this version`);
      return;
    }
    const columns = this.columnsOf(row.table);
    const known: Record<string, unknown> = {};
    const unknown: Record<string, unknown> = {};
    for (const [f, v] of Object.entries(row.fields)) (columns.has(f) ? known : unknown)[f] = v;
    if (Object.keys(unknown).length) {
      this.park({ ...row, fields: unknown }, hlc, `column(s) ${Object.keys(unknown).join(', ')} of ${row.table} not known to this version`);
    }
    const existing = prepare(this.db, `SELECT * FROM ${quote(row.table)} WHERE id = ?`).get(row.id) as Record<string, unknown> | undefined;
    if (!existing) {
      if (row.op !== 'insert') {
        this.park({ ...row, fields: known }, hlc, 'the row it changes has not arrived yet');
        return;
      }
      const cols = Object.keys(known);
      prepare(this.db, `INSERT INTO ${quote(row.table)} (id${cols.map((c) => `, ${quote(c)}`).join('')}) VALUES (?${cols.map(() => ', ?').join('')})`).run(row.id, ...cols.map((c) => known[c] as never));
      this.clocks.stamp(row.table, row.id, cols, hlc);
      this.tally.inserted++;
      this.touched(row.table, row.id, { ...known, id: row.id }, true);
      return;
    }

    const clocks = this.clocks.get(row.table, row.id);
    const breaches = appendOnlyBreaches(row, known, existing, clocks);
    if (breaches.length) {
      const kind = row.table.replace(/_/g, ' ');
      this.keepOut(row, hlc, existing, breaches, `would change the ${breaches.join(', ')} of a ${kind}, which is only ever added, never edited`);
      return;
    }
    // Decided first, recorded after the row is written: a value this database cannot store then leaves no trace (see replayParked).
    const set: Record<string, unknown> = {};
    const stamped: string[] = [];
    const settled: [string, unknown][] = [];
    const concurrentValues: { kind: 'identity' | 'stage' | 'lost'; field: string; personId: string | null; winner: [unknown, string | null]; loser: [unknown, string | null] }[] = [];
    const identity = IDENTITY_FIELDS[row.table];
    for (const [field, value] of Object.entries(known)) {
      const local = clocks[field] ?? '';
      if (hlc === local) continue;
      const current = existing[field];
      // Concurrent: the writer of the incoming value had not seen the value we hold.
      // A value that loses was never seen by the writer of ours (we would hold it already), so it is always concurrent.
      const wins = hlc > local;
      // A field of a row's insert that this office never held a value for (its column came later, by an
      // upgrade that replays what was parked) meets nothing: there is no other value to lose.
      const neverHeld = row.op === 'insert' && !local && (current === null || current === undefined);
      const concurrent = !neverHeld && (!wins || (row.prev && field in row.prev ? !sameValue(row.prev[field], current) : row.op === 'insert'));
      if (wins) {
        if (!sameValue(current, value)) set[field] = value;
        stamped.push(field);
      }
      if (sameValue(current, value) || HOUSEKEEPING.has(field)) continue;
      if (!concurrent) {
        if (wins) settled.push([field, value]);
        continue;
      }
      const personId = row.table === 'person' ? row.id : typeof existing.person_id === 'string' ? existing.person_id : null;
      const kind = identity?.has(field) ? 'identity' : row.table === 'person' && field === 'stage' ? 'stage' : 'lost';
      concurrentValues.push({ kind, field, personId, winner: wins ? [value, hlc] : [current, local], loser: wins ? [current, local || null] : [value, hlc] });
    }
    const cols = Object.keys(set);
    if (cols.length) prepare(this.db, `UPDATE ${quote(row.table)} SET ${cols.map((c) => `${quote(c)} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => set[c] as never), row.id);
    this.clocks.stamp(row.table, row.id, stamped, hlc);
    for (const [field, value] of settled) this.settleOpen(row.table, row.id, field, value, hlc);
    for (const c of concurrentValues) {
      this.conflict(c.kind, row.table, row.id, c.personId, c.field, c.winner[0], c.winner[1], c.loser[0], c.loser[1], null);
      if (c.kind === 'stage' && c.personId) this.tally.stageCheck.add(c.personId);
    }
    if (cols.length === 0) {
      this.tally.unchanged++;
      return;
    }
    if (set.deleted === 1 && existing.deleted === 0) {
      this.tally.deleted++;
      this.tally.deletes.set(row.table, (this.tally.deletes.get(row.table) ?? 0) + 1);
    } else this.tally.updated++;
    this.touched(row.table, row.id, { ...existing, ...set }, false);
  }

  /**
   * Keeps a change out for good and puts it to a person: an open entry on the
   * sync screen, holding what the row has and what the change would have
   * written, so nothing is lost either way.
   */
  private keepOut(row: ChangedRow, hlc: string, existing: Record<string, unknown> | null, fields: string[], what: string): void {
    const office = officeOf(hlc);
    const personId = row.table === 'person' ? row.id : typeof existing?.person_id === 'string' ? existing.person_id : null;
    const valuesOf = (from: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, from[f] ?? null]));
    const detail = `A change from ${office} (${timeOf(hlc)}) ${what}. It was not applied: ${existing ? 'the row is as it was, and ' : ''}the values it would have written are kept with this entry. Homeward never writes such a change, so ask ${office} to check that its copy of Homeward is up to date and unaltered; then mark this reviewed.`;
    this.conflict('lost', row.table, row.id, personId, null, existing ? valuesOf(existing) : null, null, valuesOf(row.fields), hlc, detail, 'open');
  }

  private touched(table: string, id: string, row: Record<string, unknown>, inserted: boolean): void {
    if (table === 'duplicate_candidate') {
      for (const p of [row.person_a, row.person_b]) if (typeof p === 'string') this.tally.pairsToCarry.add(p);
      return;
    }
    if (table === 'person') {
      if (row.stage === 'merged') this.tally.pairsToCarry.add(id);
      this.tally.people.add(id);
      if (inserted) this.tally.newPeople.add(id);
      this.tally.stageCheck.add(id);
      return;
    }
    const personId = typeof row.person_id === 'string' ? row.person_id : null;
    if (!personId) return;
    this.tally.people.add(personId);
    if (table === 'hold' || table === 'verification' || table === 'transfer_member' || table === 'handover_member') this.tally.stageCheck.add(personId);
  }

  /** Records a question for the review queue; a lost value is recorded closed unless it was kept out (see keepOut). */
  conflict(kind: 'identity' | 'stage' | 'clock' | 'lost', table: string, rowId: string, personId: string | null, field: string | null, winnerValue: unknown, winnerHlc: string | null, loserValue: unknown, loserHlc: string | null, detail: string | null, status: 'open' | 'recorded' = kind === 'lost' ? 'recorded' : 'open'): void {
    if (kind === 'identity' || kind === 'stage') {
      // One open entry per field: a third value joins the same question.
      const open = prepare(this.db, `SELECT * FROM sync_conflict WHERE tbl = ? AND row_id = ? AND field IS ? AND status = 'open' AND kind = ?`).get(table, rowId, field, kind) as SyncConflictTable | undefined;
      if (open) {
        // The question now shows the newest pair; a value it showed before is kept as a recorded loser, never dropped.
        const shown = new Set([asStored(winnerValue), asStored(loserValue)]);
        for (const [value, hlc] of [
          [open.winner_value, open.winner_hlc],
          [open.loser_value, open.loser_hlc],
        ] as const) {
          if (shown.has(value)) continue;
          shown.add(value);
          prepare(
            this.db,
            `INSERT INTO sync_conflict (kind, tbl, row_id, person_id, field, winner_value, winner_hlc, loser_value, loser_hlc, detail, bundle_id, status, created_at)
             VALUES ('lost', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'recorded', ?)`,
          ).run(table, rowId, personId, field, asStored(winnerValue), winnerHlc, value, hlc, `an earlier value in open question #${open.id}, replaced there by a later concurrent one`, this.bundleId, this.tx.at);
        }
        prepare(this.db, 'UPDATE sync_conflict SET winner_value = ?, winner_hlc = ?, loser_value = ?, loser_hlc = ?, bundle_id = ? WHERE id = ?').run(asStored(winnerValue), winnerHlc, asStored(loserValue), loserHlc, this.bundleId, open.id);
        this.tally.conflicts[kind]++;
        return;
      }
    }
    prepare(
      this.db,
      `INSERT INTO sync_conflict (kind, tbl, row_id, person_id, field, winner_value, winner_hlc, loser_value, loser_hlc, detail, bundle_id, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(kind, table, rowId, personId, field, asStored(winnerValue), winnerHlc, asStored(loserValue), loserHlc, detail, this.bundleId, status, this.tx.at);
    this.tally.conflicts[kind === 'lost' && status === 'open' ? 'keptOut' : kind]++;
  }

  /** A later edit made with both values in view settles an open question about the field. */
  private settleOpen(table: string, rowId: string, field: string, value: unknown, hlc: string): void {
    prepare(
      this.db,
      `UPDATE sync_conflict SET status = 'superseded', resolution = ?, resolved_at = ? WHERE tbl = ? AND row_id = ? AND field = ? AND status = 'open' AND (winner_hlc IS NULL OR winner_hlc < ?) AND (loser_hlc IS NULL OR loser_hlc < ?)`,
    ).run(`settled by a later edit (${nodeOf(hlc).split('.')[0]}): ${asStored(value)}`, this.tx.at, table, rowId, field, hlc, hlc);
  }

  park(row: ChangedRow, hlc: string, reason: string): void {
    prepare(this.db, 'INSERT INTO sync_parked (hlc, tbl, row_id, op, fields, prev, reason, bundle_id, parked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      hlc,
      row.table,
      row.id,
      row.op,
      JSON.stringify(row.fields),
      row.prev ? JSON.stringify(row.prev) : null,
      reason,
      this.bundleId,
      this.tx.at,
    );
    this.tally.parked++;
  }

  /**
   * Parked changes this version can now apply (a newer schema, or their row
   * arrived). Each is tried on its own (a savepoint): one whose values its
   * row cannot take stays parked, with that reason, rather than fail every
   * import after it and the opening of the office.
   */
  replayParked(): number {
    const parked = prepare(this.db, 'SELECT * FROM sync_parked ORDER BY hlc, seq').all() as SyncParkedTable[];
    const replay = this.db.transaction((p: SyncParkedTable, fields: Record<string, unknown>) => {
      prepare(this.db, 'DELETE FROM sync_parked WHERE seq = ?').run(p.seq);
      this.applyRow({ table: p.tbl, id: p.row_id, op: p.op as ChangedRow['op'], fields, ...(p.prev ? { prev: JSON.parse(p.prev) as Record<string, unknown> } : {}) }, p.hlc);
    });
    let applied = 0;
    for (const p of parked) {
      if (!SYNCED.has(p.tbl)) continue;
      const fields = JSON.parse(p.fields) as Record<string, unknown>;
      const columns = this.columnsOf(p.tbl);
      if (!Object.keys(fields).every((f) => columns.has(f))) continue;
      if (p.op !== 'insert' && !prepare(this.db, `SELECT 1 FROM ${quote(p.tbl)} WHERE id = ?`).get(p.row_id)) continue;
      const before = this.tally.parked;
      try {
        replay(p, fields);
      } catch (e) {
        if (!(e instanceof Database.SqliteError)) throw e;
        prepare(this.db, 'UPDATE sync_parked SET reason = ? WHERE seq = ?').run(`its row cannot take it: ${e.message.replace(/\s+/g, ' ')}`, p.seq);
        continue;
      }
      if (this.tally.parked === before) applied++;
    }
    return applied;
  }
}

/**
 * Applies the parked changes this version now understands (after an upgrade
 * added their columns or tables). Run when an office is opened; nothing to do
 * in the usual case of an empty parking table.
 */
export function replayParkedChanges(store: OfficeStore, actor: string): number {
  if (!prepare(store.db, 'SELECT 1 FROM sync_parked LIMIT 1').get()) return 0;
  return store.write(actor, (tx) => {
    const applier = new Applier(tx, 'after-upgrade');
    catchUpRowClocks(tx.db, applier.clocks);
    const applied = applier.replayParked();
    applier.clocks.flush();
    for (const id of applier.tally.people) tx.reindexPersonLater(id, applier.tally.newPeople.has(id));
    for (const id of applier.tally.stageCheck) checkStage(tx.db, applier, id);
    carrySyncedMerges(tx, applier.tally.pairsToCarry);
    return applied;
  });
}

function alreadyImported(db: Sqlite, id: string): boolean {
  return prepare(db, `SELECT 1 FROM sync_bundle WHERE id = ? AND direction = 'in'`).get(id) !== undefined;
}

function emptyView(bundle: OpenedBundle, fileName: string | null, status: BundleImportView['status']): BundleImportView {
  return {
    bundleId: bundle.header.id,
    from: bundle.header.from,
    fileName,
    status,
    changes: { received: bundle.changeCount, applied: 0, alreadyHeld: bundle.changeCount, parked: 0 },
    rows: { inserted: 0, updated: 0, deleted: 0, unchanged: 0 },
    events: { received: bundle.events.length, added: 0 },
    attachments: { received: bundle.blobs.length, added: 0 },
    people: 0,
    conflicts: { identity: 0, stage: 0, clock: 0, lost: 0, keptOut: 0 },
    unparked: 0,
    clockWarning: null,
    duplicates: { checked: 0, queued: 0, skipped: false },
  };
}

/** Opens and checks a bundle meant for this office (throws BUNDLE_REFUSED with the reason otherwise). */
export function readBundle(store: OfficeStore, bytes: Uint8Array): OpenedBundle {
  return openBundle(bytes, { identity: officeAgeIdentity(store.db), self: store.office, peerKey: (office) => trustedPeerKey(store.db, office) });
}

export function importBundle(store: OfficeStore, actor: string, bytes: Uint8Array, options: ImportOptions = {}): BundleImportView {
  const bundle = readBundle(store, bytes);
  return applyBundle(store, actor, bundle, options);
}

export function applyBundle(store: OfficeStore, actor: string, bundle: OpenedBundle, options: ImportOptions = {}): BundleImportView {
  const { header } = bundle;
  if (alreadyImported(store.db, header.id)) return emptyView(bundle, options.fileName ?? null, 'already-imported');
  try {
    return applyChecked(store, actor, bundle, options);
  } catch (e) {
    // A row that passed the shape checks can still break a rule of this database (a CHECK, a column's type): the write rolled back.
    if (e instanceof Database.SqliteError) throw malformed(header.from, `A change in this bundle cannot be stored in this database (${e.message.replace(/\s+/g, ' ')})`);
    throw e;
  }
}

function applyChecked(store: OfficeStore, actor: string, bundle: OpenedBundle, options: ImportOptions): BundleImportView {
  const fileName = options.fileName ?? null;
  const { header } = bundle;
  return store.write(actor, (tx) => {
    const applier = new Applier(tx, header.id);
    const heldPeople = prepare(tx.db, 'SELECT 1 FROM person LIMIT 1').get() !== undefined;
    // Local clocks are needed only when there is something to compare (an acknowledgement brings nothing).
    let caughtUp = false;
    const catchUp = () => {
      if (!caughtUp) catchUpRowClocks(tx.db, applier.clocks);
      caughtUp = true;
    };
    const held = heldWatermarks(store);
    const view = emptyView(bundle, fileName, 'applied');
    view.changes.alreadyHeld = 0;

    // Attachment bytes first: rows that name them may follow.
    const putBlob = prepare(tx.db, 'INSERT INTO attachment_blob (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING');
    for (const b of bundle.blobs) view.attachments.added += putBlob.run(b.sha256, b.bytes.length, b.bytes).changes;

    const appendChange = prepare(tx.db, 'INSERT INTO change (hlc, rows, flagged) VALUES (?, ?, ?)');
    const farOff = new Map<string, string>();
    /** per device, its latest change in this bundle: with what was held before, how far this office now holds its changes */
    const carried = new Map<string, string>();
    for (const change of bundle.changes) {
      const node = nodeOf(change.hlc);
      if (change.hlc > (carried.get(node) ?? '')) carried.set(node, change.hlc);
      const mark = held[node];
      if (node === store.node || (mark !== undefined && change.hlc <= mark)) {
        view.changes.alreadyHeld++;
        continue;
      }
      catchUp();
      const parkedBefore = applier.tally.parked;
      for (const row of change.rows) applier.applyRow(row, change.hlc);
      if (applier.tally.parked > parkedBefore) view.changes.parked++;
      const clock = store.clock.receive(change.hlc);
      if (clock.flagged) {
        // Stored and followed (see HybridClock.follow), so edits made here stay newer than it.
        store.clock.follow(change.hlc);
        if (!farOff.has(node)) farOff.set(node, clock.reason ?? 'clock far off');
      }
      appendChange.run(change.hlc, JSON.stringify(change.rows), clock.flagged ? clock.reason : null);
      view.changes.applied++;
    }
    for (const [node, reason] of farOff) {
      applier.conflict('clock', 'office', node.split('.')[0]!, null, null, null, null, null, null, `Changes from ${node} carry stamps far ahead of this computer's clock (${reason}). They were applied and marked, and this office now stamps its own changes after them so every office orders the edits the same way. Ask ${node.split('.')[0]} to correct its computer's date and time.`);
      view.clockWarning = `${node}: ${reason}`;
    }

    const addEvent = prepare(
      tx.db,
      `INSERT INTO audit_event (id, chain, chain_index, at, hlc, office, actor, action, entity_type, entity_id, person_id, before, after, reason, prev_hash, hash)
       VALUES (@id, @chain, @chain_index, @at, @hlc, @office, @actor, @action, @entity_type, @entity_id, @person_id, @before, @after, @reason, @prev_hash, @hash)
       ON CONFLICT (chain, chain_index) DO NOTHING`,
    );
    for (const e of bundle.events) {
      if (e.chain === store.node) continue;
      view.events.added += addEvent.run(e).changes;
    }

    if (view.changes.applied > 0 || prepare(tx.db, 'SELECT 1 FROM sync_parked LIMIT 1').get()) {
      catchUp();
      view.unparked = applier.replayParked();
      applier.clocks.flush();
      const lastSeq = (prepare(tx.db, 'SELECT max(seq) AS seq FROM change').get() as { seq: number | null }).seq;
      if (lastSeq !== null) markRowClocks(tx.db, lastSeq);
    }

    guardDeletes(tx.db, applier.tally.deletes, options.allowDeletes === true, header);
    for (const [node, claimed] of advanceWatermarks(tx.db, store.node, held, header, carried)) {
      const clock = store.clock.judge(claimed);
      if (!clock.flagged) continue;
      const writer = node.split('.')[0]!;
      const ask = writer === header.from ? header.from : `${header.from} and ${writer}`;
      applier.conflict('clock', 'office', writer, null, null, null, null, null, null, `${header.from} says it holds the changes of ${node} up to ${timeOf(claimed)}, far ahead of this computer's clock (${clock.reason}), but none that late has reached this office. It counts ${node}'s changes as held only as far as they have arrived, so none of them is skipped. Ask ${ask} to check their computers' date and time.`);
      view.clockWarning ??= `${node}: ${clock.reason}`;
    }

    view.duplicates = queueSyncedDuplicates(tx, [...applier.tally.newPeople], heldPeople);
    view.duplicates.queued += carrySyncedMerges(tx, applier.tally.pairsToCarry);
    for (const id of applier.tally.people) tx.reindexPersonLater(id, applier.tally.newPeople.has(id));
    for (const id of applier.tally.stageCheck) checkStage(tx.db, applier, id);

    const t = applier.tally;
    view.rows = { inserted: t.inserted, updated: t.updated, deleted: t.deleted, unchanged: t.unchanged };
    view.people = t.people.size;
    view.conflicts = t.conflicts;

    ensurePeerState(tx.db, header.from);
    // A late bundle (older than one already read) does not set back what the peer holds.
    prepare(tx.db, 'UPDATE sync_peer SET seen = ?, seen_bundle = ?, seen_at = ? WHERE office = ? AND (seen_at IS NULL OR seen_at <= ?)').run(
      JSON.stringify(header.watermarks),
      header.id,
      header.createdAt,
      header.from,
      header.createdAt,
    );
    prepare(tx.db, 'UPDATE sync_peer SET last_in_bundle = ?, last_in_at = ? WHERE office = ?').run(header.id, tx.at, header.from);
    prepare(tx.db, `INSERT INTO sync_bundle (id, direction, from_office, to_offices, created_at, file_name, sha256, changes, events, blobs, outcome, handled_at, handled_by)
      VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(header.id, header.from, JSON.stringify(header.to), header.createdAt, fileName, bundle.fileSha256, bundle.changeCount, bundle.events.length, bundle.blobs.length, JSON.stringify(view), tx.at, actor);
    return view;
  });
}

/**
 * Marks move up only where the bundle continues what we hold: its base for
 * a device is at or below our mark, so nothing between is missing.
 *
 * A header's watermarks are the sender's word. A mark above what reached
 * this office (a bug, a clock far off, a forged header claiming a third
 * office's changes) would make it skip that device's real changes as
 * already held, so a mark goes no further than the latest change or audit
 * event of the device this office holds, from this bundle or before. (A
 * bundle relayed through a third office carries those, so its marks hold.)
 * Returns the marks claimed beyond that, by device.
 */
function advanceWatermarks(db: Sqlite, self: string, held: Record<string, string>, header: BundleHeader, carried: ReadonlyMap<string, string>): [string, string][] {
  const upsert = prepare(db, 'INSERT INTO sync_origin (node, hlc) VALUES (?, ?) ON CONFLICT (node) DO UPDATE SET hlc = max(hlc, excluded.hlc)');
  const unbacked: [string, string][] = [];
  for (const [node, claimed] of Object.entries(header.watermarks)) {
    if (node === self) continue;
    const ours = held[node];
    const latest = latestHeld(db, node, ours, carried.get(node));
    if (latest === null || claimed > latest) unbacked.push([node, claimed]);
    if (latest === null) continue;
    const mark = claimed > latest ? latest : claimed;
    const base = header.base[node];
    const continuous = base === undefined || (ours !== undefined && base <= ours);
    if (continuous && (ours === undefined || mark > ours)) upsert.run(node, mark);
  }
  return unbacked;
}

/** The latest stamp of a device this office holds: its mark before, its latest change in the bundle, its latest audit event. */
function latestHeld(db: Sqlite, node: string, ...stamps: (string | undefined)[]): string | null {
  const event = prepare(db, 'SELECT hlc FROM audit_event WHERE chain = ? ORDER BY chain_index DESC LIMIT 1').get(node) as { hlc: string } | undefined;
  const known = [...stamps, event?.hlc].filter((s): s is string => s !== undefined);
  return known.length ? known.reduce((a, b) => (a > b ? a : b)) : null;
}

function guardDeletes(db: Sqlite, deletes: Map<string, number>, allowed: boolean, header: BundleHeader): void {
  if (allowed || deletes.size === 0) return;
  const share = maxDeleteShare(db);
  const alarming: string[] = [];
  for (const [table, n] of deletes) {
    const live = (prepare(db, `SELECT count(*) AS n FROM ${quote(table)} WHERE deleted = 0`).get() as { n: number }).n;
    const before = live + n;
    if (n >= DELETE_ALARM_MIN_ROWS && n / before > share) alarming.push(`${n} of ${before} ${table.replace(/_/g, ' ')} rows`);
  }
  if (alarming.length) {
    throw new HomewardError(
      'CONFIRMATION_REQUIRED',
      `This bundle from ${header.from} would delete ${alarming.join(' and ')}, more than ${Math.round(share * 100)}% of them. Nothing was changed. Check with ${header.from} that these deletions are meant; then import again with --allow-deletes (or "Apply anyway" on the sync screen).`,
      { reason: 'too-many-deletes', bundleId: header.id, from: header.from, deletes: Object.fromEntries(deletes) },
    );
  }
}

/** Above this many new people in one bundle (a first sync), the lookup is left out: it would hold the import for minutes. */
const DUPLICATE_CHECK_MAX = 5000;

/**
 * Two offices may register the same person before they sync. People new to
 * this office are looked up among those it held before the import (their
 * own office already compared them with each other); likely pairs join the
 * review queue, under the pair's id, which every office agrees on.
 */
function queueSyncedDuplicates(tx: WriteTx, ids: string[], heldPeople: boolean): BundleImportView['duplicates'] {
  if (ids.length === 0 || !heldPeople) return { checked: 0, queued: 0, skipped: false };
  if (ids.length > DUPLICATE_CHECK_MAX) return { checked: 0, queued: 0, skipped: true };
  const year = Number(tx.at.slice(0, 4));
  const matcher = new StoredMatcher(tx.db, year);
  const fresh = new Set(ids);
  let queued = 0;
  for (const id of ids) {
    const row = prepare(tx.db, `SELECT ${MATCH_COLUMNS}, deleted FROM person WHERE id = ?`).get(id) as (StoredMatchRow & { deleted: number }) | undefined;
    if (!row || row.deleted) continue;
    const docs = prepare(tx.db, 'SELECT type, number, issuing_country FROM identity_document WHERE person_id = ? AND deleted = 0').all(id) as StoredDocument[];
    for (const hit of matcher.find(storedMatchPerson(row, docs, year), id)) {
      if (!fresh.has(hit.personId) && openCandidate(tx, id, hit.personId, hit.score, hit.reasons, 'import')) queued++;
    }
  }
  return { checked: ids.length, queued, skipped: false };
}

function checkStage(db: Sqlite, applier: Applier, personId: string): void {
  const row = prepare(db, 'SELECT * FROM person WHERE id = ?').get(personId) as PersonTable | undefined;
  if (!row || row.deleted) return;
  const violations = stageInvariantViolations(caseFacts(db, row));
  if (violations.length === 0) return;
  const open = prepare(db, `SELECT 1 FROM sync_conflict WHERE tbl = 'person' AND row_id = ? AND kind = 'stage' AND status = 'open'`).get(personId);
  if (open) return;
  applier.conflict('stage', 'person', personId, personId, 'stage', row.stage, null, null, null, violations.map((v) => v.message).join(' '));
}

