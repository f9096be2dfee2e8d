/**
 * Offices that sync with each other, for tests: each a real encrypted
 * database with its own keys, every one a confirmed peer of every other.
 */
import { OfficeStore } from '../src/db/store';
import { uuidv7 } from '../src/db/ids';
import { SCHEMA_VERSION } from '../src/db/migrate';
import { prepare } from '../src/db/query';
import { SYNCED_TABLES } from '../src/db/schema';
import { ensureOfficeKeys, keyCard, officeSigner } from '../src/services/office-keys';
import { importBundle } from '../src/services/sync/apply';
import { exportBundle } from '../src/services/sync/export';
import { addPeer } from '../src/services/sync/peers';
import { heldWatermarks } from '../src/services/sync/state';
import { writeBundle, type BundleEvent, type Watermarks } from '../src/sync/bundle';
import type { BundleImportView } from '../src/api/sync-views';
import { PASSPHRASE, TEST_LOGN, tempDir } from './helpers';
import { join } from 'node:path';

export const SYNC_ACTOR = 'sync@test';

export const OFFICE_NAMES: Record<string, [string, string]> = {
  MSO: ['Mae Sot coordination office', 'TH'],
  MYW: ['Myawaddy liaison office', 'MM'],
  BKK: ['Bangkok coordination centre', 'TH'],
  RNG: ['Ranong shelter office', 'TH'],
  TAK: ['Tak provincial office', 'TH'],
  YGN: ['Yangon reception office', 'MM'],
};

export interface SyncOffice {
  code: string;
  store: OfficeStore;
  path: string;
}

/** Makes offices (codes from OFFICE_NAMES or any 2–8 capitals) in one folder, each trusting all the others. */
export function syncOffices(codes: readonly string[], dir = tempDir()): SyncOffice[] {
  const offices = codes.map((code) => {
    const path = join(dir, `${code.toLowerCase()}.homeward`);
    const [name, country] = OFFICE_NAMES[code] ?? [`${code} office`, 'TH'];
    const { store } = OfficeStore.create(path, { passphrase: PASSPHRASE, office: { code, name, country }, actor: 'admin@test', logN: TEST_LOGN });
    ensureOfficeKeys(store, 'admin@test');
    return { code, store, path };
  });
  for (const a of offices) for (const b of offices) if (a !== b) trust(a.store, b.store);
  return offices;
}

/** `a` adds `b` as a peer from b's key card, fingerprints read back correctly. */
export function trust(a: OfficeStore, b: OfficeStore): void {
  const card = keyCard(b.db);
  addPeer(a, 'admin@test', { card: card.card, ageFingerprint: card.ageFingerprint, signingFingerprint: card.signingFingerprint });
}

/** A bundle from `from` to `to` (bytes), or null when there was nothing to send. */
export function bundle(from: SyncOffice, to: readonly SyncOffice[], options: { always?: boolean } = {}): Buffer | null {
  return exportBundle(from.store, SYNC_ACTOR, to.map((o) => o.code), options).bytes;
}

export function apply(to: SyncOffice, bytes: Buffer, options: { allowDeletes?: boolean } = {}): BundleImportView {
  return importBundle(to.store, SYNC_ACTOR, bytes, options);
}

/** What a hand-written bundle holds; each part left out is what `from` would send (its marks) or nothing. */
export interface CraftedContent {
  id?: string;
  /** changes.jsonl, one line each, as given (any text) */
  lines?: string[];
  events?: unknown[];
  watermarks?: Watermarks;
  base?: Watermarks;
}

/**
 * A bundle from `from` to `to` holding whatever it is given, signed with
 * `from`'s key and sealed to `to`: what a buggy or altered copy of Homeward
 * at a trusted peer could send.
 */
export function craftedBundle(from: SyncOffice, to: SyncOffice, content: CraftedContent = {}): Buffer {
  return writeBundle({
    header: {
      id: content.id ?? uuidv7(),
      from: from.code,
      to: [to.code],
      createdAt: new Date().toISOString(),
      schemaVersion: SCHEMA_VERSION,
      watermarks: content.watermarks ?? heldWatermarks(from.store),
      base: content.base ?? {},
    },
    changeLines: content.lines ?? [],
    events: (content.events ?? []) as BundleEvent[],
    blobs: [],
    sign: officeSigner(from.store.db).sign,
    recipients: [keyCard(to.store.db).ageRecipient],
  }).bytes;
}

/** A change stamp of `office`'s device, `offsetMs` from now. */
export function stampOf(office: SyncOffice, offsetMs = 0): string {
  return `${new Date(Date.now() + offsetMs).toISOString()}-0000-${office.store.node}`;
}

/** a → b, then b → a, until neither has anything new. */
export function exchange(a: SyncOffice, b: SyncOffice): void {
  for (let i = 0; i < 4; i++) {
    const ab = bundle(a, [b]);
    if (ab) apply(b, ab);
    const ba = bundle(b, [a]);
    if (ba) apply(a, ba);
    if (!ab && !ba) return;
  }
}

/** Every office hears from every other until nothing moves. */
export function fullExchange(offices: readonly SyncOffice[]): void {
  for (let round = 0; round < offices.length + 2; round++) {
    let moved = false;
    for (const a of offices) {
      for (const b of offices) {
        if (a === b) continue;
        const bytes = bundle(a, [b]);
        if (bytes) {
          apply(b, bytes);
          moved = true;
        }
      }
    }
    if (!moved) return;
  }
}

/** Tables whose rows must be identical on every office after a full exchange. */
export const CONVERGENT_TABLES = [...SYNCED_TABLES, 'attachment_blob'] as const;

/** The synced content of an office, as text that compares equal across offices that hold the same data. */
export function dump(store: OfficeStore): Record<string, string> {
  const out: Record<string, string> = {};
  for (const table of CONVERGENT_TABLES) {
    const key = table === 'attachment_blob' ? 'sha256' : 'id';
    const rows = prepare(store.db, `SELECT * FROM ${table} ORDER BY ${key}`).all() as Record<string, unknown>[];
    out[table] = JSON.stringify(rows.map((r) => (table === 'attachment_blob' ? { ...r, bytes: (r.bytes as Buffer).toString('base64') } : r)));
  }
  const events = prepare(store.db, 'SELECT id, chain, chain_index, hlc, action, entity_id, hash FROM audit_event ORDER BY chain, chain_index').all();
  out.audit_event = JSON.stringify(events);
  // Writes to this office's own tables (its peers) stay here; everything else travels.
  const changes = (prepare(store.db, 'SELECT hlc, rows FROM change ORDER BY hlc').all() as { hlc: string; rows: string }[])
    .filter((c) => (JSON.parse(c.rows) as { table: string }[]).some((r) => r.table !== 'office' && r.table !== 'user'))
    .map((c) => c.hlc);
  out.change = JSON.stringify(changes);
  return out;
}
