/**
 * The duplicate review queue and merges, as a coordinator uses them: a person
 * registered twice is found at intake, merged field by field without losing
 * anything, found by either case number, and the merge can be undone.
 */
import { describe, expect, it } from 'vitest';
import { callApi, type Session } from '../../src/api/dispatch';
import { verifyAuditChain } from '../../src/db/audit-chain';
import { prepare } from '../../src/db/query';
import { addNote } from '../../src/services/notes';
import { addPerson, listPeople, updatePerson } from '../../src/services/people';
import { listCandidates, decideDifferent } from '../../src/services/duplicates/queue';
import { mergePeople, undoMerge } from '../../src/services/duplicates/merge';
import { addHold } from '../../src/services/cases';
import { OfficeStore } from '../../src/db/store';
import { ACTOR, completePerson, newOffice, PASSPHRASE } from '../helpers';

/** The same woman, registered at two sites: once from her passport, once as she gave her name at a shelter. */
const fromPassport = completePerson({
  familyName: 'NGUYEN',
  givenNames: 'THI MAI',
  nativeName: null,
  sex: 'female',
  birthDate: '1998-03-07',
  phone: null,
  documents: [{ type: 'passport', number: 'C7654321', issuingCountry: 'VN', holder: 'authority' }],
  rescueSite: 'KK Park',
  indicators: ['withholds_documents'],
});
const atShelter = completePerson({
  familyName: 'Nguyễn',
  givenNames: 'Thị Mai',
  nativeName: 'Nguyễn Thị Mai',
  sex: 'female',
  birthDate: '1998-03-07',
  phone: '+84 912 345 678',
  documents: [],
  rescueSite: 'Shwe Kokko',
  indicators: ['debt_bondage'],
  consent: { status: 'given' },
});
const someoneElse = completePerson({ familyName: 'Trần', givenNames: 'Văn Hùng', nativeName: null, sex: 'male', birthDate: '1988-11-30', documents: [] });

function twoRecords() {
  const { store } = newOffice();
  const a = addPerson(store, ACTOR, fromPassport);
  addPerson(store, ACTOR, someoneElse);
  const b = addPerson(store, ACTOR, atShelter);
  return { store, a, b };
}

describe('the review queue', () => {
  it('intake finds a person registered before, with the reasons in plain words', () => {
    const { store, a, b } = twoRecords();
    const { total, candidates } = listCandidates(store);
    expect(total).toBe(1);
    const c = candidates[0]!;
    expect(new Set([c.a.id, c.b.id])).toEqual(new Set([a.id, b.id]));
    expect(c.foundBy).toBe('intake');
    expect(c.reasons.join('; ')).toMatch(/name|birth/);
    expect(c.score).toBeGreaterThanOrEqual(0.7);
    store.close();
  });

  it('"different people" is remembered: the pair is not asked again, even after an edit', () => {
    const { store, b } = twoRecords();
    const id = listCandidates(store).candidates[0]!.id;
    decideDifferent(store, ACTOR, id, 'Two sisters; checked with both at the shelter.');
    expect(listCandidates(store).total).toBe(0);
    updatePerson(store, ACTOR, b.caseNumber, { phone: '+84 912 000 111' });
    expect(listCandidates(store).total).toBe(0);
    expect(listCandidates(store, { status: 'different' }).candidates[0]!.decisionNote).toBe('Two sisters; checked with both at the shelter.');
    expect(() => decideDifferent(store, ACTOR, id, null)).toThrow(/already decided/);
    store.close();
  });
});

