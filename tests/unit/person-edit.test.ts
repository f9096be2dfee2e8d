import { describe, expect, it } from 'vitest';
import { automaticHolds } from '../../src/domain/stages';
import { advanceCase, liftHold } from '../../src/services/cases';
import { addPerson, getPerson, personTimeline, updatePerson } from '../../src/services/people';
import { recordVerification } from '../../src/services/verification';
import { toPersonPatch, valuesFromPerson } from '../../renderer/src/screens/intake/values';
import { ACTOR, completePerson, newOffice, refusal } from '../helpers';

const OTHER = 'other.coordinator@test';
const year = new Date().getUTCFullYear();

function inVerification(store: ReturnType<typeof newOffice>['store'], overrides: Record<string, unknown> = {}) {
  const p = addPerson(store, ACTOR, completePerson(overrides));
  return advanceCase(store, ACTOR, p.id, 'verification', 'intake complete');
}

describe('saving an edit form that someone else changed meanwhile', () => {
  it("a coordinator's out-of-date form is refused and does not undo a colleague's newer documents and phone", () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson({ phone: '+95 9 111 111' }));
    const opened = getPerson(store, p.caseNumber);
    const form = valuesFromPerson(opened);
    updatePerson(store, OTHER, p.caseNumber, {
      phone: '+95 9 222 222',
      documents: [...opened.documents, { type: 'emergency_travel_document', number: 'ETD0099', issuingCountry: 'VN', holder: 'authority' }],
      vulnerabilities: ['injured'],
    });
    form.givenNames = 'Văn An Corrected';
    const patch = toPersonPatch(form, opened)!;
    expect(patch).toEqual({ givenNames: 'Văn An Corrected', expectedUpdatedAt: opened.updatedAt });
    const e = refusal(() => updatePerson(store, ACTOR, p.caseNumber, patch));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(new RegExp(`Someone changed ${p.caseNumber} since you opened it .*by ${OTHER}.*reload the case and make your change again`));
    const now = getPerson(store, p.caseNumber);
    expect(now.givenNames).toBe('Văn An');
    expect(now.phone).toBe('+95 9 222 222');
    expect(now.documents.map((d) => d.number)).toEqual(['C1234567', 'ETD0099']);
    expect(now.vulnerabilities).toEqual(['injured']);
    // Reloaded, the same change goes through.
    const again = valuesFromPerson(now);
    again.givenNames = 'Văn An Corrected';
    expect(updatePerson(store, ACTOR, p.caseNumber, toPersonPatch(again, now)!).givenNames).toBe('Văn An Corrected');
    store.close();
  });

  it('a form saved without changes sends nothing', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson());
    expect(toPersonPatch(valuesFromPerson(p), p)).toBeNull();
    store.close();
  });
});

describe('an edit keeps what the case’s stage needs', () => {
  it('a case in transfer cannot lose its name, sex, age or nationality through an edit, and nothing is saved', () => {
    const { store } = newOffice();
    const p = inVerification(store);
    recordVerification(store, ACTOR, p.id, { method: 'embassy_list', authority: 'Embassy of Viet Nam', country: 'VN', outcome: 'confirmed', reference: 'VN-EL-7' });
    advanceCase(store, ACTOR, p.id, 'transfer', 'nationality confirmed');
    const e = refusal(() =>
      updatePerson(store, ACTOR, p.caseNumber, { claimedNationality: null, sex: 'unknown', birthDate: null, familyName: null, givenNames: null, nativeName: null }),
    );
    expect(e.code).toBe('RULE_VIOLATION');
    expect(e.message).toMatch(/case in transfer/);
    expect(e.message).toMatch(/Missing: name, sex, birthDate or estimatedAge, claimedNationality/);
    const now = getPerson(store, p.caseNumber);
    expect([now.familyName, now.sex, now.claimedNationality, now.birthDate]).toEqual(['Nguyễn', 'male', 'VN', '1996-04-12']);
    expect(personTimeline(store, p.caseNumber).filter((t) => t.action === 'person.updated')).toEqual([]);
    store.close();
  });

  it('an edit cannot remove the last name of a person at intake', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson());
    const e = refusal(() => updatePerson(store, ACTOR, p.caseNumber, { familyName: null, givenNames: null, nativeName: null, aliases: [] }));
    expect(e.code).toBe('RULE_VIOLATION');
    expect(e.message).toMatch(/at least one name/);
    expect(getPerson(store, p.caseNumber).givenNames).toBe('Văn An');
    store.close();
  });

  it('consent cannot become refused while the case is in verification: move it to "remains in country" or back to intake first', () => {
    const { store } = newOffice();
    const p = inVerification(store);
    const e = refusal(() => updatePerson(store, ACTOR, p.caseNumber, { consent: { status: 'refused', reason: 'does not want the embassy told' } }, 'withdrew consent'));
    expect(e.code).toBe('RULE_VIOLATION');
    expect(e.message).toMatch(/"remains in country" or back to intake first, or record an override with its reason/);
    expect(getPerson(store, p.caseNumber).consent?.status).toBe('given');
    // Back at intake, the refusal is recorded.
    advanceCase(store, ACTOR, p.id, 'intake', 'person withdrew consent');
    expect(updatePerson(store, ACTOR, p.caseNumber, { consent: { status: 'refused', reason: 'does not want the embassy told' } }).consent?.status).toBe('refused');
    store.close();
  });

  it('a rule already broken before the edit does not block fixing something else', () => {
    const { store } = newOffice();
    const p = inVerification(store);
    store.db.prepare("UPDATE person SET sex = 'unknown' WHERE id = ?").run(p.id);
    expect(updatePerson(store, ACTOR, p.caseNumber, { phone: '+95 9 333 333' }).phone).toBe('+95 9 333 333');
    store.close();
  });
});

