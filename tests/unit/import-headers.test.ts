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

describe('headers about someone else never fill the person’s own fields', () => {
  const PERSON_FIELDS = ['familyName', 'givenNames', 'nativeName', 'fullName', 'aliases', 'sex', 'birthDate', 'age', 'claimedNationality', 'languages', 'phone', 'passportNumber', 'documentNumber'];
  const fieldOf = (header: string) => mapHeaders([header]).columns[0]?.field ?? null;

  it.each([
    // English: relatives, officials, employers, go-betweens
    "Father's name", 'Fathers name', 'Father name', "Mother's name", "Parents' names", 'Spouse name', 'Husband/Wife', "Guardian's name",
    'Name of officer', 'Officer name', 'Staff name', 'Employer', "Employer's phone", 'Broker name', 'Agent name', 'Emergency contact',
    'Emergency contact phone', 'Next of kin', "Spouse's nationality", 'Guardian phone', "Father's date of birth", 'Mother age', 'S/O', 'D/O', 'Recorded by',
    // Thai
    'ชื่อบิดา', 'ชื่อมารดา', 'ชื่อพ่อ', 'ชื่อแม่', 'ชื่อสามี', 'ชื่อภรรยา', 'ชื่อผู้ปกครอง', 'ชื่อเจ้าหน้าที่', 'ชื่อบริษัท', 'ชื่อผู้ติดต่อ', 'เบอร์ผู้ติดต่อ', 'อายุบิดา', 'นายจ้าง', 'ชื่อนายหน้า',
    // Chinese
    '父亲姓名', '母亲姓名', '父名', '母名', '丈夫姓名', '妻子姓名', '监护人', '监护人电话', '警官姓名', '公司名称', '联系人', '联系人电话', '紧急联系人',
    // Burmese
    'အဖေအမည်', 'အမေအမည်', 'ဖခင်အမည်', 'မိခင်အမည်', 'အဘအမည်', 'အဖအမည်', 'ခင်ပွန်းအမည်', 'ဇနီးအမည်', 'အုပ်ထိန်းသူ', 'ကုမ္ပဏီအမည်',
    // Vietnamese
    'Họ tên cha', 'Tên mẹ', 'Họ tên bố', 'Tên chồng', 'Tên vợ', 'Người giám hộ', 'Tên công ty',
  ])('%s fills none of the person’s fields', (header) => {
    const field = fieldOf(header);
    expect(field === null || !PERSON_FIELDS.includes(field), `${header} → ${field}`).toBe(true);
  });

  it.each(['Company name', 'Contact name', 'Contact person', 'Village name', 'Site name', 'Name of compound', 'Country name', 'ชื่อหมู่บ้าน', 'ชื่อหน่วยงาน', '村名', 'ရွာအမည်', 'အဖွဲ့အမည်'])(
    '%s names a place or an organisation, not the person',
    (header) => {
      expect(['familyName', 'givenNames', 'nativeName', 'fullName', 'aliases']).not.toContain(fieldOf(header));
    },
  );

  it('a Thai list with given and family names: the father’s name does not fill the native name', () => {
    const m = mapHeaders(['ลำดับ', 'ชื่อ', 'นามสกุล', 'ชื่อบิดา', 'ชื่อมารดา', 'เพศ', 'อายุ']);
    expect(m.byField).toEqual({ givenNames: 1, familyName: 2, sex: 5, age: 6 });
    expect(m.unmapped.map((u) => u.header)).toEqual(['ลำดับ', 'ชื่อบิดา', 'ชื่อมารดา']);
  });

  it('an English list with the officer’s name before the person’s', () => {
    expect(mapHeaders(['Name of officer', 'Company name', "Father's name", 'Full name', 'Contact number']).byField).toEqual({ fullName: 3, phone: 4 });
    // Left alone, a loose "… name" header is still the person's.
    expect(mapHeaders(['Name as in passport']).byField).toEqual({ fullName: 0 });
  });

  it('the person’s own contact number, mother tongue and the officer’s remarks still map', () => {
    expect(fieldOf('Contact number')).toBe('phone');
    expect(fieldOf('Contact')).toBe('phone');
    expect(fieldOf('เบอร์ติดต่อ')).toBe('phone');
    expect(fieldOf('Mother tongue')).toBe('languages');
    expect(fieldOf('ภาษาแม่')).toBe('languages');
    expect(fieldOf('母语')).toBe('languages');
    expect(fieldOf('Officer remarks')).toBe('notes');
    expect(fieldOf('အဖွဲ့')).toBe('rescueGroup');
    expect(fieldOf('Agency')).toBe('rescueGroup');
  });

  it('the place of birth and a birth certificate are not the birth date', () => {
    for (const h of ['Place of birth', 'Birthplace', 'Birth certificate no', 'สถานที่เกิด', 'วันที่เกิดเหตุ', '出生地', 'Nơi sinh', 'မွေးရပ်']) expect(fieldOf(h), h).not.toBe('birthDate');
    for (const h of ['D/O/B', 'Date of birth (dd/mm/yyyy)', 'วันที่เกิด', 'ปีเกิด', 'Year of birth', '出生年月']) expect(fieldOf(h), h).toBe('birthDate');
  });

  it('the columns Homeward adds to its error file map to nothing', () => {
    expect(mapHeaders(['Full name', 'Row in original file', 'Problem to fix']).byField).toEqual({ fullName: 0 });
  });
});

describe('common headers the audit found missing', () => {
  it.each([
    ['Sex (M/F)', 'sex'], ['Gender (M/F)', 'sex'], ['SEX M/F', 'sex'], ['เพศ (ช/ญ)', 'sex'], ['男/女', 'sex'], ['Giới tính (nam/nữ)', 'sex'],
    ['Age (yrs)', 'age'], ['อายุ (ปี)', 'age'], ['Tuổi', 'age'], ['Age group', 'age'],
    ['Surnames', 'familyName'], ['First names', 'givenNames'], ['ชื่อจริง', 'givenNames'],
    ['Victim name', 'fullName'], ['Name of victim', 'fullName'], ['English name', 'fullName'], ['ชื่อผู้เสียหาย', 'fullName'], ['英文姓名', 'fullName'], ['Name (English)', 'fullName'],
    ['Nick name', 'aliases'], ['外号', 'aliases'],
    ['Citizenship', 'claimedNationality'], ['Country of citizenship', 'claimedNationality'], ['Home country', 'claimedNationality'],
    ['Tel.', 'phone'], ['Tel no', 'phone'], ['WhatsApp', 'phone'], ['Mobile no.', 'phone'], ['手机号码', 'phone'], ['SĐT', 'phone'],
    ['ID card no.', 'documentNumber'], ['NRC number', 'documentNumber'], ['เลขบัตร', 'documentNumber'],
    ['Date of arrival', 'rescueDate'], ['Intake date', 'rescueDate'],
    ['Languages spoken', 'languages'], ['ภาษาที่พูดได้', 'languages'], ['ชื่อภาษาอังกฤษ', 'fullName'],
    ['Other information', 'notes'], ['ข้อสังเกต', 'notes'],
  ])('%s → %s', (header, field) => {
    expect(mapHeaders([header]).columns[0]?.field).toBe(field);
  });

  it('a word inside another word is not a keyword', () => {
    expect(mapHeaders(['Hotel']).byField).toEqual({});
    expect(mapHeaders(['Person']).byField).toEqual({ fullName: 0 });
    expect(mapHeaders(['Stage']).byField).toEqual({});
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
