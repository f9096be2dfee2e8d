import { createHash } from 'node:crypto';
import type { OutcomeImportResult, OutcomeImportRow, VerificationListView } from '../api/journey-views';
import { todayIso } from '../domain/dates';
import { HomewardError, validationError } from '../domain/errors';
import { listInputSchema, verificationInputSchema, type VerificationData, type VerificationOutcome } from '../domain/verification';
import { uuidv7 } from '../db/ids';
import { prepare, type Sqlite } from '../db/query';
import type { IdentityDocumentTable, PersonTable, RecipientTable, VerificationListTable } from '../db/schema';
import type { OfficeStore } from '../db/store';
import { stripNeutralisingQuote } from './import/formula';
import { readListTable } from './import/table';
import { parseDate, parseNationality } from './import/values';
import { MEMBER_COLUMNS, memberView, type MemberRow } from './members';
import { recipientById, recipientRow, recipientView } from './recipients';
import { findLivePerson, livePerson, mergeTrail, rowByRef } from './refs';
import { nextSerial } from './serials';
import { recordVerificationIn, verificationStageProblem } from './verification';

/**
 * Embassy verification lists: the people of one claimed nationality waiting
 * for an answer, sent as a list; each gets a pending verification under the
 * list's code. The embassy's answers come back one by one or as the same list
 * with its outcome columns filled in, matched by case number.
 */


export function listRow(db: Sqlite, ref: string): VerificationListTable {
  return rowByRef(db, 'verification_list', ref, 'verification list', 'List them to find its code, e.g. MSO-V-2026-0001.');
}

function listView(db: Sqlite, l: VerificationListTable): VerificationListView {
  const { n } = prepare(db, `SELECT count(*) AS n FROM verification WHERE submission_batch = ? AND outcome = 'pending' AND deleted = 0`).get(l.code) as { n: number };
  // Removed since the list was made, the recipient is still who the list was for.
  const recipient = l.recipient_id ? recipientById(db, l.recipient_id) : undefined;
  return {
    id: l.id,
    code: l.code,
    country: l.country,
    authority: l.authority,
    recipient: recipient ? recipientView(recipient) : null,
    people: l.people,
    pending: n,
    createdAt: l.created_at,
    createdBy: l.created_by,
  };
}

export function verificationListView(db: Sqlite, ref: string): VerificationListView {
  return listView(db, listRow(db, ref));
}

export function listVerificationLists(db: Sqlite): VerificationListView[] {
  return (prepare(db, 'SELECT * FROM verification_list WHERE deleted = 0 ORDER BY created_at DESC').all() as VerificationListTable[]).map((l) => listView(db, l));
}

/**
 * Who is waiting for an answer from which country: every pending request,
 * counted also for each record its person was merged into, so a survivor is
 * not listed again while a request sent under a merged-away case number is
 * unanswered. UNION stops at a circle of merges.
 */
const PENDING_FOR = `WITH RECURSIVE pending_for(person_id, country) AS (
    SELECT person_id, country FROM verification WHERE outcome = 'pending' AND deleted = 0
    UNION
    SELECT m.merged_into, pf.country FROM pending_for pf JOIN person m ON m.id = pf.person_id
    WHERE m.stage = 'merged' AND m.merged_into IS NOT NULL AND m.deleted = 0
  )`;

/** Use after PENDING_FOR. */
const AWAITING = `p.stage = 'verification' AND p.deleted = 0 AND p.claimed_nationality = ?
  AND NOT EXISTS (SELECT 1 FROM pending_for pf WHERE pf.person_id = p.id AND pf.country = p.claimed_nationality)`;

/**
 * A list goes only to the authority of the country its people claim: people
 * who may fear another government must never have their details sent to it.
 * A recipient with no country is the coordinator's call, as for handovers.
 */
