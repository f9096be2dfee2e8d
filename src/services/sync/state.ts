import type { Hlc } from '../../sync/hlc';
import type { Watermarks } from '../../sync/bundle';
import { prepare, readMeta, writeMeta, type Sqlite } from '../../db/query';
import type { ChangedRow, RowClockTable, SyncPeerTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import { OWN_CHANGE_META } from '../../db/write-tx';

/**
 * Sync's bookkeeping: watermarks (what this office holds from each writing
 * device, what each peer told us it holds) and per-field clocks.
 */

/** Length of the fixed part of a stamp: ISO millis (24), "-", counter (4), "-". */
const NODE_START = 30;

/** The writing device of a stamp: `MSO.3fa9c2d1e0b4a7f6`. */
export const nodeOf = (hlc: Hlc): string => hlc.slice(NODE_START);
/** The office that wrote a stamp: `MSO`. */
export const officeOf = (hlc: Hlc): string => {
  const node = nodeOf(hlc);
  return node.slice(0, node.indexOf('.'));
};
/** Two stored values are the same (null and undefined alike; JSON values by content). */
export const sameValue = (a: unknown, b: unknown): boolean =>
  a === b || (a == null && b == null) || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b));

/** The wall-clock part of a stamp, as ISO time. */
export const timeOf = (hlc: Hlc): string => hlc.slice(0, 24);

/** meta key: the sync folder remembered for passes from the sync screen */
export const SYNC_FOLDER_META = 'sync_folder';

export function syncFolder(store: OfficeStore): string | null {
  return store.meta(SYNC_FOLDER_META) ?? null;
}

/** Tables that are each office's own: trust in peers, local accounts. */
export const LOCAL_ONLY_TABLES = new Set(['office', 'user']);

/**
 * Everything this office holds: every change of each device up to its mark.
 * For this device, the last stamp it wrote (not its clock, which also moves
 * when it reads other offices' stamps: a mark that moved on reading would be
 * news to send back, and two offices would answer each other for ever).
 */
export function heldWatermarks(store: OfficeStore): Watermarks {
  const marks: Watermarks = {};
  for (const r of prepare(store.db, 'SELECT node, hlc FROM sync_origin').all() as { node: string; hlc: string }[]) marks[r.node] = r.hlc;
  const own = ownMark(store);
  if (own) marks[store.node] = own;
  return marks;
}

function ownMark(store: OfficeStore): string | null {
  const event = prepare(store.db, 'SELECT hlc FROM audit_event WHERE chain = ? ORDER BY chain_index DESC LIMIT 1').get(store.node) as { hlc: string } | undefined;
  const change = store.meta(OWN_CHANGE_META);
  const marks = [event?.hlc, change].filter((m): m is string => m !== undefined);
  return marks.length ? marks.reduce((a, b) => (a > b ? a : b)) : null;
}

/** What we last told a peer we hold. */
export function toldPeer(db: Sqlite, office: string): Watermarks {
  const row = prepare(db, 'SELECT told FROM sync_peer WHERE office = ?').get(office) as Pick<SyncPeerTable, 'told'> | undefined;
  return row ? (JSON.parse(row.told) as Watermarks) : {};
}

/** What a peer last told us it holds ({} before its first bundle). */
export function peerSeen(db: Sqlite, office: string): Watermarks {
  const row = prepare(db, 'SELECT seen FROM sync_peer WHERE office = ?').get(office) as Pick<SyncPeerTable, 'seen'> | undefined;
  return row ? (JSON.parse(row.seen) as Watermarks) : {};
}

/** For several receivers, what all of them hold: per device, the lowest mark (none when one lacks it). */
export function commonBase(marks: Watermarks[]): Watermarks {
  if (marks.length === 0) return {};
  const base: Watermarks = {};
  for (const node of Object.keys(marks[0]!)) {
    let low: string | null = marks[0]![node]!;
    for (const m of marks.slice(1)) {
      const v = m[node];
      if (v === undefined) {
        low = null;
        break;
      }
      if (v < low) low = v;
    }
    if (low !== null) base[node] = low;
  }
  return base;
}

export function ensurePeerState(db: Sqlite, office: string): void {
  prepare(db, 'INSERT INTO sync_peer (office) VALUES (?) ON CONFLICT (office) DO NOTHING').run(office);
}

// ───────────────────────────── per-field clocks ─────────────────────────────

export type FieldClocks = Record<string, Hlc>;

/**
 * Row clocks read and written during one import, cached and written back
 * once per row at the end.
 */
export class RowClocks {
  private readonly cache = new Map<string, FieldClocks>();
  private readonly dirty = new Set<string>();

  constructor(private readonly db: Sqlite) {}

  get(table: string, id: string): FieldClocks {
    const key = `${table}\u0000${id}`;
    let clocks = this.cache.get(key);
    if (!clocks) {
      const row = prepare(this.db, 'SELECT clocks FROM row_clock WHERE tbl = ? AND id = ?').get(table, id) as Pick<RowClockTable, 'clocks'> | undefined;
      clocks = row ? (JSON.parse(row.clocks) as FieldClocks) : {};
      this.cache.set(key, clocks);
    }
    return clocks;
  }

  /** Stamps `fields` with `hlc` where it is newer than what they carry. */
  stamp(table: string, id: string, fields: Iterable<string>, hlc: Hlc): void {
    const clocks = this.get(table, id);
    let changed = false;
    for (const f of fields) {
      const current = clocks[f];
      if (current === undefined || current < hlc) {
        clocks[f] = hlc;
        changed = true;
      }
    }
    if (changed) this.dirty.add(`${table}\u0000${id}`);
    // A first sync touches hundreds of thousands of rows: write them out as it goes rather than hold them all.
    if (this.dirty.size >= RowClocks.FLUSH_EVERY) {
      this.flush();
      this.cache.clear();
    }
  }

  static readonly FLUSH_EVERY = 20_000;

  flush(): void {
    const upsert = prepare(this.db, 'INSERT INTO row_clock (tbl, id, clocks) VALUES (?, ?, ?) ON CONFLICT (tbl, id) DO UPDATE SET clocks = excluded.clocks');
    for (const key of this.dirty) {
      const [table, id] = key.split('\u0000') as [string, string];
      upsert.run(table, id, JSON.stringify(this.cache.get(key)));
    }
    this.dirty.clear();
  }
}

const ROW_CLOCK_SEQ = 'sync_row_clock_seq';

/**
 * Folds the change log written since the last import into the row clocks:
 * local writes never pay for per-field clocks, and an import brings them up
 * to date before it compares stamps.
 */
export function catchUpRowClocks(db: Sqlite, clocks: RowClocks): void {
  const from = Number(readMeta(db, ROW_CLOCK_SEQ) ?? 0);
  let last = from;
  for (const c of prepare(db, 'SELECT seq, hlc, rows FROM change WHERE seq > ? ORDER BY seq').iterate(from) as Iterable<{ seq: number; hlc: string; rows: string }>) {
    for (const row of JSON.parse(c.rows) as ChangedRow[]) {
      if (LOCAL_ONLY_TABLES.has(row.table)) continue;
      clocks.stamp(row.table, row.id, Object.keys(row.fields), c.hlc);
    }
    last = c.seq;
  }
  clocks.flush();
  if (last !== from) markRowClocks(db, last);
}

/** Row clocks now include the change log up to `seq`. */
export function markRowClocks(db: Sqlite, seq: number): void {
  writeMeta(db, ROW_CLOCK_SEQ, String(seq));
}
