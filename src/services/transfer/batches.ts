import type { BatchCounts, BatchSummary, BatchView, MarkOutcome, MembersOutcome, Refusal, TransferMemberView } from '../../api/journey-views';
import { todayIso } from '../../domain/dates';
import { HomewardError, validationError } from '../../domain/errors';
import {
  ACTIVE_BATCH_STATUSES,
  batchInputSchema,
  batchLabel,
  checkBatchStatus,
  checkListing,
  checkMark,
  nextBatchStatuses,
  type BatchStatus,
  type MemberFacts,
  type MemberMark,
} from '../../domain/transfer';
import type { RuleViolation } from '../../domain/stages';
import { uuidv7 } from '../../db/ids';
import { prepare, type Sqlite } from '../../db/query';
import type { PersonTable, TransferBatchTable, TransferMemberTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import type { WriteTx } from '../../db/write-tx';
import { MEMBER_COLUMNS, memberView, type MemberRow } from '../members';
import { caseFacts } from '../person-record';
import { findLivePerson, rowByRef } from '../refs';
import { nextSerial } from '../serials';

/**
 * Border transfer batches: planned from people ready to go, checked off at
 * boarding and arrival, every mark and status change in the audit chain and
 * in each person's timeline. The rules are in src/domain/transfer.ts.
 */

export function memberId(batchId: string, personId: string): string {
  return `${batchId}/${personId}`;
}

export function batchRow(db: Sqlite, ref: string): TransferBatchTable {
  return rowByRef(db, 'transfer_batch', ref, 'transfer batch', 'List batches to find its code, e.g. MSO-T-2026-0001.');
}

function memberRows(db: Sqlite, batchId: string): (MemberRow & { m: TransferMemberTable })[] {
  const rows = prepare(
    db,
    `SELECT ${MEMBER_COLUMNS}, json_object('status', m.status, 'listed_at', m.listed_at, 'boarded_at', m.boarded_at, 'arrived_at', m.arrived_at,
       'missing_at', m.missing_at, 'removed_at', m.removed_at, 'incident', m.incident, 'id', m.id) AS member
     FROM transfer_member m JOIN person p ON p.id = m.person_id
     WHERE m.batch_id = ? AND m.deleted = 0 ORDER BY p.family_name, p.given_names, p.case_number`,
  ).all(batchId) as (MemberRow & { member: string })[];
  return rows.map((r) => ({ ...r, m: JSON.parse(r.member) as TransferMemberTable }));
}

function transferMemberView(r: MemberRow & { m: TransferMemberTable }, today: string): TransferMemberView {
  return {
    ...memberView(r, today),
    status: r.m.status,
    listedAt: r.m.listed_at,
    boardedAt: r.m.boarded_at,
    arrivedAt: r.m.arrived_at,
    missingAt: r.m.missing_at,
    removedAt: r.m.removed_at,
    incident: r.m.incident,
  };
}

function counts(statuses: readonly string[]): BatchCounts {
  const c: BatchCounts = { listed: 0, boarded: 0, arrived: 0, missing: 0, removed: 0, total: 0 };
  for (const s of statuses) {
    c[s as keyof BatchCounts] += 1;
    if (s !== 'removed') c.total += 1;
  }
  return c;
}

function summaryOf(b: TransferBatchTable, c: BatchCounts): BatchSummary {
  return {
    id: b.id,
    code: b.code,
    fromSite: b.from_site,
    crossingPoint: b.crossing_point,
    toSite: b.to_site,
    plannedDate: b.planned_date,
    vehicle: b.vehicle,
    escort: b.escort,
    capacity: b.capacity,
    status: b.status,
    statusChangedAt: b.status_changed_at,
    note: b.note,
    createdBy: b.created_by,
    createdAt: b.created_at,
    counts: c,
  };
}

function memberFacts(db: Sqlite, batchId: string): MemberFacts[] {
  const rows = prepare(
    db,
    `SELECT p.*, m.status AS member_status FROM transfer_member m JOIN person p ON p.id = m.person_id WHERE m.batch_id = ? AND m.deleted = 0`,
  ).all(batchId) as (PersonTable & { member_status: TransferMemberTable['status'] })[];
  return rows.map((r) => ({ caseNumber: r.case_number, status: r.member_status, facts: caseFacts(db, r) }));
}

export function batchView(db: Sqlite, ref: string, today = todayIso()): BatchView {
  const b = batchRow(db, ref);
  const rows = memberRows(db, b.id);
  const facts = memberFacts(db, b.id);
  const handovers = prepare(
    db,
    `SELECT h.id, h.code, h.receiving_country, (SELECT count(*) FROM handover_member hm WHERE hm.handover_id = h.id AND hm.deleted = 0) AS people
     FROM handover h WHERE h.batch_id = ? AND h.deleted = 0 ORDER BY h.handed_at`,
  ).all(b.id) as { id: string; code: string; receiving_country: string; people: number }[];
  return {
    ...summaryOf(b, counts(rows.map((r) => r.m.status))),
    members: rows.map((r) => transferMemberView(r, today)),
    nextStatuses: nextBatchStatuses(b.status).map((to) => {
      const violations = checkBatchStatus(b.status, to, facts, to === 'cancelled' ? 'check' : null);
      return { to, allowed: violations.length === 0, violations };
    }),
    handovers: handovers.map((h) => ({ id: h.id, code: h.code, receivingCountry: h.receiving_country, people: h.people })),
  };
}

export function listBatches(db: Sqlite, filter: { status?: BatchStatus | 'active' } = {}): BatchSummary[] {
  const where =
    filter.status === 'active'
      ? `AND b.status IN (${ACTIVE_BATCH_STATUSES.map((s) => `'${s}'`).join(', ')})`
      : filter.status
        ? 'AND b.status = @status'
        : '';
  const rows = prepare(
    db,
    `SELECT b.*, (SELECT group_concat(m.status) FROM transfer_member m WHERE m.batch_id = b.id AND m.deleted = 0) AS statuses
     FROM transfer_batch b WHERE b.deleted = 0 ${where} ORDER BY b.planned_date DESC, b.code DESC`,
  ).all(filter.status && filter.status !== 'active' ? { status: filter.status } : {}) as (TransferBatchTable & { statuses: string | null })[];
  return rows.map((r) => summaryOf(r, counts(r.statuses ? r.statuses.split(',') : [])));
}

export function createBatch(store: OfficeStore, actor: string, input: unknown, people: readonly string[] = []): MembersOutcome {
  const parsed = batchInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues, 'The transfer batch');
  const b = parsed.data;
  let id = '';
  let outcome: { added: string[]; refused: Refusal[] } = { added: [], refused: [] };
  store.write(actor, (tx) => {
    id = uuidv7();
    const code = nextSerial(tx, 'T', Number(b.plannedDate.slice(0, 4)));
    tx.insert('transfer_batch', {
      id,
      code,
      from_site: b.fromSite,
      crossing_point: b.crossingPoint,
      to_site: b.toSite,
      planned_date: b.plannedDate,
      vehicle: b.vehicle,
      escort: b.escort,
      capacity: b.capacity,
      status: 'planned',
      status_changed_at: tx.at,
      note: b.note,
      created_by: tx.actor,
      created_at: tx.at,
      updated_at: tx.at,
      deleted: 0,
    });
    tx.audit({ action: 'batch.created', entityType: 'transfer_batch', entityId: id, after: { code, ...b } });
    outcome = listPeople(tx, id, people);
  });
  return { batch: batchView(store.db, id), ...outcome };
}

