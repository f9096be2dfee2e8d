/**
 * Selected cases in the fields of the Human Trafficking Case Data Standard,
 * as JSON records and as a CSV a spreadsheet opens safely. The mapping from
 * Homeward's columns, and what stays empty, is documented in ./MAPPING.md.
 *
 * Reads in a fixed number of queries whatever the number of cases: the ids
 * travel as one JSON array bound to json_each(), so there is no per-person
 * query and no limit on bound variables.
 */
import type { ExportFile } from '../../api/journey-views';
import { isCalendarDate, todayIso } from '../../domain/dates';
import { HomewardError } from '../../domain/errors';
import { isCountryCode } from '../../domain/reference/countries';
import type { ControlIndicator } from '../../domain/reference/indicators';
import { UUID_PATTERN } from '../../db/ids';
import { prepare, type Sqlite } from '../../db/query';
import type { PersonTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import { csvBytes } from '../import/error-file';
import { exportFile, resolveTarget, seal } from '../manifest/package';
import {
  HTCDS_FALSE,
  HTCDS_FIELD_NAMES,
  HTCDS_NAME,
  HTCDS_TRUE,
  HTCDS_VERSION,
  METHODS_OF_CONTROL,
  METHOD_OF_CONTROL_BY_INDICATOR,
  MULTI_SELECT_SEPARATOR,
  type HtcdsCaseStatus,
  type HtcdsFields,
  type HtcdsGender,
  type HtcdsValue,
  type MethodOfControl,
} from './fields';

export interface HtcdsRecord {
  /** Homeward's case number: HTCDS has no case identifier field, so it travels beside the fields */
  caseNumber: string;
  fields: HtcdsFields;
}

export interface HtcdsExport {
  schema: { name: typeof HTCDS_NAME; version: string };
  /** one per person, in the order first asked for */
  records: HtcdsRecord[];
  /** cases asked for that were merged into another case, and the case exported in their place */
  merged: { caseNumber: string; survivor: string }[];
}

type RefRow = Pick<PersonTable, 'id' | 'case_number' | 'stage' | 'merged_into'>;

/** How many unknown references the error message names; `details.missing` holds them all. */
const NAMED_IN_MESSAGE = 10;

/**
 * The HTCDS records of the given people, by id or case number (any case).
 * A merged-away case is exported as the case it was merged into (once, however
 * often it is asked for), because the survivor holds its documents,
 * indicators and holds. Any reference that finds nobody refuses the whole
 * export, naming each one.
 */
export function htcdsExport(store: OfficeStore, refs: readonly string[]): HtcdsExport {
  return store.read((db) => {
    const { ids, merged } = resolveRefs(db, refs);
    const people = new Map((rowsById(db, 'SELECT * FROM person WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))', ids) as PersonTable[]).map((p) => [p.id, p]));
    const methods = methodsOfControl(db, ids);
    const handovers = handoversOf(db, ids);
    const records = ids.map((id) => {
      const person = people.get(id) as PersonTable;
      return { caseNumber: person.case_number, fields: htcdsFields(person, methods.get(id) ?? [], handovers.get(id) ?? null) };
    });
    return { schema: { name: HTCDS_NAME, version: HTCDS_VERSION }, records, merged };
  });
}

const EMPTY_FIELDS = Object.freeze(Object.fromEntries(HTCDS_FIELD_NAMES.map((name) => [name, null])) as HtcdsFields);

/** One person's row as HTCDS fields; every field Homeward cannot fill is null. */
export function htcdsFields(person: PersonTable, indicators: readonly string[], handover: HandoverFacts | null = null): HtcdsFields {
  const fields: HtcdsFields = { ...EMPTY_FIELDS };
  fields.prs_FirstName = person.given_names;
  fields.prs_SecondName = person.family_name;
  fields.prs_Birthdate = person.birth_date && isCalendarDate(person.birth_date) ? person.birth_date : null;
  fields.prs_Gender = GENDER_BY_SEX[person.sex];
  fields.prs_Deceased = person.stage === 'deceased' ? true : null;
  fields.prs_Citizenship = citizenship(person);
  fields.prs_MobilePhone = person.phone === null ? null : person.phone.replace(/[\s().-]/g, '');
  fields.con_Consent = person.consent_status === null ? null : person.consent_status === 'given';
  fields.vic_MethodsOfControl = methodCodes(indicators);
  fields.cas_Status = CASE_STATUS_BY_STAGE[person.stage] ?? null;
  fields.cas_ReasonForCaseClosure = CLOSURE_REASON_BY_STAGE[person.stage] ?? null;
  if (handover) {
    // A handover refers the case to the home country's authority: the outgoing referral.
    fields.cas_ReferredOrganisation = `${handover.agency} (${handover.receivingCountry})`;
    fields.cas_ReferredPrimaryCaseWorker = handover.officialName;
    fields.cas_ReasonForOutgoingReferral = 'MigrationOrChangeOfLocation';
    fields.cas_OutgoingReferralDate = handover.handedAt.slice(0, 10);
    fields.cas_OutgoingReferralDetails = `Handover ${handover.code} at ${handover.place}; signed manifest SHA-256 ${handover.manifestSha256}`;
  }
  return fields;
}

export interface HandoverFacts {
  code: string;
  agency: string;
  receivingCountry: string;
  officialName: string;
  place: string;
  handedAt: string;
  manifestSha256: string;
}

function handoversOf(db: Sqlite, ids: readonly string[]): Map<string, HandoverFacts> {
  const rows = rowsById(
    db,
    `SELECT hm.person_id, h.code, h.agency, h.receiving_country AS receivingCountry, h.official_name AS officialName, h.place, h.handed_at AS handedAt,
            h.manifest_sha256 AS manifestSha256
     FROM json_each(?) AS j JOIN handover_member hm ON hm.person_id = j.value JOIN handover h ON h.id = hm.handover_id
     WHERE hm.deleted = 0 AND h.deleted = 0 ORDER BY h.handed_at`,
    ids,
  ) as (HandoverFacts & { person_id: string })[];
  return new Map(rows.map(({ person_id, ...h }) => [person_id, h]));
}

/** Homeward records sex; HTCDS's gender values name the same facts. `other` has no faithful counterpart. */
const GENDER_BY_SEX: Record<PersonTable['sex'], HtcdsGender | null> = {
  female: 'Feminine',
  male: 'Masculine',
  other: null,
  unknown: 'NonSpecifiedUnknown',
};

/** A case is active until it ends; `closed` follows a recorded handover to the home country's authority. */
const CASE_STATUS_BY_STAGE: Partial<Record<string, HtcdsCaseStatus>> = {
  intake: 'Active',
  verification: 'Active',
  transfer: 'Active',
  handover: 'Active',
  closed: 'ClosedReferred',
  absconded: 'Closed',
  deceased: 'Closed',
  remains_in_country: 'Closed',
};

const CLOSURE_REASON_BY_STAGE: Partial<Record<string, string>> = {
  closed: 'Handed over to the authorities of the home country',
  absconded: 'Absconded',
  deceased: 'Deceased',
  remains_in_country: 'Remains in the country (asylum or protection)',
};

/** The verified nationality when there is one, else the nationality the person claims. */
function citizenship(person: PersonTable): string | null {
  const code = person.confirmed_nationality ?? person.claimed_nationality;
  return code && isCountryCode(code) ? code : null;
}

const METHOD_ORDER = new Map<string, number>(METHODS_OF_CONTROL.map((m, i) => [m, i]));

/** In the standard's order; null when none is recorded (Homeward cannot tell "none" from "not asked"). */
function methodCodes(indicators: readonly string[]): MethodOfControl[] | null {
  const codes = new Set<MethodOfControl>();
  for (const indicator of indicators) {
    const code = METHOD_OF_CONTROL_BY_INDICATOR[indicator as ControlIndicator] as MethodOfControl | undefined;
    if (code) codes.add(code);
  }
  return codes.size ? [...codes].sort((a, b) => (METHOD_ORDER.get(a) as number) - (METHOD_ORDER.get(b) as number)) : null;
}

/** Person ids in request order, merged-away cases replaced by their survivor; refuses on any reference that finds nobody. */
function resolveRefs(db: Sqlite, refs: readonly string[]): { ids: string[]; merged: HtcdsExport['merged'] } {
  const wanted = refs.map((r) => r.trim());
  const asId = (ref: string) => ref.toLowerCase();
  const idRefs = wanted.filter((r) => UUID_PATTERN.test(asId(r))).map(asId);
  const numberRefs = wanted.filter((r) => !UUID_PATTERN.test(asId(r))).map((r) => r.toUpperCase());
  const fields = 'id, case_number, stage, merged_into';
  const byId = new Map<string, RefRow>();
  const byNumber = new Map<string, RefRow>();
  const keep = (rows: RefRow[]) => {
    for (const r of rows) {
      byId.set(r.id, r);
      byNumber.set(r.case_number, r);
    }
  };
  keep(rowsById(db, `SELECT ${fields} FROM person WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))`, idRefs) as RefRow[]);
  keep(rowsById(db, `SELECT ${fields} FROM person WHERE deleted = 0 AND case_number IN (SELECT value FROM json_each(?))`, numberRefs) as RefRow[]);

  // Survivors, and theirs in turn when a survivor was itself merged later; a chain is short, one query per link.
  const looked = new Set(byId.keys());
  for (;;) {
    const next = [...byId.values()].filter((r) => r.stage === 'merged' && r.merged_into && !looked.has(r.merged_into)).map((r) => r.merged_into as string);
    if (!next.length) break;
    for (const id of next) looked.add(id);
    keep(rowsById(db, `SELECT ${fields} FROM person WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))`, [...new Set(next)]) as RefRow[]);
  }

  const missing: string[] = [];
  const mergedAway = new Set<string>();
  const ids: string[] = [];
  const seen = new Set<string>();
  const merged: HtcdsExport['merged'] = [];
  for (const ref of wanted) {
    const asked = UUID_PATTERN.test(asId(ref)) ? byId.get(asId(ref)) : byNumber.get(ref.toUpperCase());
    const person = asked && survivorOf(asked, byId);
    if (!asked || !person) {
      missing.push(ref);
      if (asked) mergedAway.add(ref);
      continue;
    }
    if (person !== asked && !merged.some((m) => m.caseNumber === asked.case_number)) merged.push({ caseNumber: asked.case_number, survivor: person.case_number });
    if (!seen.has(person.id)) {
      seen.add(person.id);
      ids.push(person.id);
    }
  }
  if (missing.length) {
    const named = missing
      .slice(0, NAMED_IN_MESSAGE)
      .map((m) => (mergedAway.has(m) ? `"${m}" (merged into a case this office does not hold)` : `"${m}"`))
      .join(', ');
    const more = missing.length > NAMED_IN_MESSAGE ? ` and ${missing.length - NAMED_IN_MESSAGE} more` : '';
    throw new HomewardError(
      'NOT_FOUND',
      `No case with ${missing.length === 1 ? 'this case number or id' : 'these case numbers or ids'} in this office: ${named}${more}. Nothing was exported; check the case numbers and export again.`,
      { missing },
    );
  }
  return { ids, merged };
}

/** Follows merged_into to the case that stands for the person; undefined when the chain leaves this database. */
function survivorOf(row: RefRow, byId: ReadonlyMap<string, RefRow>): RefRow | undefined {
  let current: RefRow | undefined = row;
  const visited = new Set<string>();
  while (current && current.stage === 'merged' && current.merged_into) {
    if (visited.has(current.id)) return undefined;
    visited.add(current.id);
    current = byId.get(current.merged_into);
  }
  return current;
}

function rowsById(db: Sqlite, sql: string, ids: readonly string[]): unknown[] {
  return ids.length ? prepare(db, sql).all(JSON.stringify(ids)) : [];
}

/**
 * Control indicators of many people in one statement. CROSS JOIN keeps the id
 * list as the outer loop, so each person is a range seek on the indicator
 * primary key (`person_id/control/code`), the table's only index.
 */
function methodsOfControl(db: Sqlite, ids: readonly string[]): Map<string, string[]> {
  const rows = rowsById(
    db,
    `SELECT j.value AS person_id, i.code FROM json_each(?) AS j CROSS JOIN indicator AS i
     WHERE i.id > j.value || '/control/' AND i.id < j.value || '/control0' AND i.deleted = 0`,
    ids,
  ) as { person_id: string; code: string }[];
  const byPerson = new Map<string, string[]>();
  for (const r of rows) {
    const list = byPerson.get(r.person_id);
    if (list) list.push(r.code);
    else byPerson.set(r.person_id, [r.code]);
  }
  return byPerson;
}

/** A value as one CSV cell: empty for null, TRUE/FALSE, codes joined by ";". */
export function htcdsCell(value: HtcdsValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? HTCDS_TRUE : HTCDS_FALSE;
  if (typeof value === 'string') return value;
  return value.join(MULTI_SELECT_SEPARATOR);
}

/** The header (HTCDS field names) and one row per record. */
export function htcdsCsvTable(result: HtcdsExport): string[][] {
  return [[...HTCDS_FIELD_NAMES], ...result.records.map((r) => HTCDS_FIELD_NAMES.map((name) => htcdsCell(r.fields[name])))];
}

/** The CSV file's bytes: RFC 4180, UTF-8 with a BOM, CRLF, every cell formula-safe (the writer of ../import/error-file). */
export function htcdsCsvBytes(result: HtcdsExport): Uint8Array {
  return csvBytes(htcdsCsvTable(result));
}

/** The same CSV as text, starting with the BOM (U+FEFF), so writing it as UTF-8 gives the same bytes. */
export function htcdsCsv(result: HtcdsExport): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(htcdsCsvBytes(result));
}

