/**
 * A record merged into another keeps its case number, and coordinators keep
 * using it: it is on the embassy list, on paper, on the card in a pocket.
 * Whatever is added about the person through it reaches the live record; a
 * decision taken from the old record is refused with the case to take it on.
 * Nothing silently lands on the dead record.
 */
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/db/query';
import { todayIso } from '../../src/domain/dates';
import type { OfficeStore } from '../../src/db/store';
import { addAttachment } from '../../src/services/attachments';
import { addHold, advanceCase, liftHold } from '../../src/services/cases';
import { mergePeople, undoMerge } from '../../src/services/duplicates/merge';
import { csvBytes } from '../../src/services/import/error-file';
import { addNote } from '../../src/services/notes';
import { addPerson, getPerson, personTimeline, updatePerson } from '../../src/services/people';
import { addMembers, createBatch, markMember, setBatchStatus } from '../../src/services/transfer/batches';
import { recordVerification } from '../../src/services/verification';
import { awaitingVerification, createVerificationList, importOutcomes, listCsvRows, listPeople } from '../../src/services/verification-lists';
import { ACTOR, completePerson, newOffice, refusal } from '../helpers';

const EMBASSY = 'Embassy of Viet Nam, Bangkok';
const ROUTE = { fromSite: 'Mae Sot shelter', crossingPoint: 'Friendship Bridge 2', toSite: 'Myawaddy reception', plannedDate: '2026-11-20', capacity: 30 };
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** Two intake records of one woman (passport copy, shelter interview) and an unrelated man. */
const fromPassport = { familyName: 'NGUYEN', givenNames: 'THI MAI', nativeName: null, sex: 'female', birthDate: '1998-03-07', documents: [{ type: 'passport', number: 'C7654321', issuingCountry: 'VN', holder: 'authority' }] };
const atShelter = { familyName: 'Nguyễn', givenNames: 'Thị Mai', nativeName: 'Nguyễn Thị Mai', sex: 'female', birthDate: '1998-03-07', phone: '+84 912 345 678', documents: [] };
const someoneElse = { familyName: 'Trần', givenNames: 'Văn Hùng', nativeName: null, sex: 'male', birthDate: '1988-11-30', documents: [] };

function inVerification(store: OfficeStore, overrides: Record<string, unknown>): { id: string; caseNumber: string } {
  const p = addPerson(store, ACTOR, completePerson(overrides));
  advanceCase(store, ACTOR, p.caseNumber, 'verification', 'Intake complete');
  return { id: p.id, caseNumber: p.caseNumber };
}

/** The survivor `a` (nationality confirmed) and `b`, merged into it. */
function mergedPair() {
  const { store } = newOffice();
  const a = inVerification(store, fromPassport);
  recordVerification(store, ACTOR, a.caseNumber, { method: 'interview', authority: EMBASSY, country: 'VN', outcome: 'confirmed', reference: 'VN/BKK/2026/0410' });
  const b = inVerification(store, atShelter);
  mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber, reason: 'Same passport photo and birth date' });
  return { store, a, b };
}

/** The returned list as the embassy fills it in: outcome per case number. */
function returnedList(store: OfficeStore, code: string, outcomes: Record<string, string>): { name: string; bytes: Uint8Array } {
  const rows = listCsvRows(listPeople(store.db, code)).map((r, i) => {
    const outcome = i > 0 ? outcomes[r[0]!] : undefined;
    if (!outcome) return r;
    const out = [...r];
    out.splice(8, 4, outcome, '', `VN/BKK/2026/${r[0]!.slice(-4)}`, todayIso(-3));
    return out;
  });
  return { name: 'returned.csv', bytes: csvBytes(rows) };
}

const ownerOf = (store: OfficeStore, table: 'note' | 'attachment' | 'hold', id: string) =>
  (prepare(store.db, `SELECT person_id FROM ${table} WHERE id = ?`).get(id) as { person_id: string }).person_id;