/** Adds the people who are ready; says for each of the others why not. */
export function addMembers(store: OfficeStore, actor: string, batchRef: string, people: readonly string[]): MembersOutcome {
  const b = batchRow(store.db, batchRef);
  let outcome: { added: string[]; refused: Refusal[] } = { added: [], refused: [] };
  store.write(actor, (tx) => {
    outcome = listPeople(tx, b.id, people);
  });
  return { batch: batchView(store.db, b.id), ...outcome };
}

function listPeople(tx: WriteTx, batchId: string, refs: readonly string[]): { added: string[]; refused: Refusal[] } {
  const batch = tx.current('transfer_batch', batchId) as unknown as TransferBatchTable;
  const added: string[] = [];
  const refused: Refusal[] = [];
  if (refs.length && batch.status !== 'planned') {
    throw new HomewardError('RULE_VIOLATION', `Batch ${batch.code} is ${batchLabel(batch.status)}; people are listed only while it is planned.`, {
      violations: [{ rule: 'batch.list_while_planned', message: 'People are listed only on a planned batch.' }],
    });
  }
  let going = (prepare(tx.db, `SELECT count(*) AS n FROM transfer_member WHERE batch_id = ? AND status <> 'removed' AND deleted = 0`).get(batchId) as {
    n: number;
  }).n;
  const seen = new Set<string>();
  for (const ref of new Set(refs.map((r) => r.trim()).filter(Boolean))) {
    // A merged-away case number lists its person: the live record, named in `added` or `refused`.
    const person = findLivePerson(tx.db, ref)?.live;
    if (!person) {
      refused.push({ ref, caseNumber: null, violations: [{ rule: 'batch.person_exists', message: `No person with case number or id "${ref}".` }] });
      continue;
    }
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    const other = prepare(
      tx.db,
      `SELECT b.code FROM transfer_member m JOIN transfer_batch b ON b.id = m.batch_id
       WHERE m.person_id = ? AND m.deleted = 0 AND m.status <> 'removed' AND b.deleted = 0
         AND (b.status IN ('planned', 'boarding', 'in_transit') OR (b.status = 'arrived' AND m.status IN ('arrived', 'boarded')))`,
    ).get(person.id) as { code: string } | undefined;
    const violations: RuleViolation[] = checkListing(caseFacts(tx.db, person), other?.code ?? null);
    if (violations.length === 0 && going >= batch.capacity) {
      violations.push({ rule: 'batch.capacity', message: `Batch ${batch.code} is full (${batch.capacity} seats). Plan another batch or raise its capacity.` });
    }
    if (violations.length) {
      refused.push({ ref, caseNumber: person.case_number, violations });
      continue;
    }
    const id = memberId(batchId, person.id);
    const existing = prepare(tx.db, 'SELECT id FROM transfer_member WHERE id = ?').get(id);
    const fresh = { status: 'listed', listed_at: tx.at, listed_by: tx.actor, boarded_at: null, boarded_by: null, arrived_at: null, arrived_by: null, missing_at: null, missing_by: null, removed_at: null, removed_by: null, incident: null };
    if (existing) tx.update('transfer_member', id, { ...fresh, deleted: 0 });
    else tx.insert('transfer_member', { id, batch_id: batchId, person_id: person.id, ...fresh, created_at: tx.at, updated_at: tx.at, deleted: 0 });
    tx.audit({ action: 'batch.member_listed', entityType: 'transfer_batch', entityId: batchId, personId: person.id, after: { batch: batch.code } });
    added.push(person.case_number);
    going += 1;
  }
  return { added, refused };
}