/**
 * The HTCDS export as a file to hand on: cases.json and cases.csv zipped and
 * age-encrypted, like every other export of people's details, to a
 * recipient's key (and this office's) or a passphrase agreed with the
 * receiver; never a plaintext file. The export is audited with whom it was
 * sealed to and the file's hash.
 */
export function exportHtcds(store: OfficeStore, actor: string, refs: readonly string[], options: { recipient?: string | null; passphrase?: string | null }): ExportFile & { records: number } {
  const target = resolveTarget(store.db, options.recipient, options.passphrase);
  const result = htcdsExport(store, refs);
  const sealed = seal(
    store.db,
    [
      { name: 'cases.json', data: new TextEncoder().encode(`${JSON.stringify(result, null, 2)}\n`) },
      { name: 'cases.csv', data: htcdsCsvBytes(result) },
    ],
    target,
  );
  const file = exportFile(`${store.office}-htcds-${todayIso()}.age`, sealed.bytes, sealed.encryptedTo);
  store.write(actor, (tx) =>
    tx.audit({
      action: 'htcds.exported',
      entityType: 'office',
      entityId: store.office,
      after: { cases: result.records.map((r) => r.caseNumber), encryptedTo: sealed.encryptedTo, sha256: file.sha256 },
    }),
  );
  return { ...file, records: result.records.length };
}
