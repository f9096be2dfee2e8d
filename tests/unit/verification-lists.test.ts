/**
 * Embassy verification lists, as the embassy liaison meets them: a list goes
 * only to the embassy of the country its people claim, the returned list
 * records one answer per person with a plausible date, a wrong file or a
 * stray footer row is named with what to do, and a recipient removed since
 * the list was made leaves the list readable.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAgeIdentity } from '../../src/crypto/age';
import { ageRecipientFingerprint } from '../../src/crypto/fingerprint';
import { todayIso } from '../../src/domain/dates';
import { prepare } from '../../src/db/query';
import type { OfficeStore } from '../../src/db/store';
import { advanceCase } from '../../src/services/cases';
import { csvBytes } from '../../src/services/import/error-file';
import { readListTable } from '../../src/services/import/table';
import { ensureOfficeKeys } from '../../src/services/office-keys';
import { addPerson, getPerson } from '../../src/services/people';
import { addRecipient, removeRecipient } from '../../src/services/recipients';
import { recordVerification } from '../../src/services/verification';
import { exportVerificationList } from '../../src/services/verification-list-export';
import { createVerificationList, importOutcomes, listCsvRows, listPeople, listVerificationLists, verificationListView } from '../../src/services/verification-lists';
import { readZip } from '../../src/services/zip';
import { ACTOR, completePerson, newOffice, refusal, tempDir } from '../helpers';

const VN_EMBASSY = 'Embassy of Viet Nam, Bangkok';
const MM_EMBASSY = 'Embassy of Myanmar, Bangkok';
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

function office(): OfficeStore {
  const { store } = newOffice();
  ensureOfficeKeys(store, 'admin@test');
  return store;
}

function inVerification(store: OfficeStore, overrides: Record<string, unknown> = {}): string {
  const p = addPerson(store, ACTOR, completePerson(overrides));
  advanceCase(store, ACTOR, p.caseNumber, 'verification', 'Intake complete');
  return p.caseNumber;
}

function embassy(store: OfficeStore, name: string, country: string) {
  const key = generateAgeIdentity();
  const recipient = addRecipient(store, ACTOR, { name, country, ageRecipient: key.recipient, fingerprint: ageRecipientFingerprint(key.recipient) });
  return { ...recipient, identity: key.identity };
}

/** A Vietnamese list of two people, made today. */
function vietnameseList(store: OfficeStore, recipient?: string) {
  const a = inVerification(store);
  const b = inVerification(store, { familyName: 'Trần', givenNames: 'Thị Lan', sex: 'female' });
  const list = createVerificationList(store, ACTOR, { country: 'VN', authority: VN_EMBASSY, ...(recipient ? { recipient } : {}) });
  return { a, b, list };
}

interface Answer {
  outcome: string;
  reference?: string;
  decidedOn?: string;
}

/** The list as the embassy returns it: each given row filled in, in the order given (a case number may repeat). */
function returned(store: OfficeStore, code: string, answers: [string, Answer][], extra: string[][] = []): { name: string; bytes: Uint8Array } {
  const [header, ...sent] = listCsvRows(listPeople(store.db, code));
  const rows = answers.map(([caseNumber, a]) => {
    const row = [...sent.find((r) => r[0] === caseNumber)!];
    row.splice(8, 4, a.outcome, '', a.reference ?? '', a.decidedOn ?? todayIso());
    return row;
  });
  return { name: 'returned.csv', bytes: csvBytes([header!, ...rows, ...extra]) };
}

