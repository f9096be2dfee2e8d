import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { BundleExportView } from '../../api/sync-views';
import { HomewardError } from '../../domain/errors';
import { uuidv7 } from '../../db/ids';
import { SCHEMA_VERSION } from '../../db/migrate';
import { prepare } from '../../db/query';
import type { AuditEventTable, ChangedRow, OfficeTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import { bundleFileName, writeBundle, type BundleBlob, type BundleEvent, type BundleHeader, type Watermarks } from '../../sync/bundle';
import { officeSigner } from '../office-keys';
import { commonBase, ensurePeerState, heldWatermarks, LOCAL_ONLY_TABLES, nodeOf, peerSeen, toldPeer } from './state';

/**
 * Writes one bundle for one or more peer offices: every change, audit event
 * and attachment they have not yet told us they hold, signed by this office
 * and encrypted to them. Each bundle written is recorded in `sync_bundle`
 * (who, when, to whom, its hash). Nothing here moves a watermark: only a peer's own
 * bundle saying what it holds does, so a lost bundle is simply sent again in
 * the next one.
 */

export interface ExportOptions {
  /** write the file here (created if needed); otherwise only return the bytes */
  outDir?: string | undefined;
  /** write a bundle even when there is nothing new (it still tells the peers what this office holds) */
  always?: boolean | undefined;
  /**
   * Write only when this office holds something it has not told these peers
   * of yet (a sync folder pass): a bundle already in the folder carries the
   * rest, and a peer that is not running passes must not get a new copy of
   * the same changes on every pass.
   */
  onlyNews?: boolean | undefined;
}

export interface ExportResult {
  view: BundleExportView;
  bytes: Buffer | null;
  header: BundleHeader | null;
}

function receivers(store: OfficeStore, to: readonly string[]): OfficeTable[] {
  const codes = [...new Set(to.map((c) => c.trim().toUpperCase()).filter(Boolean))];
  if (codes.length === 0) throw new HomewardError('VALIDATION_FAILED', 'Name the office(s) to send to, e.g. --to MYW or --to MYW,BKK.');
  return codes.map((code) => {
    if (code === store.office) throw new HomewardError('VALIDATION_FAILED', `${code} is this office. Send bundles to the other offices.`);
    const row = prepare(store.db, 'SELECT * FROM office WHERE code = ? AND is_self = 0').get(code) as OfficeTable | undefined;
    if (!row) throw new HomewardError('NOT_FOUND', `Office ${code} is not a peer. Add it from its key card first ("homeward peer add").`);
    if (row.trust !== 'trusted') throw new HomewardError('FORBIDDEN', `Office ${code} was removed as a peer; nothing is sent to it. Add it again from a new key card if it should sync.`);
    if (!row.age_recipient) throw new HomewardError('VALIDATION_FAILED', `Office ${code} has no age key on record. Replace its keys from its key card.`);
    return row;
  });
}

const above = (hlc: string, base: Watermarks): boolean => {
  const mark = base[nodeOf(hlc)];
  return mark === undefined || hlc > mark;
};

/** The change log entries above `base`, as bundle lines, with the attachments their rows name. */
function pendingChanges(store: OfficeStore, base: Watermarks, fromSeq: number): { lines: string[]; blobHashes: Set<string>; floor: number } {
  const lines: string[] = [];
  const blobHashes = new Set<string>();
  let floor = fromSeq;
  let gap = false;
  for (const c of prepare(store.db, 'SELECT seq, hlc, rows FROM change WHERE seq > ? ORDER BY seq').iterate(fromSeq) as Iterable<{ seq: number; hlc: string; rows: string }>) {
    if (!above(c.hlc, base)) {
      if (!gap) floor = c.seq;
      continue;
    }
    gap = true;
    let rowsJson = c.rows;
    // Only parse what may need filtering: rows of local tables, attachments, receipts.
    if (rowsJson.includes('"table":"office"') || rowsJson.includes('"table":"user"') || rowsJson.includes('sha256')) {
      const rows = (JSON.parse(rowsJson) as ChangedRow[]).filter((r) => !LOCAL_ONLY_TABLES.has(r.table));
      if (rows.length === 0) continue;
      for (const r of rows) {
        const hash = r.table === 'attachment' ? r.fields.sha256 : r.table === 'handover' ? r.fields.ack_sha256 : undefined;
        if (typeof hash === 'string') blobHashes.add(hash);
      }
      rowsJson = JSON.stringify(rows);
    }
    lines.push(`{"hlc":${JSON.stringify(c.hlc)},"rows":${rowsJson}}`);
  }
  return { lines, blobHashes, floor };
}

/**
 * The first event of a chain stamped above `mark`. A device stamps its events
 * in increasing order, so this is a binary search on the chain's index rather
 * than a read of its whole history.
 */
function firstIndexAbove(store: OfficeStore, chain: string, mark: string | undefined): number {
  if (mark === undefined) return 0;
  const stampAt = prepare(store.db, 'SELECT hlc FROM audit_event WHERE chain = ? AND chain_index = ?');
  const last = (prepare(store.db, 'SELECT max(chain_index) AS n FROM audit_event WHERE chain = ?').get(chain) as { n: number | null }).n;
  if (last === null) return 0;
  let lo = 0;
  let hi = last + 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const row = stampAt.get(chain, mid) as { hlc: string } | undefined;
    // A gap in the chain (never expected) falls back to reading on from it.
    if (!row) return Math.min(lo, mid);
    if (row.hlc > mark) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function pendingEvents(store: OfficeStore, base: Watermarks): BundleEvent[] {
  const events: BundleEvent[] = [];
  const chains = (prepare(store.db, 'SELECT DISTINCT chain FROM audit_event').all() as { chain: string }[]).map((r) => r.chain);
  for (const chain of chains) {
    const from = firstIndexAbove(store, chain, base[chain]);
    for (const e of prepare(store.db, 'SELECT * FROM audit_event WHERE chain = ? AND chain_index >= ? ORDER BY chain_index').iterate(chain, from) as Iterable<AuditEventTable>) {
      const { seq: _seq, ...event } = e;
      events.push(event);
    }
  }
  return events;
}

function peerFloor(store: OfficeStore, code: string): number {
  return (prepare(store.db, 'SELECT floor_seq FROM sync_peer WHERE office = ?').get(code) as { floor_seq: number } | undefined)?.floor_seq ?? 0;
}

/**
 * What a peer holds only grows, so the log entries below the first one it
 * lacked need never be read again for it. (With several receivers the
 * common base is lower than each one's: still true for each.)
 */
function recordFloor(store: OfficeStore, codes: readonly string[], floor: number): void {
  store.write('sync', (tx) => {
    for (const code of codes) {
      ensurePeerState(tx.db, code);
      prepare(tx.db, 'UPDATE sync_peer SET floor_seq = max(floor_seq, ?) WHERE office = ?').run(floor, code);
    }
  });
}

function sameMarks(a: Watermarks, b: Watermarks): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export function exportBundle(store: OfficeStore, actor: string, to: readonly string[], options: ExportOptions = {}): ExportResult {
  const peers = receivers(store, to);
  const base = commonBase(peers.map((p) => peerSeen(store.db, p.code)));
  const watermarks = heldWatermarks(store);
  const codes = peers.map((p) => p.code);
  const unchangedSinceLast = codes.every((code) => sameMarks(toldPeer(store.db, code), watermarks));
  const nothing = { view: { bundleId: '', fileName: '', path: null, to: codes, changes: 0, events: 0, attachments: 0, bytes: 0, empty: true }, bytes: null, header: null };
  if (options.onlyNews && unchangedSinceLast && !options.always) return nothing;
  const fromSeq = Math.min(...codes.map((code) => peerFloor(store, code)));
  const { lines, blobHashes, floor } = pendingChanges(store, base, fromSeq);
  const events = pendingEvents(store, base);
  // Besides new changes, news is that we now hold more of other offices' changes than we told these peers:
  // until they hear it, they keep sending those again.
  const news = codes.some((code) => {
    const told = toldPeer(store.db, code);
    return Object.entries(watermarks).some(([node, mark]) => node !== store.node && (told[node] === undefined || mark > told[node]!));
  });
  if (!options.always && lines.length === 0 && events.length === 0 && !news) {
    if (floor > fromSeq) recordFloor(store, codes, floor);
    return nothing;
  }
  const blobs: BundleBlob[] = [];
  const getBlob = prepare(store.db, 'SELECT bytes FROM attachment_blob WHERE sha256 = ?');
  for (const hash of [...blobHashes].sort()) {
    const row = getBlob.get(hash) as { bytes: Buffer } | undefined;
    if (row) blobs.push({ sha256: hash, bytes: row.bytes });
  }
  const signer = officeSigner(store.db);
  const { bytes, header } = writeBundle({
    header: { id: uuidv7(), from: store.office, to: codes, createdAt: new Date().toISOString(), schemaVersion: SCHEMA_VERSION, watermarks, base },
    changeLines: lines,
    events,
    blobs,
    sign: signer.sign,
    recipients: peers.map((p) => p.age_recipient!),
  });
  const fileName = bundleFileName(header);
  let path: string | null = null;
  if (options.outDir) {
    mkdirSync(options.outDir, { recursive: true });
    path = join(options.outDir, fileName);
    // Written under a name sync folder passes ignore, then renamed: a reader never sees half a bundle under its real name.
    const partial = join(options.outDir, `.${fileName}.partial`);
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  store.write(actor, (tx) => {
    prepare(tx.db, `INSERT INTO sync_bundle (id, direction, from_office, to_offices, created_at, file_name, sha256, changes, events, blobs, outcome, handled_at, handled_by)
      VALUES (?, 'out', ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`).run(header.id, store.office, JSON.stringify(codes), header.createdAt, fileName, sha256, lines.length, events.length, blobs.length, tx.at, actor);
    for (const code of codes) {
      ensurePeerState(tx.db, code);
      prepare(tx.db, 'UPDATE sync_peer SET last_out_bundle = ?, last_out_at = ?, told = ?, floor_seq = max(floor_seq, ?) WHERE office = ?').run(header.id, tx.at, JSON.stringify(watermarks), floor, code);
    }
  });
  return {
    view: { bundleId: header.id, fileName, path, to: codes, changes: lines.length, events: events.length, attachments: blobs.length, bytes: bytes.length, empty: false },
    bytes,
    header,
  };
}