export function checkListRecipient(recipient: RecipientTable, country: string): void {
  if (recipient.country && recipient.country !== country) {
    throw new HomewardError(
      'RULE_VIOLATION',
      `The recipient ${recipient.name} is of ${recipient.country}, but the list is of people claiming ${country}. Choose the authority of ${country}: a list goes only to the country its people claim.`,
      { violations: [{ rule: 'verification_list.recipient_country', message: 'The list goes to the country its people claim.' }] },
    );
  }
}

/** People in verification claiming `country` who are on no pending list yet. */
export function awaitingVerification(db: Sqlite, country: string, today = todayIso()) {
  const rows = prepare(db, `${PENDING_FOR} SELECT ${MEMBER_COLUMNS} FROM person p WHERE ${AWAITING} ORDER BY p.family_name, p.given_names, p.case_number`).all(
    country,
  ) as MemberRow[];
  return rows.map((r) => ({ ...memberView(r, today), claimedNationality: r.claimed_nationality }));
}

export function createVerificationList(store: OfficeStore, actor: string, input: unknown): VerificationListView {
  const parsed = listInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues, 'The verification list');
  const a = parsed.data;
  const recipient = a.recipient ? recipientRow(store.db, a.recipient) : null;
  if (recipient) checkListRecipient(recipient, a.country);
  let id = '';
  store.write(actor, (tx) => {
    let people: PersonTable[];
    if (a.people) {
      people = [];
      const problems: string[] = [];
      for (const ref of new Set(a.people)) {
        // A merged-away case number puts its person on the list: the live record they were merged into.
        const p = findLivePerson(tx.db, ref)?.live;
        if (!p) problems.push(`No person "${ref}".`);
        else if (people.some((q) => q.id === p.id)) continue;
        else if (p.stage !== 'verification') problems.push(`${p.case_number} is in ${p.stage.replace(/_/g, ' ')}, not verification.`);
        else if (p.claimed_nationality !== a.country) problems.push(`${p.case_number} claims ${p.claimed_nationality ?? 'no nationality'}, not ${a.country}.`);
        else people.push(p);
      }
      if (problems.length) {
        throw new HomewardError('RULE_VIOLATION', `The list cannot be made. ${problems.join(' ')}`, {
          violations: problems.map((message) => ({ rule: 'verification_list.member', message })),
        });
      }
    } else {
      people = prepare(tx.db, `${PENDING_FOR} SELECT p.* FROM person p WHERE ${AWAITING} ORDER BY p.family_name, p.given_names, p.case_number`).all(a.country) as PersonTable[];
    }
    if (people.length === 0) {
      throw new HomewardError('RULE_VIOLATION', `Nobody claiming ${a.country} is waiting for verification outside a pending list.`, {
        violations: [{ rule: 'verification_list.not_empty', message: 'A list needs at least one person.' }],
      });
    }
    id = uuidv7();
    const code = nextSerial(tx, 'V');
    tx.insert('verification_list', {
      id,
      code,
      country: a.country,
      authority: a.authority,
      recipient_id: recipient?.id ?? null,
      people: people.length,
      file_sha256: null,
      created_by: tx.actor,
      created_at: tx.at,
      updated_at: tx.at,
      deleted: 0,
    });
    tx.audit({ action: 'verification_list.created', entityType: 'verification_list', entityId: id, after: { code, country: a.country, authority: a.authority, people: people.length } });
    for (const p of people) {
      const vid = uuidv7();
      tx.insert('verification', {
        id: vid,
        person_id: p.id,
        method: 'embassy_list',
        authority: a.authority,
        country: a.country,
        submission_batch: code,
        outcome: 'pending',
        confirmed_nationality: null,
        reference: null,
        decided_by: null,
        decided_at: null,
        note: null,
        evidence: '[]',
        created_at: tx.at,
        updated_at: tx.at,
        deleted: 0,
      });
      tx.audit({ action: 'verification.submitted', entityType: 'verification', entityId: vid, personId: p.id, after: { list: code, authority: a.authority, country: a.country } });
    }
  });
  return verificationListView(store.db, id);
}

