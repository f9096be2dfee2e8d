import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/audit-chain';
import { HomewardError } from '../../src/domain/errors';
import { compareHlc, parseHlc } from '../../src/sync/hlc';
import { advanceCase } from '../../src/services/cases';
import { addNote } from '../../src/services/notes';
import { addPerson, registerPerson, parsePersonInput, updatePerson } from '../../src/services/people';
import { OfficeStore } from '../../src/db/store';
import { ACTOR, completePerson, newOffice, PASSPHRASE } from '../helpers';

interface ChangeEntry {
  seq: number;
  hlc: string;
  rows: string;
}

const entriesAfter = (store: OfficeStore, seq: number) =>
  (store.db.prepare('SELECT * FROM change WHERE seq > ? ORDER BY seq').all(seq) as ChangeEntry[]).map((e) => ({
    hlc: e.hlc,
    rows: JSON.parse(e.rows) as { table: string; id: string; op: string; fields: Record<string, unknown> }[],
  }));
const lastSeq = (store: OfficeStore) => (store.db.prepare('SELECT coalesce(max(seq), 0) AS s FROM change').get() as { s: number }).s;

const counts = (store: OfficeStore) =>
  store.db
    .prepare(
      `SELECT (SELECT count(*) FROM person) AS person, (SELECT count(*) FROM change) AS change, (SELECT count(*) FROM audit_event) AS audit,
              (SELECT count(*) FROM identity_document) AS docs, (SELECT count(*) FROM person_search) AS search, (SELECT value FROM meta WHERE key = 'hlc_state') AS clock`,
    )
    .get();

describe('the one write path', () => {
  it('a registration is one change-log entry holding every row it wrote, under the stamp of its audit event', () => {
    const { store } = newOffice();
    const before = lastSeq(store);
    const person = addPerson(store, ACTOR, completePerson());
    const entries = entriesAfter(store, before);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry!.rows.map((r) => `${r.table}:${r.op}`)).toEqual(['person:insert', 'identity_document:insert', 'indicator:insert', 'indicator:insert']);
    expect(entry!.rows[0]!.id).toBe(person.id);
    expect(entry!.rows[0]!.fields).toMatchObject({ family_name: 'Nguyễn', native_name: 'Nguyễn Văn An', claimed_nationality: 'VN', stage: 'intake' });
    // Fields left empty are not logged: a new row's unset fields are null everywhere.
    expect(entry!.rows[0]!.fields).not.toHaveProperty('phone');
    expect(parseHlc(entry!.hlc).node).toBe(store.node);
    const audit = store.db.prepare(`SELECT * FROM audit_event WHERE action = 'person.registered'`).all() as { actor: string; entity_id: string; after: string; hlc: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: ACTOR, entity_id: person.id, hlc: entry!.hlc });
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ caseNumber: person.caseNumber, givenNames: 'Văn An' });
    store.close();
  });

  it('successive writes get rising stamps from this device', () => {
    const { store } = newOffice();
    const before = lastSeq(store);
    const p = addPerson(store, ACTOR, completePerson({ birthDate: `${new Date().getUTCFullYear() - 15}-02-01` }));
    addNote(store, ACTOR, p.id, 'Arrived with an aunt.');
    updatePerson(store, ACTOR, p.id, { phone: '+84 912 345 678' });
    const entries = entriesAfter(store, before);
    // registration, the automatic minor hold, the note, the edit
    expect(entries.map((e) => e.rows.map((r) => r.table).join('+'))).toEqual(['person+identity_document+indicator+indicator', 'hold', 'note', 'person']);
    for (let i = 1; i < entries.length; i++) expect(compareHlc(entries[i - 1]!.hlc, entries[i]!.hlc)).toBe(-1);
    store.close();
  });

  it('an update logs only the fields that changed, with their new values', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson());
    const last = lastSeq(store);
    updatePerson(store, ACTOR, p.caseNumber, { phone: '+84 912 345 678', rescueSite: 'KK Park' }, 'phone given at interview');
    const entries = entriesAfter(store, last);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.rows).toHaveLength(1);
    const fields = entries[0]!.rows[0]!.fields;
    expect(Object.keys(fields).sort()).toEqual(['phone', 'updated_at']);
    expect(fields.phone).toBe('+84 912 345 678');
    const audit = store.db.prepare(`SELECT before, after, reason FROM audit_event WHERE action = 'person.updated'`).get() as Record<string, string>;
    expect(JSON.parse(audit.before!)).toEqual({ phone: null });
    expect(JSON.parse(audit.after!)).toEqual({ phone: '+84 912 345 678' });
    expect(audit.reason).toBe('phone given at interview');
    store.close();
  });

  it('an update that changes nothing writes nothing', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson());
    const before = counts(store);
    updatePerson(store, ACTOR, p.id, { rescueSite: 'KK Park', sex: 'male' });
    expect(counts(store)).toEqual(before);
    store.close();
  });

  it('a write that fails half-way leaves nothing behind: no row, no change, no audit event, no search entry', () => {
    const { store } = newOffice();
    addPerson(store, ACTOR, completePerson());
    const before = counts(store);
    expect(() =>
      store.write(ACTOR, (tx) => {
        registerPerson(tx, parsePersonInput(completePerson({ familyName: 'Tran' })));
        registerPerson(tx, parsePersonInput(completePerson({ familyName: 'Le' })));
        throw new HomewardError('VALIDATION_FAILED', 'row 3 is bad');
      }),
    ).toThrow('row 3 is bad');
    expect(counts(store)).toEqual(before);
    // The next write continues cleanly, with the next case number after the last stored one.
    const next = addPerson(store, ACTOR, completePerson({ familyName: 'Pham' }));
    expect(next.caseNumber).toMatch(/-000002$/);
    expect(verifyAuditChain(store.db).ok).toBe(true);
    store.close();
  });

  it('a refused stage change writes nothing', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson({ consent: null }));
    const before = counts(store);
    expect(() => advanceCase(store, ACTOR, p.id, 'verification', 'intake done')).toThrow(/Consent is not recorded/);
    expect(counts(store)).toEqual(before);
    store.close();
  });

  it('the clock state is stored with each write, so a reopened database keeps issuing later stamps', () => {
    const { store, path } = newOffice();
    addPerson(store, ACTOR, completePerson());
    const lastBefore = (store.db.prepare('SELECT hlc FROM change ORDER BY seq DESC LIMIT 1').get() as { hlc: string }).hlc;
    store.close();
    const again = OfficeStore.open(path, { passphrase: PASSPHRASE });
    addNote(again, ACTOR, 'MSO-' + new Date().getUTCFullYear() + '-000001', 'Asked for family contact.');
    const lastAfter = (again.db.prepare('SELECT hlc FROM change ORDER BY seq DESC LIMIT 1').get() as { hlc: string }).hlc;
    expect(compareHlc(lastBefore, lastAfter)).toBe(-1);
    again.close();
  });

  it('case numbers run per office and year without repeating', () => {
    const { store } = newOffice();
    const numbers = store.write(ACTOR, (tx) => [tx.nextCaseNumber(2025), tx.nextCaseNumber(2026), tx.nextCaseNumber(2026), tx.nextCaseNumber(2025)]);
    expect(numbers).toEqual(['MSO-2025-000001', 'MSO-2026-000001', 'MSO-2026-000002', 'MSO-2025-000002']);
    // A rolled-back write may leave a gap, never a repeat.
    try {
      store.write(ACTOR, (tx) => {
        tx.nextCaseNumber(2026);
        throw new Error('abandon');
      });
    } catch {
      /* expected */
    }
    expect(store.write(ACTOR, (tx) => tx.nextCaseNumber(2026))).toBe('MSO-2026-000003');
    store.close();
  });

  it('every write names its actor', () => {
    const { store } = newOffice();
    expect(() => store.write('  ', () => undefined)).toThrow(/actor/);
    store.close();
  });
});