/** How an embassy clerk writes a date: day/month/year without leading zeros. */
function dayFirst(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}/${m}/${y}`;
}

const entries = (store: OfficeStore) =>
  prepare(store.db, `SELECT p.case_number, v.outcome, v.reference, v.decided_at FROM verification v JOIN person p ON p.id = v.person_id WHERE v.deleted = 0 ORDER BY p.case_number, v.reference`).all() as {
    case_number: string;
    outcome: string;
    reference: string | null;
    decided_at: string | null;
  }[];

describe('a verification list goes only to the embassy of the country its people claim', () => {
  it('a list of Vietnamese people cannot be addressed to the Myanmar embassy, and nothing is made', () => {
    const store = office();
    const mm = embassy(store, MM_EMBASSY, 'MM');
    inVerification(store);
    const refused = refusal(() => createVerificationList(store, ACTOR, { country: 'VN', authority: VN_EMBASSY, recipient: MM_EMBASSY }));
    expect(refused.code).toBe('RULE_VIOLATION');
    expect(refused.message).toBe(`The recipient ${mm.name} is of MM, but the list is of people claiming VN. Choose the authority of VN: a list goes only to the country its people claim.`);
    expect(refused.details).toMatchObject({ violations: [{ rule: 'verification_list.recipient_country' }] });
    expect(listVerificationLists(store.db)).toEqual([]);
    expect(entries(store)).toEqual([]);
    // Addressed to Viet Nam's embassy the same list is made.
    embassy(store, VN_EMBASSY, 'VN');
    expect(createVerificationList(store, ACTOR, { country: 'VN', authority: VN_EMBASSY, recipient: VN_EMBASSY })).toMatchObject({ country: 'VN', people: 1, recipient: { country: 'VN' } });
  });

  it('a passphrase recipient of another country is refused too; one with no country is the coordinator’s call, as for handovers', () => {
    const store = office();
    addRecipient(store, ACTOR, { name: 'Myanmar consulate, Mae Sot', country: 'MM' });
    addRecipient(store, ACTOR, { name: 'Liaison officer (passphrase in person)' });
    inVerification(store);
    expect(refusal(() => createVerificationList(store, ACTOR, { country: 'VN', authority: VN_EMBASSY, recipient: 'Myanmar consulate, Mae Sot' })).message).toContain('is of MM');
    expect(createVerificationList(store, ACTOR, { country: 'VN', authority: VN_EMBASSY, recipient: 'Liaison officer (passphrase in person)' }).people).toBe(1);
  });

  it('exporting to another country’s embassy is refused, whether chosen now or stored on an older list, and nothing is recorded', () => {
    const store = office();
    const mm = embassy(store, MM_EMBASSY, 'MM');
    const vn = embassy(store, VN_EMBASSY, 'VN');
    const { list } = vietnameseList(store, vn.id);
    const chosen = refusal(() => exportVerificationList(store, ACTOR, list.code, { pdf: PDF, recipient: MM_EMBASSY }));
    expect(chosen.message).toContain(`The recipient ${mm.name} is of MM, but the list is of people claiming VN.`);
    // A list made before the rule (or synced from an office without it) that names Myanmar's embassy.
    store.write(ACTOR, (tx) => {
      tx.update('verification_list', list.id, { recipient_id: mm.id });
    });
    const stored = refusal(() => exportVerificationList(store, ACTOR, list.code, { pdf: PDF }));
    expect(stored.code).toBe('RULE_VIOLATION');
    expect(stored.message).toContain('Choose the authority of VN');
    const exported = prepare(store.db, `SELECT count(*) AS n FROM audit_event WHERE action = 'verification_list.exported'`).get() as { n: number };
    expect(exported.n).toBe(0);
    expect(prepare(store.db, 'SELECT file_sha256 FROM verification_list WHERE id = ?').get(list.id)).toEqual({ file_sha256: null });
    // To Viet Nam's embassy it goes, and only its key (and this office's) opens it.
    expect(exportVerificationList(store, ACTOR, list.code, { pdf: PDF, recipient: vn.id }).encryptedTo).toEqual([`${vn.name} (key ${vn.fingerprint})`, 'this office']);
  });
});

describe('one answer per person in a returned list', () => {
  it('a row copied twice with the same answer counts once, and the person stays on the list once', () => {
    const store = office();
    const { a, b, list } = vietnameseList(store);
    const file = returned(store, list.code, [
      [a, { outcome: 'confirmed', reference: 'EL-1' }],
      [a, { outcome: 'confirmed', reference: 'EL-1' }],
      [b, { outcome: 'not confirmed', reference: 'EL-3' }],
    ]);
    const dry = importOutcomes(store, ACTOR, list.code, file, true);
    expect(dry.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'ready'],
      [3, 'unchanged'],
      [4, 'ready'],
    ]);
    expect(dry.rows[1]!.problems).toEqual(['The same answer as row 2; recorded once.']);
    expect(importOutcomes(store, ACTOR, list.code, file)).toMatchObject({ recorded: 2, unchanged: 1, invalid: 0 });
    expect(entries(store).map((e) => [e.case_number, e.outcome, e.reference])).toEqual([
      [a, 'confirmed', 'EL-1'],
      [b, 'not_confirmed', 'EL-3'],
    ]);
    expect(listPeople(store.db, list.code).map((p) => p.person.case_number)).toEqual([a, b]);
    expect(importOutcomes(store, ACTOR, list.code, file)).toMatchObject({ recorded: 0, unchanged: 3, invalid: 0 });
  });

  it('two rows for one person that differ block the file, naming both rows, and nothing is written', () => {
    const store = office();
    const { a, b, list } = vietnameseList(store);
    const file = returned(store, list.code, [
      [a, { outcome: 'confirmed', reference: 'EL-1' }],
      [a, { outcome: 'confirmed', reference: 'EL-2' }],
      [b, { outcome: 'not confirmed', reference: 'EL-3' }],
    ]);
    const result = importOutcomes(store, ACTOR, list.code, file);
    expect(result).toMatchObject({ recorded: 0, invalid: 1, dryRun: true });
    expect(result.rows[1]).toMatchObject({
      row: 3,
      status: 'invalid',
      problems: [`Rows 2 and 3 both answer for ${a} but differ in reference (EL-1, EL-2). One answer per person: ask the embassy which row is right, delete the other and import the file again.`],
    });
    const outcomes = importOutcomes(store, ACTOR, list.code, returned(store, list.code, [[a, { outcome: 'confirmed' }], [a, { outcome: 'no' }]]));
    expect(outcomes.rows[1]!.problems[0]).toContain('differ in outcome (confirmed, not confirmed)');
    expect(entries(store).map((e) => e.outcome)).toEqual(['pending', 'pending']);
    expect(getPerson(store, a).confirmedNationality).toBeNull();
  });

  it('a second answer under a list’s code is refused: the list keeps one answer per person', () => {
    const store = office();
    const { a, list } = vietnameseList(store);
    const answer = { method: 'embassy_list', authority: VN_EMBASSY, country: 'VN', outcome: 'confirmed', submissionBatch: list.code };
    recordVerification(store, ACTOR, a, { ...answer, reference: 'EL-1' });
    const again = refusal(() => recordVerification(store, ACTOR, a, { ...answer, reference: 'EL-2' }));
    expect(again.message).toBe(`${a} already has an answer on list ${list.code} (confirmed). If the embassy has changed its answer, record the new one without the list's code.`);
    expect(listPeople(store.db, list.code).filter((p) => p.person.case_number === a)).toHaveLength(1);
    expect(entries(store).filter((e) => e.case_number === a).map((e) => e.reference)).toEqual(['EL-1']);
  });
});

