import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseFormula, stripNeutralisingQuote } from '../../src/services/import/formula';
import { mapHeaders } from '../../src/services/import/headers';

/**
 * Three agencies, three header rows for the same facts. The importer proposes
 * which column is which; the coordinator confirms in the preview.
 */

const fields = (headers: string[]) => Object.fromEntries(mapHeaders(headers).columns.map((c) => [c.header, c.field]));

describe('mapping header rows to intake fields', () => {
  it('an English list from the shelter', () => {
    const m = mapHeaders(['No.', 'Full name', 'Sex', 'Age', 'Nationality', 'DOB', 'Passport No', 'Phone', 'Rescue date', 'Remarks', 'Shoe size']);
    expect(m.byField).toEqual({
      fullName: 1, sex: 2, age: 3, claimedNationality: 4, birthDate: 5, passportNumber: 6, phone: 7, rescueDate: 8, notes: 9,
    });
    expect(m.unmapped).toEqual([{ column: 0, header: 'No.' }, { column: 10, header: 'Shoe size' }]);
    expect(m.columns.every((c) => c.confidence === 1)).toBe(true);
  });

  it('a Thai police list: ชื่อ next to นามสกุล is the given name', () => {
    expect(fields(['ลำดับ', 'ชื่อ', 'นามสกุล', 'เพศ', 'อายุ', 'สัญชาติ', 'วันเกิด', 'เลขหนังสือเดินทาง', 'โทรศัพท์', 'หมายเหตุ'])).toEqual({
      ชื่อ: 'givenNames', นามสกุล: 'familyName', เพศ: 'sex', อายุ: 'age', สัญชาติ: 'claimedNationality', วันเกิด: 'birthDate',
      เลขหนังสือเดินทาง: 'passportNumber', โทรศัพท์: 'phone', หมายเหตุ: 'notes',
    });
    expect(mapHeaders(['ชื่อ-นามสกุล', 'เพศ']).byField).toEqual({ fullName: 0, sex: 1 });
    expect(mapHeaders(['ชื่อ', 'อายุ']).byField).toEqual({ fullName: 0, age: 1 });
  });

  it('a Chinese list', () => {
    expect(mapHeaders(['序号', '姓名', '性别', '年龄', '国籍', '出生日期', '护照号码', '电话', '备注']).byField).toEqual({
      fullName: 1, sex: 2, age: 3, claimedNationality: 4, birthDate: 5, passportNumber: 6, phone: 7, notes: 8,
    });
    expect(mapHeaders(['姓', '名']).byField).toEqual({ familyName: 0, givenNames: 1 });
  });

  it('a Burmese list', () => {
    expect(mapHeaders(['အမည်', 'ကျား/မ', 'အသက်', 'နိုင်ငံသား']).byField).toEqual({ fullName: 0, sex: 1, age: 2, claimedNationality: 3 });
  });

  it('ignores case, spaces and punctuation', () => {
    expect(mapHeaders(['  FULL_NAME ', 'date-of-birth', 'Passport  number:', 'D.O.B.']).byField).toEqual({
      fullName: 0, birthDate: 1, passportNumber: 2,
    });
  });

  it('guesses from a keyword inside a longer header, with lower confidence', () => {
    const m = mapHeaders(['Nationality (claimed)', 'Name as in passport', 'Passport No. (if any)']);
    expect(m.columns).toEqual([
      { column: 0, header: 'Nationality (claimed)', field: 'claimedNationality', confidence: 0.6 },
      { column: 1, header: 'Name as in passport', field: 'fullName', confidence: 0.6 },
      { column: 2, header: 'Passport No. (if any)', field: 'passportNumber', confidence: 0.6 },
    ]);
  });

  it('a second column for the same field stays unmapped; the exact header wins', () => {
    const m = mapHeaders(['Phone (home)', 'Phone', 'Name']);
    expect(m.byField).toEqual({ phone: 1, fullName: 2 });
    expect(m.unmapped).toEqual([{ column: 0, header: 'Phone (home)' }]);
  });
});

describe('formula injection: stored as typed, neutralised on export', () => {
  it.each(['=HYPERLINK("http://x","y")', '+66 81 234 5678', '-5', '@SUM(A1)', '\tx', '\rx'])('%j is neutralised with a single quote', (cell) => {
    expect(isFormulaLike(cell)).toBe(true);
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });

  it('leaves everything else exactly as it is', () => {
    for (const cell of ['Aung Aung', '0812345678', "'Ali", '', ' =spaced', '张伟']) expect(neutraliseFormula(cell)).toBe(cell);
  });

  it('re-importing our own export gives back the value as typed', () => {
    expect(stripNeutralisingQuote(neutraliseFormula('+66812345678'))).toBe('+66812345678');
    expect(stripNeutralisingQuote("'Ali")).toBe("'Ali");
  });
});
