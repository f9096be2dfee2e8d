/**
 * Bundles a trusted peer signed but Homeward would never write — a bug, or an
 * altered copy of Homeward at that office: they are refused or kept out with
 * a reason a person can act on, change nothing they must not, never overwrite
 * what is only ever added, never make this office skip another office's
 * changes, and never stop sync with the other offices.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/db/query';
import { HomewardError } from '../../src/domain/errors';
import { addAttachment } from '../../src/services/attachments';
import { addNote } from '../../src/services/notes';
import { addPerson, getPerson } from '../../src/services/people';
import { mergePeople, undoMerge } from '../../src/services/duplicates/merge';
import { readBundle, replayParkedChanges } from '../../src/services/sync/apply';
import type { ConflictView } from '../../src/api/sync-views';
import { listConflicts, resolveConflict, syncStatus } from '../../src/services/sync/conflicts';
import { syncFolderPass } from '../../src/services/sync/folder';
import { heldWatermarks } from '../../src/services/sync/state';
import { bundleFileName, refusalOf } from '../../src/sync/bundle';
import { uuidv7 } from '../../src/db/ids';
import { ACTOR, completePerson, refusal, tempDir } from '../helpers';
import { apply, bundle, craftedBundle, dump, exchange, stampOf, SYNC_ACTOR, syncOffices, type SyncOffice } from '../sync-helpers';

const fingerprint = (o: SyncOffice) => JSON.stringify({ ...dump(o.store), conflicts: listConflicts(o.store.db, { status: 'all' }), status: syncStatus(o.store) });
const line = (hlc: string, rows: unknown[]) => JSON.stringify({ hlc, rows });
const familyNames = (o: SyncOffice) => (prepare(o.store.db, 'SELECT family_name FROM person ORDER BY family_name').all() as { family_name: string }[]).map((r) => r.family_name);

/** Imports `bytes` at `to`, which must refuse it as malformed and change nothing; returns the refusal. */
function refusedAsMalformed(to: SyncOffice, bytes: Buffer): HomewardError {
  const before = fingerprint(to);
  const e = refusal(() => apply(to, bytes));
  expect(e.code).toBe('BUNDLE_REFUSED');
  expect(refusalOf(e)).toBe('malformed');
  expect(fingerprint(to)).toBe(before);
  return e;
}