/**
 * One check-off mark, by case number (typed or scanned). A missing person
 * needs an incident note; a removal, its reason. A card's case number marks
 * its own place on the batch when it has one (a record merged away after
 * being listed); otherwise the place of the live record it was merged into.
 */
export function markMember(store: OfficeStore, actor: string, batchRef: string, personRef: string, mark: MemberMark, note: string | null): MarkOutcome {
  const b = batchRow(store.db, batchRef);
  const target = findLivePerson(store.db, personRef);
  const placeOf = (p: PersonTable) => prepare(store.db, 'SELECT * FROM transfer_member WHERE id = ? AND deleted = 0').get(memberId(b.id, p.id)) as TransferMemberTable | undefined;
  const place = (target?.chain ?? []).flatMap((p) => {
    const member = placeOf(p);
    return member ? [{ person: p, member }] : [];
  })[0];
  if (!place) {
    throw new HomewardError('NOT_FOUND', `"${personRef.trim()}" is not on batch ${b.code}. Check the case number on the person's card.`);
  }
  const { person, member } = place;
  const violations = checkMark(b.status, member.status, mark, note);
  if (violations.length) {
    throw new HomewardError('RULE_VIOLATION', `${person.case_number} cannot be marked ${mark}. ${violations.map((v) => v.message).join(' ')}`, { violations });
  }
  store.write(actor, (tx) => {
    const patch: Partial<TransferMemberTable> = { status: mark, [`${mark}_at`]: tx.at, [`${mark}_by`]: tx.actor };
    if (mark === 'missing') patch.incident = note!.trim();
    if (mark === 'removed') patch.incident = note!.trim();
    if (mark === 'arrived' && member.status === 'missing' && note?.trim()) patch.incident = `${member.incident ?? ''}\nFound: ${note.trim()}`.trim();
    tx.update('transfer_member', member.id, patch);
    tx.audit({
      action: `batch.member_${mark}`,
      entityType: 'transfer_batch',
      entityId: b.id,
      personId: person.id,
      before: { status: member.status },
      after: { status: mark, batch: b.code },
      reason: note?.trim() || null,
    });
  });
  const view = batchView(store.db, b.id);
  return { batch: view, member: view.members.find((m) => m.personId === person.id)! };
}

