import type { Facet, PersonFacets, PersonList, PersonView, TimelineEntry } from '../api/views';
import { todayIso } from '../domain/dates';
import { HomewardError, validationError } from '../domain/errors';
import {
  personInputSchema,
  personPatchSchema,
  type IdentityDocument,
  type PersonData,
  type PersonInput,
  type PersonPatchInput,
} from '../domain/person';
import { automaticHolds, editViolations, label, type CaseFacts, type HoldKind, type RuleViolation, type Stage } from '../domain/stages';
import { uuidv7 } from '../db/ids';
import { queueDuplicatesAfterEdit, queueLikelyDuplicates } from './duplicates/intake';
import { prepare } from '../db/query';
import { searchPlan } from '../db/search-index';
import type { PersonTable } from '../db/schema';
import type { OfficeStore } from '../db/store';
import type { FieldChanges, WriteTx } from '../db/write-tx';
import {
  caseFacts,
  documentsOf,
  indicatorCodes,
  indicatorId,
  liveDecisionTarget,
  mergedRecords,
  personColumns,
  personRow,
  personView,
  resolvePersonId,
  summary,
  type IndicatorCategory,
} from './person-record';

export function parsePersonInput(input: unknown): PersonData {
  const parsed = personInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues, 'The person record');
  return parsed.data;
}

/** Registers one person inside a running write; returns the new id and case number. */
export function registerPerson(tx: WriteTx, data: PersonData, today = tx.at.slice(0, 10)): { id: string; caseNumber: string } {
  const id = uuidv7();
  const caseNumber = tx.nextCaseNumber();
  const row = {
    id,
    case_number: caseNumber,
    office: tx.office,
    ...personColumns(data, today),
    confirmed_nationality: null,
    stage: 'intake',
    stage_changed_at: tx.at,
    merged_into: null,
    assigned_coordinator: null,
    created_at: tx.at,
    created_by: tx.actor,
    updated_at: tx.at,
    deleted: 0,
  };
  tx.insert('person', row);
  for (const doc of data.documents) insertDocument(tx, id, doc);
  for (const code of data.indicators) addIndicator(tx, id, 'control', code);
  for (const code of data.vulnerabilities) addIndicator(tx, id, 'vulnerability', code);
  tx.audit({ action: 'person.registered', entityType: 'person', entityId: id, personId: id, after: { caseNumber, ...compact(data) } });
  for (const hold of automaticHolds(data, today)) placeHold(tx, id, hold.kind, hold.reason);
  return { id, caseNumber };
}

export function addPerson(store: OfficeStore, actor: string, input: PersonInput | unknown): PersonView {
  const data = parsePersonInput(input);
  const { id } = store.write(actor, (tx) => {
    const registered = registerPerson(tx, data);
    queueLikelyDuplicates(tx, registered.id, data, 'intake');
    return registered;
  });
  return personView(store.db, id);
}

/**
 * An edit addressed to a merged-away record is refused, naming the live case:
 * the form was filled in from that record's old values, and its documents and
 * indicators replace the whole list, so applying it to the survivor would
 * overwrite what the merge chose.
 */
