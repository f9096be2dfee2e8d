/**
 * Merging and undoing merges, as coordinators meet it once cases have moved
 * on: a person on a transfer batch, records at different stages, a survivor
 * merged again, a third record waiting in the review queue, a "different"
 * decision, and two passports that cannot both be current. Every refusal
 * says what to do and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { callApi } from '../../src/api/dispatch';
import { verifyAuditChain } from '../../src/db/audit-chain';
import { prepare } from '../../src/db/query';
import type { OfficeStore } from '../../src/db/store';
import { addHold, advanceCase } from '../../src/services/cases';
import { addNote } from '../../src/services/notes';
import { mergePeople, undoMerge } from '../../src/services/duplicates/merge';
import { decideDifferent, listCandidates, pairId } from '../../src/services/duplicates/queue';
import { addPerson, updatePerson } from '../../src/services/people';
import { personView } from '../../src/services/person-record';
import { batchView, createBatch, markMember } from '../../src/services/transfer/batches';
import { recordVerification } from '../../src/services/verification';
import { ACTOR, completePerson, newOffice, refusal } from '../helpers';

const ROUTE = { fromSite: 'Mae Sot shelter', crossingPoint: 'Friendship Bridge 2', toSite: 'Myawaddy reception', plannedDate: '2026-11-20', capacity: 30 };

/** One woman, registered from her passport, at a shelter under her own spelling, and once more by a partner organisation. */
const fromPassport = {
  familyName: 'NGUYEN',
  givenNames: 'THI MAI',
  nativeName: null,
  sex: 'female',
  birthDate: '1998-03-07',
  phone: null,
  documents: [{ type: 'passport', number: 'C7654321', issuingCountry: 'VN', holder: 'authority' }],
};
const atShelter = {
  familyName: 'Nguyễn',
  givenNames: 'Thị Mai',
  nativeName: 'Nguyễn Thị Mai',
  aliases: ['Lan Anh'],
  sex: 'female',
  birthDate: '1998-03-07',
  phone: '+84 912 345 678',
  documents: [],
};
const byPartner = { familyName: 'NGUYEN', givenNames: 'THI MAI', nativeName: null, sex: 'female', birthDate: '1998-03-07', phone: null, documents: [] };
/** Someone sharing the shelter record's phone and alias, but not the passport record's name: a likely duplicate of the shelter record only. */
const sharesPhone = {
  familyName: 'Trần',
  givenNames: 'Lan Anh',
  nativeName: null,
  sex: 'female',
  birthDate: null,
  estimatedAge: 27,
  phone: '+84 912 345 678',
  documents: [],
  rescueSite: 'Shwe Kokko',
  rescueOperation: 'Shwe Kokko raid 2026-09-02',
};

function register(store: OfficeStore, fields: Record<string, unknown>) {
  const p = addPerson(store, ACTOR, completePerson(fields));
  return { id: p.id, caseNumber: p.caseNumber };
}

function toVerification(store: OfficeStore, caseNumber: string) {
  advanceCase(store, ACTOR, caseNumber, 'verification', 'Intake complete');
}

function confirm(store: OfficeStore, caseNumber: string, country = 'VN') {
  recordVerification(store, ACTOR, caseNumber, { method: 'interview', authority: `Embassy of ${country}`, country, outcome: 'confirmed', reference: `REF-${caseNumber}` });
}

function toTransfer(store: OfficeStore, caseNumber: string) {
  toVerification(store, caseNumber);
  confirm(store, caseNumber);
  advanceCase(store, ACTOR, caseNumber, 'transfer', 'Nationality confirmed');
}

const TABLES = ['person', 'identity_document', 'hold', 'indicator', 'verification', 'duplicate_candidate', 'person_merge', 'transfer_member', 'transfer_batch'];

/** Everything a merge or an undo could write, and the length of the audit chain and change log. */
function snapshot(store: OfficeStore) {
  return {
    rows: Object.fromEntries(TABLES.map((t) => [t, prepare(store.db, `SELECT * FROM ${t} ORDER BY id`).all()])),
    audit: prepare(store.db, 'SELECT count(*) FROM audit_event').pluck().get(),
    changes: prepare(store.db, 'SELECT count(*) FROM change').pluck().get(),
  };
}

const person = (store: OfficeStore, id: string) => personView(store.db, id);
const pairRow = (store: OfficeStore, a: string, b: string) =>
  prepare(store.db, 'SELECT status, decision_note, deleted FROM duplicate_candidate WHERE id = ?').get(pairId(a, b)) as
    | { status: string; decision_note: string | null; deleted: number }
    | undefined;
