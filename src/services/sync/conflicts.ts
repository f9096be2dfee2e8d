import type { ConflictView, SyncStatusView } from '../../api/sync-views';
import { z } from 'zod';
import { HomewardError } from '../../domain/errors';
import { countryCode, personPatchSchema, type PersonPatchInput } from '../../domain/person';
import { prepare, type Sqlite } from '../../db/query';
import type { PersonTable, SyncBundleTable, SyncConflictTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import type { WritableTable } from '../../db/write-tx';
import { maxDeleteShare } from './apply';
import { listPeers } from './peers';
import { officeOf, sameValue, syncFolder, timeOf } from './state';

/**
 * The review queue sync fills: concurrent identity edits (both values kept,
 * the newer applied), stages to look at, clocks far off, and — closed from
 * the start — other values that lost to a newer one.
 */

/** Person columns a typed value may settle, with the intake field whose rules check it. */
const PERSON_FIELDS: Record<string, keyof PersonPatchInput> = {
  family_name: 'familyName',
  given_names: 'givenNames',
  native_name: 'nativeName',
  aliases: 'aliases',
  sex: 'sex',
  birth_date: 'birthDate',
  estimated_age: 'estimatedAge',
  claimed_nationality: 'claimedNationality',
  confirmed_nationality: 'claimedNationality',
  phone: 'phone',
};

const documentText = z.string().trim().min(1).max(100).nullable();
const DOCUMENT_FIELDS: Record<string, z.ZodTypeAny> = {
  type: z.string().trim().min(1).max(60),
  number: documentText,
  issuing_country: countryCode.nullable(),
  expiry: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Expiry: a date as YYYY-MM-DD, YYYY-MM or YYYY.').nullable(),
};

/**
 * A value typed to settle a conflict passes the same rules as the field at
 * intake, and is stored the way the column holds it (aliases as JSON text).
 */
function checkedValue(table: string, field: string, value: unknown): unknown {
  const wrong = (message: string) => new HomewardError('VALIDATION_FAILED', `That value cannot be stored: ${message}`);
  if (table === 'person' && PERSON_FIELDS[field]) {
    const key = PERSON_FIELDS[field]!;
    let input = value;
    if (key === 'aliases' && typeof value === 'string') {
      try {
        input = JSON.parse(value);
      } catch {
        input = value.split(/[,;]/).map((a) => a.trim()).filter(Boolean);
      }
    }
    const parsed = personPatchSchema.safeParse({ [key]: input });
    if (!parsed.success) throw wrong(parsed.error.issues.map((i) => i.message).join(' '));
    const out = (parsed.data as Record<string, unknown>)[key];
    return key === 'aliases' ? JSON.stringify(out) : out;
  }
  if (table === 'identity_document' && DOCUMENT_FIELDS[field]) {
    const parsed = DOCUMENT_FIELDS[field]!.safeParse(value);
    if (!parsed.success) throw wrong(parsed.error.issues.map((i) => i.message).join(' '));
    return parsed.data;
  }
  throw new HomewardError('VALIDATION_FAILED', `A typed value can settle names, birth dates, nationalities and document details only; ${field} cannot be typed here.`);
}

const decode = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));

function conflictView(db: Sqlite, c: SyncConflictTable): ConflictView {
  const person = c.person_id ? (prepare(db, 'SELECT case_number, family_name, given_names, native_name FROM person WHERE id = ?').get(c.person_id) as Pick<PersonTable, 'case_number' | 'family_name' | 'given_names' | 'native_name'> | undefined) : undefined;
  let currentValue: unknown = null;
  if (c.field && c.kind !== 'clock') {
    const row = prepare(db, `SELECT * FROM "${c.tbl}" WHERE id = ?`).get(c.row_id) as Record<string, unknown> | undefined;
    currentValue = row?.[c.field] ?? null;
  }
  return {
    id: c.id,
    kind: c.kind,
    table: c.tbl,
    rowId: c.row_id,
    personId: c.person_id,
    caseNumber: person?.case_number ?? null,
    personName: person ? [person.family_name, person.given_names].filter(Boolean).join(' ') || person.native_name : null,
    field: c.field,
    winnerValue: decode(c.winner_value),
    winnerAt: c.winner_hlc ? timeOf(c.winner_hlc) : null,
    winnerOffice: c.winner_hlc ? officeOf(c.winner_hlc) : null,
    loserValue: decode(c.loser_value),
    loserAt: c.loser_hlc ? timeOf(c.loser_hlc) : null,
    loserOffice: c.loser_hlc ? officeOf(c.loser_hlc) : null,
    currentValue,
    detail: c.detail,
    bundleId: c.bundle_id,
    status: c.status,
    resolvedBy: c.resolved_by,
    resolvedAt: c.resolved_at,
    resolution: c.resolution,
    createdAt: c.created_at,
  };
}