export function updatePerson(store: OfficeStore, actor: string, ref: string, patchInput: PersonPatchInput | unknown, reason: string | null = null): PersonView {
  const parsed = personPatchSchema.safeParse(patchInput);
  if (!parsed.success) throw validationError(parsed.error.issues, 'The change');
  const { expectedUpdatedAt, ...fields } = parsed.data;
  const patch = fields as Partial<PersonData>;
  const id = liveDecisionTarget(store.db, ref, 'make the change');
  store.write(actor, (tx) => {
    const today = tx.at.slice(0, 10);
    const current = personRow(store.db, id);
    if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== current.updated_at) refuseStaleEdit(store, current, expectedUpdatedAt);
    const rulesBefore = editViolations(caseFacts(store.db, current));
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const record = (changes: FieldChanges | null) => {
      for (const [column, v] of Object.entries(changes ?? {})) {
        if (column === 'updated_at') continue;
        before[column] = v.before;
        after[column] = v.after;
      }
    };
    // A new birth date supersedes an estimate; an estimate never silently replaces a birth date.
    const birthDate = patch.birthDate !== undefined ? patch.birthDate : current.birth_date;
    const estimatedAge = patch.estimatedAge !== undefined ? patch.estimatedAge : patch.birthDate ? null : current.estimated_age;
    if (birthDate && estimatedAge !== null) {
      throw validationError(
        [{ path: ['estimatedAge'], message: 'Give either a birth date or an estimated age, not both. To use an estimate instead, set birthDate to null.' }],
        'The change',
      );
    }
    record(tx.update('person', id, personColumns(patch, today, current)));
    if (patch.documents) {
      const docChanges = replaceDocuments(tx, id, patch.documents);
      if (docChanges) {
        before.documents = docChanges.before;
        after.documents = docChanges.after;
      }
    }
    for (const [category, codes] of [
      ['control', patch.indicators],
      ['vulnerability', patch.vulnerabilities],
    ] as const) {
      if (!codes) continue;
      const old = indicatorCodes(store.db, id, category);
      const added = codes.filter((c) => !old.includes(c));
      const removed = old.filter((c) => !(codes as string[]).includes(c));
      for (const c of added) setIndicator(tx, id, category, c, true);
      for (const c of removed) setIndicator(tx, id, category, c, false);
      if (added.length || removed.length) {
        const key = category === 'control' ? 'indicators' : 'vulnerabilities';
        before[key] = old;
        after[key] = codes;
      }
    }
    if (Object.keys(after).length === 0) return;
    const edited = personRow(store.db, id);
    refuseBrokenStageRules(edited, rulesBefore, caseFacts(store.db, edited));
    tx.audit({ action: 'person.updated', entityType: 'person', entityId: id, personId: id, before, after, reason });
    queueDuplicatesAfterEdit(tx, id, Object.keys(after));
    if (patch.birthDate !== undefined || patch.estimatedAge !== undefined) {
      const updated = personRow(store.db, id);
      // A lifted hold was about the age recorded then; a new minor's age needs a new hold.
      const hasMinorHold =
        (prepare(store.db, `SELECT 1 FROM hold WHERE person_id = ? AND kind = 'minor_without_guardian' AND lifted_at IS NULL AND deleted = 0`).get(id) ?? null) !== null;
      for (const hold of automaticHolds({ birthDate: updated.birth_date, estimatedAge: updated.estimated_age }, today)) {
        if (!hasMinorHold) placeHold(tx, id, hold.kind, hold.reason);
      }
    }
  });
  return personView(store.db, id);
}

/**
 * An edit that names someone's case as it was when the form was opened is
 * refused if the case was saved since: the form carries whole lists
 * (documents, indicators), so saving it would undo the newer change.
 */
function refuseStaleEdit(store: OfficeStore, current: PersonTable, expectedUpdatedAt: string): never {
  const last = prepare(store.db, 'SELECT actor, at FROM audit_event WHERE person_id = ? ORDER BY at DESC, seq DESC LIMIT 1').get(current.id) as
    | { actor: string; at: string }
    | undefined;
  const by = last && last.at >= current.updated_at ? ` by ${last.actor}` : '';
  throw new HomewardError(
    'CONFLICT',
    `Someone changed ${current.case_number} since you opened it (saved ${current.updated_at}${by}); reload the case and make your change again.`,
    { caseNumber: current.case_number, expectedUpdatedAt, updatedAt: current.updated_at },
  );
}

