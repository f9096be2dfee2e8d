/** Name frequency from the registry, and the evidence it changes: common names, typing slips, different names. */
import { describe, expect, it } from 'vitest';
import {
  buildNameFrequency,
  countIncluding,
  frequencyTokens,
  isLikelyDuplicate,
  matchPoints,
  matchScore,
  NameFrequencyTable,
  type MatchPerson,
} from '../../src/domain/matching';

const REF = { referenceYear: 2026 };
const base: MatchPerson = { familyName: null, givenNames: null, nativeName: null, aliases: [], sex: 'male', birthDate: '1995', claimedNationality: 'ID' };
const p = (over: Partial<MatchPerson>): MatchPerson => ({ ...base, ...over });

/** A registry: the people given, and filler people with unrelated names so counts mean something. */
function registry(...people: MatchPerson[]) {
  const filler = Array.from({ length: 300 }, (_, i) => p({ givenNames: `Filler${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + ((i / 26) | 0))}` }));
  return buildNameFrequency([...people, ...filler]);
}
const times = (n: number, make: (i: number) => MatchPerson) => Array.from({ length: n }, (_, i) => make(i));

describe('frequencyTokens', () => {
  it('counts folded tokens, each form as a whole, the characters of a Chinese name, and the operation', () => {
    const tokens = frequencyTokens({ familyName: 'Zhang', givenNames: 'Wei', nativeName: '张伟', aliases: ['Kevin'], rescueOperation: 'Myawaddy handover 2026-10-14', birthDate: '1995' });
    expect(tokens.sort()).toEqual(['=kewin', '=wei zhang', '=张伟', '@Myawaddy handover 2026-10-14', 'kewin', 'wei', 'zhang'].sort());
  });

  it('counts nationality, the operation per nationality, and people with no birth year recorded', () => {
    const tokens = frequencyTokens({ givenNames: 'Agus', claimedNationality: 'ID', rescueOperation: 'Poipet crackdown 2026-07-10' });
    expect(tokens.sort()).toEqual(['#?', '#ID', '=agus', '@Poipet crackdown 2026-07-10', '@Poipet crackdown 2026-07-10#ID', 'agus'].sort());
  });

  it('keeps a count table up to date on every write', () => {
    const table = new NameFrequencyTable();
    const a = p({ givenNames: 'Budi' });
    table.add(a);
    table.add(p({ givenNames: 'Budi Santoso' }));
    expect(table.total).toBe(2);
    expect(table.count('budi')).toBe(2);
    expect(table.count('=budi')).toBe(1);
    table.remove(a);
    expect(table.total).toBe(1);
    expect(table.count('=budi')).toBe(0);
  });
});