const openPairs = (store: OfficeStore) => listCandidates(store).candidates.map((c) => [c.a.id, c.b.id].sort().join('|')).sort();
const pairKey = (a: string, b: string) => [a, b].sort().join('|');

describe('a merge never leaves a person on a batch under a dead record, nor loses how far the case has come', () => {
  it('is refused while either record is on a planned transfer batch, naming the batch; goes through once the person is taken off it', () => {
    const { store } = newOffice();
    const listed = register(store, atShelter);
    toTransfer(store, listed.caseNumber);
    const other = register(store, fromPassport);
    const batch = createBatch(store, ACTOR, ROUTE, [listed.caseNumber]).batch.code;

    const before = snapshot(store);
    for (const [survivor, merged] of [
      [listed, other],
      [other, listed],
    ] as const) {
      const e = refusal(() => mergePeople(store, ACTOR, { survivor: survivor.caseNumber, merged: merged.caseNumber }));
      expect(e.code).toBe('RULE_VIOLATION');
      expect(e.message).toContain(`${listed.caseNumber} is on transfer batch ${batch} (planned)`);
      expect(e.message).toContain('Take them off the batch first');
    }
    expect(snapshot(store)).toEqual(before);

    markMember(store, ACTOR, batch, listed.caseNumber, 'removed', `Registered twice; merging with ${other.caseNumber} first.`);
    mergePeople(store, ACTOR, { survivor: listed.caseNumber, merged: other.caseNumber });
    expect(person(store, listed.id)).toMatchObject({ stage: 'transfer', confirmedNationality: 'VN' });
    expect(person(store, other.id).stage).toBe('merged');
    expect(batchView(store.db, batch).members.map((m) => m.status)).toEqual(['removed']);
    expect(verifyAuditChain(store.db).ok).toBe(true);
    store.close();
  });

  it('keeps the record further along: merging it into a record at intake is refused, and Swap goes through keeping its stage and confirmation', () => {
    const { store } = newOffice();
    const atIntake = register(store, fromPassport);
    const verified = register(store, atShelter);
    toVerification(store, verified.caseNumber);
    confirm(store, verified.caseNumber);

    const before = snapshot(store);
    const e = refusal(() => mergePeople(store, ACTOR, { survivor: atIntake.caseNumber, merged: verified.caseNumber }));
    expect(e.code).toBe('RULE_VIOLATION');
    expect(e.message).toContain(`${verified.caseNumber} is in verification, further along than ${atIntake.caseNumber} (intake)`);
    expect(e.message).toContain(`Keep ${verified.caseNumber} as the record that stays (Swap on the pair screen)`);
    expect(snapshot(store)).toEqual(before);

    // The pair screen puts the record further along on the left, as the one that stays; its Swap sends the pair with the roles exchanged.
    const shown = callApi({ store, actor: ACTOR }, 'duplicate.get', { id: pairId(atIntake.id, verified.id) });
    if (!shown.ok) throw new Error(shown.error.message);
    expect(shown.value[shown.value.staysByStage ?? 'a'].id).toBe(verified.id);
    expect(shown.value.staysByStage).not.toBeNull();
    const swapped = callApi({ store, actor: ACTOR }, 'duplicate.merge', { survivor: verified.id, merged: atIntake.id, choose: { familyName: 'merged', givenNames: 'merged' } });
    if (!swapped.ok) throw new Error(swapped.error.message);
    expect(swapped.value.survivor).toMatchObject({ id: verified.id, stage: 'verification', confirmedNationality: 'VN', familyName: 'NGUYEN' });
    expect(swapped.value.survivor.documents.map((d) => d.number)).toEqual(['C7654321']);
    store.close();
  });

  it('carries a confirmed nationality from the merged-away record to the survivor; undo takes it back, but not from under a case it has since moved on', () => {
    const { store } = newOffice();
    const waiting = register(store, fromPassport);
    const confirmed = register(store, atShelter);
    toVerification(store, waiting.caseNumber);
    toVerification(store, confirmed.caseNumber);
    confirm(store, confirmed.caseNumber);

    const { mergeId } = mergePeople(store, ACTOR, { survivor: waiting.caseNumber, merged: confirmed.caseNumber });
    const survivor = person(store, waiting.id);
    expect(survivor.confirmedNationality).toBe('VN');
    expect(survivor.verifications).toEqual([expect.objectContaining({ outcome: 'confirmed', reference: `REF-${confirmed.caseNumber}` })]);

    // The confirmation carried the survivor on to transfer: undoing now would leave it there unconfirmed.
    advanceCase(store, ACTOR, waiting.caseNumber, 'transfer', 'Nationality confirmed');
    const before = snapshot(store);
    const e = refusal(() => undoMerge(store, ACTOR, mergeId));
    expect(e.message).toContain(`would leave ${waiting.caseNumber} in transfer`);
    expect(e.message).toContain('Nationality is not confirmed');
    expect(snapshot(store)).toEqual(before);

    advanceCase(store, ACTOR, waiting.caseNumber, 'verification', 'Merged by mistake; confirmation was for the other record.');
    undoMerge(store, ACTOR, mergeId, 'Two different women.');
    expect(person(store, waiting.id)).toMatchObject({ stage: 'verification', confirmedNationality: null });
    expect(person(store, confirmed.id)).toMatchObject({ stage: 'verification', confirmedNationality: 'VN' });
    store.close();
  });

  it("is refused when a chosen value would leave the survivor short of what its stage needs", () => {
    const { store } = newOffice();
    const verifying = register(store, fromPassport);
    toVerification(store, verifying.caseNumber);
    const noSite = register(store, { ...atShelter, rescueSite: null });
    const before = snapshot(store);
    const e = refusal(() => mergePeople(store, ACTOR, { survivor: verifying.caseNumber, merged: noSite.caseNumber, choose: { rescueSite: 'merged' } }));
    expect(e.message).toContain(`keep ${verifying.caseNumber}'s own values`);
    expect(e.message).toContain('Missing: rescueSite');
    expect(snapshot(store)).toEqual(before);
    store.close();
  });

  it('is refused when the two records hold different confirmed nationalities', () => {
    const { store } = newOffice();
    const a = register(store, fromPassport);
    const b = register(store, atShelter);
    for (const [c, country] of [
      [a.caseNumber, 'VN'],
      [b.caseNumber, 'KH'],
    ] as const) {
      toVerification(store, c);
      confirm(store, c, country);
    }
    const before = snapshot(store);
    const e = refusal(() => mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber }));
    expect(e.message).toContain(`${a.caseNumber} has confirmed nationality VN and ${b.caseNumber} has KH`);
    expect(snapshot(store)).toEqual(before);
    store.close();
  });
});