describe('a hold addressed to a merged-away case number', () => {
  it('lands on the survivor, blocks its transfer, and the answer names the survivor', () => {
    const { store, a, b } = mergedPair();
    const view = addHold(store, ACTOR, b.caseNumber, 'medical', 'Fever; the clinic must clear her to travel');
    expect(view).toMatchObject({ id: a.id, caseNumber: a.caseNumber, openHolds: ['medical'] });
    expect(getPerson(store, a.caseNumber).holds).toEqual([expect.objectContaining({ kind: 'medical', liftedAt: null })]);
    expect(getPerson(store, b.caseNumber).holds).toEqual([]);
    // The survivor's timeline says which case number the hold was addressed to.
    expect(personTimeline(store, a.caseNumber).find((e) => e.action === 'hold.placed')?.after).toMatchObject({ kind: 'medical', addressedAs: b.caseNumber });

    const blocked = refusal(() => advanceCase(store, ACTOR, a.caseNumber, 'transfer', 'Nationality confirmed'));
    expect(blocked.code).toBe('RULE_VIOLATION');
    expect(blocked.message).toMatch(/medical/i);
    expect(getPerson(store, a.caseNumber).stage).toBe('verification');
  });

  it('is lifted only on the survivor: lifting or moving through the old case number is refused, naming where to do it', () => {
    const { store, a, b } = mergedPair();
    addHold(store, ACTOR, a.caseNumber, 'medical', 'Fever');
    const lift = refusal(() => liftHold(store, ACTOR, b.caseNumber, 'medical', 'Cleared by the clinic'));
    expect(lift.code).toBe('RULE_VIOLATION');
    expect(lift.message).toMatch(new RegExp(`^${b.caseNumber} was merged into ${a.caseNumber} on \\d{4}-\\d{2}-\\d{2}; lift the hold on ${a.caseNumber}\\.$`));
    expect(getPerson(store, a.caseNumber).openHolds).toEqual(['medical']);
    const move = refusal(() => advanceCase(store, ACTOR, b.caseNumber, 'transfer', 'Confirmed'));
    expect(move.message).toContain(`move the case on ${a.caseNumber}`);
    liftHold(store, ACTOR, a.caseNumber, 'medical', 'Cleared by the clinic');
    expect(advanceCase(store, ACTOR, a.caseNumber, 'transfer', 'Nationality confirmed').stage).toBe('transfer');
  });
});

describe('notes, attachments and edits through a merged-away case number', () => {
  it('a note and an attachment go to the survivor and say so', () => {
    const { store, a, b } = mergedPair();
    const note = addNote(store, ACTOR, b.caseNumber, 'Her sister called the shelter; she will meet her at the border.');
    expect(note.recordedOn).toEqual({ id: a.id, caseNumber: a.caseNumber });
    expect(ownerOf(store, 'note', note.id)).toBe(a.id);
    const photo = addAttachment(store, ACTOR, b.caseNumber, { kind: 'photo', filename: 'mai.png', data: PNG });
    expect(photo.recordedOn.caseNumber).toBe(a.caseNumber);
    expect(ownerOf(store, 'attachment', photo.id)).toBe(a.id);
    expect(getPerson(store, a.caseNumber)).toMatchObject({ notes: [expect.objectContaining({ id: note.id })], attachments: [expect.objectContaining({ id: photo.id })] });
  });

  it('an edit is refused with the case to edit, and changes neither record', () => {
    const { store, a, b } = mergedPair();
    const before = { a: getPerson(store, a.caseNumber), b: getPerson(store, b.caseNumber) };
    const edit = refusal(() => updatePerson(store, ACTOR, b.caseNumber, { phone: '+84 900 000 000', documents: [] }));
    expect(edit.code).toBe('RULE_VIOLATION');
    expect(edit.message).toMatch(new RegExp(`^${b.caseNumber} was merged into ${a.caseNumber} on .*; make the change on ${a.caseNumber}\\.$`));
    expect(edit.details).toMatchObject({ liveCase: a.caseNumber });
    expect(getPerson(store, a.caseNumber)).toEqual(before.a);
    expect(getPerson(store, b.caseNumber)).toEqual(before.b);
    // The same edit on the survivor goes through.
    expect(updatePerson(store, ACTOR, a.caseNumber, { phone: '+84 900 000 000' }).phone).toBe('+84 900 000 000');
  });
});

