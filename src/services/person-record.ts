import type { DocumentView, HoldView, MergedRecordView, NoteView, PersonSummary, PersonView, VerificationView } from '../api/views';
import { ageOn, todayIso } from '../domain/dates';
import { HomewardError } from '../domain/errors';
import type { PersonData } from '../domain/person';
import { transitionChecks, type CaseFacts, type HoldKind, type Stage } from '../domain/stages';
import { findLivePerson, findPerson, mergeTrail, type PersonTarget } from './refs';
import { attachmentView } from './attachments';
import { prepare, type Sqlite } from '../db/query';
import type { AttachmentTable, HoldTable, IdentityDocumentTable, NoteTable, PersonTable, VerificationTable } from '../db/schema';

/** Maps between stored rows and what the API speaks; gathers a case's facts for the stage rules. */

type PersonColumns = Omit<
  PersonTable,
  'id' | 'case_number' | 'office' | 'stage' | 'stage_changed_at' | 'merged_into' | 'assigned_coordinator' | 'confirmed_nationality' | 'created_at' | 'created_by' | 'updated_at' | 'deleted'
>;

/**
 * The person columns for intake data; fields absent from a patch stay undefined.
 * `current`, for an edit: an estimate given again unchanged keeps the day it
 * was made, so the age it implies keeps growing.
 */
export function personColumns(data: Partial<PersonData>, today: string, current?: Pick<PersonTable, 'estimated_age'>): Partial<PersonColumns> {
  const cols: Partial<PersonColumns> = {
    family_name: data.familyName,
    given_names: data.givenNames,
    native_name: data.nativeName,
    aliases: data.aliases && JSON.stringify(data.aliases),
    sex: data.sex,
    birth_date: data.birthDate,
    estimated_age: data.estimatedAge,
    claimed_nationality: data.claimedNationality,
    languages: data.languages && JSON.stringify(data.languages),
    phone: data.phone,
    rescue_date: data.rescueDate,
    rescue_site: data.rescueSite,
    rescue_operation: data.rescueOperation,
    rescue_group: data.rescueGroup,
  };
  if (data.estimatedAge !== undefined && data.estimatedAge !== current?.estimated_age) {
    cols.age_estimated_on = data.estimatedAge === null ? null : today;
  }
  if (data.birthDate) cols.estimated_age = null;
  if (data.consent !== undefined) {
    cols.consent_status = data.consent?.status ?? null;
    cols.consent_reason = data.consent?.reason ?? null;
  }
  return cols;
}

export function personRow(db: Sqlite, id: string): PersonTable {
  const row = prepare(db, 'SELECT * FROM person WHERE id = ? AND deleted = 0').get(id) as PersonTable | undefined;
  if (!row) throw new HomewardError('NOT_FOUND', `No person with id ${id}.`);
  return row;
}

/**
 * The record a reference names, merged away or not: for reading it, merging
 * it and undoing its merge. Writes about the person use resolveLivePerson.
 * Accepts an id or a case number (any case); names the person it could not find.
 */
export function resolvePersonId(db: Sqlite, ref: string): string {
  const row = findPerson(db, ref);
  if (!row) {
    throw new HomewardError('NOT_FOUND', `No person with case number or id "${ref.trim()}". Search by name with "person list --search".`);
  }
  return row.id;
}

/**
 * The one rule for a write addressed to a record merged away (its case
 * number still finds the person). What adds to what is known of the person (a
 * hold, a note, an attachment, an authority's answer, a place on a list, batch
 * or handover) goes to the live record it was merged into; a decision taken
 * from one record's values (an edit, a stage change, lifting a hold) is
 * refused, naming the case to take it on. Reading a record, merging it and
 * undoing its merge address the record named (resolvePersonId).
 */
export function resolveLivePerson(db: Sqlite, ref: string): PersonTarget {
  const target = findLivePerson(db, ref);
  if (!target) {
    throw new HomewardError('NOT_FOUND', `No person with case number or id "${ref.trim()}". Search by name with "person list --search".`);
  }
  return target;
}

/** Where an additive write goes; `addressedAs` is the merged-away case number typed, kept in the audit trail. */
export function liveWriteTarget(db: Sqlite, ref: string): { id: string; caseNumber: string; addressedAs: string | null } {
  const { named, live } = resolveLivePerson(db, ref);
  return { id: live.id, caseNumber: live.case_number, addressedAs: named.id === live.id ? null : named.case_number };
}

export type { RecordedOn } from '../api/views';