export function setBatchStatus(store: OfficeStore, actor: string, batchRef: string, to: BatchStatus, reason: string | null): BatchView {
  const b = batchRow(store.db, batchRef);
  store.write(actor, (tx) => {
    const violations = checkBatchStatus(b.status, to, memberFacts(tx.db, b.id), reason);
    if (violations.length) {
      throw new HomewardError('RULE_VIOLATION', `Batch ${b.code} cannot become ${batchLabel(to)}. ${violations.map((v) => v.message).join(' ')}`, { violations });
    }
    tx.update('transfer_batch', b.id, { status: to, status_changed_at: tx.at });
    tx.audit({ action: 'batch.status_changed', entityType: 'transfer_batch', entityId: b.id, before: { status: b.status }, after: { status: to }, reason: reason?.trim() || null });
  });
  return batchView(store.db, b.id);
}

/** People a new batch could take: in transfer, ready, on no active batch. */
export function batchCandidates(db: Sqlite, filter: { nationality?: string; site?: string; limit?: number } = {}, today = todayIso()) {
  const rows = prepare(
    db,
    `SELECT ${MEMBER_COLUMNS} FROM person p
     WHERE p.stage = 'transfer' AND p.deleted = 0
       AND (@nationality IS NULL OR p.confirmed_nationality = @nationality)
       AND (@site IS NULL OR p.rescue_site = @site)
       AND NOT EXISTS (SELECT 1 FROM transfer_member m JOIN transfer_batch b ON b.id = m.batch_id
                       WHERE m.person_id = p.id AND m.deleted = 0 AND m.status <> 'removed' AND b.deleted = 0
                         AND (b.status IN ('planned', 'boarding', 'in_transit') OR (b.status = 'arrived' AND m.status IN ('arrived', 'boarded'))))
     ORDER BY p.confirmed_nationality, p.family_name, p.given_names LIMIT @limit`,
  ).all({ nationality: filter.nationality ?? null, site: filter.site ?? null, limit: filter.limit ?? 2000 }) as MemberRow[];
  return rows.map((r) => {
    // The same rule that refuses a listing says why this person cannot be ticked.
    const violations = checkListing(caseFacts(db, r), null);
    return { ...memberView(r, today), ready: violations.length === 0, violations };
  });
}
