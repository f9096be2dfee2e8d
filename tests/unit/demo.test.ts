import { describe, it, expect } from 'vitest';
import { generatePeople, iteratePeople, foldDiacritics, DUPLICATE_KINDS, type GeneratedPerson } from '../../src/domain/demo';
import { CHINESE_FAMILY_NAMES } from '../../src/domain/demo/names/chinese';
import { personInputSchema, type PersonInput } from '../../src/domain/person';
import { ADULT_AGE, ageOn } from '../../src/domain/dates';
import { CONTROL_INDICATOR_CODES } from '../../src/domain/reference/indicators';
import { isLanguageCode } from '../../src/domain/reference/languages';
import { isCountryCode } from '../../src/domain/reference/countries';

const TODAY = '2026-11-01';

/** One demo day's intake of 20,000 people, shared by the read-only checks below. */
const intake = generatePeople({ count: 20_000, seed: 20261101 });
const originals = intake.filter((p) => p.duplicateOf === null);
const ofNationality = (code: string) => originals.filter((p) => p.input.claimedNationality === code).map((p) => p.input);

const birthYear = (p: PersonInput): number | null =>
  p.birthDate ? Number(p.birthDate.slice(0, 4)) : p.estimatedAge != null ? Number(TODAY.slice(0, 4)) - p.estimatedAge : null;
const recordedAge = (p: PersonInput) => ageOn({ birthDate: p.birthDate ?? null, estimatedAge: p.estimatedAge ?? null }, TODAY);
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const share = (n: number, of: number) => n / of;