describe('undoing a merge once the survivor has moved on', () => {
  it('gives back to the merged-away record what was recorded through its case number since: a hold, a note, the embassy answer and the nationality it set', () => {
    const { store } = newOffice();
    const a = register(store, fromPassport);
    const b = register(store, atShelter);
    toVerification(store, a.caseNumber);
    toVerification(store, b.caseNumber);
    const { mergeId } = mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    // Work that came in about the person under the merged-away case number lands on the survivor...
    addHold(store, ACTOR, b.caseNumber, 'medical', 'Fever; clinic visit before any travel.');
    addNote(store, ACTOR, b.caseNumber, 'Asked for her sister in Shwe Kokko.');
    confirm(store, b.caseNumber);
    expect(person(store, a.id)).toMatchObject({ confirmedNationality: 'VN', openHolds: ['medical'] });

    // ...and goes back with the merge undone: the records are two people again, each with what was said of them.
    undoMerge(store, ACTOR, mergeId, 'Two women of one name; the passport is the other one.');
    const survivor = person(store, a.id);
    const merged = person(store, b.id);
    expect(survivor.openHolds).toEqual([]);
    expect(survivor.confirmedNationality).toBeNull();
    expect(survivor.notes.map((n) => n.body)).not.toContain('Asked for her sister in Shwe Kokko.');
    expect(merged).toMatchObject({ stage: 'verification', confirmedNationality: 'VN', openHolds: ['medical'] });
    expect(merged.notes.map((n) => n.body)).toContain('Asked for her sister in Shwe Kokko.');
    expect(merged.verifications).toEqual([expect.objectContaining({ outcome: 'confirmed' })]);
    expect(verifyAuditChain(store.db).ok).toBe(true);
    store.close();
  });

  it('is refused after the survivor was merged into a third record; undoing that later merge first works', () => {
    const { store } = newOffice();
    const a = register(store, fromPassport);
    const b = register(store, atShelter);
    const e = register(store, byPartner);
    const first = mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber }).mergeId;
    const second = mergePeople(store, ACTOR, { survivor: e.caseNumber, merged: a.caseNumber }).mergeId;
    expect(person(store, e.id).phone).toBe('+84 912 345 678');

    const before = snapshot(store);
    const refused = refusal(() => undoMerge(store, ACTOR, first));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain(`${a.caseNumber} was itself merged into ${e.caseNumber} after this merge. Undo that merge first`);
    expect(snapshot(store)).toEqual(before);

    undoMerge(store, ACTOR, second);
    undoMerge(store, ACTOR, first);
    expect([person(store, a.id).stage, person(store, b.id).stage, person(store, e.id).stage]).toEqual(['intake', 'intake', 'intake']);
    expect([person(store, a.id).phone, person(store, e.id).phone]).toEqual([null, null]);
    expect(person(store, b.id).phone).toBe('+84 912 345 678');
    store.close();
  });

  it('is refused while the survivor is on a transfer batch, naming the batch', () => {
    const { store } = newOffice();
    const a = register(store, fromPassport);
    toTransfer(store, a.caseNumber);
    const b = register(store, atShelter);
    const { mergeId } = mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    const batch = createBatch(store, ACTOR, ROUTE, [a.caseNumber]).batch.code;

    const before = snapshot(store);
    const e = refusal(() => undoMerge(store, ACTOR, mergeId));
    expect(e.message).toContain(`${a.caseNumber} is on transfer batch ${batch} (planned)`);
    expect(e.message).toContain('off the batch first');
    expect(snapshot(store)).toEqual(before);

    markMember(store, ACTOR, batch, a.caseNumber, 'removed', 'Checking the merge.');
    undoMerge(store, ACTOR, mergeId);
    expect(person(store, b.id).stage).toBe('intake');
    store.close();
  });
});