/** An edit may not take from a case what its stage needs; rules already broken before the edit (say, after a sync) do not block fixing others. */
function refuseBrokenStageRules(row: PersonTable, before: RuleViolation[], facts: CaseFacts): void {
  const broken = editViolations(facts).filter((v) => {
    const was = before.filter((b) => b.rule === v.rule);
    if (!was.length) return true;
    if (!v.missing) return false;
    return v.missing.some((m) => !was.some((b) => b.missing?.includes(m)));
  });
  if (!broken.length) return;
  throw new HomewardError(
    'RULE_VIOLATION',
    `This change would leave ${row.case_number} without what a case in ${label(facts.stage)} needs, so nothing was saved. ${broken.map((v) => v.message).join(' ')}`,
    { violations: broken, stage: facts.stage },
  );
}

function documentColumns(doc: IdentityDocument) {
  // A document sent without its note (an edit form that does not show notes) keeps the stored one.
  return {
    type: doc.type,
    number: doc.number,
    issuing_country: doc.issuingCountry,
    expiry: doc.expiry,
    holder: doc.holder,
    ...(doc.note !== undefined ? { note: doc.note } : {}),
  };
}

function insertDocument(tx: WriteTx, personId: string, doc: IdentityDocument): string {
  const id = doc.id ?? uuidv7();
  tx.insert('identity_document', {
    id,
    person_id: personId,
    ...documentColumns(doc),
    note: doc.note ?? null,
    created_at: tx.at,
    updated_at: tx.at,
    deleted: 0,
  });
  return id;
}

/** The given list becomes the person's documents: matched by id, new ones added, missing ones tombstoned. */
function replaceDocuments(tx: WriteTx, personId: string, docs: IdentityDocument[]): { before: unknown[]; after: unknown[] } | null {
  const existing = documentsOf(tx.db, personId);
  const byId = new Map(existing.map((d) => [d.id, d]));
  let changed = false;
  const keep = new Set<string>();
  for (const doc of docs) {
    if (doc.id && byId.has(doc.id)) {
      keep.add(doc.id);
      const c = tx.update('identity_document', doc.id, documentColumns(doc));
      changed ||= c !== null;
    } else {
      if (doc.id) {
        throw new HomewardError('NOT_FOUND', `Document ${doc.id} does not belong to this person. Leave out "id" to add a new document.`);
      }
      keep.add(insertDocument(tx, personId, doc));
      changed = true;
    }
  }
  for (const d of existing) {
    if (!keep.has(d.id)) {
      tx.tombstone('identity_document', d.id);
      changed = true;
    }
  }
  if (!changed) return null;
  const brief = (d: { type: string; number: string | null; holder: string }) => ({ type: d.type, number: d.number, holder: d.holder });
  return { before: existing.map(brief), after: docs.map(brief) };
}

/** What was recorded, without the fields left empty. */
function compact(data: PersonData): Partial<PersonData> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)));
}

function addIndicator(tx: WriteTx, personId: string, category: IndicatorCategory, code: string): void {
  tx.insert('indicator', { id: indicatorId(personId, category, code), person_id: personId, category, code, created_at: tx.at, updated_at: tx.at, deleted: 0 });
}

/** Indicator rows have deterministic ids, so re-adding one revives its row and two offices agree on it. */
export function setIndicator(tx: WriteTx, personId: string, category: IndicatorCategory, code: string, present: boolean): void {
  const id = indicatorId(personId, category, code);
  const exists = prepare(tx.db, 'SELECT deleted FROM indicator WHERE id = ?').get(id) as { deleted: number } | undefined;
  if (!exists) {
    if (present) addIndicator(tx, personId, category, code);
  } else {
    tx.update('indicator', id, { deleted: present ? 0 : 1 }, { op: present ? 'update' : 'delete' });
  }
}