describe('merging two records of one person', () => {
  it('keeps the chosen values, both histories, documents, notes and indicators; the old case number still finds her', () => {
    const { store, a, b } = twoRecords();
    addNote(store, ACTOR, b.caseNumber, 'Says her passport was taken by the compound manager.');
    addHold(store, ACTOR, b.caseNumber, 'medical', 'Malaria treatment until 2026-12-01.');
    const { mergeId } = mergePeople(store, ACTOR, {
      survivor: a.caseNumber,
      merged: b.caseNumber,
      choose: { familyName: 'merged', givenNames: 'merged', phone: 'merged' },
      reason: 'Same passport photo and birth date.',
    });
    const survivor = callApi({ store, actor: ACTOR }, 'person.get', { ref: a.caseNumber });
    if (!survivor.ok) throw new Error(survivor.error.message);
    const s = survivor.value;
    expect([s.familyName, s.givenNames, s.nativeName, s.phone, s.rescueSite]).toEqual(['Nguyễn', 'Thị Mai', 'Nguyễn Thị Mai', '+84 912 345 678', 'KK Park']);
    expect(s.aliases).toContain('NGUYEN THI MAI');
    expect(s.documents.map((d) => d.number)).toEqual(['C7654321']);
    expect(s.indicators.sort()).toEqual(['debt_bondage', 'withholds_documents']);
    expect(s.openHolds).toEqual(['medical']);
    expect(s.notes.map((n) => n.body)).toContain('Says her passport was taken by the compound manager.');
    expect(s.mergedFrom.map((m) => m.caseNumber)).toEqual([b.caseNumber]);

    const merged = callApi({ store, actor: ACTOR }, 'person.get', { ref: b.caseNumber });
    expect(merged.ok && merged.value.stage).toBe('merged');
    expect(merged.ok && merged.value.mergedInto).toEqual({ id: a.id, caseNumber: a.caseNumber, mergeId });
    // Searching the merged-away case number lists the person it went into.
    expect(listPeople(store, { search: b.caseNumber }).people.map((p) => p.caseNumber)).toContain(a.caseNumber);
    expect(listPeople(store, { search: 'Shwe' }).people.map((p) => p.caseNumber)).not.toContain(undefined);
    // Both timelines tell it, and the audit chain holds.
    const actions = (prepare(store.db, 'SELECT action FROM audit_event WHERE person_id IN (?, ?)').all(a.id, b.id) as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['person.merged', 'person.merged_into']));
    expect(verifyAuditChain(store.db).ok).toBe(true);
    expect(listCandidates(store, { status: 'merged' }).candidates[0]!.mergeId).toBe(mergeId);
    store.close();
  });

  it('undo puts both records back exactly as they were, and the pair back in the queue', () => {
    const { store, a, b } = twoRecords();
    const rows = () => prepare(store.db, 'SELECT * FROM person WHERE id IN (?, ?) ORDER BY id').all(a.id, b.id) as Record<string, unknown>[];
    const docs = () => prepare(store.db, 'SELECT id, person_id FROM identity_document ORDER BY id').all();
    const indicators = () => prepare(store.db, 'SELECT id, deleted FROM indicator WHERE deleted = 0 ORDER BY id').all();
    const strip = (r: Record<string, unknown>[]) => r.map(({ updated_at: _u, stage_changed_at: _s, ...rest }) => rest);
    const before = { people: strip(rows()), docs: docs(), indicators: indicators() };
    const { mergeId } = mergePeople(store, ACTOR, { survivor: b.caseNumber, merged: a.caseNumber, choose: { rescueSite: 'merged' } });
    expect(rows().find((r) => r.id === a.id)!.stage).toBe('merged');
    const undone = undoMerge(store, ACTOR, mergeId, 'Merged by mistake.');
    expect(undone.keptSinceMerge).toEqual([]);
    expect({ people: strip(rows()), docs: docs(), indicators: indicators() }).toEqual(before);
    expect(listCandidates(store).total).toBe(1);
    expect(() => undoMerge(store, ACTOR, mergeId)).toThrow(/already undone/);
    expect(verifyAuditChain(store.db).ok).toBe(true);
    store.close();
  });

  it('undo leaves alone a field someone changed after the merge, and says so', () => {
    const { store, a, b } = twoRecords();
    const { mergeId } = mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber, choose: { phone: 'merged' } });
    updatePerson(store, ACTOR, a.caseNumber, { phone: '+84 900 000 001' });
    const { keptSinceMerge } = undoMerge(store, ACTOR, mergeId);
    expect(keptSinceMerge).toContain('phone');
    expect((prepare(store.db, 'SELECT phone FROM person WHERE id = ?').get(a.id) as { phone: string }).phone).toBe('+84 900 000 001');
    store.close();
  });

  it('refuses what would lose a case: merging into itself, or a case already merged', () => {
    const { store, a, b } = twoRecords();
    expect(() => mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: a.id })).toThrow(/into itself/);
    mergePeople(store, ACTOR, { survivor: a.caseNumber, merged: b.caseNumber });
    expect(() => mergePeople(store, ACTOR, { survivor: b.caseNumber, merged: a.caseNumber })).toThrow(/already merged/);
    store.close();
  });

  it('goes through the API the hosts use', () => {
    const { store, a, b } = twoRecords();
    const session: Session = { store, actor: ACTOR };
    const list = callApi(session, 'duplicate.list', {});
    if (!list.ok) throw new Error(list.error.message);
    const pair = callApi(session, 'duplicate.get', { id: list.value.candidates[0]!.id });
    expect(pair.ok && [pair.value.a.id, pair.value.b.id].sort()).toEqual([a.id, b.id].sort());
    const merged = callApi(session, 'duplicate.merge', { survivor: a.id, merged: b.id, choose: { nativeName: 'merged' } });
    expect(merged.ok && merged.value.survivor.nativeName).toBe('Nguyễn Thị Mai');
    const undone = callApi(session, 'merge.undo', { mergeId: merged.ok ? merged.value.mergeId : '' });
    expect(undone.ok && undone.value.merged.stage).toBe('intake');
    const bad = callApi(session, 'duplicate.merge', { survivor: a.id, merged: b.id, choose: { favouriteColour: 'merged' } });
    expect(bad.ok).toBe(false);
    store.close();
  });
});