describe('the decision date of an answer', () => {
  it('a date over a month before the list was made or after today is refused, naming the row and the date as read; earlier in the month and today are recorded', () => {
    const store = office();
    const { a, b, list } = vietnameseList(store);
    const made = list.createdAt.slice(0, 10);
    const before = dayFirst(todayIso(-40));
    const after = dayFirst(todayIso(3));
    const result = importOutcomes(store, ACTOR, list.code, returned(store, list.code, [[a, { outcome: 'confirmed', decidedOn: before }], [b, { outcome: 'confirmed', decidedOn: after }]]));
    expect(result).toMatchObject({ recorded: 0, invalid: 2, dryRun: true });
    expect(result.rows[0]!.problems).toEqual([
      `Row 2: the decision date "${before}" reads as ${todayIso(-40)}, more than a month before list ${list.code} was made (${made}). The day and month may be swapped: write the date as YYYY-MM-DD and import the file again.`,
    ]);
    expect(result.rows[1]!.problems).toEqual([
      `Row 3: the decision date "${after}" reads as ${todayIso(3)}, after today (${todayIso()}). The day and month may be swapped: write the date as YYYY-MM-DD and import the file again.`,
    ]);
    expect(entries(store).map((e) => e.outcome)).toEqual(['pending', 'pending']);

    // Answered by telephone before the list was sent, and today.
    const answered = importOutcomes(store, ACTOR, list.code, returned(store, list.code, [[a, { outcome: 'confirmed', decidedOn: dayFirst(todayIso(-20)) }], [b, { outcome: 'confirmed', decidedOn: dayFirst(todayIso()) }]]));
    expect(answered).toMatchObject({ recorded: 2, invalid: 0 });
    expect(getPerson(store, a).verifications).toEqual([expect.objectContaining({ outcome: 'confirmed', decidedAt: todayIso(-20) })]);
    expect(getPerson(store, b).verifications).toEqual([expect.objectContaining({ outcome: 'confirmed', decidedAt: todayIso() })]);
  });
});