/** The columns of the list as sent; the last five are for the embassy to fill in. */
export const LIST_COLUMNS = {
  caseNumber: 'Case number',
  familyName: 'Family name',
  givenNames: 'Given names',
  nativeName: 'Name (native script)',
  sex: 'Sex',
  birth: 'Birth date or age',
  claimed: 'Claimed nationality',
  documents: 'Documents held',
  outcome: 'Outcome (confirmed / not confirmed / other nationality)',
  otherNationality: 'Other nationality (if so)',
  reference: 'Reference',
  decidedOn: 'Decided on (YYYY-MM-DD)',
  note: 'Note',
} as const;

export interface ListPerson {
  person: PersonTable;
  documents: IdentityDocumentTable[];
  photo: { mime: string; bytes: Buffer } | null;
}

export function listPeople(db: Sqlite, code: string): ListPerson[] {
  const people = prepare(
    db,
    `SELECT p.* FROM verification v JOIN person p ON p.id = v.person_id WHERE v.submission_batch = ? AND v.deleted = 0
     ORDER BY p.family_name, p.given_names, p.case_number`,
  ).all(code) as PersonTable[];
  const docs = prepare(db, 'SELECT * FROM identity_document WHERE person_id = ? AND deleted = 0 ORDER BY created_at, id');
  const photo = prepare(
    db,
    `SELECT a.mime, b.bytes FROM attachment a JOIN attachment_blob b ON b.sha256 = a.sha256
     WHERE a.person_id = ? AND a.kind = 'photo' AND a.deleted = 0 ORDER BY a.created_at DESC, a.id DESC LIMIT 1`,
  );
  return people.map((person) => ({
    person,
    documents: docs.all(person.id) as IdentityDocumentTable[],
    photo: (photo.get(person.id) as { mime: string; bytes: Buffer } | undefined) ?? null,
  }));
}

export function documentsHeld(documents: readonly IdentityDocumentTable[]): string {
  return documents
    .map((d) => `${d.type.replace(/_/g, ' ')}${d.number ? ` ${d.number}` : ''}${d.issuing_country ? ` (${d.issuing_country})` : ''}, held by ${d.holder}`)
    .join('; ');
}

export function listCsvRows(people: readonly ListPerson[]): string[][] {
  return [
    Object.values(LIST_COLUMNS),
    ...people.map(({ person: p, documents }) => [
      p.case_number,
      p.family_name ?? '',
      p.given_names ?? '',
      p.native_name ?? '',
      p.sex,
      p.birth_date ?? (p.estimated_age === null ? '' : `about ${p.estimated_age} (estimated ${p.age_estimated_on ?? ''})`.trim()),
      p.claimed_nationality ?? '',
      documentsHeld(documents),
      '',
      '',
      '',
      '',
      '',
    ]),
  ];
}

const OUTCOME_WORDS: Record<string, VerificationOutcome> = {
  confirmed: 'confirmed',
  confirm: 'confirmed',
  yes: 'confirmed',
  'not confirmed': 'not_confirmed',
  not_confirmed: 'not_confirmed',
  unconfirmed: 'not_confirmed',
  no: 'not_confirmed',
  'other nationality': 'other_nationality',
  other_nationality: 'other_nationality',
  other: 'other_nationality',
  pending: 'pending',
};

function findColumn(header: readonly string[], label: string, short: RegExp): number {
  const exact = header.findIndex((h) => h.trim().toLowerCase() === label.toLowerCase());
  return exact >= 0 ? exact : header.findIndex((h) => short.test(h.trim()));
}

const AGE_INTRO = 'age-encryption.org/';
const AGE_ARMOR = '-----BEGIN AGE ENCRYPTED FILE-----';

