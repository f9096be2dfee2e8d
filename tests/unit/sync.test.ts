/**
 * Offices that sync by exchanging bundle files: peers from key cards, what a
 * bundle carries, merging by field, conflicts for a person to settle, and
 * every bad bundle refused with its reason and nothing changed.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageDecrypt, ageEncrypt } from '../../src/crypto/age';
import { verifyAuditChain } from '../../src/db/audit-chain';
import { prepare } from '../../src/db/query';
import type { ChangedRow } from '../../src/db/schema';
import { HomewardError } from '../../src/domain/errors';
import { addAttachment } from '../../src/services/attachments';
import { addHold, advanceCase } from '../../src/services/cases';
import { addNote } from '../../src/services/notes';
import { ensureOfficeKeys, keyCard, officeAgeIdentity } from '../../src/services/office-keys';
import { addPerson, getPerson, updatePerson } from '../../src/services/people';
import { recordVerification } from '../../src/services/verification';
import { mergePeople } from '../../src/services/duplicates/merge';
import { decideDifferent, listCandidates, pairId } from '../../src/services/duplicates/queue';
import { replayParkedChanges } from '../../src/services/sync/apply';
import { listConflicts, resolveConflict, syncStatus } from '../../src/services/sync/conflicts';
import { exportBundle } from '../../src/services/sync/export';
import { parseBundleName, syncFolderPass } from '../../src/services/sync/folder';
import { addPeer, listPeers, previewPeerCard, removePeer } from '../../src/services/sync/peers';
import { readZip, writeZip } from '../../src/services/zip';
import { openBundle, refusalOf } from '../../src/sync/bundle';
import { ACTOR, completePerson, newOffice, refusal, tempDir } from '../helpers';
import { apply, bundle, dump, exchange, fullExchange, syncOffices, SYNC_ACTOR, type SyncOffice } from '../sync-helpers';

const people = (o: SyncOffice) => (prepare(o.store.db, 'SELECT count(*) AS n FROM person').get() as { n: number }).n;
const fingerprint = (s: SyncOffice) => JSON.stringify(dump(s.store));

function expectSame(offices: SyncOffice[]): void {
  const first = dump(offices[0]!.store);
  for (const o of offices.slice(1)) {
    const other = dump(o.store);
    for (const table of Object.keys(first)) expect(other[table], `${o.code}: ${table}`).toEqual(first[table]);
  }
}

function refusedBundle(to: SyncOffice, bytes: Uint8Array): HomewardError {
  const before = fingerprint(to);
  const e = refusal(() => apply(to, Buffer.from(bytes)));
  expect(fingerprint(to)).toBe(before);
  return e;
}

describe('peer offices', () => {
  it('adds a peer only with both fingerprints read back, and refuses a card that does not match', () => {
    const { store: mso } = newOffice('MSO');
    const { store: myw } = newOffice('MYW', 'Myawaddy liaison office');
    ensureOfficeKeys(mso, 'admin@test');
    ensureOfficeKeys(myw, 'admin@test');
    const card = keyCard(myw.db);
    const preview = previewPeerCard(card.card);
    expect(preview).toMatchObject({ office: 'MYW', ageFingerprint: card.ageFingerprint, signingFingerprint: card.signingFingerprint });

    const missing = refusal(() => addPeer(mso, 'admin@test', { card: card.card }));
    expect(missing.message).toContain(card.ageFingerprint);
    expect(missing.message).toContain(card.signingFingerprint);
    const wrong = refusal(() => addPeer(mso, 'admin@test', { card: card.card, ageFingerprint: card.ageFingerprint, signingFingerprint: card.ageFingerprint }));
    expect(wrong.message).toMatch(/signing key fingerprint given .* is not the card's/);
    expect(listPeers(mso.db)).toEqual([]);

    // Read back over the phone: spaces and case do not matter.
    const peer = addPeer(mso, 'admin@test', { card: card.card, ageFingerprint: card.ageFingerprint.toLowerCase(), signingFingerprint: card.signingFingerprint.replace(/ /g, '') });
    expect(peer).toMatchObject({ office: 'MYW', trusted: true, lastIn: null, lastOut: null });
    expect(refusal(() => addPeer(mso, 'admin@test', { card: card.card, ageFingerprint: card.ageFingerprint, signingFingerprint: card.signingFingerprint })).code).toBe('ALREADY_EXISTS');
    expect(refusal(() => addPeer(mso, 'admin@test', { card: keyCard(mso.db).card, ageFingerprint: keyCard(mso.db).ageFingerprint, signingFingerprint: keyCard(mso.db).signingFingerprint })).message).toContain('itself');
    expect(refusal(() => previewPeerCard('{"format":"something-else"}')).message).toContain('not a Homeward office key card');
    expect(verifyAuditChain(mso.db).ok).toBe(true);
  });

  it('refuses bundles from a removed peer, and accepts them again once its new keys are added', () => {
    const [a, b] = syncOffices(['MSO', 'MYW']);
    addPerson(a!.store, ACTOR, completePerson());
    const first = bundle(a!, [b!])!;
    expect(refusal(() => removePeer(b!.store, 'admin@test', 'MSO', ' ')).message).toContain('Say why');
    removePeer(b!.store, 'admin@test', 'MSO', 'laptop stolen');
    const e = refusedBundle(b!, first);
    expect(refusalOf(e)).toBe('unknown-office');
    expect(e.message).toContain('not a peer');
    // Sending to a removed peer is refused too.
    expect(refusal(() => exportBundle(b!.store, SYNC_ACTOR, ['MSO'])).code).toBe('FORBIDDEN');

    // MSO makes new keys (a new laptop): the old bundle stays refused, new ones are accepted.
    prepare(a!.store.db, 'DELETE FROM office_secret').run();
    ensureOfficeKeys(a!.store, 'admin@test');
    const card = keyCard(a!.store.db);
    addPeer(b!.store, 'admin@test', { card: card.card, ageFingerprint: card.ageFingerprint, signingFingerprint: card.signingFingerprint });
    expect(refusalOf(refusedBundle(b!, first))).toBe('unknown-office');
    expect(apply(b!, bundle(a!, [b!])!).people).toBe(1);
  });
});

describe('bundles', () => {
  it('carries people, notes, holds, attachments and audit events; the same bundle twice changes nothing', () => {
    const [a, b] = syncOffices(['MSO', 'MYW']);
    const p = addPerson(a!.store, ACTOR, completePerson());
    addNote(a!.store, ACTOR, p.caseNumber, 'Arrived with a group of 14 from KK Park.');
    addHold(a!.store, ACTOR, p.caseNumber, 'medical', 'Dengue, under treatment');
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    addAttachment(a!.store, ACTOR, p.caseNumber, { kind: 'photo', filename: 'photo.jpg', data: photo });

    const bytes = bundle(a!, [b!])!;
    const first = apply(b!, bytes);
    expect(first.status).toBe('applied');
    expect(first.rows.inserted).toBeGreaterThanOrEqual(4);
    expect(first.attachments).toEqual({ received: 1, added: 1 });
    expect(first.people).toBe(1);
    const view = getPerson(b!.store, p.caseNumber);
    expect(view.familyName).toBe('Nguyễn');
    expect(view.openHolds).toEqual(['medical']);
    expect(view.notes.map((n) => n.body)).toEqual(['Arrived with a group of 14 from KK Park.']);
    expect(verifyAuditChain(b!.store.db).ok).toBe(true);

    const before = fingerprint(b!);
    const again = apply(b!, bytes);
    expect(again.status).toBe('already-imported');
    expect(fingerprint(b!)).toBe(before);
    // Nothing new at MSO for MYW until MYW answers; then nothing at all.
    // MYW answers with what it now holds; MSO says it holds MYW's own events; then neither has news.
    expect(apply(a!, bundle(b!, [a!])!).status).toBe('applied');
    expect(apply(b!, bundle(a!, [b!])!).changes.applied).toBe(0);
    expect(bundle(a!, [b!])).toBeNull();
    expect(bundle(b!, [a!])).toBeNull();
    expectSame([a!, b!]);
  });

  it('gives the same result in any order, late, duplicated, and relayed through a third office', () => {
    const offices = syncOffices(['MSO', 'MYW', 'BKK']);
    const [a, b, c] = offices as [SyncOffice, SyncOffice, SyncOffice];
    const p = addPerson(a.store, ACTOR, completePerson());
    const early = bundle(a, [b])!;
    updatePerson(a.store, ACTOR, p.caseNumber, { phone: '+66 81 234 5678' }, 'new SIM');
    const later = bundle(a, [b])!; // also carries the registration: MYW has not answered yet
    apply(b, later);
    apply(b, early); // late: older than what MYW holds
    apply(b, later);
    expect(getPerson(b.store, p.caseNumber).phone).toBe('+66 81 234 5678');
    // BKK hears of MSO's person only through MYW; the changes keep their origin.
    const relayed = apply(c, bundle(b, [c])!);
    expect(relayed.changes.applied).toBe(2);
    expect(getPerson(c.store, p.caseNumber).caseNumber).toMatch(/^MSO-/);
    const origins = (prepare(c.store.db, 'SELECT hlc FROM change').all() as { hlc: string }[]).filter((r) => r.hlc.includes('-MSO.'));
    expect(origins.length).toBe(2);
    // A bundle written for MYW is not for BKK.
    expect(refusalOf(refusedBundle(c, early))).toBe('not-for-this-office');
    fullExchange(offices);
    expectSame(offices);
  });

  it('writes one bundle for several offices, each able to open it', () => {
    const [a, b, c] = syncOffices(['MSO', 'MYW', 'BKK']);
    addPerson(a!.store, ACTOR, completePerson());
    const out = exportBundle(a!.store, SYNC_ACTOR, ['MYW', 'BKK']);
    expect(out.header!.to).toEqual(['MYW', 'BKK']);
    expect(apply(b!, out.bytes!).people).toBe(1);
    expect(apply(c!, out.bytes!).people).toBe(1);
  });
});

describe('merging', () => {
  it('keeps the newer value of each field, and puts concurrent identity edits in the queue with both values', () => {
    const [a, b] = syncOffices(['MSO', 'MYW']);
    const p = addPerson(a!.store, ACTOR, completePerson());
    exchange(a!, b!);
    // Different fields at the two offices: both kept, no conflict.
    updatePerson(a!.store, ACTOR, p.caseNumber, { phone: '+66 80 000 1111' }, null);
    updatePerson(b!.store, ACTOR, p.caseNumber, { rescueGroup: 'Group 7' }, null);
    // The same identity field at both: the later write wins, both are kept for review.
    updatePerson(a!.store, ACTOR, p.caseNumber, { givenNames: 'Van An' }, 'as on the list');
    updatePerson(b!.store, ACTOR, p.caseNumber, { givenNames: 'Văn Ân' }, 'as the person spells it');
    exchange(a!, b!);
    expectSame([a!, b!]);
    const merged = getPerson(a!.store, p.caseNumber);
    expect(merged.phone).toBe('+66 80 000 1111');
    expect(merged.rescueGroup).toBe('Group 7');
    expect(merged.givenNames).toBe('Văn Ân');
    for (const o of [a!, b!]) {
      const open = listConflicts(o.store.db);
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ kind: 'identity', field: 'given_names', winnerValue: 'Văn Ân', winnerOffice: 'MYW', loserValue: 'Van An', loserOffice: 'MSO', caseNumber: p.caseNumber });
    }
    // MSO settles it by typing the right value: the edit travels and settles MYW's entry too.
    const id = listConflicts(a!.store.db)[0]!.id;
    // A typed value meets the intake rules.
    expect(refusal(() => resolveConflict(a!.store, ACTOR, { id, choice: 'value', value: 'x'.repeat(201) })).code).toBe('VALIDATION_FAILED');
    expect(listConflicts(a!.store.db)[0]!.status).toBe('open');
    expect(resolveConflict(a!.store, ACTOR, { id, choice: 'value', value: 'Văn An', note: 'checked with the person' }).status).toBe('resolved');
    exchange(a!, b!);
    expect(getPerson(b!.store, p.caseNumber).givenNames).toBe('Văn An');
    expect(listConflicts(b!.store.db)).toEqual([]);
    expect(listConflicts(b!.store.db, { status: 'all' })[0]).toMatchObject({ status: 'superseded' });
    expectSame([a!, b!]);
  });

  it('ends concurrent stage moves in one stage, keeps both events, and flags a stage the rules forbid', () => {
    const [a, b] = syncOffices(['MSO', 'MYW']);
    const p = addPerson(a!.store, ACTOR, completePerson());
    advanceCase(a!.store, ACTOR, p.caseNumber, 'verification', 'Intake complete');
    recordVerification(a!.store, ACTOR, p.caseNumber, { method: 'interview', authority: 'Embassy of VN', country: 'VN', outcome: 'confirmed', reference: 'VN-1' });
    exchange(a!, b!);
    // MSO moves the case on to transfer; MYW, not knowing, records that the embassy withdrew the confirmation.
    advanceCase(a!.store, ACTOR, p.caseNumber, 'transfer', 'Nationality confirmed');
    recordVerification(b!.store, ACTOR, p.caseNumber, { method: 'embassy_list', authority: 'Embassy of VN', country: 'VN', outcome: 'not_confirmed', reference: 'VN-2' });
    exchange(a!, b!);
    expectSame([a!, b!]);
    const [x, y] = [getPerson(a!.store, p.caseNumber), getPerson(b!.store, p.caseNumber)];
    expect(x.stage).toBe(y.stage);
    const actions = (o: SyncOffice) => (prepare(o.store.db, `SELECT action FROM audit_event WHERE person_id = ? ORDER BY hlc`).all(p.id) as { action: string }[]).map((r) => r.action);
    expect(actions(a!)).toEqual(actions(b!));
    expect(actions(a!)).toContain('person.stage_changed');
    expect(actions(a!).filter((x) => x.startsWith('verification.')).length).toBe(2);
    // The later write (MYW's answer) withdrew the nationality under a case MSO had moved on: flagged on both.
    expect(x.stage).toBe('transfer');
    expect(x.confirmedNationality).toBeNull();
    for (const o of [a!, b!]) {
      const flag = listConflicts(o.store.db).find((c) => c.kind === 'stage');
      expect(flag?.detail).toContain('Nationality is not confirmed');
      expect(resolveConflict(o.store, ACTOR, { id: flag!.id, choice: 'reviewed', note: 'moved back to verification' }).status).toBe('resolved');
      expect(refusal(() => resolveConflict(o.store, ACTOR, { id: flag!.id, choice: 'reviewed' })).code).toBe('CONFLICT');
    }
  });

  it('puts a person registered at two offices in both offices\' duplicate queues, under one pair', () => {
    const [a, b] = syncOffices(['MSO', 'MYW']);
    addPerson(a!.store, ACTOR, completePerson({ givenNames: 'Thị Hoa', familyName: 'Trần', nativeName: 'Trần Thị Hoa', sex: 'female' }));
    addPerson(b!.store, ACTOR, completePerson({ givenNames: 'Thi Hoa', familyName: 'Tran', nativeName: null, sex: 'female' }));
    const toB = apply(b!, bundle(a!, [b!])!);
    expect(toB.duplicates).toEqual({ checked: 1, queued: 1, skipped: false });
    exchange(a!, b!);
    const pairs = (o: SyncOffice) => prepare(o.store.db, `SELECT id, status FROM duplicate_candidate`).all();
    expect(pairs(a!)).toHaveLength(1);
    expect(pairs(a!)).toEqual(pairs(b!));
    expectSame([a!, b!]);
  });

  it("asks about a pair found here with a record merged away elsewhere again with the record kept, and a 'different' decision holds for it", () => {
    for (const decided of [false, true]) {
      const [a, b] = syncOffices(['MSO', 'MYW']);
      // MSO holds one woman twice: from her passport, and as the shelter wrote her down (with a phone and a nickname).
      const kept = addPerson(a!.store, ACTOR, completePerson({ familyName: 'NGUYEN', givenNames: 'THI MAI', nativeName: null, sex: 'female', birthDate: '1998-03-07', documents: [{ type: 'passport', number: 'C7654321', issuingCountry: 'VN', holder: 'authority' }] }));
      const shelter = addPerson(a!.store, ACTOR, completePerson({ familyName: 'Nguyễn', givenNames: 'Thị Mai', nativeName: 'Nguyễn Thị Mai', aliases: ['Lan Anh'], sex: 'female', birthDate: '1998-03-07', phone: '+84 912 345 678', documents: [] }));
      exchange(a!, b!);
      // Myawaddy registers someone sharing the shelter record's phone and nickname: a pair MSO has never seen.
      const third = addPerson(b!.store, ACTOR, completePerson({ familyName: 'Trần', givenNames: 'Lan Anh', nativeName: null, sex: 'female', birthDate: null, estimatedAge: 27, phone: '+84 912 345 678', documents: [], rescueSite: 'Shwe Kokko', rescueOperation: 'Shwe Kokko raid 2026-09-02' }));
      const found = listCandidates(b!.store).candidates.find((c) => [c.a.id, c.b.id].includes(third.id));
      expect(found && [found.a.id, found.b.id].sort()).toEqual([shelter.id, third.id].sort());
      if (decided) decideDifferent(b!.store, ACTOR, found!.id, 'Sisters: same phone, different birth years');
      // Meanwhile MSO merges the shelter record into the passport record.
      mergePeople(a!.store, ACTOR, { survivor: kept.caseNumber, merged: shelter.caseNumber, reason: 'Same birth date and photo.' });

      const view = apply(b!, bundle(a!, [b!])!);
      const pair = prepare(b!.store.db, 'SELECT status, decision_note, found_by FROM duplicate_candidate WHERE id = ?').get(pairId(kept.id, third.id)) as { status: string; decision_note: string | null; found_by: string };
      if (decided) {
        expect(pair).toMatchObject({ status: 'different', decision_note: 'Sisters: same phone, different birth years' });
        expect(listCandidates(b!.store).candidates).toEqual([]);
      } else {
        // Without the carry, the only question about her would stay hidden with the merged-away record.
        expect(view.duplicates.queued).toBe(1);
        expect(pair).toMatchObject({ status: 'open', found_by: 'intake' });
        const open = listCandidates(b!.store).candidates;
        expect(open.map((c) => [c.a.id, c.b.id].sort())).toEqual([[kept.id, third.id].sort()]);
        // Scored on the kept record as it is now: it took the phone in the merge.
        expect(open[0]!.reasons).toContain('same phone number');
      }
      exchange(a!, b!);
      expect(listCandidates(a!.store).candidates.map((c) => c.id)).toEqual(listCandidates(b!.store).candidates.map((c) => c.id));
      expectSame([a!, b!]);
    }
  });

  it('stops before deleting more than the set share of records, changes nothing, and applies when told to', () => {
    const [a, b] = syncOffices(['MSO', 'MYW']);
    for (let i = 0; i < 30; i++) addPerson(a!.store, ACTOR, completePerson({ givenNames: `An ${i}`, documents: [{ type: 'passport', number: `C${1000000 + i}`, issuingCountry: 'VN', holder: 'person' }] }));
    exchange(a!, b!);
    a!.store.write(ACTOR, (tx) => {
      for (const d of prepare(tx.db, 'SELECT id FROM identity_document').all() as { id: string }[]) tx.tombstone('identity_document', d.id);
      tx.audit({ action: 'test.bulk_delete', entityType: 'office', entityId: 'MSO' });
    });
    const bytes = bundle(a!, [b!])!;
    const before = fingerprint(b!);
    const e = refusal(() => apply(b!, bytes));
    expect(e.code).toBe('CONFIRMATION_REQUIRED');
    expect(e.message).toMatch(/would delete 30 of 30 identity document rows/);
    expect(fingerprint(b!)).toBe(before);
    expect(apply(b!, bytes, { allowDeletes: true }).rows.deleted).toBe(30);
    expect((prepare(b!.store.db, 'SELECT count(*) AS n FROM identity_document WHERE deleted = 0').get() as { n: number }).n).toBe(0);
  });

  it('parks changes for columns and tables this version does not know, and applies them after an upgrade', () => {
    const [a, b] = syncOffices(['MSO', 'MYW']);
    const p = addPerson(a!.store, ACTOR, completePerson());
    exchange(a!, b!);
    // A newer MSO writes a column MYW's version lacks, and a row of a table it lacks.
    a!.store.write(ACTOR, (tx) => {
      prepare(tx.db, 'ALTER TABLE person ADD COLUMN guardian_name TEXT').run();
      tx.update('person', p.id, { guardian_name: 'Nguyễn Thị Hoa', phone: '+84 90 111 2222' });
      tx.audit({ action: 'person.updated', entityType: 'person', entityId: p.id, personId: p.id });
    });
    const imported = apply(b!, bundle(a!, [b!])!);
    expect(imported.changes.parked).toBe(1);
    expect(getPerson(b!.store, p.caseNumber).phone).toBe('+84 90 111 2222');
    const parked = prepare(b!.store.db, 'SELECT tbl, fields, reason FROM sync_parked').all() as { tbl: string; fields: string; reason: string }[];
    expect(parked).toHaveLength(1);
    expect(JSON.parse(parked[0]!.fields)).toEqual({ guardian_name: 'Nguyễn Thị Hoa' });
    expect(syncStatus(b!.store).parked).toBe(1);
    // A second edit of the unknown column waits behind the first.
    a!.store.write(ACTOR, (tx) => {
      tx.update('person', p.id, { guardian_name: 'Nguyễn Thị Hoà' });
      tx.audit({ action: 'person.updated', entityType: 'person', entityId: p.id, personId: p.id });
    });
    expect(apply(b!, bundle(a!, [b!])!).changes.parked).toBe(1);
    // MYW upgrades (the column arrives by migration); opening the office replays both, in order.
    prepare(b!.store.db, 'ALTER TABLE person ADD COLUMN guardian_name TEXT').run();
    expect(replayParkedChanges(b!.store, ACTOR)).toBe(2);
    expect(replayParkedChanges(b!.store, ACTOR)).toBe(0);
    expect((prepare(b!.store.db, 'SELECT guardian_name FROM person WHERE id = ?').get(p.id) as { guardian_name: string }).guardian_name).toBe('Nguyễn Thị Hoà');
    a!.store.write(ACTOR, (tx) => {
      tx.update('person', p.id, { guardian_name: 'Nguyễn Thị Hoa' });
      tx.audit({ action: 'person.updated', entityType: 'person', entityId: p.id, personId: p.id });
    });
    const next = apply(b!, bundle(a!, [b!])!);
    expect(next.changes.parked).toBe(0);
    expect((prepare(b!.store.db, 'SELECT guardian_name FROM person WHERE id = ?').get(p.id) as { guardian_name: string }).guardian_name).toBe('Nguyễn Thị Hoa');
    expect(syncStatus(b!.store).parked).toBe(0);
  });

  it('a new row whose column arrived parked takes its value on upgrade without a conflict: nobody here ever held another', () => {
    const [a, b] = syncOffices(['MSO', 'MYW']);
    exchange(a!, b!);
    // A newer MSO registers a note with a column MYW's version lacks.
    const p = addPerson(a!.store, ACTOR, completePerson());
    prepare(a!.store.db, 'ALTER TABLE note ADD COLUMN language TEXT').run();
    const noteId = a!.store.write(ACTOR, (tx) => {
      const id = `note-${p.id}`;
      tx.insert('note', { id, person_id: p.id, body: 'Speaks Karen.', author: ACTOR, created_at: tx.at, language: 'ksw' });
      tx.audit({ action: 'note.added', entityType: 'note', entityId: id, personId: p.id });
      return id;
    });
    expect(apply(b!, bundle(a!, [b!])!).changes.parked).toBe(1);
    prepare(b!.store.db, 'ALTER TABLE note ADD COLUMN language TEXT').run();
    expect(replayParkedChanges(b!.store, ACTOR)).toBe(1);
    expect((prepare(b!.store.db, 'SELECT language FROM note WHERE id = ?').get(noteId) as { language: string }).language).toBe('ksw');
    expect(prepare(b!.store.db, "SELECT count(*) AS n FROM sync_conflict WHERE row_id = ?").get(noteId)).toEqual({ n: 0 });
  });

  it('accepts changes stamped far in the future, flags the clock, and keeps later edits winning everywhere', () => {
    const [a, b] = syncOffices(['MSO', 'MYW']);
    const p = addPerson(a!.store, ACTOR, completePerson());
    exchange(a!, b!);
    // MSO's laptop clock is three days ahead.
    const realNow = Date.now;
    Date.now = () => realNow() + 3 * 86_400_000;
    try {
      const ahead = new (a!.store.clock.constructor as typeof import('../../src/sync/hlc').HybridClock)(a!.store.node, { state: a!.store.clock.state() });
      (a!.store as unknown as { clock: unknown }).clock = ahead;
      updatePerson(a!.store, ACTOR, p.caseNumber, { phone: '+66 99 999 9999' }, null);
    } finally {
      Date.now = realNow;
    }
    const result = apply(b!, bundle(a!, [b!])!);
    expect(result.conflicts.clock).toBe(1);
    expect(result.clockWarning).toMatch(/[23] days ahead/);
    expect(getPerson(b!.store, p.caseNumber).phone).toBe('+66 99 999 9999');
    expect(listConflicts(b!.store.db).find((c) => c.kind === 'clock')?.detail).toContain('correct its computer');
    // MYW corrects the number after seeing it: its edit must win at MSO too, though MYW's clock is right.
    updatePerson(b!.store, ACTOR, p.caseNumber, { phone: '+66 81 000 0000' }, 'number confirmed by phone');
    exchange(a!, b!);
    expect(getPerson(a!.store, p.caseNumber).phone).toBe('+66 81 000 0000');
    expect(getPerson(b!.store, p.caseNumber).phone).toBe('+66 81 000 0000');
    expectSame([a!, b!]);
  });
});

describe('bad bundles are refused, each with its reason, and change nothing', () => {
  function setup() {
    const offices = syncOffices(['MSO', 'MYW', 'BKK']);
    addPerson(offices[0]!.store, ACTOR, completePerson());
    return offices as [SyncOffice, SyncOffice, SyncOffice];
  }

  it('truncated, flipped byte, wrong recipient, not a bundle', () => {
    const [a, b, c] = setup();
    const bytes = bundle(a, [b])!;
    // Cut inside the encrypted header, or mid-chunk (then it cannot be told from damage; both say to copy it again).
    expect(refusalOf(refusedBundle(b, bytes.subarray(0, 150)))).toBe('incomplete');
    const cut = refusedBundle(b, bytes.subarray(0, bytes.length - 100));
    expect(refusalOf(cut)).toBe('damaged');
    expect(cut.message).toContain('incomplete');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 500]! ^= 0x01;
    expect(refusalOf(refusedBundle(b, flipped))).toBe('damaged');
    expect(refusalOf(refusedBundle(c, bytes))).toBe('not-for-this-office');
    expect(refusalOf(refusedBundle(b, Buffer.from('PK\u0003\u0004 not really')))).toBe('not-a-bundle');
  });

  /** Opens MSO's bundle for MYW as MYW would, lets `edit` change its entries, and seals it again to MYW. */
  function tamper(a: SyncOffice, b: SyncOffice, edit: (entries: Map<string, Uint8Array>) => void): Buffer {
    const bytes = bundle(a, [b])!;
    const zip = ageDecrypt(bytes, [{ kind: 'x25519', identity: officeAgeIdentity(b.store.db) }]);
    const entries = new Map(readZip(zip).map((e) => [e.name, e.read()] as const));
    edit(entries);
    return ageEncrypt(writeZip([...entries].map(([name, data]) => ({ name, data }))), [{ kind: 'x25519', recipient: keyCard(b.store.db).ageRecipient }]);
  }

  it('unsigned, signed by an unknown office, replayed with an altered header, altered contents', () => {
    const [a, b] = setup();
    expect(refusalOf(refusedBundle(b, tamper(a, b, (e) => e.delete('header.json.minisig'))))).toBe('unsigned');
    // A stranger (not a peer of MYW) writes a bundle in MSO's name, signed with its own key.
    const stranger = syncOffices(['RNG', 'MYW']);
    const strangerCard = keyCard(stranger[0]!.store.db);
    void strangerCard;
    const forged = tamper(a, b, (e) => {
      const sig = exportBundle(stranger[0]!.store, SYNC_ACTOR, ['MYW']).bytes!;
      const strangerZip = ageDecrypt(sig, [{ kind: 'x25519', identity: officeAgeIdentity(stranger[1]!.store.db) }]);
      const sigEntry = readZip(strangerZip).find((x) => x.name === 'header.json.minisig')!;
      e.set('header.json.minisig', sigEntry.read());
    });
    const forgedError = refusedBundle(b, forged);
    expect(refusalOf(forgedError)).toBe('unknown-office');
    expect(forgedError.message).toContain('signed by a key this office does not hold for MSO');
    // The header replayed with other watermarks (to make MYW skip changes): the signature no longer matches.
    const replayed = tamper(a, b, (e) => {
      const header = JSON.parse(Buffer.from(e.get('header.json')!).toString('utf8'));
      header.watermarks = {};
      header.to = ['MYW', 'BKK'];
      e.set('header.json', Buffer.from(JSON.stringify(header)));
    });
    expect(refusalOf(refusedBundle(b, replayed))).toBe('bad-signature');
    // A change edited inside a signed bundle: its hash no longer matches the header's.
    const edited = tamper(a, b, (e) => {
      const text = Buffer.from(e.get('changes.jsonl')!).toString('utf8').replace('Nguyễn', 'Nguyen');
      e.set('changes.jsonl', Buffer.from(text));
    });
    expect(refusalOf(refusedBundle(b, edited))).toBe('header-mismatch');
  });

  it('a zip bomb is refused before it is unpacked', () => {
    const [a, b] = setup();
    const bomb = tamper(a, b, (e) => e.set('blobs.bin', Buffer.alloc(64 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = fingerprint(b);
    const e = refusal(() => openBundle(bomb, { identity: officeAgeIdentity(b.store.db), self: 'MYW', peerKey: () => null, limits: { maxEntryBytes: 16 * 1024 * 1024 } }));
    expect(refusalOf(e)).toBe('too-large');
    expect(fingerprint(b)).toBe(before);
  });
});

describe('the sync folder', () => {
  it('writes outgoing bundles, imports those addressed here, skips partial and foreign files, and deletes nothing', () => {
    const [a, b, c] = syncOffices(['MSO', 'MYW', 'BKK']);
    const dir = join(tempDir(), 'Homeward sync');
    mkdirSync(dir);
    const p = addPerson(a!.store, ACTOR, completePerson());
    const first = syncFolderPass(a!.store, SYNC_ACTOR, dir);
    expect(first.written.map((w) => w.to)).toEqual([['BKK'], ['MYW']]);
    const names = readdirSync(dir);
    expect(names.every((n) => parseBundleName(n)?.from === 'MSO')).toBe(true);
    // Syncthing's temporary file, a half-copied bundle and an unrelated file are left alone.
    const full = readFileSync(join(dir, names.find((n) => n.includes('-to-MYW-'))!));
    writeFileSync(join(dir, '.syncthing.MSO-to-MYW-x.hwsync.tmp'), full.subarray(0, 100));
    const cut = `MSO-to-MYW-${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}.hwsync`;
    writeFileSync(join(dir, cut), full.subarray(0, full.length / 2));
    writeFileSync(join(dir, 'notes.txt'), 'shopping list');

    const pass = syncFolderPass(b!.store, SYNC_ACTOR, dir);
    expect(pass.imported).toHaveLength(1);
    expect(pass.imported[0]!.people).toBe(1);
    expect(pass.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'addressed to BKK' }),
        expect.objectContaining({ file: cut, reason: expect.stringContaining('still being copied') }),
        expect.objectContaining({ file: expect.stringMatching(/^MSO-to-BKK-/), reason: 'addressed to BKK' }),
      ]),
    );
    expect(getPerson(b!.store, p.caseNumber).caseNumber).toBe(p.caseNumber);
    // Passes again change nothing and write nothing new once both sides have answered.
    syncFolderPass(a!.store, SYNC_ACTOR, dir);
    syncFolderPass(b!.store, SYNC_ACTOR, dir);
    const settled = readdirSync(dir).length;
    const again = [syncFolderPass(a!.store, SYNC_ACTOR, dir), syncFolderPass(b!.store, SYNC_ACTOR, dir)];
    expect(JSON.stringify(again.flatMap((x) => [...x.imported, ...x.written]), null, 1)).toBe('[]');
    expect(readdirSync(dir).length).toBe(settled);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(names));
    syncFolderPass(c!.store, SYNC_ACTOR, dir);
    expect(people(c!)).toBe(1);
    // Nothing in the folder is readable text about the person.
    for (const n of readdirSync(dir)) expect(readFileSync(join(dir, n)).includes(Buffer.from('Nguyễn'))).toBe(false);
    expect(refusal(() => syncFolderPass(a!.store, SYNC_ACTOR, join(dir, 'missing'))).code).toBe('FOLDER_NOT_FOUND');
  });

  it('reads the sender, receivers and id from a file name only as a hint', () => {
    expect(parseBundleName('MSO-to-MYW+BKK-01a201c8-956f-71f1-b781-4544b823fc3d.hwsync')).toEqual({ from: 'MSO', to: ['MYW', 'BKK'], id: '01a201c8-956f-71f1-b781-4544b823fc3d' });
    expect(parseBundleName('.MSO-to-MYW-01a201c8-956f-71f1-b781-4544b823fc3d.hwsync.partial')).toBeNull();
    expect(parseBundleName('MSO-to-MYW-01a201c8-956f-71f1-b781-4544b823fc3d.hwsync.tmp')).toBeNull();
  });
});

describe('the change log', () => {
  it('records what an edit replaced, so another office can tell a later edit from a concurrent one', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson());
    updatePerson(store, ACTOR, p.caseNumber, { givenNames: 'Văn Bình' }, null);
    const rows = JSON.parse((prepare(store.db, 'SELECT rows FROM change ORDER BY seq DESC LIMIT 1').get() as { rows: string }).rows) as ChangedRow[];
    const person = rows.find((r) => r.table === 'person')!;
    expect(person.fields.given_names).toBe('Văn Bình');
    expect(person.prev).toMatchObject({ given_names: 'Văn An' });
  });
});