describe('the review queue after a merge', () => {
  it("asks about a third record's pair again with the survivor, scored on the survivor's new values; undo puts the queue back", () => {
    const { store } = newOffice();
    const a = register(store, fromPassport);
    const b = register(store, atShelter);
    const c = register(store, sharesPhone);
    expect(openPairs(store)).toEqual([pairKey(a.id, b.id), pairKey(b.id, c.id)].sort());

    const { mergeId } = mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber, reason: 'Same birth date and passport photo.' });
    const { candidates } = listCandidates(store);
    expect(candidates.map((p) => pairKey(p.a.id, p.b.id))).toEqual([pairKey(a.id, c.id)]);
    // Scored on the survivor as it is now: the phone it took from the shelter record counts.
    expect(candidates[0]!.reasons).toContain('same phone number');
    expect(candidates[0]!.score).toBeGreaterThanOrEqual(0.7);
    expect(candidates[0]!.foundBy).toBe('intake');
    expect(pairRow(store, b.id, c.id)).toMatchObject({ status: 'open', deleted: 0 });
    expect(person(store, a.id).openDuplicates).toBe(1);

    undoMerge(store, ACTOR, mergeId);
    expect(openPairs(store)).toEqual([pairKey(a.id, b.id), pairKey(b.id, c.id)].sort());
    expect(pairRow(store, a.id, c.id)?.deleted).toBe(1);
    expect(verifyAuditChain(store.db).ok).toBe(true);
    store.close();
  });

  it("looks the survivor up again: a record matching the merged values (one's birth date, the other's phone) joins the queue, and leaves it on undo", () => {
    const { store } = newOffice();
    const a = register(store, fromPassport);
    const b = register(store, { ...atShelter, aliases: [], birthDate: null, estimatedAge: 28 });
    const d = register(store, { familyName: 'Phạm', givenNames: 'Thu', nativeName: null, sex: 'female', birthDate: '1998-03-07', phone: '+84 912 345 678', documents: [], rescueOperation: 'Shwe Kokko raid 2026-09-02', rescueSite: 'Shwe Kokko' });
    expect(openPairs(store)).toEqual([pairKey(a.id, b.id)]);

    const { mergeId } = mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    const { candidates } = listCandidates(store);
    expect(candidates.map((p) => pairKey(p.a.id, p.b.id))).toEqual([pairKey(a.id, d.id)]);
    expect(candidates[0]!.foundBy).toBe('edit');
    expect(candidates[0]!.reasons).toEqual(expect.arrayContaining(['same phone number', 'same birth date']));

    undoMerge(store, ACTOR, mergeId);
    expect(openPairs(store)).toEqual([pairKey(a.id, b.id)]);
    store.close();
  });

  it('keeps one pair when the survivor was already paired with the third record', () => {
    const { store } = newOffice();
    const a = register(store, fromPassport);
    const b = register(store, atShelter);
    const c = register(store, byPartner);
    expect(openPairs(store)).toEqual([pairKey(a.id, b.id), pairKey(a.id, c.id), pairKey(b.id, c.id)].sort());
    mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    expect(openPairs(store)).toEqual([pairKey(a.id, c.id)]);
    store.close();
  });

  it('a "different" decision about the merged-away record holds for the survivor, and survives the undo', () => {
    const { store } = newOffice();
    const a = register(store, fromPassport);
    const b = register(store, atShelter);
    const c = register(store, sharesPhone);
    decideDifferent(store, ACTOR, pairId(b.id, c.id), 'Sisters sharing one phone; checked at the shelter.');

    const { mergeId } = mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    // The survivor now carries the shared phone, yet the sister is not asked about again.
    expect(openPairs(store)).toEqual([]);
    expect(pairRow(store, a.id, c.id)).toMatchObject({ status: 'different', decision_note: 'Sisters sharing one phone; checked at the shelter.', deleted: 0 });

    undoMerge(store, ACTOR, mergeId);
    expect(pairRow(store, b.id, c.id)).toMatchObject({ status: 'different', decision_note: 'Sisters sharing one phone; checked at the shelter.' });
    expect(pairRow(store, a.id, c.id)?.deleted).toBe(1);
    expect(openPairs(store)).toEqual([pairKey(a.id, b.id)]);
    store.close();
  });

  it('a pair decided "different" and then merged anyway is "different" again after the undo', () => {
    const { store } = newOffice();
    const a = register(store, fromPassport);
    const b = register(store, atShelter);
    decideDifferent(store, ACTOR, pairId(a.id, b.id), 'Thought to be cousins.');
    const { mergeId } = mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber, reason: 'Passport photo matches after all.' });
    expect(pairRow(store, a.id, b.id)?.status).toBe('merged');
    undoMerge(store, ACTOR, mergeId);
    expect(pairRow(store, a.id, b.id)).toMatchObject({ status: 'different', decision_note: 'Thought to be cousins.' });
    expect(openPairs(store)).toEqual([]);
    store.close();
  });

  it('a carried pair decided "different" after the merge passes the decision back to the merged-away record on undo', () => {
    const { store } = newOffice();
    const a = register(store, fromPassport);
    const b = register(store, atShelter);
    const c = register(store, sharesPhone);
    const { mergeId } = mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    decideDifferent(store, ACTOR, pairId(a.id, c.id), 'Different woman; met her today.');
    undoMerge(store, ACTOR, mergeId);
    expect(pairRow(store, b.id, c.id)).toMatchObject({ status: 'different', decision_note: 'Different woman; met her today.' });
    expect(pairRow(store, a.id, c.id)).toMatchObject({ status: 'different', deleted: 0 });
    expect(openPairs(store)).toEqual([pairKey(a.id, b.id)]);
    store.close();
  });
});