describe('how common a name is', () => {
  it('a shared name says less for Muhammad than for a name nobody else has', () => {
    const muhammads = times(20, (i) => p({ givenNames: 'Muhammad', birthDate: String(1980 + i) }));
    const a = p({ givenNames: 'Muhammad', birthDate: '1996' });
    const b = p({ givenNames: 'Muhammad', birthDate: '1996-08-21' });
    const c = p({ givenNames: 'Pheakdey Chan', birthDate: '1996', claimedNationality: 'KH' });
    const d = p({ givenNames: 'Pheakdey Chan', birthDate: '1996-08-21', claimedNationality: 'KH' });
    const frequency = registry(...muhammads, a, b, c, d);
    const common = matchScore(a, b, { ...REF, frequency });
    const rare = matchScore(c, d, { ...REF, frequency });
    expect(common.reasons).toContain('common name: 20 other people in the registry have it');
    expect(isLikelyDuplicate(common.score)).toBe(false);
    expect(isLikelyDuplicate(rare.score)).toBe(true);
    // Without the counts the two pairs look alike.
    expect(matchScore(a, b, REF).score).toBeCloseTo(matchScore(c, d, REF).score, 5);
  });

  it('a spelling nobody else has, one slip from a name others have, reads as a slip', () => {
    const budis = times(4, (i) => p({ givenNames: 'Budi', birthDate: String(1970 + i) }));
    const a = p({ givenNames: 'Budi Hartono', birthDate: '1995' });
    const b = p({ givenNames: 'Budu Hartono', birthDate: '1995' });
    const frequency = registry(...budis, a, b);
    const r = matchScore(a, b, { ...REF, frequency });
    expect(r.reasons[0]).toMatch(/one letter different \(budi \/ budu\)/);
    expect(isLikelyDuplicate(r.score)).toBe(true);
  });

  it('two names one letter apart that many people have are two names (Zhu / Zhou)', () => {
    const others = [
      ...times(6, (i) => p({ familyName: 'Zhu', givenNames: `Filler${'abcdef'[i]}`, claimedNationality: 'CN' })),
      ...times(6, (i) => p({ familyName: 'Zhou', givenNames: `Filler${'ghijkl'[i]}`, claimedNationality: 'CN' })),
    ];
    const a = p({ familyName: 'Zhu', givenNames: 'Peng', claimedNationality: 'CN' });
    const b = p({ familyName: 'Zhou', givenNames: 'Peng', claimedNationality: 'CN' });
    const frequency = registry(...others, a, b);
    expect(isLikelyDuplicate(matchScore(a, b, REF).score)).toBe(true);
    expect(isLikelyDuplicate(matchScore(a, b, { ...REF, frequency }).score)).toBe(false);
  });

  it('a different given name others have too is not the same name (Văn Tùng / Văn Hùng)', () => {
    const others = times(4, (i) => p({ familyName: 'Trần', givenNames: i % 2 ? 'Văn Tùng' : 'Văn Hùng', birthDate: String(1960 + i), claimedNationality: 'VN' }));
    const a = p({ familyName: 'Nguyễn', givenNames: 'Văn Tùng', claimedNationality: 'VN' });
    const b = p({ familyName: 'Nguyễn', givenNames: 'Văn Hùng', claimedNationality: 'VN' });
    const frequency = registry(...others, a, b);
    expect(isLikelyDuplicate(matchScore(a, b, { ...REF, frequency }).score)).toBe(false);
  });
});

