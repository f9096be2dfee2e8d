import { describe, expect, it } from 'vitest';
import { addPerson, listPeople } from '../../src/services/people';
import { ACTOR, completePerson, newOffice } from '../helpers';

/** Searches typed the way coordinators type them: with the punctuation of phone lists, passports and search boxes. */
describe('search terms with punctuation', () => {
  const year = new Date().getUTCFullYear();

  function office() {
    const o = newOffice();
    const add = (fields: Record<string, unknown>) => addPerson(o.store, ACTOR, completePerson({ documents: [], ...fields }));
    add({ familyName: 'NGUYEN', givenNames: 'Van Testan', nativeName: 'Nguyễn Văn Testan', phone: '081-234-5678' });
    add({ familyName: null, givenNames: 'Testmaung', nativeName: 'မောင်အေး', phone: '+95 9 420 123 456' });
    add({ familyName: 'Zhang', givenNames: 'Weiming', nativeName: '张伟明' });
    add({
      familyName: "O'Test",
      givenNames: 'Ann',
      nativeName: null,
      aliases: ['100% real', 'x_y'],
      documents: [{ type: 'passport', number: '555-123-987', issuingCountry: 'TH', holder: 'person' }],
    });
    return o;
  }
  const given = (list: { people: { givenNames: string | null }[] }) => list.people.map((p) => p.givenNames);

  it('a phone typed with its dashes or dots finds the person, whose phone is indexed as digits only', () => {
    const { store } = office();
    expect(given(listPeople(store, { search: '081-234-5678' }))).toEqual(['Van Testan']);
    expect(given(listPeople(store, { search: '081.234.5678' }))).toEqual(['Van Testan']);
    expect(given(listPeople(store, { search: '+95-9-420-123-456' }))).toEqual(['Testmaung']);
    expect(given(listPeople(store, { search: '234-5678' }))).toEqual(['Van Testan']);
    // The same kind of term still finds numbers stored with their dashes: documents, case numbers.
    expect(given(listPeople(store, { search: '555-123-987' }))).toEqual(['Ann']);
    expect(given(listPeople(store, { search: `${year}-000003` }))).toEqual(['Weiming']);
    // And the digits must still be there: a different number finds nobody.
    expect(listPeople(store, { search: '081-234-9999' }).total).toBe(0);
    store.close();
  });

  it('commas, quotes and asterisks around names do not hide the person', () => {
    const { store } = office();
    expect(given(listPeople(store, { search: 'NGUYEN, VAN' }))).toEqual(['Van Testan']);
    expect(given(listPeople(store, { search: 'NGUYEN,VAN' }))).toEqual(['Van Testan']);
    expect(given(listPeople(store, { search: '"Zhang Weiming"' }))).toEqual(['Weiming']);
    expect(given(listPeople(store, { search: '“Zhang Weiming”' }))).toEqual(['Weiming']);
    expect(given(listPeople(store, { search: 'Zhang*' }))).toEqual(['Weiming']);
    expect(given(listPeople(store, { search: '(Zhang)' }))).toEqual(['Weiming']);
    expect(given(listPeople(store, { search: 'Zh*' }))).toEqual(['Weiming']);
    expect(given(listPeople(store, { search: '-Zhang' }))).toEqual(['Weiming']);
    expect(given(listPeople(store, { search: '张伟明，' }))).toEqual(['Weiming']);
    // Punctuation that is part of a stored name is still searched as typed.
    expect(given(listPeople(store, { search: "O'Test" }))).toEqual(['Ann']);
    expect(given(listPeople(store, { search: "o'" }))).toEqual(['Ann']);
    // Every term must still match.
    expect(listPeople(store, { search: 'NGUYEN, Weiming' }).total).toBe(0);
    store.close();
  });

  it('a search of only % or _ (or other punctuation) finds nobody; with text beside them they are ignored', () => {
    const { store } = office();
    for (const q of ['%', '_', '%%', '%_%', '*', '"', ', ;']) expect([q, listPeople(store, { search: q }).total]).toEqual([q, 0]);
    expect(given(listPeople(store, { search: '100%' }))).toEqual(['Ann']);
    expect(given(listPeople(store, { search: 'x_y' }))).toEqual(['Ann']);
    expect(given(listPeople(store, { search: 'Zhang%' }))).toEqual(['Weiming']);
    // No search at all still lists everyone.
    expect(listPeople(store, { search: '' }).total).toBe(4);
    expect(listPeople(store, { search: '   ' }).total).toBe(4);
    store.close();
  });
});