export function listConflicts(db: Sqlite, filter: { status?: 'open' | 'all'; personId?: string | undefined } = {}): ConflictView[] {
  const rows = prepare(
    db,
    `SELECT * FROM sync_conflict WHERE (? = 'all' OR status = 'open') AND (? IS NULL OR person_id = ?) ORDER BY status = 'open' DESC, id DESC LIMIT 1000`,
  ).all(filter.status ?? 'open', filter.personId ?? null, filter.personId ?? null) as SyncConflictTable[];
  return rows.map((c) => conflictView(db, c));
}

export function conflictRow(db: Sqlite, id: number): SyncConflictTable {
  const row = prepare(db, 'SELECT * FROM sync_conflict WHERE id = ?').get(id) as SyncConflictTable | undefined;
  if (!row) throw new HomewardError('NOT_FOUND', `No sync conflict #${id}.`);
  return row;
}

export interface ResolveInput {
  id: number;
  /** keep the value applied, take the other one, or (identity fields) type the right one */
  choice: 'keep' | 'other' | 'value' | 'reviewed';
  value?: unknown;
  note?: string | undefined;
}

/**
 * Settles a conflict. Choosing a value writes it as a new edit, which every
 * office receives and which settles the same question there; "keep" and
 * "reviewed" only close it here, recorded in the audit trail.
 */
export function resolveConflict(store: OfficeStore, actor: string, input: ResolveInput): ConflictView {
  const c = conflictRow(store.db, input.id);
  if (c.status !== 'open') throw new HomewardError('CONFLICT', `Conflict #${c.id} is already ${c.status}${c.resolution ? ` (${c.resolution})` : ''}.`);
  if ((input.choice === 'other' || input.choice === 'value') && (c.kind !== 'identity' || !c.field)) {
    throw new HomewardError('VALIDATION_FAILED', `Conflict #${c.id} is not about one field's value; mark it reviewed once the case has been looked at (and moved, if it must).`);
  }
  if (input.choice === 'value' && input.value === undefined) throw new HomewardError('VALIDATION_FAILED', 'Give the value to keep.');
  store.write(actor, (tx) => {
    let resolution: string;
    if (input.choice === 'other' || input.choice === 'value') {
      const row = tx.current(c.tbl as WritableTable, c.row_id);
      const current = row[c.field!];
      const chosen = input.choice === 'value' ? checkedValue(c.tbl, c.field!, input.value) : sameValue(current, decode(c.winner_value)) ? decode(c.loser_value) : decode(c.winner_value);
      const changed = tx.update(c.tbl as WritableTable, c.row_id, { [c.field!]: chosen });
      resolution = `set ${c.field} to ${JSON.stringify(chosen)}`;
      tx.audit({ action: 'sync.conflict_resolved', entityType: c.tbl, entityId: c.row_id, personId: c.person_id, before: { [c.field!]: current }, after: changed ? { [c.field!]: chosen } : undefined, reason: input.note ?? resolution });
    } else {
      resolution = input.choice === 'keep' ? `kept ${JSON.stringify(decode(c.winner_value))}` : 'reviewed';
      tx.audit({ action: 'sync.conflict_reviewed', entityType: c.tbl, entityId: c.row_id, personId: c.person_id, after: { conflict: c.id, kind: c.kind, field: c.field }, reason: input.note ?? resolution });
    }
    prepare(tx.db, `UPDATE sync_conflict SET status = 'resolved', resolved_by = ?, resolved_at = ?, resolution = ? WHERE id = ?`).run(actor, tx.at, input.note ? `${resolution} — ${input.note}` : resolution, c.id);
  });
  return conflictView(store.db, conflictRow(store.db, c.id));
}


export function syncStatus(store: OfficeStore): SyncStatusView {
  const db = store.db;
  const count = (sql: string) => (prepare(db, sql).get() as { n: number }).n;
  const bundles = prepare(db, 'SELECT * FROM sync_bundle ORDER BY handled_at DESC LIMIT 20').all() as SyncBundleTable[];
  return {
    office: store.office,
    folder: syncFolder(store),
    node: store.node,
    peers: listPeers(db),
    openConflicts: count(`SELECT count(*) AS n FROM sync_conflict WHERE status = 'open'`),
    parked: count('SELECT count(*) AS n FROM sync_parked'),
    lastBundles: bundles.map((b) => ({ id: b.id, direction: b.direction, from: b.from_office, to: JSON.parse(b.to_offices) as string[], at: b.handled_at, changes: b.changes, fileName: b.file_name })),
    maxDeleteShare: maxDeleteShare(db),
  };
}