describe("an embassy's answers for a person merged away after being listed", () => {
  function listedThenMerged() {
    const { store } = newOffice();
    const b = inVerification(store, atShelter);
    const c = inVerification(store, someoneElse);
    const list = createVerificationList(store, ACTOR, { country: 'VN', authority: EMBASSY });
    expect(list.people).toBe(2);
    // The passport copy is registered after the list went out, and found to be the same woman.
    const a = inVerification(store, fromPassport);
    mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    return { store, a, b, c, list };
  }

  it('the dry run and the apply agree; the survivor gets the answer and the other person theirs', () => {
    const { store, a, b, c, list } = listedThenMerged();
    const file = returnedList(store, list.code, { [b.caseNumber]: 'confirmed', [c.caseNumber]: 'not confirmed' });
    const dry = importOutcomes(store, ACTOR, list.code, file, true);
    expect(dry).toMatchObject({ recorded: 0, invalid: 0, dryRun: true });
    expect(dry.rows.map((r) => r.status)).toEqual(['ready', 'ready']);
    const bRow = dry.rows.find((r) => r.caseNumber === b.caseNumber)!;
    expect(bRow.problems).toEqual([expect.stringMatching(new RegExp(`^${b.caseNumber} was merged into ${a.caseNumber} on .*; the answer is recorded on ${a.caseNumber}\\.$`))]);

    const applied = importOutcomes(store, ACTOR, list.code, file);
    expect(applied).toMatchObject({ recorded: 2, invalid: 0, dryRun: false });
    expect(applied.rows).toEqual(dry.rows.map((r) => ({ ...r, status: 'recorded' })));
    expect(getPerson(store, a.caseNumber)).toMatchObject({ confirmedNationality: 'VN', verifications: [expect.objectContaining({ outcome: 'confirmed', submissionBatch: list.code })] });
    expect(getPerson(store, c.caseNumber)).toMatchObject({ confirmedNationality: null, verifications: [expect.objectContaining({ outcome: 'not_confirmed' })] });
    expect(getPerson(store, b.caseNumber).confirmedNationality).toBeNull();
    expect(personTimeline(store, a.caseNumber).find((e) => e.action === 'verification.confirmed')?.after).toMatchObject({ addressedAs: b.caseNumber });
    // The same file again changes nothing: both entries of the list are answered.
    expect(importOutcomes(store, ACTOR, list.code, file)).toMatchObject({ recorded: 0, unchanged: 2, invalid: 0 });
  });

  it('a row whose person left verification is reported before anything is written, and nobody on the list loses an answer', () => {
    const { store, a, b, c, list } = listedThenMerged();
    advanceCase(store, ACTOR, a.caseNumber, 'intake', 'Rescue date to be checked with the police report');
    const file = returnedList(store, list.code, { [b.caseNumber]: 'confirmed', [c.caseNumber]: 'confirmed' });
    const dry = importOutcomes(store, ACTOR, list.code, file, true);
    const applied = importOutcomes(store, ACTOR, list.code, file);
    for (const result of [dry, applied]) {
      expect(result).toMatchObject({ recorded: 0, invalid: 1, dryRun: true });
      expect(result.rows.find((r) => r.caseNumber === b.caseNumber)).toMatchObject({
        status: 'invalid',
        problems: [expect.stringContaining(`recorded on ${a.caseNumber}`), expect.stringContaining(`${a.caseNumber} is in intake, not verification`)],
      });
      expect(result.rows.find((r) => r.caseNumber === c.caseNumber)?.status).toBe('ready');
    }
    expect(getPerson(store, c.caseNumber).verifications).toEqual([expect.objectContaining({ outcome: 'pending' })]);
    // Once the survivor is back in verification the same file records both answers.
    advanceCase(store, ACTOR, a.caseNumber, 'verification', 'Rescue date checked');
    expect(importOutcomes(store, ACTOR, list.code, file)).toMatchObject({ recorded: 2, invalid: 0 });
    expect(getPerson(store, c.caseNumber).confirmedNationality).toBe('VN');
    expect(getPerson(store, a.caseNumber).confirmedNationality).toBe('VN');
  });

  it('two listed records of one person answered differently are both refused until the embassy says which is right', () => {
    const { store } = newOffice();
    const a = inVerification(store, fromPassport);
    const b = inVerification(store, atShelter);
    const list = createVerificationList(store, ACTOR, { country: 'VN', authority: EMBASSY });
    mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    const differing = importOutcomes(store, ACTOR, list.code, returnedList(store, list.code, { [a.caseNumber]: 'confirmed', [b.caseNumber]: 'not confirmed' }));
    expect(differing).toMatchObject({ recorded: 0, invalid: 1, dryRun: true });
    expect(differing.rows.find((r) => r.status === 'invalid')?.problems.at(-1)).toContain(`the same person, ${a.caseNumber}, with another answer`);
    const agreeing = importOutcomes(store, ACTOR, list.code, returnedList(store, list.code, { [a.caseNumber]: 'confirmed', [b.caseNumber]: 'confirmed' }));
    expect(agreeing).toMatchObject({ recorded: 2, invalid: 0 });
    expect(getPerson(store, a.caseNumber).verifications.map((v) => v.outcome)).toEqual(['confirmed', 'confirmed']);
  });
});

