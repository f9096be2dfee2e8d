import type { DocumentView, HoldView, NoteView, PersonSummary, PersonView, VerificationView } from '../api/views';
import { ageOn, todayIso } from '../domain/dates';
import { HomewardError } from '../domain/errors';
import type { PersonData } from '../domain/person';
import { transitionChecks, type CaseFacts, type HoldKind, type Stage } from '../domain/stages';
import { UUID_PATTERN } from '../db/ids';
import { attachmentView } from './attachments';
import { prepare, type Sqlite } from '../db/query';
import type { AttachmentTable, HoldTable, IdentityDocumentTable, NoteTable, PersonTable, VerificationTable } from '../db/schema';

/** Maps between stored rows and what the API speaks; gathers a case's facts for the stage rules. */

type PersonColumns = Omit<
  PersonTable,
  'id' | 'case_number' | 'office' | 'stage' | 'stage_changed_at' | 'merged_into' | 'assigned_coordinator' | 'confirmed_nationality' | 'created_at' | 'created_by' | 'updated_at' | 'deleted'
>;

/** The person columns for intake data; fields absent from a patch stay undefined. */
export function personColumns(data: Partial<PersonData>, today: string): Partial<PersonColumns> {
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
  if (data.estimatedAge !== undefined) cols.age_estimated_on = data.estimatedAge === null ? null : today;
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

/** Accepts an id or a case number (any case); names the person it could not find. */
export function resolvePersonId(db: Sqlite, ref: string): string {
  const trimmed = ref.trim();
  const row = (
    UUID_PATTERN.test(trimmed)
      ? prepare(db, 'SELECT id FROM person WHERE id = ? AND deleted = 0').get(trimmed)
      : prepare(db, 'SELECT id FROM person WHERE case_number = ? AND deleted = 0').get(trimmed.toUpperCase())
  ) as { id: string } | undefined;
  if (!row) {
    throw new HomewardError('NOT_FOUND', `No person with case number or id "${trimmed}". Search by name with "person list --search".`);
  }
  return row.id;
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
    transfer: null,
    handover: null,
  };
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

export function personView(db: Sqlite, id: string, today = todayIso()): PersonView {
  const row = personRow(db, id);
  const holds = prepare(db, 'SELECT * FROM hold WHERE person_id = ? AND deleted = 0 ORDER BY placed_at').all(id) as HoldTable[];
  const verifications = prepare(db, 'SELECT * FROM verification WHERE person_id = ? AND deleted = 0 ORDER BY created_at').all(id) as VerificationTable[];
  const notes = prepare(db, 'SELECT * FROM note WHERE person_id = ? ORDER BY created_at, id').all(id) as NoteTable[];
  const attachments = prepare(
    db,
    'SELECT a.*, b.size FROM attachment a JOIN attachment_blob b ON b.sha256 = a.sha256 WHERE a.person_id = ? AND a.deleted = 0 ORDER BY a.created_at, a.id',
  ).all(id) as (AttachmentTable & { size: number })[];
  const open = holds.filter((h) => !h.lifted_at);
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
    mergedInto: row.merged_into,
    createdAt: row.created_at,
    createdBy: row.created_by,
    nextSteps: transitionChecks(caseFacts(db, row)),
  };
}