/** The id for a decision, refused on a merged-away record with the case to take it on: `doWhat` reads "lift the hold". */
export function liveDecisionTarget(db: Sqlite, ref: string, doWhat: string): string {
  const target = resolveLivePerson(db, ref);
  refuseMergedAway(target, doWhat);
  return target.named.id;
}

function refuseMergedAway(target: PersonTarget, doWhat: string): void {
  if (target.named.id === target.live.id) return;
  const live = target.live.case_number;
  throw new HomewardError('RULE_VIOLATION', `${mergeTrail(target)}; ${doWhat} on ${live}.`, {
    violations: [{ rule: 'person.merged_away', message: `The person's case continues in ${live}; a merged-away record takes no further changes.` }],
    liveCase: live,
  });
}

/** The person's id and the ids of every record merged into it, directly or through an earlier merge. */
export function personAndMergedIds(db: Sqlite, id: string): string[] {
  return (
    prepare(
      db,
      `WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT p.id FROM person p JOIN tree t ON p.merged_into = t.id WHERE p.stage = 'merged' AND p.deleted = 0)
       SELECT id FROM tree`,
    ).all(id) as { id: string }[]
  ).map((r) => r.id);
}

export function openHolds(db: Sqlite, personId: string): HoldTable[] {
  return prepare(db, 'SELECT * FROM hold WHERE person_id = ? AND lifted_at IS NULL AND deleted = 0 ORDER BY placed_at').all(personId) as HoldTable[];
}

export function caseFacts(db: Sqlite, row: PersonTable): CaseFacts {
  return {
    stage: row.stage as Stage,
    familyName: row.family_name,
    givenNames: row.given_names,
    nativeName: row.native_name,
    aliases: JSON.parse(row.aliases) as string[],
    sex: row.sex,
    birthDate: row.birth_date,
    estimatedAge: row.estimated_age,
    claimedNationality: row.claimed_nationality,
    confirmedNationality: row.confirmed_nationality,
    rescueSite: row.rescue_site,
    rescueDate: row.rescue_date,
    consentStatus: row.consent_status,
    consentReason: row.consent_reason,
    openHolds: openHolds(db, row.id).map((h) => ({ kind: h.kind, reason: h.reason })),
    transfer: transferFact(db, row.id),
    handover: handoverFact(db, row.id),
  };
}

/** The person's place on the latest batch that still counts (not removed from it, not cancelled). */
function transferFact(db: Sqlite, personId: string): CaseFacts['transfer'] {
  const r = prepare(
    db,
    `SELECT b.code, m.status AS member_status, b.status AS batch_status FROM transfer_member m JOIN transfer_batch b ON b.id = m.batch_id
     WHERE m.person_id = ? AND m.deleted = 0 AND b.deleted = 0 AND m.status <> 'removed' AND b.status <> 'cancelled'
     ORDER BY m.listed_at DESC LIMIT 1`,
  ).get(personId) as { code: string; member_status: string; batch_status: string } | undefined;
  return r ? { batch: r.code, memberStatus: r.member_status, batchStatus: r.batch_status } : null;
}

function handoverFact(db: Sqlite, personId: string): CaseFacts['handover'] {
  const r = prepare(
    db,
    `SELECT h.receiving_country, h.official_name, h.manifest_sha256 FROM handover_member hm JOIN handover h ON h.id = hm.handover_id
     WHERE hm.person_id = ? AND hm.deleted = 0 AND h.deleted = 0 ORDER BY h.handed_at DESC LIMIT 1`,
  ).get(personId) as { receiving_country: string; official_name: string; manifest_sha256: string } | undefined;
  return r ? { receivingCountry: r.receiving_country, officialName: r.official_name, manifestHash: r.manifest_sha256 } : null;
}

export function personAge(row: Pick<PersonTable, 'birth_date' | 'estimated_age' | 'age_estimated_on'>, today = todayIso()): number | null {
  return ageOn({ birthDate: row.birth_date, estimatedAge: row.estimated_age, ageEstimatedOn: row.age_estimated_on }, today);
}

export function summary(row: PersonTable & { open_holds?: string | null }, today: string): PersonSummary {
  return {
    id: row.id,
    caseNumber: row.case_number,
    familyName: row.family_name,
    givenNames: row.given_names,
    nativeName: row.native_name,
    sex: row.sex,
    age: personAge(row, today),
    claimedNationality: row.claimed_nationality,
    confirmedNationality: row.confirmed_nationality,
    stage: row.stage as Stage,
    openHolds: row.open_holds ? (row.open_holds.split(',') as HoldKind[]) : [],
    rescueSite: row.rescue_site,
    updatedAt: row.updated_at,
  };
}