/** `addressedAs`: the merged-away case number the hold was addressed to, when it was. */
export function placeHold(tx: WriteTx, personId: string, kind: HoldKind, reason: string, addressedAs: string | null = null): string {
  const id = uuidv7();
  const row = {
    id,
    person_id: personId,
    kind,
    reason,
    placed_by: tx.actor,
    placed_at: tx.at,
    lifted_by: null,
    lifted_at: null,
    lift_reason: null,
    created_at: tx.at,
    updated_at: tx.at,
    deleted: 0,
  };
  tx.insert('hold', row);
  tx.audit({ action: 'hold.placed', entityType: 'hold', entityId: id, personId, after: { kind, reason, ...(addressedAs ? { addressedAs } : {}) }, reason });
  return id;
}

export interface ListFilters {
  stage?: Stage | undefined;
  nationality?: string | undefined;
  site?: string | undefined;
  hold?: HoldKind | 'any' | undefined;
  vulnerability?: string | undefined;
  search?: string | undefined;
  sort?: 'case_number' | 'name' | 'updated' | 'age' | undefined;
  descending?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** The birth date as recorded (YYYY, YYYY-MM or YYYY-MM-DD), or the year an estimated age implies; null when neither is known. */
const BIRTH = "coalesce(p.birth_date, CAST(CAST(substr(p.age_estimated_on, 1, 4) AS INTEGER) - p.estimated_age AS TEXT))";

/**
 * The terms of each sort, in order. A term is ordered the way the list is
 * asked for, or the other way (age goes youngest first: by birth, latest
 * first), or always one way (people whose age is unknown come last).
 */
const SORTS: Record<NonNullable<ListFilters['sort']>, readonly { term: string; order?: 'reversed' | 'ASC' }[]> = {
  case_number: [{ term: 'p.case_number' }],
  name: [{ term: "coalesce(p.family_name, p.given_names, p.native_name, '') COLLATE NOCASE" }, { term: 'p.given_names COLLATE NOCASE' }],
  updated: [{ term: 'p.updated_at' }],
  age: [{ term: `(${BIRTH}) IS NULL`, order: 'ASC' }, { term: BIRTH, order: 'reversed' }],
};

/** Filtered, sorted page of people with the total and per-stage counts for the same filters. */
export function listPeople(store: OfficeStore, filters: ListFilters = {}, today = todayIso()): PersonList {
  const where: string[] = ['p.deleted = 0'];
  const params: unknown[] = [];
  if (filters.nationality) {
    where.push('(p.claimed_nationality = ? OR p.confirmed_nationality = ?)');
    params.push(filters.nationality.toUpperCase(), filters.nationality.toUpperCase());
  }
  if (filters.site) {
    where.push('p.rescue_site = ?');
    params.push(filters.site);
  }
  if (filters.hold) {
    where.push(
      filters.hold === 'any'
        ? 'EXISTS (SELECT 1 FROM hold h WHERE h.person_id = p.id AND h.lifted_at IS NULL AND h.deleted = 0)'
        : 'EXISTS (SELECT 1 FROM hold h WHERE h.person_id = p.id AND h.lifted_at IS NULL AND h.deleted = 0 AND h.kind = ?)',
    );
    if (filters.hold !== 'any') params.push(filters.hold);
  }
  if (filters.vulnerability) {
    where.push(`EXISTS (SELECT 1 FROM indicator i WHERE i.id = p.id || '/vulnerability/' || ? AND i.deleted = 0)`);
    params.push(filters.vulnerability);
  }
  // Searches drive the query from the index and join people by rowid.
  const from: string[] = [];
  const plan = filters.search ? searchPlan(filters.search) : null;
  if (plan?.caseNumber) {
    // A case merged into another still finds the person it was merged into.
    where.push('(p.case_number = ? OR p.id = (SELECT merged_into FROM person WHERE case_number = ?))');
    params.push(plan.caseNumber, plan.caseNumber);
  }
  if (plan?.substrings.length) {
    from.push(`person_search s CROSS JOIN`);
    where.push(...plan.substrings.map(() => 's.text LIKE ?'), 'p.rowid = s.rowid');
    params.push(...plan.substrings);
  }
  if (plan?.prefixes && plan.substrings.length) {
    // Both kinds of term: the trigram match drives, word prefixes filter it.
    where.push('p.rowid IN (SELECT rowid FROM person_words WHERE person_words MATCH ?)');
    params.push(plan.prefixes);
  } else if (plan?.prefixes) {
    from.push(`person_words w CROSS JOIN`);
    where.push('w.person_words MATCH ?', 'p.rowid = w.rowid');
    params.push(plan.prefixes);
  }
  const base = where.join(' AND ');
  const stageCounts = Object.fromEntries(
    (prepare(store.db, `SELECT p.stage AS stage, count(*) AS n FROM ${from.join(' ')} person p WHERE ${base} GROUP BY p.stage`).all(...params) as { stage: Stage; n: number }[]).map(
      (r) => [r.stage, r.n],
    ),
  ) as PersonList['stageCounts'];
  const withStage = filters.stage ? `${base} AND p.stage = ?` : base;
  const stageParams = filters.stage ? [...params, filters.stage] : params;
  const total = filters.stage ? (stageCounts[filters.stage] ?? 0) : Object.values(stageCounts).reduce((a, b) => a + (b ?? 0), 0);
  const direction = (reversed: boolean) => ((filters.descending === true) !== reversed ? 'DESC' : 'ASC');
  const order = SORTS[filters.sort ?? 'case_number'].map(({ term, order }) => `${term} ${order === 'ASC' ? 'ASC' : direction(order === 'reversed')}`).join(', ');
  const rows = prepare(
    store.db,
    `SELECT p.*, (SELECT group_concat(h.kind) FROM hold h WHERE h.person_id = p.id AND h.lifted_at IS NULL AND h.deleted = 0) AS open_holds
     FROM ${from.join(' ')} person p WHERE ${withStage} ORDER BY ${order}, p.id LIMIT ? OFFSET ?`,
  ).all(...stageParams, filters.limit ?? 100, filters.offset ?? 0) as (PersonTable & { open_holds: string | null })[];
  return { total, stageCounts, people: rows.map((r) => summary(r, today)) };
}

export function getPerson(store: OfficeStore, ref: string): PersonView {
  return personView(store.db, resolvePersonId(store.db, ref));
}

/**
 * Every change and transition of a person, oldest first, from the audit
 * chain: the record's own, and those of the records merged into it (their
 * history is the person's too), each marked with the record it was made on.
 */
export function personTimeline(store: OfficeStore, ref: string): TimelineEntry[] {
  const id = resolvePersonId(store.db, ref);
  const merged = new Map(mergedRecords(store.db, id).map((m) => [m.id, m.caseNumber]));
  const ids = [id, ...merged.keys()];
  const rows = prepare(store.db, `SELECT * FROM audit_event WHERE person_id IN (${ids.map(() => '?').join(', ')}) ORDER BY at, seq`).all(...ids) as {
    person_id: string;
    at: string;
    actor: string;
    office: string;
    action: string;
    entity_type: string;
    entity_id: string;
    before: string | null;
    after: string | null;
    reason: string | null;
  }[];
  return rows.map((r) => ({
    at: r.at,
    actor: r.actor,
    office: r.office,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    reason: r.reason,
    mergedRecord: merged.get(r.person_id) ?? null,
  }));
}

/** Rescue sites and nationalities present in the office, most frequent first. */
export function personFacets(store: OfficeStore): PersonFacets {
  const facet = (column: 'rescue_site' | 'claimed_nationality') =>
    prepare(store.db, `SELECT ${column} AS value, count(*) AS count FROM person WHERE deleted = 0 AND ${column} IS NOT NULL GROUP BY ${column} ORDER BY count DESC, value`).all() as Facet[];
  return { sites: facet('rescue_site'), nationalities: facet('claimed_nationality') };
}