describe('a survivor whose merged-away record is waiting for an answer', () => {
  it('is not offered for a new list while the request is pending', () => {
    const { store } = newOffice();
    const b = inVerification(store, atShelter);
    const first = createVerificationList(store, ACTOR, { country: 'VN', authority: EMBASSY });
    const a = inVerification(store, fromPassport);
    const c = inVerification(store, someoneElse);
    const awaiting = () => awaitingVerification(store.db, 'VN').map((p) => p.caseNumber).sort();
    expect(awaiting()).toEqual([a.caseNumber, c.caseNumber].sort());

    mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    expect(awaiting()).toEqual([c.caseNumber]);
    const second = createVerificationList(store, ACTOR, { country: 'VN', authority: EMBASSY });
    expect(second.people).toBe(1);
    expect(listPeople(store.db, second.code).map((p) => p.person.case_number)).toEqual([c.caseNumber]);
    expect(getPerson(store, a.caseNumber).verifications).toEqual([expect.objectContaining({ outcome: 'pending', submissionBatch: first.code })]);

    // Undoing the merge takes the request back with the old record: the survivor was never asked.
    const { mergedFrom } = getPerson(store, a.caseNumber);
    undoMerge(store, ACTOR, mergedFrom[0]!.mergeId, 'Different mothers’ names');
    expect(awaiting()).toEqual([a.caseNumber]);
  });
});

describe('a merge chain', () => {
  it('B into A, then A into E: a hold on B reaches E, and a refusal names the whole way', () => {
    const { store } = newOffice();
    const a = inVerification(store, fromPassport);
    const b = inVerification(store, atShelter);
    const e = inVerification(store, { ...atShelter, familyName: 'Nguyen', givenNames: 'Mai', phone: null });
    mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    mergePeople(store, ACTOR, { survivor: e.caseNumber, merged: a.caseNumber });

    const view = addHold(store, ACTOR, b.caseNumber, 'protection', 'Recruiter seen near the shelter');
    expect(view).toMatchObject({ id: e.id, caseNumber: e.caseNumber, openHolds: ['protection'] });
    expect(getPerson(store, a.caseNumber).holds).toEqual([]);
    expect(getPerson(store, b.caseNumber).holds).toEqual([]);
    const lift = refusal(() => liftHold(store, ACTOR, b.caseNumber, 'protection', 'Moved to a safe house'));
    expect(lift.message).toMatch(new RegExp(`^${b.caseNumber} was merged into ${a.caseNumber} on \\S+, and ${a.caseNumber} into ${e.caseNumber} on \\S+; lift the hold on ${e.caseNumber}\\.$`));
  });
});