function documentView(d: IdentityDocumentTable): DocumentView {
  return {
    id: d.id,
    type: d.type as DocumentView['type'],
    number: d.number,
    issuingCountry: d.issuing_country,
    expiry: d.expiry,
    holder: d.holder,
    note: d.note,
  };
}

function holdView(h: HoldTable): HoldView {
  return {
    id: h.id,
    kind: h.kind,
    reason: h.reason,
    placedBy: h.placed_by,
    placedAt: h.placed_at,
    liftedBy: h.lifted_by,
    liftedAt: h.lifted_at,
    liftReason: h.lift_reason,
  };
}

function verificationView(v: VerificationTable): VerificationView {
  return {
    id: v.id,
    method: v.method,
    authority: v.authority,
    country: v.country,
    outcome: v.outcome,
    confirmedNationality: v.confirmed_nationality,
    reference: v.reference,
    decidedBy: v.decided_by,
    decidedAt: v.decided_at,
    note: v.note,
    submissionBatch: v.submission_batch,
    evidence: JSON.parse(v.evidence) as string[],
  };
}

export function documentsOf(db: Sqlite, personId: string): IdentityDocumentTable[] {
  return prepare(db, 'SELECT * FROM identity_document WHERE person_id = ? AND deleted = 0 ORDER BY created_at, id').all(personId) as IdentityDocumentTable[];
}

export type IndicatorCategory = 'control' | 'vulnerability';

/** Deterministic, so the same indicator recorded in two offices is one row. */
export function indicatorId(personId: string, category: IndicatorCategory, code: string): string {
  return `${personId}/${category}/${code}`;
}

export function indicatorCodes(db: Sqlite, personId: string, category: IndicatorCategory): string[] {
  // '0' sorts right after '/', so this is exactly the ids starting with the prefix.
  const prefix = `${personId}/${category}/`;
  return (
    prepare(db, 'SELECT code FROM indicator WHERE id > ? AND id < ? AND deleted = 0 ORDER BY code').all(prefix, `${prefix.slice(0, -1)}0`) as {
      code: string;
    }[]
  ).map((r) => r.code);
}

/** Records merged into this one, directly or through an earlier merge. */
export function mergedRecords(db: Sqlite, id: string): MergedRecordView[] {
  return (
    prepare(
      db,
      `WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT p.id FROM person p JOIN tree t ON p.merged_into = t.id WHERE p.stage = 'merged' AND p.deleted = 0)
       SELECT p.id, p.case_number, m.id AS merge_id, m.merged_at, m.merged_by FROM tree t JOIN person p ON p.id = t.id
       JOIN person_merge m ON m.merged_id = p.id AND m.survivor_id = p.merged_into AND m.undone_at IS NULL AND m.deleted = 0
       WHERE p.id <> ?
       ORDER BY m.merged_at`,
    ).all(id, id) as { id: string; case_number: string; merge_id: string; merged_at: string; merged_by: string }[]
  ).map((r) => ({ id: r.id, caseNumber: r.case_number, mergeId: r.merge_id, mergedAt: r.merged_at, mergedBy: r.merged_by }));
}