describe('identity documents on a merge', () => {
  it('two passports of one country with different numbers: refused until one is corrected, then the survivor holds one', () => {
    const { store } = newOffice();
    const a = register(store, fromPassport);
    const b = register(store, { ...atShelter, documents: [{ type: 'passport', number: 'C7654399', issuingCountry: 'VN', holder: 'compound' }] });

    const before = snapshot(store);
    const e = refusal(() => mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber }));
    expect(e.code).toBe('RULE_VIOLATION');
    expect(e.message).toContain(`${a.caseNumber} has passport C7654321 (VN) and ${b.caseNumber} has passport C7654399 (VN)`);
    expect(e.message).toContain('Remove or correct the wrong one');
    expect(snapshot(store)).toEqual(before);

    // The shelter copied the number wrongly; corrected, it is the same passport.
    const docId = person(store, b.id).documents[0]!.id;
    updatePerson(store, ACTOR, b.id, { documents: [{ id: docId, type: 'passport', number: 'C7654321', issuingCountry: 'VN', holder: 'compound' }] }, 'Number misread at the shelter.');
    mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    expect(person(store, a.id).documents.filter((d) => d.type === 'passport').map((d) => d.number)).toEqual(['C7654321']);
    store.close();
  });

  it('passports of two different countries are both kept', () => {
    const { store } = newOffice();
    const a = register(store, fromPassport);
    const b = register(store, { ...atShelter, documents: [{ type: 'passport', number: 'N0099812', issuingCountry: 'KH', holder: 'person' }] });
    mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    expect(person(store, a.id).documents.map((d) => `${d.issuingCountry} ${d.number}`).sort()).toEqual(['KH N0099812', 'VN C7654321']);
    store.close();
  });
});