describe("the survivor's timeline", () => {
  it("holds the merged records' history too, down a chain, each entry marked with the record it was made on; undo takes it back out", () => {
    const { store } = newOffice();
    const a = inVerification(store, fromPassport);
    const b = inVerification(store, atShelter);
    const e = inVerification(store, { ...atShelter, familyName: 'Nguyen', givenNames: 'Mai', phone: null });
    addHold(store, ACTOR, b.caseNumber, 'medical', 'Dengue, under treatment');
    liftHold(store, ACTOR, b.caseNumber, 'medical', 'Recovered');
    const { mergeId } = mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    mergePeople(store, ACTOR, { survivor: e.caseNumber, merged: a.caseNumber });

    const onRecord = (caseNumber: string) => (entries: ReturnType<typeof personTimeline>) => entries.filter((t) => t.mergedRecord === caseNumber).map((t) => t.action);
    const timeline = personTimeline(store, e.caseNumber);
    expect(onRecord(b.caseNumber)(timeline)).toEqual(['person.registered', 'person.stage_changed', 'hold.placed', 'hold.lifted', 'person.merged_into']);
    expect(onRecord(a.caseNumber)(timeline)).toEqual(['person.registered', 'person.stage_changed', 'person.merged', 'person.merged_into']);
    expect(timeline.filter((t) => t.mergedRecord === null).map((t) => t.action)).toEqual(['person.registered', 'person.stage_changed', 'person.merged']);
    // Oldest first across the records.
    expect(timeline.map((t) => t.at)).toEqual(timeline.map((t) => t.at).sort());
    // A merged-away record's own page shows its own history, and what was merged into it.
    expect(onRecord(b.caseNumber)(personTimeline(store, a.caseNumber))).toContain('hold.lifted');
    expect(personTimeline(store, b.caseNumber).every((t) => t.mergedRecord === null)).toBe(true);

    undoMerge(store, ACTOR, (prepare(store.db, 'SELECT id FROM person_merge WHERE merged_id = ?').get(a.id) as { id: string }).id);
    undoMerge(store, ACTOR, mergeId);
    expect(personTimeline(store, e.caseNumber).some((t) => t.mergedRecord !== null)).toBe(false);
  });
});

describe('a transfer batch and a merged-away case number', () => {
  it('lists the survivor once, and a card with the old number checks off the survivor', () => {
    const { store, a, b } = mergedPair();
    advanceCase(store, ACTOR, a.caseNumber, 'transfer', 'Nationality confirmed');
    const { batch, added } = createBatch(store, ACTOR, ROUTE, [b.caseNumber, a.caseNumber]);
    expect(added).toEqual([a.caseNumber]);
    expect(batch.members.map((m) => m.caseNumber)).toEqual([a.caseNumber]);
    expect(addMembers(store, ACTOR, batch.code, [b.caseNumber]).refused).toEqual([
      expect.objectContaining({ ref: b.caseNumber, caseNumber: a.caseNumber, violations: [expect.objectContaining({ rule: 'batch.one_active_batch' })] }),
    ]);
    setBatchStatus(store, ACTOR, batch.code, 'boarding', null);
    const marked = markMember(store, ACTOR, batch.code, b.caseNumber, 'boarded', null);
    expect(marked.member).toMatchObject({ caseNumber: a.caseNumber, status: 'boarded' });
  });
});