describe('the audit chain', () => {
  function officeWithHistory() {
    const office = newOffice();
    const p = addPerson(office.store, ACTOR, completePerson());
    advanceCase(office.store, ACTOR, p.id, 'verification', 'intake complete');
    addNote(office.store, ACTOR, p.id, 'Interviewed with a Vietnamese interpreter.');
    updatePerson(office.store, ACTOR, p.id, { phone: '+84 912 000 111' });
    return office;
  }

  it('verifies when nobody has touched it', () => {
    const { store } = officeWithHistory();
    const result = verifyAuditChain(store.db);
    expect(result).toMatchObject({ ok: true, firstBreak: null });
    expect(result.events).toBeGreaterThanOrEqual(5);
    store.close();
  });

  it('finds an event altered after the fact', () => {
    const { store } = officeWithHistory();
    store.db.prepare(`UPDATE audit_event SET reason = 'nothing happened' WHERE action = 'person.stage_changed'`).run();
    const { ok, firstBreak } = verifyAuditChain(store.db);
    expect(ok).toBe(false);
    expect(firstBreak).toMatchObject({ problem: 'altered', index: 2 });
    expect(firstBreak?.message).toMatch(/person.stage_changed/);
    store.close();
  });

  it('finds an event removed from the middle', () => {
    const { store } = officeWithHistory();
    store.db.prepare(`DELETE FROM audit_event WHERE action = 'note.added'`).run();
    expect(verifyAuditChain(store.db).firstBreak).toMatchObject({ problem: 'missing', index: 3 });
    store.close();
  });

  it('finds an event removed and the chain renumbered to hide it', () => {
    const { store } = officeWithHistory();
    store.db.prepare(`DELETE FROM audit_event WHERE action = 'note.added'`).run();
    store.db.prepare(`UPDATE audit_event SET chain_index = chain_index - 1 WHERE chain_index > 3`).run();
    expect(verifyAuditChain(store.db).firstBreak).toMatchObject({ problem: 'out_of_order', index: 3 });
    store.close();
  });

  it('finds events cut off the end', () => {
    const { store } = officeWithHistory();
    store.db.prepare(`DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)`).run();
    expect(verifyAuditChain(store.db).firstBreak).toMatchObject({ problem: 'truncated' });
    store.close();
  });

  it('finds a rewritten event even when its own hash was recomputed', () => {
    const { store } = officeWithHistory();
    const row = store.db.prepare(`SELECT * FROM audit_event WHERE chain_index = 1`).get() as Record<string, unknown>;
    // A forger who rewrites one event and its hash still breaks the next link.
    store.db.prepare(`UPDATE audit_event SET actor = 'someone else', hash = ? WHERE chain_index = 1`).run('f'.repeat(64));
    expect(verifyAuditChain(store.db).firstBreak).toMatchObject({ index: 1 });
    expect(row.hash).not.toBe('f'.repeat(64));
    store.close();
  });
});
