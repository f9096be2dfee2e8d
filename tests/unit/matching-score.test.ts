/** Blocking keys and match scores for the FIELD.md stories. */
import { describe, expect, it } from 'vitest';
import { generatePeople } from '../../src/domain/demo';
import { buildNameFrequency, candidatePairs, isLikelyDuplicate, jaroWinkler, matchPrepared, matchScore, mayBeLikelyDuplicate, preparePerson, probeKeys, storedKeys, type MatchPerson } from '../../src/domain/matching';

const REF = { referenceYear: 2026 };
const base: MatchPerson = { familyName: null, givenNames: null, nativeName: null, aliases: [], sex: 'male', birthDate: '1995', claimedNationality: null };
const p = (over: Partial<MatchPerson>): MatchPerson => ({ ...base, ...over });

/** Either may be registered first: the new one's probe keys must meet the other's stored keys, both ways. */
const finds = (registered: MatchPerson, arriving: MatchPerson) => {
  const stored = new Set(storedKeys(registered, REF));
  return probeKeys(arriving, REF).some((k) => stored.has(k));
};
const shareKey = (a: MatchPerson, b: MatchPerson) => finds(a, b) && finds(b, a);

function expectDuplicate(a: MatchPerson, b: MatchPerson) {
  expect(shareKey(a, b)).toBe(true);
  const r = matchScore(a, b, REF);
  expect(isLikelyDuplicate(r.score), `${r.score} ${r.reasons.join('; ')}`).toBe(true);
  return r;
}

describe('stories from FIELD.md', () => {
  it('张伟 ↔ Zhang Wei ↔ WEI ZHANG', () => {
    const hanzi = p({ nativeName: '张伟', claimedNationality: 'CN' });
    const pinyin = p({ familyName: 'Zhang', givenNames: 'Wei', claimedNationality: 'CN' });
    const passport = p({ familyName: null, givenNames: 'WEI ZHANG', claimedNationality: 'CN' });
    for (const [a, b] of [[hanzi, pinyin], [pinyin, passport], [hanzi, passport]] as const) {
      const r = expectDuplicate(a, b);
      expect(r.reasons).toContain('same name');
    }
  });

  it('Nguyễn Văn An ↔ NGUYEN VAN AN', () => {
    expectDuplicate(
      p({ familyName: 'Nguyễn', givenNames: 'Văn An', nativeName: 'Nguyễn Văn An', claimedNationality: 'VN' }),
      p({ familyName: 'NGUYEN', givenNames: 'VAN AN', claimedNationality: 'VN' }),
    );
  });

  it('Somchai ↔ Somchay', () => {
    const r = expectDuplicate(
      p({ familyName: 'Jaidee', givenNames: 'Somchai', claimedNationality: 'TH' }),
      p({ familyName: 'Chaidee', givenNames: 'Somchay', claimedNationality: 'TH' }),
    );
    expect(r.reasons).toContain('same name');
  });

  it('"Daw Aye Aye Khaing" ↔ "Aye Aye Khaing"', () => {
    expectDuplicate(
      p({ givenNames: 'Daw Aye Aye Khaing', sex: 'female', claimedNationality: 'MM' }),
      p({ givenNames: 'Aye Aye Khaing', sex: 'female', claimedNationality: 'MM' }),
    );
  });

  it('a Burmese single name, honorific and romanisation aside', () => {
    expectDuplicate(
      p({ givenNames: 'Htun', nativeName: 'ထွန်း', claimedNationality: 'MM', birthDate: '1990-05-01' }),
      p({ givenNames: 'Tun', aliases: ['Ko Tun'], claimedNationality: 'MM', birthDate: '1990-05-01' }),
    );
  });

  it('an Ethiopian three-part name in a different order', () => {
    expectDuplicate(
      p({ givenNames: 'Abebe Kebede Tesfaye', claimedNationality: 'ET' }),
      p({ familyName: 'Tesfaye', givenNames: 'Abebe Kebede', claimedNationality: 'ET' }),
    );
  });
});