describe('a signed bundle that Homeward would never write', () => {
  it('is refused when it is opened, saying what is wrong where, and changes nothing', () => {
    const [mso, myw] = syncOffices(['MSO', 'MYW']) as [SyncOffice, SyncOffice];
    const p = addPerson(mso.store, ACTOR, completePerson());
    apply(myw, bundle(mso, [myw])!);
    const at = stampOf(myw, 1000);
    const event = { id: uuidv7(), chain: myw.store.node, chain_index: 99, at: new Date().toISOString(), hlc: at, office: 'MYW', actor: ACTOR, action: 'note.added', entity_type: 'note', entity_id: 'n', person_id: null, before: null, after: null, reason: null, prev_hash: '0'.repeat(64), hash: '1'.repeat(64) };
    const cases: [string, Parameters<typeof craftedBundle>[2], RegExp][] = [
      ['a line that is not JSON', { lines: ['{"hlc":'] }, /Line 1 of changes\.jsonl .* not valid JSON/],
      ['a line that is null', { lines: ['null'] }, /Line 1 of changes\.jsonl .* not a change Homeward writes/],
      ['a change without rows', { lines: [JSON.stringify({ hlc: at })] }, /\(rows: /],
      ['a row without fields', { lines: [line(at, [{ table: 'person', id: p.id, op: 'update' }])] }, /rows\.0\.fields: /],
      ['a stamp that is no stamp', { lines: [line('yesterday', [])] }, /\(hlc: not a change stamp/],
      ['a stamp without a device', { lines: [line(at.replace(/\.[0-9a-f]+$/, ''), [])] }, /\(hlc: not a change stamp/],
      ['an object for a column', { lines: [line(at, [{ table: 'person', id: p.id, op: 'update', fields: { estimated_age: { x: 1 } } }])] }, /rows\.0\.fields\.estimated_age: not a value a column holds/],
      ['true for a column', { lines: [line(at, [{ table: 'person', id: p.id, op: 'update', fields: { deleted: true } }])] }, /rows\.0\.fields\.deleted: not a value/],
      ['a change of a row id', { lines: [line(at, [{ table: 'person', id: p.id, op: 'update', fields: { id: 'someone-else' } }])] }, /may not set a row id/],
      ['a table name with a quote', { lines: [line(at, [{ table: 'person"; --', id: p.id, op: 'update', fields: {} }])] }, /rows\.0\.table: not a table name/],
      ['an unknown operation', { lines: [line(at, [{ table: 'person', id: p.id, op: 'upsert', fields: {} }])] }, /rows\.0\.op: /],
      ['an audit event missing its time', { events: [{ ...event, at: undefined }] }, /Line 1 of events\.jsonl .* not an audit event Homeward writes \(at: /],
      ['an audit event stamped by another device', { events: [{ ...event, hlc: stampOf(mso, 1000) }] }, /an event stamped by another device/],
      ['a watermark that is no stamp', { watermarks: { [mso.store.node]: 'soon' } }, /The header of this bundle is not one Homeward writes \(watermarks\./],
      ['a watermark of another device', { watermarks: { [mso.store.node]: at } }, /a stamp of another device/],
    ];
    for (const [label, content, says] of cases) {
      const bytes = craftedBundle(myw, mso, content);
      // Refused on opening, before any transaction.
      const opened = refusal(() => readBundle(mso.store, bytes));
      expect(refusalOf(opened), label).toBe('malformed');
      const e = refusedAsMalformed(mso, bytes);
      expect(e.message, label).toMatch(says);
      expect(e.message, label).toContain('Ask MYW to update Homeward and export again');
    }
    expect(getPerson(mso.store, p.caseNumber).familyName).toBe('Nguyễn');
  });

  it('is refused whole, and rolled back, when a row breaks a rule of this database', () => {
    const [mso, myw] = syncOffices(['MSO', 'MYW']) as [SyncOffice, SyncOffice];
    const p = addPerson(mso.store, ACTOR, completePerson());
    exchange(mso, myw);
    const phone = { table: 'person', id: p.id, op: 'update', fields: { phone: '+66 81 000 0000' } };
    for (const [fields, says] of [
      [{ stage: 'teleported' }, /CHECK constraint failed: stage IN \( 'intake'/],
      [{ estimated_age: 'twenty-seven' }, /cannot store TEXT value in INTEGER column person\.estimated_age/],
    ] as const) {
      // A good change first: it must not stay applied when the bad one after it fails.
      const bytes = craftedBundle(myw, mso, { lines: [line(stampOf(myw, 1000), [phone]), line(stampOf(myw, 2000), [{ table: 'person', id: p.id, op: 'update', fields }])] });
      const e = refusedAsMalformed(mso, bytes);
      expect(e.message).toMatch(says);
      expect(e.message).toContain('A change in this bundle cannot be stored in this database');
    }
    expect(getPerson(mso.store, p.caseNumber)).toMatchObject({ stage: 'intake', phone: null });
  });

  it('in the sync folder is reported, and the other bundles and the outgoing ones go ahead', () => {
    const [mso, myw, tak] = syncOffices(['MSO', 'MYW', 'TAK']) as [SyncOffice, SyncOffice, SyncOffice];
    const dir = join(tempDir(), 'Homeward sync');
    mkdirSync(dir);
    // MYW's bad bundle sorts before its good one and TAK's.
    const badId = `00000000-0000-7000-8000-${'0'.repeat(12)}`;
    writeFileSync(join(dir, bundleFileName({ id: badId, from: 'MYW', to: ['MSO'] })), craftedBundle(myw, mso, { id: badId, lines: [line(`${new Date().toISOString()}-0000-MYW`, [])] }));
    addPerson(myw.store, ACTOR, completePerson({ familyName: 'Mya', documents: [] }));
    addPerson(tak.store, ACTOR, completePerson({ familyName: 'Tak', documents: [] }));
    syncFolderPass(myw.store, SYNC_ACTOR, dir, { to: ['MSO'] });
    syncFolderPass(tak.store, SYNC_ACTOR, dir, { to: ['MSO'] });
    addPerson(mso.store, ACTOR, completePerson({ familyName: 'Moe', documents: [] }));

    for (const pass of [1, 2]) {
      const result = syncFolderPass(mso.store, SYNC_ACTOR, dir);
      expect(result.problems).toEqual([{ file: bundleFileName({ id: badId, from: 'MYW', to: ['MSO'] }), code: 'BUNDLE_REFUSED', message: expect.stringContaining('Line 1 of changes.jsonl') }]);
      if (pass === 1) {
        expect(result.imported.map((b) => [b.from, b.people])).toEqual([['MYW', 1], ['TAK', 1]]);
        expect(result.written.map((w) => w.to)).toEqual([['MYW'], ['TAK']]);
      } else {
        expect(result.imported).toEqual([]);
      }
    }
    expect(familyNames(mso)).toEqual(['Moe', 'Mya', 'Tak']);
    expect(readdirSync(dir).filter((n) => n.startsWith('MSO-to-'))).toHaveLength(2);
    // What MSO sent reaches MYW and TAK.
    syncFolderPass(myw.store, SYNC_ACTOR, dir);
    expect(familyNames(myw)).toEqual(['Moe', 'Mya', 'Tak']);
  });

  it('leaves a parked change its row cannot take parked, with the reason, instead of failing every later import', () => {
    const [mso, myw, tak] = syncOffices(['MSO', 'MYW', 'TAK']) as [SyncOffice, SyncOffice, SyncOffice];
    const p = addPerson(tak.store, ACTOR, completePerson());
    // MYW's change reaches MSO before the person it changes: it waits there.
    const early = apply(mso, craftedBundle(myw, mso, { lines: [line(stampOf(myw, 1000), [{ table: 'person', id: p.id, op: 'update', fields: { stage: 'teleported' } }])] }));
    expect(early.changes.parked).toBe(1);
    // The person arrives from TAK: the parked change is tried, cannot be stored, and stays parked with why.
    const arrived = apply(mso, bundle(tak, [mso])!);
    expect(arrived).toMatchObject({ status: 'applied', people: 1, unparked: 0 });
    expect(getPerson(mso.store, p.caseNumber).stage).toBe('intake');
    const parked = prepare(mso.store.db, 'SELECT tbl, row_id, fields, reason FROM sync_parked').all();
    expect(parked).toEqual([{ tbl: 'person', row_id: p.id, fields: '{"stage":"teleported"}', reason: expect.stringContaining('its row cannot take it: CHECK constraint failed: stage') }]);
    // Opening the office and importing on both work.
    expect(replayParkedChanges(mso.store, ACTOR)).toBe(0);
    addPerson(myw.store, ACTOR, completePerson({ familyName: 'Mya', documents: [] }));
    expect(apply(mso, bundle(myw, [mso])!).status).toBe('applied');
    expect(familyNames(mso)).toEqual(['Mya', 'Nguyễn']);
    expect(syncStatus(mso.store).parked).toBe(1);
  });
});

describe('notes, attachments and import sources are only ever added', () => {
  it("keeps out a change to another office's note or attachment, and puts it on the sync screen with both values", () => {
    const [mso, myw] = syncOffices(['MSO', 'MYW']) as [SyncOffice, SyncOffice];
    const p = addPerson(mso.store, ACTOR, completePerson());
    const note = addNote(mso.store, ACTOR, p.caseNumber, 'Told us she fears her recruiter in Hpa-an.');
    const photo = addAttachment(mso.store, ACTOR, p.caseNumber, { kind: 'photo', filename: 'photo.jpg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]) });
    exchange(mso, myw);
    const rowOf = (table: string, id: string) => prepare(mso.store.db, `SELECT * FROM ${table} WHERE id = ?`).get(id);
    const [noteBefore, photoBefore] = [rowOf('note', note.id), rowOf('attachment', photo.id)];

    const result = apply(
      mso,
      craftedBundle(myw, mso, {
        lines: [
          line(stampOf(myw, 1000), [{ table: 'note', id: note.id, op: 'update', fields: { body: 'Nothing to report.', author: 'someone@else' }, prev: { body: note.body } }]),
          // The same note id "inserted" again with other words.
          line(stampOf(myw, 2000), [{ table: 'note', id: note.id, op: 'insert', fields: { person_id: p.id, body: 'Nothing to report.', author: 'someone@else', created_at: new Date().toISOString() } }]),
          line(stampOf(myw, 3000), [{ table: 'attachment', id: photo.id, op: 'update', fields: { sha256: 'f'.repeat(64) } }]),
          // Tables that never travel: the audit trail and attachment bytes.
          line(stampOf(myw, 4000), [{ table: 'audit_event', id: 'x', op: 'update', fields: { action: 'nothing.happened' } }]),
          line(stampOf(myw, 5000), [{ table: 'attachment_blob', id: 'x', op: 'insert', fields: { size: 1 } }]),
        ],
      }),
    );
    expect(result.rows).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: 0 });
    expect(result.conflicts).toMatchObject({ keptOut: 5, lost: 0 });
    expect(rowOf('note', note.id)).toEqual(noteBefore);
    expect(rowOf('attachment', photo.id)).toEqual(photoBefore);
    expect(syncStatus(mso.store).parked).toBe(0);

    const open = listConflicts(mso.store.db).filter((c) => c.kind === 'lost').sort((a, b) => a.id - b.id);
    expect(open.map((c) => c.table)).toEqual(['note', 'note', 'attachment', 'audit_event', 'attachment_blob']);
    const [edit, again, swap, trail] = open as [ConflictView, ConflictView, ConflictView, ConflictView];
    expect(edit).toMatchObject({
      status: 'open',
      rowId: note.id,
      caseNumber: p.caseNumber,
      winnerValue: { body: note.body, author: ACTOR },
      loserValue: { body: 'Nothing to report.', author: 'someone@else' },
      loserOffice: 'MYW',
    });
    expect(edit.detail).toMatch(/^A change from MYW .* would change the body, author of a note, which is only ever added, never edited\. It was not applied/);
    expect(edit.detail).toContain('ask MYW to check');
    expect(again.detail).toContain('would change the body, author, created_at of a note');
    expect(swap).toMatchObject({ rowId: photo.id, winnerValue: { sha256: (photoBefore as { sha256: string }).sha256 }, loserValue: { sha256: 'f'.repeat(64) } });
    expect(trail.detail).toContain('writes to audit event, which offices never send each other');
    // A person looks and closes it.
    expect(resolveConflict(mso.store, ACTOR, { id: edit.id, choice: 'reviewed', note: 'MYW reinstalled Homeward' }).status).toBe('resolved');
  });

  it('still carries what Homeward itself changes on them: a tombstone, and a note given back by an undone merge', () => {
    const [mso, myw] = syncOffices(['MSO', 'MYW']) as [SyncOffice, SyncOffice];
    const kept = addPerson(mso.store, ACTOR, completePerson());
    const twin = addPerson(mso.store, ACTOR, completePerson({ documents: [] }));
    const photo = addAttachment(mso.store, ACTOR, kept.caseNumber, { kind: 'photo', filename: 'photo.jpg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]) });
    const { mergeId } = mergePeople(mso.store, ACTOR, { survivor: kept.caseNumber, merged: twin.caseNumber, reason: 'Same person.' });
    // Written through the merged-away case number: it lands on the kept record, and goes back on undo.
    const note = addNote(mso.store, ACTOR, twin.caseNumber, 'Asked for her sister in Mae Sot.');
    exchange(mso, myw);
    const noteAt = (o: SyncOffice) => prepare(o.store.db, 'SELECT person_id FROM note WHERE id = ?').get(note.id);
    expect(noteAt(myw)).toEqual({ person_id: kept.id });

    undoMerge(mso.store, ACTOR, mergeId, 'Different mothers’ names');
    mso.store.write(ACTOR, (tx) => {
      tx.tombstone('attachment', photo.id);
      tx.audit({ action: 'attachment.removed', entityType: 'attachment', entityId: photo.id, personId: kept.id });
    });
    exchange(mso, myw);
    expect(noteAt(myw)).toEqual({ person_id: twin.id });
    expect(prepare(myw.store.db, 'SELECT deleted FROM attachment WHERE id = ?').get(photo.id)).toEqual({ deleted: 1 });
    expect(listConflicts(myw.store.db)).toEqual([]);
    expect(dump(myw.store)).toEqual(dump(mso.store));
  });
});

describe("watermarks: what a peer says it holds of a third office's changes", () => {
  it('does not make this office skip changes that never reached it', () => {
    const [mso, myw, tak] = syncOffices(['MSO', 'MYW', 'TAK']) as [SyncOffice, SyncOffice, SyncOffice];
    const p = addPerson(tak.store, ACTOR, completePerson());
    // MYW claims it holds TAK's changes up to a second from now (so no clock is far off), without carrying any.
    const claim = { ...heldWatermarks(myw.store), [tak.store.node]: stampOf(tak, 1000) };
    expect(apply(mso, craftedBundle(myw, mso, { watermarks: claim })).status).toBe('applied');
    expect(heldWatermarks(mso.store)[tak.store.node]).toBeUndefined();
    expect(listConflicts(mso.store.db)).toEqual([]);
    const real = apply(mso, bundle(tak, [mso])!);
    expect(real.changes).toMatchObject({ received: 1, applied: 1, alreadyHeld: 0 });
    expect(getPerson(mso.store, p.caseNumber).caseNumber).toBe(p.caseNumber);
  });

  it('flags a mark claimed far in the future, the way a far-off clock is', () => {
    const [mso, myw, tak] = syncOffices(['MSO', 'MYW', 'TAK']) as [SyncOffice, SyncOffice, SyncOffice];
    addPerson(tak.store, ACTOR, completePerson());
    const claim = { ...heldWatermarks(myw.store), [tak.store.node]: `2099-01-01T00:00:00.000Z-0000-${tak.store.node}` };
    const forged = apply(mso, craftedBundle(myw, mso, { watermarks: claim }));
    expect(forged.conflicts.clock).toBe(1);
    expect(forged.clockWarning).toMatch(new RegExp(`^${tak.store.node.replace('.', '\\.')}: remote clock \\d+ days ahead`));
    const flag = listConflicts(mso.store.db).find((c) => c.kind === 'clock')!;
    expect(flag).toMatchObject({ table: 'office', rowId: 'TAK', status: 'open' });
    expect(flag.detail).toContain(`MYW says it holds the changes of ${tak.store.node} up to 2099-01-01T00:00:00.000Z, far ahead of this computer's clock`);
    expect(flag.detail).toContain('Ask MYW and TAK to check');
    expect(heldWatermarks(mso.store)[tak.store.node]).toBeUndefined();
    expect(apply(mso, bundle(tak, [mso])!).changes.applied).toBe(1);
  });

  it('takes a mark relayed with the changes it covers, so those are not applied again when they come first-hand', () => {
    const [mso, myw, bkk] = syncOffices(['MSO', 'MYW', 'BKK']) as [SyncOffice, SyncOffice, SyncOffice];
    addPerson(mso.store, ACTOR, completePerson());
    apply(myw, bundle(mso, [myw])!);
    apply(bkk, bundle(myw, [bkk])!);
    expect(heldWatermarks(bkk.store)[mso.store.node]).toBe(heldWatermarks(myw.store)[mso.store.node]);
    const firstHand = apply(bkk, bundle(mso, [bkk])!);
    expect(firstHand.changes.applied).toBe(0);
    expect(firstHand.changes.alreadyHeld).toBe(firstHand.changes.received);
    const [relayed, origin] = [dump(bkk.store), dump(mso.store)];
    expect([relayed.person, relayed.change]).toEqual([origin.person, origin.change]);
  });
});