describe('a wrong file or a stray row is named with what to do', () => {
  it('the sealed list Homeward sent, picked instead of the embassy’s answer, is called what it is', () => {
    const store = office();
    const vn = embassy(store, VN_EMBASSY, 'VN');
    const { list } = vietnameseList(store, vn.id);
    const sealed = exportVerificationList(store, ACTOR, list.code, { pdf: PDF });
    const wrong = refusal(() => importOutcomes(store, ACTOR, list.code, { name: sealed.fileName, bytes: Buffer.from(sealed.data, 'base64') }, true));
    expect(wrong.code).toBe('FILE_UNREADABLE');
    expect(wrong.message).toBe(
      `${sealed.fileName} is the sealed list ${list.code} that Homeward sent to the embassy, not the embassy's answer. Choose the CSV or XLSX file the embassy returned, with the outcome columns filled in, and import that.`,
    );
  });

  it('a total or a signature below the list blocks the file, naming the row and saying to delete it', () => {
    const store = office();
    const { a, b, list } = vietnameseList(store);
    const footer = [
      ['Total: 2', ...Array(12).fill('')],
      [...Array(12).fill(''), 'Signed: consul'],
    ];
    const result = importOutcomes(store, ACTOR, list.code, returned(store, list.code, [[a, { outcome: 'confirmed' }], [b, { outcome: 'confirmed' }]], footer));
    expect(result).toMatchObject({ recorded: 0, invalid: 2, dryRun: true });
    expect(result.rows.slice(2).map((r) => r.problems)).toEqual([
      ['Row 4: "Total: 2" is not a case number. Delete rows that are not a person on the list, such as totals, signatures or remarks, or write the case number as on the list sent; then import the file again.'],
      ['Row 5 ("Signed: consul") has no case number. Delete rows that are not a person on the list, such as totals, signatures or remarks, or fill in the case number; then import the file again.'],
    ]);
    // A case number that is simply not on the list is still said so.
    const stranger = importOutcomes(store, ACTOR, list.code, returned(store, list.code, [], [['MSO-2026-999999', ...Array(7).fill(''), 'confirmed']]));
    expect(stranger.rows[0]!.problems).toEqual([`MSO-2026-999999 is not on list ${list.code}.`]);
    expect(entries(store).map((e) => e.outcome)).toEqual(['pending', 'pending']);
  });
});

describe('a recipient removed after the list was made', () => {
  it('the list is still shown with who it was for; exporting to the removed key is refused until a new recipient is chosen', () => {
    const store = office();
    const old = embassy(store, VN_EMBASSY, 'VN');
    const { list } = vietnameseList(store, old.id);
    removeRecipient(store, ACTOR, old.id, 'The embassy sent a new key');
    expect(listVerificationLists(store.db).map((l) => [l.code, l.recipient?.name])).toEqual([[list.code, VN_EMBASSY]]);
    expect(verificationListView(store.db, list.code).recipient).toMatchObject({ id: old.id, fingerprint: old.fingerprint });

    const refused = refusal(() => exportVerificationList(store, ACTOR, list.code, { pdf: PDF }));
    expect(refused.message).toBe(
      `List ${list.code} was made for the recipient ${VN_EMBASSY}, which was removed. Add the embassy's current key (or a passphrase recipient) as a recipient, then export the list to it.`,
    );

    const renewed = embassy(store, VN_EMBASSY, 'VN');
    const file = exportVerificationList(store, ACTOR, list.code, { pdf: PDF, recipient: renewed.id });
    expect(file.encryptedTo[0]).toContain(renewed.fingerprint!);
    // The embassy opens it with the age tool and its new key; the old key no longer opens it.
    const dir = tempDir();
    writeFileSync(join(dir, 'new.key'), `${renewed.identity}\n`);
    writeFileSync(join(dir, 'old.key'), `${old.identity}\n`);
    const age = (key: string) => spawnSync('age', ['-d', '-i', join(dir, key)], { input: Buffer.from(file.data, 'base64'), timeout: 60_000 });
    expect(age('old.key').status).not.toBe(0);
    const opened = age('new.key');
    expect(opened.status).toBe(0);
    const csv = readZip(opened.stdout).find((e) => e.name === `${list.code}.csv`)!;
    expect(readListTable(Buffer.from(csv.read()), 'list.csv').rows).toHaveLength(3);
  });
});