/** The sealed list sits next to the embassy's answer and is easily picked instead: say so, not "unreadable encoding". */
function refuseSealedFile(list: VerificationListTable, file: { name: string; bytes: Uint8Array }): void {
  const head = Buffer.from(file.bytes.subarray(0, 64)).toString('latin1');
  if (!head.startsWith(AGE_INTRO) && !head.trimStart().startsWith(AGE_ARMOR)) return;
  const sent = list.file_sha256 === createHash('sha256').update(file.bytes).digest('hex');
  throw new HomewardError(
    'FILE_UNREADABLE',
    `${file.name} is ${sent ? `the sealed list ${list.code} that Homeward sent to the embassy` : 'encrypted with age, like the sealed list Homeward sends to the embassy'}, not the embassy's answer. Choose the CSV or XLSX file the embassy returned, with the outcome columns filled in, and import that.`,
  );
}

/** Loose on purpose: a mistyped case number is "not on the list", but "Total: 12" is no case number at all. */
const CASE_NUMBER_SHAPE = /^[A-Z0-9]+(?:-[A-Z0-9]+)+$/;

/** Embassies add totals, signatures and remarks below the list; such a row is no answer about a person. */
function notAPersonRow(rowNumber: number, caseText: string, row: readonly string[]): string {
  const what = `or ${caseText ? 'write the case number as on the list sent' : 'fill in the case number'}; then import the file again.`;
  if (caseText) return `Row ${rowNumber}: "${caseText}" is not a case number. Delete rows that are not a person on the list, such as totals, signatures or remarks, ${what}`;
  const text = row.map((c) => stripNeutralisingQuote(c).trim()).filter(Boolean).join(' ');
  const shown = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return `Row ${rowNumber}${shown ? ` ("${shown}")` : ''} has no case number. Delete rows that are not a person on the list, such as totals, signatures or remarks, ${what}`;
}

/** An embassy may have answered by telephone or email some weeks before the list was made and sent. */
const ANSWERED_BEFORE_LIST_DAYS = 31;

/**
 * An answer cannot be much older than the list it answers, nor come from the
 * future; such a date was most likely read with day and month swapped
 * ("11/2/2026" meant as November 2). A day's grace after today, as for
 * rescue dates, for offices ahead of UTC.
 */
function implausibleDecision(rowNumber: number, raw: string, date: string, list: VerificationListTable): string | null {
  const made = list.created_at.slice(0, 10);
  const earliest = new Date(Date.parse(`${made}T00:00:00Z`) - ANSWERED_BEFORE_LIST_DAYS * 86_400_000).toISOString().slice(0, 10);
  const when = date < earliest ? `more than a month before list ${list.code} was made (${made})` : date > todayIso(1) ? `after today (${todayIso()})` : null;
  if (!when) return null;
  return `Row ${rowNumber}: the decision date "${raw}" reads as ${date}, ${when}. The day and month may be swapped: write the date as YYYY-MM-DD and import the file again.`;
}

const ANSWER_FIELDS: [keyof VerificationData, string][] = [
  ['outcome', 'outcome'],
  ['otherNationality', 'other nationality'],
  ['reference', 'reference'],
  ['decidedAt', 'decision date'],
  ['note', 'note'],
];

/** How two rows' answers for one listed person differ, e.g. `reference (EL-1, EL-2)`; empty when they are the same answer. */
function answerDifferences(a: VerificationData, b: VerificationData): string[] {
  const shown = (v: unknown) => (v === null || v === undefined || v === '' ? 'empty' : String(v).replace(/_/g, ' '));
  return ANSWER_FIELDS.filter(([k]) => (a[k] ?? null) !== (b[k] ?? null)).map(([k, label]) => `${label} (${shown(a[k])}, ${shown(b[k])})`);
}

/**
 * Reads an embassy's returned list and records every answer in one write
 * (all or nothing). Rows with no outcome stay pending; a row that cannot be
 * read or recorded is reported with its number and reason, and then nothing
 * of the file is recorded. The answer about a person merged away after being
 * listed is recorded on the record they were merged into. A row repeated
 * word for word (a copy-paste in Excel) counts once; two rows giving one
 * listed person different answers block the file. A dry run checks
 * everything applying checks, so "ready" means the apply will record it.
 */