describe('matchScore', () => {
  it('a passport number is strong evidence whatever the name', () => {
    const doc = [{ type: 'passport', number: 'EA1234567', issuingCountry: 'CN' }];
    const r = matchScore(p({ nativeName: '张伟', documents: doc }), p({ givenNames: 'Kevin', documents: doc }), REF);
    expect(r.reasons[0]).toBe('same passport number');
    expect(isLikelyDuplicate(r.score)).toBe(true);
  });

  it('one passport number on two records puts the pair in front of a coordinator whatever else disagrees, a birth year typed 1969 for 1996 included', () => {
    const doc = [{ type: 'passport', number: 'C1234567', issuingCountry: 'VN' }];
    const registered = p({ familyName: 'Pham', givenNames: 'Thi Lan', sex: 'female', birthDate: '1996-04-12', claimedNationality: 'VN', documents: doc });
    const slip = p({ ...registered, birthDate: '1969-04-12' });
    const r = matchScore(registered, slip, REF);
    expect(isLikelyDuplicate(r.score)).toBe(true);
    expect(r.reasons).toEqual(expect.arrayContaining(['same passport number', 'born 27 years apart']));
    expect(mayBeLikelyDuplicate(preparePerson(registered, REF), preparePerson(slip, REF), REF)).toBe(true);
    // Without the shared number the same pair is far from it.
    expect(matchScore({ ...registered, documents: [] }, { ...slip, documents: [] }, REF).score).toBeLessThan(0.3);
  });

  it('a different sex counts strongly against', () => {
    const r = matchScore(p({ familyName: 'Zhang', givenNames: 'Wei' }), p({ familyName: 'Zhang', givenNames: 'Wei', sex: 'female' }), REF);
    expect(r.reasons).toContain('different sex');
    expect(isLikelyDuplicate(r.score)).toBe(false);
  });

  it('birth years far apart count against; estimated ages get ±3 years', () => {
    const a = p({ familyName: 'Zhang', givenNames: 'Wei', birthDate: '1990' });
    expect(isLikelyDuplicate(matchScore(a, p({ familyName: 'Zhang', givenNames: 'Wei', birthDate: '2001' }), REF).score)).toBe(false);
    const r = matchScore(a, p({ familyName: 'Zhang', givenNames: 'Wei', birthDate: null, estimatedAge: 33 }), REF);
    expect(r.reasons).toContain('born within 3 years (age estimated)');
  });

  it('Thai Buddhist Era years are read as Gregorian', () => {
    const r = matchScore(p({ givenNames: 'Somchai', birthDate: '2538' }), p({ givenNames: 'Somchai', birthDate: '1995' }), REF);
    expect(r.reasons).toContain('same birth year');
  });

  it('a shared nickname alone is not a duplicate', () => {
    const r = matchScore(
      p({ familyName: 'Jaidee', givenNames: 'Somchai', aliases: ['Lek'], claimedNationality: 'TH' }),
      p({ familyName: 'Srisuk', givenNames: 'Anan', aliases: ['Lek'], claimedNationality: 'TH' }),
      REF,
    );
    expect(isLikelyDuplicate(r.score)).toBe(false);
  });

  it('scores stay within 0..1 and explain themselves', () => {
    const r = matchScore(p({ givenNames: 'A' }), p({ givenNames: 'Zzzz', sex: 'female', birthDate: '1950' }), REF);
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.reasons.length).toBeGreaterThan(0);
  });
});

describe('storedKeys and probeKeys', () => {
  it('store an exact document number and a phone however written', () => {
    const a = storedKeys(p({ phone: '+66 81 234 5678', documents: [{ type: 'passport', number: 'ea 123-4567' }] }), REF);
    expect(a).toContain('doc:EA1234567');
    expect(a).toContain('tel:812345678');
    expect(storedKeys(p({ phone: '081-234-5678' }), REF)).toContain('tel:812345678');
    expect(probeKeys(p({ phone: '081-234-5678' }), REF)).toContain('tel:812345678');
  });

  it('meets across a typo in the first letters', () => {
    expect(shareKey(p({ givenNames: 'Muhammad' }), p({ givenNames: 'Mhuammad' }))).toBe(true);
    expect(shareKey(p({ givenNames: 'Budi' }), p({ givenNames: 'Bdi' }))).toBe(true);
  });

  // Up to 3 years (the tolerance for an estimated age): the score counts years further apart against a pair.
  it('meets across birth years up to 3 apart, and without a year', () => {
    expect(shareKey(p({ givenNames: 'Agus', birthDate: '1990' }), p({ givenNames: 'Agus', birthDate: '1993' }))).toBe(true);
    expect(shareKey(p({ givenNames: 'Agus', birthDate: '1992' }), p({ givenNames: 'Agus', birthDate: '1995' }))).toBe(true);
    expect(shareKey(p({ givenNames: 'Agus', birthDate: '1990' }), p({ givenNames: 'Agus', birthDate: null }))).toBe(true);
  });
});

describe('jaroWinkler', () => {
  it('is 1 for equal strings and rewards a shared beginning', () => {
    expect(jaroWinkler('martha', 'martha')).toBe(1);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('', 'a')).toBe(0);
  });
});

describe('the screen before names are compared', () => {
  // mayBeLikelyDuplicate rejects most candidate pairs of an import before their names are compared: it must
  // never reject a pair the full score shows (both ways round, with and without the registry's counts).
  it.each([
    [true, 41],
    [false, 42],
  ])('never turns away a pair the full score flags (registry counts: %s, seed %i)', (counted, seed) => {
    const people = generatePeople({ count: 6000, seed, duplicateRate: 0.05 }).map((g) => g.input);
    const frequency = counted ? buildNameFrequency(people) : null;
    const options = { ...REF, frequency };
    const prepared = people.map((x) => preparePerson(x, options));
    let flagged = 0;
    let screenedOut = 0;
    const missed: string[] = [];
    for (const [i, j] of candidatePairs(people, REF)) {
      const a = prepared[i]!;
      const b = prepared[j]!;
      const passes = (x: typeof a, y: typeof a) => mayBeLikelyDuplicate(x, y, options);
      if (!passes(a, b)) screenedOut++;
      if (!isLikelyDuplicate(matchPrepared(a, b, options).score)) continue;
      flagged++;
      if (!passes(a, b) || !passes(b, a)) missed.push(`${i}:${j}`);
    }
    expect(flagged).toBeGreaterThan(100);
    // …and it does screen: most candidate pairs never reach the names.
    expect(screenedOut).toBeGreaterThan(flagged * 5);
    expect(missed).toEqual([]);
  });
});