/** Optimal-string-alignment distance: substitutions, insertions, deletions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + cost);
    }
  }
  return d[a.length]![b.length]!;
}

const latinTokens = (p: PersonInput) => `${p.familyName ?? ''} ${p.givenNames ?? ''}`.trim().split(/\s+/).filter(Boolean);
const passportNumbers = (p: PersonInput) => (p.documents ?? []).filter((d) => d.type === 'passport' && d.number).map((d) => d.number);

describe('a coordinator replays the demo intake', () => {
  it('gets exactly the same people from the same seed, on any machine and any day', () => {
    const first = generatePeople({ count: 2_000, seed: 42 });
    const again = generatePeople({ count: 2_000, seed: 42, today: TODAY, duplicateRate: 0.02 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });

  it('gets different people from a different seed', () => {
    const a = generatePeople({ count: 500, seed: 1 }).map((p) => `${p.input.familyName} ${p.input.givenNames} ${p.input.birthDate}`);
    const b = generatePeople({ count: 500, seed: 2 }).map((p) => `${p.input.familyName} ${p.input.givenNames} ${p.input.birthDate}`);
    const same = a.filter((name, i) => name === b[i]).length;
    expect(same).toBeLessThan(10);
  });

  it('streams the same sequence with iteratePeople, lazily, without building the whole list', () => {
    const listed = generatePeople({ count: 3_000, seed: 7, duplicateRate: 0.1 });
    const streamed = [...iteratePeople({ count: 3_000, seed: 7, duplicateRate: 0.1 })];
    expect(streamed).toEqual(listed);

    // Asking a ten-million stream for its first five people costs nothing.
    const firstFive: GeneratedPerson[] = [];
    for (const p of iteratePeople({ count: 10_000_000, seed: 7, duplicateRate: 0.1 })) {
      firstFive.push(p);
      if (firstFive.length === 5) break;
    }
    expect(firstFive).toEqual(listed.slice(0, 5));
  });

  // Speed is measured by npm run bench, never asserted here.
  it('streams 100,000 people with planted duplicates throughout', () => {
    let count = 0;
    let duplicates = 0;
    for (const p of iteratePeople({ count: 100_000, seed: 99 })) {
      count++;
      if (p.duplicateOf !== null) duplicates++;
    }
    expect(count).toBe(100_000);
    expect(duplicates).toBeGreaterThan(1_500);
  }, 60_000);

  it('refuses options that would make the output meaningless', () => {
    expect(() => generatePeople({ count: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generatePeople({ count: 1.5, seed: 1 })).toThrow(RangeError);
    expect(() => generatePeople({ count: 1, seed: 1, today: '2026-02-30' })).toThrow(RangeError);
    expect(() => generatePeople({ count: 1, seed: 1, duplicateRate: 1.5 })).toThrow(RangeError);
    expect(generatePeople({ count: 0, seed: 1 })).toEqual([]);
  });
});

describe('every generated person is a valid intake record', () => {
  it.each([1, 2, 3, 2026])('passes personInputSchema for 5,000 people (seed %i), and the schema stores names as written', (seed) => {
    const failures: string[] = [];
    for (const { input } of generatePeople({ count: 5_000, seed, duplicateRate: 0.05 })) {
      const parsed = personInputSchema.safeParse(input);
      if (!parsed.success) {
        failures.push(`${JSON.stringify(input)}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
        continue;
      }
      // Names are already trimmed NFC, so nothing is rewritten on the way in.
      expect(parsed.data.familyName).toBe(input.familyName ?? null);
      expect(parsed.data.givenNames).toBe(input.givenNames ?? null);
      expect(parsed.data.nativeName).toBe(input.nativeName ?? null);
    }
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it('uses only known country, language and indicator codes, and plausible phone numbers', () => {
    const wrong: string[] = [];
    for (const { input } of intake) {
      if (input.claimedNationality && !isCountryCode(input.claimedNationality)) wrong.push(input.claimedNationality);
      for (const l of input.languages ?? []) if (!isLanguageCode(l)) wrong.push(l);
      for (const i of input.indicators ?? []) if (!CONTROL_INDICATOR_CODES.includes(i)) wrong.push(i);
      if (input.phone && !/^\+[0-9][0-9 ()\-.]{3,38}$/.test(input.phone)) wrong.push(input.phone);
    }
    expect(wrong).toEqual([]);
    expect(share(intake.filter((p) => p.input.phone).length, intake.length)).toBeGreaterThan(0.2);
  });
});

describe('who is in the demo intake', () => {
  it('has Chinese as the largest group, about a third, and every nationality from the field notes', () => {
    const counts = new Map<string, number>();
    for (const { input } of intake) counts.set(input.claimedNationality ?? '?', (counts.get(input.claimedNationality ?? '?') ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]?.[0]).toBe('CN');
    expect(share(counts.get('CN')!, intake.length)).toBeGreaterThan(0.3);
    expect(share(counts.get('CN')!, intake.length)).toBeLessThan(0.4);
    expect(ranked[1]?.[0]).toBe('VN');
    for (const code of ['CN', 'VN', 'ID', 'PH', 'TH', 'LA', 'KH', 'MM', 'IN', 'PK', 'NP', 'LK', 'BD', 'ET', 'KE', 'UG', 'BR']) {
      expect(counts.get(code), code).toBeGreaterThan(0);
    }
  });

  it('has about 40% women and 60% men', () => {
    const women = intake.filter((p) => p.input.sex === 'female').length;
    expect(share(women, intake.length)).toBeGreaterThan(0.36);
    expect(share(women, intake.length)).toBeLessThan(0.44);
  });

  it('has enough different names that 20,000 people are not mostly the same few', () => {
    const names = new Set(originals.map((p) => `${p.input.familyName ?? ''}|${p.input.givenNames ?? ''}`));
    expect(names.size).toBeGreaterThan(originals.length * 0.5);
  });
});

describe('names are written the way people and their documents write them', () => {
  it('Chinese: family name first, the characters match the pinyin', () => {
    const chinese = ofNationality('CN');
    const pinyinOf = new Map<string, Set<string>>();
    for (const [latin, hanzi] of CHINESE_FAMILY_NAMES) pinyinOf.set(hanzi!, (pinyinOf.get(hanzi!) ?? new Set()).add(latin.toUpperCase()));
    const withCharacters = chinese.filter((p) => p.nativeName);
    expect(share(withCharacters.length, chinese.length)).toBeGreaterThan(0.8);
    for (const p of withCharacters) {
      expect(p.nativeName).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      // 张伟 ↔ ZHANG / WEI: the leading character(s) are the family name's.
      const family = [...pinyinOf.keys()].find((h) => p.nativeName!.startsWith(h) && pinyinOf.get(h)!.has(p.familyName!.toUpperCase()));
      expect(family, `${p.nativeName} vs ${p.familyName}`).toBeDefined();
      expect(p.givenNames).toMatch(/^[A-Za-z]+$/);
    }
    // Both passport capitals (ZHANG WEI) and mixed case (Zhang Wei) occur.
    expect(chinese.some((p) => p.familyName === p.familyName?.toUpperCase())).toBe(true);
    expect(chinese.some((p) => p.familyName !== p.familyName?.toUpperCase())).toBe(true);
  });

  it('Burmese: no family name, one to four syllables, and a name in Myanmar script', () => {
    const burmese = ofNationality('MM');
    expect(burmese.length).toBeGreaterThan(200);
    for (const p of burmese) {
      expect(p.familyName).toBeNull();
      const syllables = p.givenNames!.split(' ').length;
      expect(syllables).toBeGreaterThanOrEqual(1);
      expect(syllables).toBeLessThanOrEqual(5); // "Tha Zin" is sometimes written as two
      if (p.nativeName) expect(p.nativeName).toMatch(/^[\u1000-\u109F]+$/);
    }
    expect(share(burmese.filter((p) => p.nativeName).length, burmese.length)).toBeGreaterThan(0.75);
    // Honorifics (Ko, Ma, U, Daw, Maung) never sit in the name itself, only in aliases.
    expect(burmese.some((p) => /^(Ko|Ma|U|Daw|Maung) /.test(p.aliases?.[0] ?? ''))).toBe(true);
  });

  it('Vietnamese: diacritics kept, and the native name is the full name as written', () => {
    const vietnamese = ofNationality('VN');
    for (const p of vietnamese) expect(p.nativeName).toBe(`${p.familyName} ${p.givenNames}`);
    const withDiacritics = vietnamese.filter((p) => foldDiacritics(p.nativeName!) !== p.nativeName).length;
    expect(share(withDiacritics, vietnamese.length)).toBeGreaterThan(0.8);
    const nguyen = vietnamese.filter((p) => p.familyName === 'Nguyễn').length;
    expect(share(nguyen, vietnamese.length)).toBeGreaterThan(0.2);
  });

  it('Thai, Lao and Khmer: names in their own scripts; Thais often with a nickname', () => {
    const thai = ofNationality('TH');
    for (const p of thai) expect(p.nativeName).toMatch(/^[\u0E00-\u0E7F]+ [\u0E00-\u0E7F]+$/);
    expect(share(thai.filter((p) => (p.aliases ?? []).length > 0).length, thai.length)).toBeGreaterThan(0.3);
    for (const p of ofNationality('LA')) if (p.nativeName) expect(p.nativeName).toMatch(/^[\u0E80-\u0EFF]+ [\u0E80-\u0EFF]+$/);
    for (const p of ofNationality('KH')) if (p.nativeName) expect(p.nativeName).toMatch(/^[\u1780-\u17FF]+ [\u1780-\u17FF]+$/);
  });

  it("Ethiopians: own, father's and grandfather's names in order, no family name, Ge'ez script sometimes", () => {
    const ethiopians = ofNationality('ET');
    for (const p of ethiopians) {
      expect(p.familyName).toBeNull();
      expect(p.givenNames!.split(' ').length).toBeGreaterThanOrEqual(2);
      if (p.nativeName) expect(p.nativeName).toMatch(/^[\u1200-\u137F ]+$/);
    }
    expect(ethiopians.some((p) => p.nativeName)).toBe(true);
  });

  it('Indonesians often have a single name; Filipinos three parts; South Asians sometimes their own script', () => {
    const indonesians = ofNationality('ID');
    expect(share(indonesians.filter((p) => !p.familyName && !p.givenNames!.includes(' ')).length, indonesians.length)).toBeGreaterThan(0.3);
    const filipinos = ofNationality('PH');
    expect(share(filipinos.filter((p) => p.familyName && p.givenNames!.split(' ').length >= 2).length, filipinos.length)).toBeGreaterThan(0.7);
    expect(ofNationality('IN').some((p) => /[\u0900-\u097F]/.test(p.nativeName ?? ''))).toBe(true);
    expect(ofNationality('NP').some((p) => /[\u0900-\u097F]/.test(p.nativeName ?? ''))).toBe(true);
    expect(ofNationality('LK').some((p) => /[\u0D80-\u0DFF]/.test(p.nativeName ?? ''))).toBe(true);
    expect(ofNationality('BD').some((p) => /[\u0980-\u09FF]/.test(p.nativeName ?? ''))).toBe(true);
    expect(ofNationality('PK').some((p) => /[\u0600-\u06FF]/.test(p.nativeName ?? ''))).toBe(true);
  });

  it('every name is in NFC, the form the database stores', () => {
    const notNfc = intake
      .flatMap(({ input }) => [input.familyName, input.givenNames, input.nativeName, ...(input.aliases ?? [])])
      .filter((s): s is string => !!s && (s !== s.normalize('NFC') || s !== s.trim()));
    expect(notNfc).toEqual([]);
  });
});

describe('ages, minors and birth dates as people know them', () => {
  it('has minors at roughly 4%, every one flagged "minor" and every flagged one under 18 by the record', () => {
    let minors = 0;
    const inconsistent: PersonInput[] = [];
    for (const { input } of intake) {
      const age = recordedAge(input);
      const flagged = (input.vulnerabilities ?? []).includes('minor');
      if (age === null || flagged !== age < ADULT_AGE || age < 13) inconsistent.push(input);
      if (flagged) minors++;
    }
    expect(inconsistent).toEqual([]);
    expect(share(minors, intake.length)).toBeGreaterThan(0.025);
    expect(share(minors, intake.length)).toBeLessThan(0.055);
  });

  it('mostly 18–40; a full date, a year and month, a year or an estimated age, never both', () => {
    const ages = intake.map((p) => recordedAge(p.input)!);
    expect(share(ages.filter((a) => a >= 18 && a <= 41).length, ages.length)).toBeGreaterThan(0.85);
    const kinds = { day: 0, month: 0, year: 0, estimate: 0 };
    let both = 0;
    for (const { input } of intake) {
      if (input.birthDate && input.estimatedAge != null) both++;
      if (input.birthDate?.length === 10) kinds.day++;
      else if (input.birthDate?.length === 7) kinds.month++;
      else if (input.birthDate?.length === 4) kinds.year++;
      else kinds.estimate++;
    }
    expect(both).toBe(0);
    for (const n of Object.values(kinds)) expect(n).toBeGreaterThan(intake.length * 0.04);
  });
});

describe('how they came out, and what they carried', () => {
  it('were rescued in the 120 days before "today", in operations that bring many people at once', () => {
    const today = dayNumber(TODAY);
    const perOperation = new Map<string, number>();
    const outOfWindow: PersonInput[] = [];
    for (const { input } of intake) {
      const day = input.rescueDate ? dayNumber(input.rescueDate) : NaN;
      if (!(day <= today && day >= today - 120)) outOfWindow.push(input);
      if (input.rescueOperation) {
        if (!/ \d{4}-\d{2}-\d{2}$/.test(input.rescueOperation) || !input.rescueSite) outOfWindow.push(input);
        perOperation.set(input.rescueOperation, (perOperation.get(input.rescueOperation) ?? 0) + 1);
      }
    }
    expect(outOfWindow).toEqual([]);
    expect(perOperation.size).toBeGreaterThan(10);
    expect(Math.max(...perOperation.values())).toBeGreaterThan(300);
    const sites = new Set(intake.map((p) => p.input.rescueSite));
    for (const site of ['KK Park', 'Shwe Kokko', 'Myawaddy']) expect(sites).toContain(site);
  });

  it('mostly had their passports taken by the compound or lost, with numbers in the country format', () => {
    const passports = intake.flatMap((p) => (p.input.documents ?? []).filter((d) => d.type === 'passport').map((d) => ({ ...d, nat: p.input.claimedNationality })));
    const takenOrLost = passports.filter((d) => d.holder === 'compound' || d.holder === 'lost').length;
    expect(share(takenOrLost, passports.length)).toBeGreaterThan(0.6);
    const formats: Record<string, RegExp> = { CN: /^E[A-Z0-9]\d{7}$/, VN: /^[BCN]\d{7}$/, TH: /^A[A-Z]\d{7}$/, MM: /^M[A-H]\d{6}$/, PH: /^P\d{7}[A-Z]$/ };
    const malformed = passports.filter((d) => {
      const format = formats[d.issuingCountry ?? ''];
      return (format && d.number && !format.test(d.number)) || (d.expiry && !/^\d{4}-\d{2}-\d{2}$/.test(d.expiry));
    });
    expect(malformed).toEqual([]);
  });

  it('carry Chinese ID numbers with a valid check digit and the recorded birth date', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let checked = 0;
    for (const { input } of originals) {
      for (const d of input.documents ?? []) {
        if (d.type !== 'national_id' || d.issuingCountry !== 'CN') continue;
        const n = d.number!;
        const sum = weights.reduce((s, w, i) => s + w * Number(n[i]), 0);
        expect(n[17]).toBe('10X98765432'[sum % 11]);
        if (input.birthDate?.length === 10) expect(n.slice(6, 14)).toBe(input.birthDate.replace(/-/g, ''));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('report two to five means of control for most people, withheld documents and false promises the commonest', () => {
    const counts = intake.map((p) => (p.input.indicators ?? []).length);
    expect(share(counts.filter((n) => n >= 2 && n <= 5).length, counts.length)).toBeGreaterThan(0.75);
    const freq = new Map<string, number>();
    for (const { input } of intake) for (const i of input.indicators ?? []) freq.set(i, (freq.get(i) ?? 0) + 1);
    const top = [...freq].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k]) => k);
    expect(top).toContain('withholds_documents');
    expect(top).toContain('false_promises');
    expect(intake.some((p) => p.input.sex === 'female' && p.input.vulnerabilities?.includes('pregnant'))).toBe(true);
    expect(intake.some((p) => p.input.sex === 'male' && p.input.vulnerabilities?.includes('pregnant'))).toBe(false);
  });

  it('mostly gave consent; some not yet asked, a few refused, and every override has a reason', () => {
    const tally = { given: 0, none: 0, refused: 0, overridden: 0 };
    for (const { input } of intake) {
      const c = input.consent;
      if (!c) tally.none++;
      else tally[c.status]++;
      if (c?.status === 'overridden') expect(c.reason).toBeTruthy();
    }
    expect(share(tally.given, intake.length)).toBeGreaterThan(0.7);
    expect(tally.none).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.overridden).toBeGreaterThan(0);
  });
});

describe('the same person registered twice (planted near-duplicates)', () => {
  const dupes = intake.filter((p) => p.duplicateOf !== null);

  it('plants about the requested share, none with duplicateRate 0', () => {
    expect(share(dupes.length, intake.length)).toBeGreaterThan(0.015);
    expect(share(dupes.length, intake.length)).toBeLessThan(0.025);
    expect(generatePeople({ count: 3_000, seed: 5, duplicateRate: 0 }).every((p) => p.duplicateOf === null && p.duplicateKind === null)).toBe(true);
  });

  it('points to an earlier original of the same nationality and sex; written birth years within one, estimated ages often further apart', () => {
    expect(intake.filter((p) => p.duplicateOf === null && p.duplicateKind !== null)).toEqual([]);
    const estimatedGaps: number[] = [];
    intake.forEach((p, index) => {
      if (p.duplicateOf === null) return;
      expect(p.duplicateOf).toBeLessThan(index);
      expect(p.duplicateKind).not.toBeNull();
      const original = intake[p.duplicateOf]!;
      expect(original.duplicateOf).toBeNull();
      expect(p.input.claimedNationality).toBe(original.input.claimedNationality);
      expect(p.input.sex).toBe(original.input.sex);
      const gap = Math.abs(birthYear(p.input)! - birthYear(original.input)!);
      // An estimated age is a guess, up to five years off; two guesses can be ten apart (plus a year for a date near New Year).
      if (p.input.estimatedAge == null && original.input.estimatedAge == null) expect(gap).toBeLessThanOrEqual(1);
      else {
        expect(gap).toBeLessThanOrEqual(11);
        estimatedGaps.push(gap);
      }
    });
    expect(estimatedGaps.filter((g) => g >= 3).length).toBeGreaterThan(0);
  });

  it('writes the name the way each kind of duplicate says', () => {
    const many = generatePeople({ count: 8_000, seed: 31, duplicateRate: 0.25 });
    const seen = new Set<string>();
    many.forEach((p) => {
      if (p.duplicateOf === null) return;
      const dup = p.input;
      const orig = many[p.duplicateOf]!.input;
      seen.add(p.duplicateKind!);
      switch (p.duplicateKind) {
        case 'exact_document':
          expect(passportNumbers(dup)[0]).toBeDefined();
          expect(passportNumbers(orig)).toContain(passportNumbers(dup)[0]);
          break;
        case 'pinyin_vs_hanzi':
          // 张伟 / ZHANG WEI  →  "WEI ZHANG", no characters.
          expect(dup.claimedNationality ?? 'CN').toBe('CN');
          expect(dup.nativeName).toBeNull();
          expect(orig.nativeName).toMatch(/[\u4e00-\u9fff]/);
          expect(latinTokens(dup).join(' ')).toBe(`${orig.givenNames} ${orig.familyName}`.toUpperCase());
          break;
        case 'diacritics_dropped':
          expect(dup.nativeName).toBeNull();
          expect(dup.familyName).toBe(dup.familyName ? foldDiacritics(orig.familyName!).toUpperCase() : null);
          expect(dup.givenNames).toBe(foldDiacritics(orig.givenNames!).toUpperCase());
          expect(`${dup.familyName} ${dup.givenNames}`).toMatch(/^[A-Z -]+$/);
          expect(`${orig.familyName} ${orig.givenNames}`).not.toBe(`${dup.familyName} ${dup.givenNames}`);
          break;
        case 'token_order':
          expect([...latinTokens(dup)].sort()).toEqual([...latinTokens(orig)].sort());
          expect(latinTokens(dup)).not.toEqual(latinTokens(orig));
          break;
        case 'alias':
          expect(orig.aliases).toContain(dup.givenNames ?? dup.nativeName);
          break;
        case 'typo': {
          const fields = [editDistance(dup.familyName ?? '', orig.familyName ?? ''), editDistance(dup.givenNames ?? '', orig.givenNames ?? '')];
          expect(fields.sort()).toEqual([0, 1]);
          break;
        }
        case 'romanisation_variant':
          expect(['TH', 'MM', 'LA']).toContain(many[p.duplicateOf!]!.input.claimedNationality ?? dup.claimedNationality ?? 'TH');
          expect(`${dup.familyName} ${dup.givenNames}`).not.toBe(`${orig.familyName} ${orig.givenNames}`);
          break;
        default:
          throw new Error(`unexpected kind ${p.duplicateKind}`);
      }
    });
    expect([...seen].sort()).toEqual([...DUPLICATE_KINDS].sort());
  });

  it('includes the classic Thai respelling and the Vietnamese passport form', () => {
    const many = generatePeople({ count: 20_000, seed: 8, duplicateRate: 0.3 });
    const thaiVariant = many.find((p) => p.duplicateKind === 'romanisation_variant' && many[p.duplicateOf!]!.input.nativeName?.includes('สม'));
    expect(thaiVariant).toBeDefined();
    const vietnamese = many.find((p) => p.duplicateKind === 'diacritics_dropped' && many[p.duplicateOf!]!.input.familyName === 'Nguyễn');
    expect(vietnamese?.input.familyName).toBe('NGUYEN');
  });
});