describe('evidence besides the name', () => {
  it('a nickname two people share says nothing when their own names differ', () => {
    const a = p({ familyName: 'Wongsa', givenNames: 'Wuttichai', aliases: ['Nut'], claimedNationality: 'TH', rescueOperation: 'Mae Sot charter 2026-09-02' });
    const b = p({ familyName: 'Saelim', givenNames: 'Thongchai', aliases: ['Nut'], claimedNationality: 'TH', rescueOperation: 'Mae Sot charter 2026-09-02' });
    const r = matchScore(a, b, { ...REF, frequency: registry(a, b) });
    expect(r.reasons.some((x) => x.includes('only the alias nut in common'))).toBe(true);
    expect(isLikelyDuplicate(r.score)).toBe(false);
  });

  it('but a record with only the nickname can still be the person who uses it', () => {
    const a = p({ familyName: 'Santos', givenNames: 'Reynaldo Magbanua', aliases: ['Boyet'], birthDate: '1998-06-28', claimedNationality: 'PH', rescueOperation: 'Bavet raid 2026-08-30' });
    const b = p({ givenNames: 'Boyet', birthDate: '1998-06-28', claimedNationality: 'PH', rescueOperation: 'Bavet raid 2026-08-30' });
    const r = matchScore(a, b, { ...REF, frequency: registry(a, b) });
    expect(r.reasons).toContain('same alias');
    expect(isLikelyDuplicate(r.score)).toBe(true);
  });

  it('different Chinese characters for the same pinyin count against (汪倩 / 王倩)', () => {
    const a = p({ familyName: 'Wang', givenNames: 'Qian', nativeName: '汪倩', sex: 'female', claimedNationality: 'CN' });
    const b = p({ familyName: 'Wang', givenNames: 'Qian', nativeName: '王倩', sex: 'female', claimedNationality: 'CN' });
    const r = matchScore(a, b, REF);
    expect(r.reasons).toContain('different Chinese characters (汪倩 / 王倩)');
    expect(isLikelyDuplicate(r.score)).toBe(false);
  });

  it('the same day and month of birth is strong even when the year was written one off', () => {
    const r = matchScore(p({ givenNames: 'Slamet', birthDate: '1991-09-02' }), p({ givenNames: 'Slamet', birthDate: '1992-09-02' }), REF);
    expect(r.reasons).toContain('same birthday, year 1 year apart');
    const swapped = matchScore(p({ givenNames: 'Slamet', birthDate: '1991-03-05' }), p({ givenNames: 'Slamet', birthDate: '1991-05-03' }), REF);
    expect(swapped.reasons).toContain('same birth date, day and month swapped');
  });

  it('1 January is read as a year only, since it is what lists write when only the year is known', () => {
    const r = matchScore(p({ givenNames: 'Slamet', birthDate: '1991-01-01' }), p({ givenNames: 'Slamet', birthDate: '1991-01-01' }), REF);
    expect(r.reasons).toContain('same birth year');
  });

  it('two records from a small operation say more than two from a large one', () => {
    const op = (name: string, n: number) => times(n, (i) => p({ givenNames: `Filler${i}x`, rescueOperation: name }));
    const a = p({ givenNames: 'Hendra', rescueOperation: 'Bavet raid 2026-08-30' });
    const b = p({ givenNames: 'Hendra', rescueOperation: 'Bavet raid 2026-08-30' });
    const c = p({ givenNames: 'Hendri', rescueOperation: 'Myawaddy handover 2026-10-14' });
    const d = p({ givenNames: 'Hendri', rescueOperation: 'Myawaddy handover 2026-10-14' });
    const frequency = registry(...op('Bavet raid 2026-08-30', 8), ...op('Myawaddy handover 2026-10-14', 150), a, b, c, d);
    const small = matchScore(a, b, { ...REF, frequency });
    const large = matchScore(c, d, { ...REF, frequency });
    expect(small.reasons).toContain('same rescue operation (10 ID people registered from it)');
    expect(small.score).toBeGreaterThan(large.score);
  });

  it('an operation that brought mostly Vietnamese says less for two Vietnamese than for two Indonesians', () => {
    const op = 'Poipet crackdown 2026-07-10';
    const many = (n: number, nationality: string, rescueOperation: string | null) =>
      times(n, (i) => p({ givenNames: `Filler${nationality}${rescueOperation ? 'x' : 'y'}${i}`, claimedNationality: nationality, rescueOperation }));
    const pair = (nationality: string) => [0, 1].map(() => p({ givenNames: 'Hendra', claimedNationality: nationality, rescueOperation: op }));
    const [v1, v2] = pair('VN');
    const [i1, i2] = pair('ID');
    const frequency = registry(...many(140, 'VN', op), ...many(200, 'VN', null), ...many(10, 'ID', op), ...many(200, 'ID', null), v1!, v2!, i1!, i2!);
    const vietnamese = matchScore(v1!, v2!, { ...REF, frequency });
    const indonesians = matchScore(i1!, i2!, { ...REF, frequency });
    expect(vietnamese.reasons).toContain('same rescue operation (142 VN people registered from it)');
    expect(indonesians.reasons).toContain('same rescue operation (12 ID people registered from it)');
    expect(indonesians.score).toBeGreaterThan(vietnamese.score);
  });

  it('a record not registered yet is counted in, so the store scores as a batch run does', () => {
    const namesakes = times(3, (i) => p({ givenNames: 'Hendra Wijaya', birthDate: String(1960 + i) }));
    const registered = p({ givenNames: 'Hendra Wijaya', birthDate: '1995' });
    const arriving = p({ givenNames: 'Hendra Wijaya', birthDate: '1995-02-03' });
    const batch = registry(...namesakes, registered, arriving);
    const store = registry(...namesakes, registered);
    const expected = matchScore(registered, arriving, { ...REF, frequency: batch });
    expect(expected.reasons).toContain('common name: 3 other people in the registry have it');
    expect(matchScore(registered, arriving, { ...REF, frequency: countIncluding(store, [arriving]) })).toEqual(expected);
  });

  it('matchPoints gives matchScore’s score without the reasons', () => {
    const a = p({ familyName: 'Santos', givenNames: 'Reynaldo', birthDate: '1998-06-28', phone: '+63 917 123 4567' });
    const b = p({ familyName: 'Santos', givenNames: 'Reynaldo', birthDate: '1998', phone: '0917 123 4567' });
    const frequency = registry(a, b);
    expect(matchPoints(a, b, { ...REF, frequency })).toBe(matchScore(a, b, { ...REF, frequency }).score);
  });
});