export function importOutcomes(store: OfficeStore, actor: string, listRef: string, file: { name: string; bytes: Uint8Array }, dryRun = false): OutcomeImportResult {
  const list = listRow(store.db, listRef);
  refuseSealedFile(list, file);
  const table = readListTable(file.bytes, file.name);
  const headerAt = table.rows.findIndex((r) => r.some((c) => /case\s*(number|no)/i.test(c)));
  if (headerAt < 0) {
    throw new HomewardError('VALIDATION_FAILED', `No "${LIST_COLUMNS.caseNumber}" column in ${file.name}. Return the list as it was sent, with the outcome columns filled in.`);
  }
  const header = table.rows[headerAt]!;
  const col = {
    caseNumber: findColumn(header, LIST_COLUMNS.caseNumber, /^case\s*(number|no)/i),
    outcome: findColumn(header, LIST_COLUMNS.outcome, /^outcome/i),
    other: findColumn(header, LIST_COLUMNS.otherNationality, /^other\s*nationality/i),
    reference: findColumn(header, LIST_COLUMNS.reference, /^ref/i),
    decidedOn: findColumn(header, LIST_COLUMNS.decidedOn, /^decided/i),
    note: findColumn(header, LIST_COLUMNS.note, /^note/i),
  };
  if (col.outcome < 0) {
    throw new HomewardError('VALIDATION_FAILED', `No "Outcome" column in ${file.name}. Return the list as it was sent, with the outcome columns filled in.`);
  }
  const cell = (row: readonly string[], i: number) => (i >= 0 ? stripNeutralisingQuote(row[i] ?? '').trim() : '');
  const onList = new Map(
    (
      prepare(
        store.db,
        `SELECT p.*, v.outcome AS list_outcome FROM verification v JOIN person p ON p.id = v.person_id WHERE v.submission_batch = ? AND v.deleted = 0`,
      ).all(list.code) as (PersonTable & { list_outcome: string })[]
    ).map((r) => [r.case_number, r]),
  );
  const rows: OutcomeImportRow[] = [];
  const answers: { row: number; caseNumber: string; personId: string; addressedAs: string | null; data: VerificationData }[] = [];
  table.rows.slice(headerAt + 1).forEach((r, i) => {
    const rowNumber = table.rowNumbers[headerAt + 1 + i]!;
    const caseText = cell(r, col.caseNumber);
    const caseNumber = caseText.toUpperCase() || null;
    const outcomeText = cell(r, col.outcome).toLowerCase().replace(/\s+/g, ' ');
    const problems: string[] = [];
    const entry = caseNumber ? onList.get(caseNumber) : undefined;
    if (!caseNumber || (!entry && !CASE_NUMBER_SHAPE.test(caseNumber))) problems.push(notAPersonRow(rowNumber, caseText, r));
    else if (!entry) problems.push(`${caseNumber} is not on list ${list.code}.`);
    if (!outcomeText) {
      rows.push({ row: rowNumber, caseNumber, outcome: null, status: problems.length ? 'invalid' : 'unchanged', problems });
      return;
    }
    const outcome = OUTCOME_WORDS[outcomeText];
    if (!outcome) problems.push(`Outcome "${cell(r, col.outcome)}" is not one of: confirmed, not confirmed, other nationality.`);
    const other = parseNationality(cell(r, col.other));
    if (!other.ok) problems.push(other.reason);
    const decidedText = cell(r, col.decidedOn);
    const decided = parseDate(decidedText);
    if (!decided.ok) problems.push(decided.reason);
    else if (decided.value && decided.value.length !== 10) problems.push('Decided on: give the full date, YYYY-MM-DD.');
    else if (decided.value) {
      const implausible = implausibleDecision(rowNumber, decidedText, decided.value, list);
      if (implausible) problems.push(implausible);
    }
    if (problems.length || !entry || !outcome || outcome === 'pending') {
      rows.push({ row: rowNumber, caseNumber, outcome: outcome ?? outcomeText, status: outcome === 'pending' && !problems.length ? 'unchanged' : 'invalid', problems });
      return;
    }
    const parsed = verificationInputSchema.safeParse({
      method: 'embassy_list',
      authority: list.authority,
      country: list.country,
      outcome,
      otherNationality: other.ok ? other.value : null,
      reference: cell(r, col.reference) || null,
      submissionBatch: list.code,
      decidedAt: decided.ok ? decided.value : null,
      note: cell(r, col.note) || null,
    });
    if (!parsed.success) {
      rows.push({ row: rowNumber, caseNumber, outcome, status: 'invalid', problems: parsed.error.issues.map((x) => x.message) });
      return;
    }
    if (entry.list_outcome !== 'pending') {
      rows.push({ row: rowNumber, caseNumber, outcome, status: 'unchanged', problems: [`Already answered (${entry.list_outcome.replace(/_/g, ' ')}).`] });
      return;
    }
    // The embassy answered about the person, whichever of their records was listed.
    const target = livePerson(store.db, entry);
    const live = target.live;
    const redirected = live.id === entry.id ? [] : [`${mergeTrail(target)}; the answer is recorded on ${live.case_number}.`];
    const stageProblem = verificationStageProblem(live);
    if (stageProblem) {
      rows.push({ row: rowNumber, caseNumber, outcome, status: 'invalid', problems: [...redirected, `${stageProblem} Or leave this row's outcome empty.`] });
      return;
    }
    const same = answers.find((a) => a.personId === live.id);
    // One listed entry takes one answer: a second row for it would add a second verification under the list.
    if (same?.caseNumber === entry.case_number) {
      const differences = answerDifferences(same.data, parsed.data);
      rows.push(
        differences.length
          ? {
              row: rowNumber,
              caseNumber,
              outcome,
              status: 'invalid',
              problems: [
                ...redirected,
                `Rows ${same.row} and ${rowNumber} both answer for ${entry.case_number} but differ in ${differences.join(' and ')}. One answer per person: ask the embassy which row is right, delete the other and import the file again.`,
              ],
            }
          : { row: rowNumber, caseNumber, outcome, status: 'unchanged', problems: [...redirected, `The same answer as row ${same.row}; recorded once.`] },
      );
      return;
    }
    if (same && (same.data.outcome !== parsed.data.outcome || same.data.otherNationality !== parsed.data.otherNationality)) {
      rows.push({
        row: rowNumber,
        caseNumber,
        outcome,
        status: 'invalid',
        problems: [
          ...redirected,
          `Row ${same.row} (${same.caseNumber}) is the same person, ${live.case_number}, with another answer. Ask the embassy which answer is right and keep only that one.`,
        ],
      });
      return;
    }
    answers.push({ row: rowNumber, caseNumber: entry.case_number, personId: live.id, addressedAs: redirected.length ? entry.case_number : null, data: parsed.data });
    rows.push({ row: rowNumber, caseNumber, outcome, status: 'recorded', problems: redirected });
  });
  const invalid = rows.filter((r) => r.status === 'invalid').length;
  const apply = !dryRun && invalid === 0 && answers.length > 0;
  if (apply) {
    store.write(actor, (tx) => {
      for (const a of answers) recordVerificationIn(tx, a.personId, a.data, a.addressedAs);
    });
  } else {
    for (const r of rows) if (r.status === 'recorded') r.status = 'ready';
  }
  return {
    recorded: apply ? answers.length : 0,
    unchanged: rows.filter((r) => r.status === 'unchanged').length,
    invalid,
    dryRun: dryRun || invalid > 0,
    rows,
  };
}