export function personView(db: Sqlite, id: string, today = todayIso()): PersonView {
  const row = personRow(db, id);
  const mergedFrom = mergedRecords(db, id);
  // Notes, attachments, verifications and sources of merged records are this person's too.
  const ids = [id, ...mergedFrom.map((m) => m.id)];
  const inList = `(${ids.map(() => '?').join(', ')})`;
  const holds = prepare(db, 'SELECT * FROM hold WHERE person_id = ? AND deleted = 0 ORDER BY placed_at').all(id) as HoldTable[];
  const verifications = prepare(db, `SELECT * FROM verification WHERE person_id IN ${inList} AND deleted = 0 ORDER BY created_at`).all(...ids) as VerificationTable[];
  const notes = prepare(db, `SELECT * FROM note WHERE person_id IN ${inList} ORDER BY created_at, id`).all(...ids) as NoteTable[];
  const attachments = prepare(
    db,
    `SELECT a.*, b.size FROM attachment a JOIN attachment_blob b ON b.sha256 = a.sha256 WHERE a.person_id IN ${inList} AND a.deleted = 0 ORDER BY a.created_at, a.id`,
  ).all(...ids) as (AttachmentTable & { size: number })[];
  const sources = (
    prepare(
      db,
      `SELECT s.batch_id, s.row_number, b.file_name, b.file_sha256, b.mapping_name, b.imported_at, b.imported_by
       FROM person_source s JOIN import_batch b ON b.id = s.batch_id WHERE s.person_id IN ${inList} AND s.deleted = 0 ORDER BY b.imported_at, s.row_number`,
    ).all(...ids) as { batch_id: string; row_number: number; file_name: string; file_sha256: string; mapping_name: string | null; imported_at: string; imported_by: string }[]
  ).map((r) => ({ batchId: r.batch_id, fileName: r.file_name, fileSha256: r.file_sha256, row: r.row_number, mappingName: r.mapping_name, importedAt: r.imported_at, importedBy: r.imported_by }));
  const openDuplicates = (
    prepare(
      db,
      `SELECT count(*) AS n FROM duplicate_candidate d JOIN person pa ON pa.id = d.person_a JOIN person pb ON pb.id = d.person_b
       WHERE (d.person_a = ? OR d.person_b = ?) AND d.status = 'open' AND d.deleted = 0 AND pa.stage <> 'merged' AND pb.stage <> 'merged'`,
    ).get(id, id) as { n: number }
  ).n;
  const mergedInto = row.merged_into
    ? (prepare(
        db,
        `SELECT p.id, p.case_number AS caseNumber, m.id AS mergeId FROM person p
         LEFT JOIN person_merge m ON m.survivor_id = p.id AND m.merged_id = ? AND m.undone_at IS NULL AND m.deleted = 0
         WHERE p.id = ? ORDER BY m.merged_at DESC LIMIT 1`,
      ).get(id, row.merged_into) as { id: string; caseNumber: string; mergeId: string | null })
    : null;
  const open = holds.filter((h) => !h.lifted_at);
  const transfers = (
    prepare(
      db,
      `SELECT b.id, b.code, b.status AS batch_status, m.status AS member_status, b.planned_date FROM transfer_member m JOIN transfer_batch b ON b.id = m.batch_id
       WHERE m.person_id = ? AND m.deleted = 0 AND b.deleted = 0 ORDER BY m.listed_at DESC`,
    ).all(id) as { id: string; code: string; batch_status: string; member_status: string; planned_date: string }[]
  ).map((r) => ({ batchId: r.id, batchCode: r.code, batchStatus: r.batch_status, memberStatus: r.member_status, plannedDate: r.planned_date }));
  const handover = prepare(
    db,
    `SELECT h.id, h.code, h.receiving_country, h.agency, h.handed_at, h.ack_at FROM handover_member hm JOIN handover h ON h.id = hm.handover_id
     WHERE hm.person_id = ? AND hm.deleted = 0 AND h.deleted = 0 ORDER BY h.handed_at DESC LIMIT 1`,
  ).get(id) as { id: string; code: string; receiving_country: string; agency: string; handed_at: string; ack_at: string | null } | undefined;
  return {
    ...summary({ ...row, open_holds: open.map((h) => h.kind).join(',') }, today),
    office: row.office,
    aliases: JSON.parse(row.aliases) as string[],
    birthDate: row.birth_date,
    estimatedAge: row.estimated_age,
    ageEstimatedOn: row.age_estimated_on,
    languages: JSON.parse(row.languages) as string[],
    phone: row.phone,
    rescueDate: row.rescue_date,
    rescueOperation: row.rescue_operation,
    rescueGroup: row.rescue_group,
    indicators: indicatorCodes(db, id, 'control'),
    vulnerabilities: indicatorCodes(db, id, 'vulnerability'),
    consent: row.consent_status ? { status: row.consent_status, reason: row.consent_reason } : null,
    documents: documentsOf(db, id).map(documentView),
    holds: holds.map(holdView),
    verifications: verifications.map(verificationView),
    notes: notes.map((n): NoteView => ({ id: n.id, body: n.body, author: n.author, createdAt: n.created_at })),
    attachments: attachments.map(attachmentView),
    stageChangedAt: row.stage_changed_at,
    mergedInto,
    mergedFrom,
    sources,
    openDuplicates,
    transfers,
    handover: handover
      ? { id: handover.id, code: handover.code, receivingCountry: handover.receiving_country, agency: handover.agency, handedAt: handover.handed_at, acknowledged: handover.ack_at !== null }
      : null,
    createdAt: row.created_at,
    createdBy: row.created_by,
    nextSteps: transitionChecks(caseFacts(db, row)),
  };
}