describe('editing keeps estimated ages and document notes', () => {
  it('an unchanged estimated age keeps the day it was estimated, so the person does not get younger', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson({ birthDate: null, estimatedAge: 30 }));
    store.db.prepare("UPDATE person SET age_estimated_on = '2020-01-01' WHERE id = ?").run(p.id);
    const before = getPerson(store, p.caseNumber);
    const after = updatePerson(store, ACTOR, p.caseNumber, { estimatedAge: 30, phone: '+66 81 234 5678' });
    expect(after.ageEstimatedOn).toBe('2020-01-01');
    expect(after.age).toBe(before.age);
    expect(updatePerson(store, ACTOR, p.caseNumber, { estimatedAge: 31 }).ageEstimatedOn).toBe(new Date().toISOString().slice(0, 10));
    store.close();
  });

  it('a document sent back without its note keeps the note; an explicit null clears it', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson({ documents: [{ type: 'passport', number: 'P7654321', holder: 'compound', note: 'Held in building 5 safe' }] }));
    const doc = p.documents[0]!;
    const kept = updatePerson(store, ACTOR, p.caseNumber, { documents: [{ id: doc.id, type: 'passport', number: 'P7654321', holder: 'person' }] });
    expect(kept.documents[0]).toMatchObject({ holder: 'person', note: 'Held in building 5 safe' });
    const cleared = updatePerson(store, ACTOR, p.caseNumber, { documents: [{ id: doc.id, type: 'passport', number: 'P7654321', holder: 'person', note: null }] });
    expect(cleared.documents[0]!.note).toBeNull();
    store.close();
  });
});

describe('the automatic minor hold', () => {
  it('a person born in a year that may make them 17 is held as a minor', () => {
    expect(automaticHolds({ birthDate: '2008', estimatedAge: null }, '2026-06-01').map((h) => h.kind)).toEqual(['minor_without_guardian']);
    expect(automaticHolds({ birthDate: '2008-05', estimatedAge: null }, '2026-05-20').map((h) => h.kind)).toEqual(['minor_without_guardian']);
    expect(automaticHolds({ birthDate: '2007', estimatedAge: null }, '2026-06-01')).toEqual([]);
  });

  it('a lifted minor hold does not stop a new one when the birth date is corrected back to a minor’s', () => {
    const { store } = newOffice();
    const child = `${year - 16}-05-01`;
    const p = addPerson(store, ACTOR, completePerson({ birthDate: child }));
    updatePerson(store, ACTOR, p.caseNumber, { birthDate: `${year - 31}-05-01` }, 'passport shows an adult');
    liftHold(store, ACTOR, p.caseNumber, 'minor_without_guardian', 'adult per passport');
    const again = updatePerson(store, ACTOR, p.caseNumber, { birthDate: child }, 'the passport was borrowed; a child after all');
    expect(again.openHolds).toEqual(['minor_without_guardian']);
    store.close();
  });
});