describe('the duplicate index', () => {
  const index = (store: OfficeStore) => ({
    keys: prepare(store.db, 'SELECT key, person FROM person_key UNION ALL SELECT key, person FROM person_key_recent ORDER BY 1, 2').all(),
    cards: prepare(store.db, 'SELECT count(*) FROM person_card').pluck().get(),
    counts: prepare(store.db, 'SELECT token, n FROM name_token WHERE n <> 0 ORDER BY token').all(),
  });

  it('built by an earlier version of Homeward is built again when the office is opened, and finds the same person', () => {
    const { store, path } = newOffice();
    const a = addPerson(store, ACTOR, fromPassport);
    addPerson(store, ACTOR, someoneElse);
    const before = index(store);
    // An index from an earlier version: other keys, no cards.
    store.db.exec("DELETE FROM person_key; DELETE FROM person_card; DELETE FROM name_token; DELETE FROM meta WHERE key = 'match_index'");
    store.close();
    const reopened = OfficeStore.open(path, { passphrase: PASSPHRASE });
    expect(index(reopened)).toEqual(before);
    const b = addPerson(reopened, ACTOR, atShelter);
    const { candidates } = listCandidates(reopened);
    expect(candidates.map((c) => [c.a.id, c.b.id].sort())).toEqual([[a.id, b.id].sort()]);
    reopened.close();
  });

  it('an edit takes the old name off the name counts and puts the new one on', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, someoneElse);
    const count = (token: string) => prepare(store.db, 'SELECT n FROM name_token WHERE token = ?').pluck().get(token) ?? 0;
    expect([count('hung'), count('hun')]).toEqual([1, 0]);
    updatePerson(store, ACTOR, p.id, { givenNames: 'Văn Hùn' });
    expect([count('hung'), count('hun')]).toEqual([0, 1]);
    store.close();
  });
});
