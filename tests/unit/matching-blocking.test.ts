/** Blocking keys as the store keeps them: few stored per person, more probed per arrival, meeting both ways. */
import { describe, expect, it } from 'vitest';
import { candidatePairs, probeKeys, storedKeys, type MatchPerson } from '../../src/domain/matching';

const REF = { referenceYear: 2026 };
const base: MatchPerson = { familyName: null, givenNames: null, nativeName: null, aliases: [], sex: 'male', birthDate: '1995' };
const p = (over: Partial<MatchPerson>): MatchPerson => ({ ...base, ...over });

/** The registered person is found by the arrival's probe keys. */
const finds = (registered: MatchPerson, arriving: MatchPerson) => {
  const stored = new Set(storedKeys(registered, REF));
  return probeKeys(arriving, REF).some((k) => stored.has(k));
};
/** Either may be registered first. */
const meet = (a: MatchPerson, b: MatchPerson) => finds(a, b) && finds(b, a);

describe('the same person, written differently, is found whichever record came first', () => {
  it.each([
    ['张伟 / WEI ZHANG', p({ nativeName: '张伟' }), p({ givenNames: 'WEI ZHANG' })],
    ['Nguyễn Văn An / NGUYEN VAN AN', p({ familyName: 'Nguyễn', givenNames: 'Văn An' }), p({ familyName: 'NGUYEN', givenNames: 'VAN AN' })],
    ['Somchai Jaidee / Somchay Chaidee', p({ familyName: 'Jaidee', givenNames: 'Somchai' }), p({ familyName: 'Chaidee', givenNames: 'Somchay' })],
    ['Sombat Nakprasert / Sombut Nakprasoet', p({ familyName: 'Nakprasert', givenNames: 'Sombat' }), p({ familyName: 'Nakprasoet', givenNames: 'Sombut' })],
    ['Sae-tang / Saetang', p({ familyName: 'Sae-tang', givenNames: 'Somchai' }), p({ familyName: 'Saetang', givenNames: 'Somchai' })],
    ['Tha Zin Aye / Thazin Aye', p({ givenNames: 'Tha Zin Aye' }), p({ givenNames: 'Thazin Aye' })],
    ['May May / Mei May', p({ givenNames: 'May May' }), p({ givenNames: 'Mei May' })],
    ['Chen Yu / Cen Yu (a slip that folding would move)', p({ familyName: 'Chen', givenNames: 'Yu' }), p({ familyName: 'Cen', givenNames: 'Yu' })],
    ['Dela Cruz / Dlea Cruz', p({ familyName: 'Dela Cruz', givenNames: 'Emmanuel' }), p({ familyName: 'Dlea Cruz', givenNames: 'Emmanuel' })],
    ['Rudi / Rud', p({ givenNames: 'Rudi' }), p({ givenNames: 'Rud' })],
    ['Siti / Sii (a slip that folding shortens)', p({ givenNames: 'Siti' }), p({ givenNames: 'Sii' })],
    ['Dewi / Deei', p({ givenNames: 'Dewi' }), p({ givenNames: 'Deei' })],
    ['Ko Htet / Htet', p({ givenNames: 'Aung Htet', aliases: ['Ko Htet'] }), p({ givenNames: 'Htet' })],
    ['Boyet alone / the person who uses it', p({ familyName: 'Santos', givenNames: 'Reynaldo', aliases: ['Boyet'] }), p({ givenNames: 'Boyet' })],
    ['the same passport, names aside', p({ nativeName: '张伟', documents: [{ type: 'passport', number: 'E12345678' }] }), p({ givenNames: 'Kevin', birthDate: '1970', documents: [{ type: 'passport', number: 'e 1234 5678' }] })],
  ])('%s', (_, a, b) => {
    expect(meet(a, b)).toBe(true);
  });

  it('with no birth year recorded on either side', () => {
    expect(meet(p({ givenNames: 'Agus Santoso', birthDate: null }), p({ givenNames: 'Agus Santoso', birthDate: '1990' }))).toBe(true);
    expect(meet(p({ givenNames: 'Agus Santoso', birthDate: null }), p({ givenNames: 'Agus Santoso', birthDate: null, estimatedAge: null }))).toBe(true);
  });
});

describe('what is stored', () => {
  it('is a handful of short keys per person; the probe side carries the year window', () => {
    const person = p({ familyName: 'Nguyễn', givenNames: 'Văn An', nativeName: 'Nguyễn Văn An', phone: '+84 912 345 678', documents: [{ type: 'passport', number: 'C1234567' }] });
    const stored = storedKeys(person, REF);
    expect(stored.length).toBeLessThanOrEqual(8);
    expect(stored).toContain('doc:C1234567');
    expect(stored).toContain('tel:912345678');
    const probe = probeKeys(person, REF);
    // A person's own stored keys are among its probes, so a record meets an identical one; but for the keys
    // of a name with two tokens joined (j…), which meet only names written joined, never another joined form.
    expect(stored.filter((k) => !k.startsWith('j')).every((k) => probe.includes(k))).toBe(true);
    expect(stored.filter((k) => k.startsWith('j')).some((k) => probe.includes(k))).toBe(false);
    expect(meet(person, { ...person })).toBe(true);
    expect(probe.length).toBeGreaterThan(stored.length);
  });

  it('keeps a pinyin key for a Chinese name, shared with its Latin spellings', () => {
    const stored = storedKeys(p({ nativeName: '张伟' }), REF);
    expect(stored.some((k) => k.startsWith('py:wei zhang:'))).toBe(true);
    expect(probeKeys(p({ givenNames: 'WEI ZHANG' }), REF).filter((k) => stored.includes(k)).length).toBeGreaterThan(0);
  });

  it('does not block together names that only share a first token once joined (Zhang Wei / Zhang Min)', () => {
    expect(meet(p({ familyName: 'Zhang', givenNames: 'Wei' }), p({ familyName: 'Zhang', givenNames: 'Min' }))).toBe(false);
    expect(meet(p({ familyName: 'Nguyễn', givenNames: 'Thị Lan' }), p({ familyName: 'Nguyễn', givenNames: 'Thị Hoa' }))).toBe(false);
  });

  it('does not put people born far apart in the same block', () => {
    expect(meet(p({ givenNames: 'Agus Santoso', birthDate: '1970' }), p({ givenNames: 'Agus Santoso', birthDate: '1995' }))).toBe(false);
  });
});

describe('candidatePairs', () => {
  it('pairs people whose probe keys meet the others’ stored keys, each pair once', () => {
    const people = [p({ givenNames: 'Budi Hartono' }), p({ givenNames: 'Budu Hartono' }), p({ givenNames: 'Siti Aminah', sex: 'female' }), p({ givenNames: 'Budi Hartono', birthDate: '1960' })];
    expect(candidatePairs(people, REF)).toEqual([[0, 1]]);
  });
});
