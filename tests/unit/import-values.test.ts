import { describe, expect, it } from 'vitest';
import {
  parseAge,
  parseDate,
  parseDocumentNumber,
  parseNationality,
  parsePassportNumber,
  parsePhone,
  parseSex,
} from '../../src/services/import/values';
import { COUNTRY_CODES } from '../../src/domain/reference/countries';
import { ALPHA3 } from '../../src/services/import/nationality';

/**
 * One row of a rescue list at a time, as the police, the militia and the
 * shelter typed it. Each cell is either read (with a note the preview shows)
 * or refused with a sentence the coordinator can act on.
 */

describe('dates as Thai, Burmese, Chinese and English lists write them', () => {
  it.each([
    ['2025-03-05', '2025-03-05'],
    ['2025/3/5', '2025-03-05'],
    ['05/03/2025', '2025-03-05'],
    ['5/3/2025', '2025-03-05'],
    ['05-03-2025', '2025-03-05'],
    ['05.03.2025', '2025-03-05'],
    ['1998', '1998'],
    ['03/2025', '2025-03'],
    ['2025-03', '2025-03'],
    ['12 Jan 2025', '2025-01-12'],
    ['12-Jan-2025', '2025-01-12'],
    ['Jan 12, 2025', '2025-01-12'],
    ['1 September 2024', '2024-09-01'],
    ['Jan 2025', '2025-01'],
    ['2025年3月5日', '2025-03-05'],
    ['2025年3月', '2025-03'],
    ['  2025-03-05 ', '2025-03-05'],
    ['２０２５-０３-０５', '2025-03-05'],
  ])('%s → %s', (cell, iso) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: iso });
  });

  it('day comes first, as in Thailand and Myanmar: 04/05/2025 is 4 May', () => {
    expect(parseDate('04/05/2025')).toEqual({ ok: true, value: '2025-05-04' });
  });

  it('reads month first only when the second number cannot be a month, and says so', () => {
    expect(parseDate('03/25/2025')).toEqual({ ok: true, value: '2025-03-25', note: 'read as month/day/year because 25 cannot be a month' });
  });

  it('converts Buddhist Era years and notes it for the preview', () => {
    expect(parseDate('2568')).toEqual({ ok: true, value: '2025', buddhistEraYear: 2568, note: 'converted from BE 2568' });
    expect(parseDate('05/03/2568')).toEqual({ ok: true, value: '2025-03-05', buddhistEraYear: 2568, note: 'converted from BE 2568' });
    expect(parseDate('๕/๓/๒๕๖๘')).toEqual({ ok: true, value: '2025-03-05', buddhistEraYear: 2568, note: 'converted from BE 2568' });
    expect(parseDate('พ.ศ. 2530')).toEqual({ ok: true, value: '1987', buddhistEraYear: 2530, note: 'converted from BE 2530' });
  });

  it('reads Thai month names and abbreviations, with full or two-digit BE years', () => {
    const march5 = { ok: true, value: '2025-03-05', buddhistEraYear: 2568, note: 'converted from BE 2568' };
    expect(parseDate('5 มี.ค. 2568')).toEqual(march5);
    expect(parseDate('5 มีค 2568')).toEqual(march5);
    expect(parseDate('5 มีนาคม 2568')).toEqual(march5);
    expect(parseDate('5 มี.ค. 68')).toEqual(march5);
    expect(parseDate('15 ม.ค. 2568')).toMatchObject({ ok: true, value: '2025-01-15' });
    expect(parseDate('3 ธ.ค. 2567')).toMatchObject({ ok: true, value: '2024-12-03' });
    expect(parseDate('พฤศจิกายน 2540')).toMatchObject({ ok: true, value: '1997-11' });
    expect(parseDate('1 ก.พ. 2568')).toMatchObject({ ok: true, value: '2025-02-01' });
  });

  it('converts Excel day numbers (1900 system, with its phantom 29 Feb 1900)', () => {
    expect(parseDate('45658')).toEqual({ ok: true, value: '2025-01-01', excelSerial: 45658, note: 'converted from Excel day number 45658' });
    expect(parseDate('45658.75')).toMatchObject({ ok: true, value: '2025-01-01' });
    expect(parseDate('1')).toMatchObject({ ok: true, value: '1900-01-01' });
    expect(parseDate('59')).toMatchObject({ ok: true, value: '1900-02-28' });
    expect(parseDate('61')).toMatchObject({ ok: true, value: '1900-03-01' });
    expect(parseDate('60')).toEqual({ ok: false, reason: "“60” is Excel's 29 February 1900, a day that never existed. Write the real date." });
  });

  it('a blank cell is "not known", not an error', () => {
    expect(parseDate('  ')).toEqual({ ok: true, value: null });
  });

  it.each([
    ['31/02/2025', '“31/02/2025”: there is no day 31 in that month.'],
    ['13/13/2025', '“13/13/2025”: 13 is not a month (1–12).'],
    ['5/3/25', '“5/3/25” has a two-digit year, which could be several centuries. Write the full year, e.g. 2025 (or 2568 in Buddhist Era).'],
    ['12 Jan 25', '“12 Jan 25” has a two-digit year, which could be several centuries. Write the full year, e.g. 2025 (or 2568 in Buddhist Era).'],
    ['1850-01-01', '“1850-01-01”: the year 1850 is out of range (1900–2200).'],
    ['90000', '“90000” is a number, not a date. Write the date as 2025-03-05 or 05/03/2025.'],
    ['unknown', '“unknown” is not a date Homeward can read. Write it as 2025-03-05, 05/03/2025, 5 Mar 2025, 03/2025 or just the year.'],
  ])('refuses %s', (cell, reason) => {
    expect(parseDate(cell)).toEqual({ ok: false, reason });
  });
});

describe('dates with a time of day, as Excel and databases export them', () => {
  it.each([
    ['2025-03-05 00:00:00', '2025-03-05'],
    ['2025-03-05 00:00', '2025-03-05'],
    ['2025-03-05T14:30:00', '2025-03-05'],
    ['2025-03-05T14:30:00.000', '2025-03-05'],
    ['05/03/2025 0:00', '2025-03-05'],
    ['5/3/2025 12:00 AM', '2025-03-05'],
    ['5/3/2025 3:15 p.m.', '2025-03-05'],
    ['12 Jan 2025 08:00', '2025-01-12'],
    ['2025年3月5日 0:00', '2025-03-05'],
  ])('%s → %s', (cell, iso) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: iso });
  });

  it('a Buddhist Era date with a time converts and says so', () => {
    expect(parseDate('1/1/2568 0:00')).toEqual({ ok: true, value: '2025-01-01', buddhistEraYear: 2568, note: 'converted from BE 2568' });
  });

  it.each(['2025-03-05 25:00', '2025-03-05 10:75', '5/3/2025 13:00 PM', '45658 0:00'])('refuses %s: not a time after a date', (cell) => {
    expect(parseDate(cell)).toEqual({
      ok: false,
      reason: `“${cell}” is not a date Homeward can read. Write it as 2025-03-05, 05/03/2025, 5 Mar 2025, 03/2025 or just the year.`,
    });
  });
});

describe('a birth-date column read as a birth date', () => {
  const looksLikeAge = (cell: string) =>
    `“${cell}” looks like an age, not a birth date. If this column holds ages, map it to Age; otherwise write the birth date, e.g. 1990-03-05 or 05/03/1990.`;

  it.each(['25', '1', '60', '149', '30.5', 'approx 30', '25-30', '30 years', 'อายุ 30 ปี', '30s'])('%s looks like an age, and the coordinator is told to map the column to Age', (cell) => {
    expect(parseDate(cell, 'birthDate')).toEqual({ ok: false, reason: looksLikeAge(cell) });
  });

  it('an Excel day number of a birth date (five digits) still converts', () => {
    expect(parseDate('32874', 'birthDate')).toEqual({ ok: true, value: '1990-01-01', excelSerial: 32874, note: 'converted from Excel day number 32874' });
  });

  it('years, Buddhist Era years and written dates read as before', () => {
    expect(parseDate('1990', 'birthDate')).toEqual({ ok: true, value: '1990' });
    expect(parseDate('2530', 'birthDate')).toEqual({ ok: true, value: '1987', buddhistEraYear: 2530, note: 'converted from BE 2530' });
    expect(parseDate('05/03/1990', 'birthDate')).toEqual({ ok: true, value: '1990-03-05' });
    expect(parseDate('1990-03-05 00:00:00', 'birthDate')).toEqual({ ok: true, value: '1990-03-05' });
  });

  it.each([
    ['150', '“150” is a number, not a birth date. Write the birth date as 1990-03-05 or 05/03/1990, or just the year of birth.'],
    ['999', '“999” is a number, not a birth date. Write the birth date as 1990-03-05 or 05/03/1990, or just the year of birth.'],
    ['1850', '“1850” is not a plausible year of birth. Check the number, or write the birth date as 1990-03-05 or 05/03/1990.'],
    ['2300', '“2300” is not a plausible year of birth. Check the number, or write the birth date as 1990-03-05 or 05/03/1990.'],
  ])('refuses %s: neither an age, a year nor an Excel birth date', (cell, reason) => {
    expect(parseDate(cell, 'birthDate')).toEqual({ ok: false, reason });
  });
});

describe('a rescue-date column read as a rescue date', () => {
  it('a recent Excel day number converts', () => {
    expect(parseDate('45658', 'rescueDate')).toEqual({ ok: true, value: '2025-01-01', excelSerial: 45658, note: 'converted from Excel day number 45658' });
    expect(parseDate('2025-03-05 0:00', 'rescueDate')).toEqual({ ok: true, value: '2025-03-05' });
  });

  it.each([
    ['25', '“25” is a number, not a rescue date (as an Excel day number it would be 1900-01-25). Write the rescue date as 2025-03-05 or 05/03/2025.'],
    ['30000', '“30000” is a number, not a rescue date (as an Excel day number it would be 1982-02-18). Write the rescue date as 2025-03-05 or 05/03/2025.'],
    ['60', '“60” is a number, not a rescue date. Write the rescue date as 2025-03-05 or 05/03/2025.'],
    ['90000', '“90000” is a number, not a rescue date. Write the rescue date as 2025-03-05 or 05/03/2025.'],
  ])('refuses %s: a day number too old (or no day at all) for a rescue', (cell, reason) => {
    expect(parseDate(cell, 'rescueDate')).toEqual({ ok: false, reason });
  });
});

describe('ages, often guessed', () => {
  it.each([
    ['25', 25, false],
    ['30 years old', 30, false],
    ['30 tuổi', 30, false],
    ['၃၀ နှစ်', 30, false],
    ['approx 30', 30, true],
    ['approx. 30', 30, true],
    ['~40', 40, true],
    ['about 35', 35, true],
    ['30?', 30, true],
    ['ประมาณ 30', 30, true],
    ['ประมาณ 30 ปี', 30, true],
    ['约30岁', 30, true],
    ['khoảng 30 tuổi', 30, true],
  ])('%s → %i (approximate: %s)', (cell, age, approximate) => {
    const r = parseAge(cell);
    expect(r).toMatchObject({ ok: true, value: age, approximate });
  });

  it.each([
    ['อายุ 30 ปี', 30],
    ['อายุ 30', 30],
    ['30岁', 30],
    ['年龄30', 30],
    ['30 tuổi', 30],
    ['30 နှစ်', 30],
    ['30 ans', 30],
    ['aged 30', 30],
    ['30y', 30],
  ])('%s is exactly %i', (cell, age) => {
    expect(parseAge(cell)).toEqual({ ok: true, value: age, approximate: false });
  });

  it.each([
    ['30s', 35],
    ["30's", 35],
    ['30’s', 35],
    ['early 30s', 32],
    ['mid 40s', 45],
    ['mid-40s', 45],
    ['late 20s', 28],
    ["late 20's", 28],
    ['late twenties', 28],
    ['early thirties', 32],
    ['30+', 30],
    ['30 +', 30],
    ['over 30', 30],
    ['30 and above', 30],
    ['30 กว่า', 30],
    ['30多岁', 30],
    ['hơn 30 tuổi', 30],
    ['30 ကျော်', 30],
    ['under 18', 17],
    ['<18', 17],
    ['ต่ำกว่า 18', 17],
    ['未满18岁', 17],
  ])('%s is about %i, with a remark', (cell, age) => {
    expect(parseAge(cell)).toEqual({ ok: true, value: age, approximate: true, note: `${cell} read as about ${age}` });
  });

  it('a decade reads as its middle; a lower bound reads as itself, so a possible minor stays one', () => {
    expect(parseAge('10s')).toMatchObject({ value: 15 });
    expect(parseAge('17+')).toMatchObject({ value: 17 });
  });

  it('a range becomes its midpoint, rounded down so a possible minor stays protected', () => {
    expect(parseAge('25-30')).toEqual({ ok: true, value: 27, approximate: true, range: [25, 30], note: 'midpoint of the range 25–30' });
    expect(parseAge('25~30')).toEqual({ ok: true, value: 27, approximate: true, range: [25, 30], note: 'midpoint of the range 25–30' });
    expect(parseAge('~40')).toMatchObject({ ok: true, value: 40, approximate: true });
    expect(parseAge('17–18')).toMatchObject({ ok: true, value: 17, range: [17, 18] });
  });

  it('blank is not known', () => {
    expect(parseAge('')).toEqual({ ok: true, value: null, approximate: false });
  });

  it.each([
    ['121', '“121”: an age above 120 is not possible. Check the number.'],
    ['30-25', '“30-25”: the range runs backwards. Write it as 25-30.'],
    ['1990-01-01', '“1990-01-01” looks like a date, not an age. Put birth dates in the birth date column.'],
    ['adult', '“adult” is not an age. Write the number of years, e.g. 25, "approx 30" or 25-30.'],
    ['0s', '“0s” is not an age. Write the number of years, e.g. 25, "approx 30" or 25-30.'],
    ['130+', '“130+”: an age above 120 is not possible. Check the number.'],
  ])('refuses %s', (cell, reason) => {
    expect(parseAge(cell)).toEqual({ ok: false, reason });
  });
});

describe('sex in five scripts', () => {
  it.each(['M', 'm', 'm.', 'Male', 'ชาย', 'ช', '男', 'nam', 'Nam', 'ကျား'])('%s is male', (cell) => {
    expect(parseSex(cell)).toEqual({ ok: true, value: 'male' });
  });
  it.each(['F', 'f.', 'female', 'FEMALE', 'หญิง', 'ญ', '女', 'nữ', 'Nữ', 'မ', 'မိန်း', 'မိန်းမ'])('%s is female', (cell) => {
    expect(parseSex(cell)).toEqual({ ok: true, value: 'female' });
  });
  it.each(['', '  ', '?', '-', 'unknown', 'ไม่ทราบ'])('%j is unknown', (cell) => {
    expect(parseSex(cell)).toEqual({ ok: true, value: 'unknown' });
  });
  it('refuses anything else, listing what works', () => {
    expect(parseSex('MF')).toEqual({
      ok: false,
      reason: '“MF” is not a sex Homeward knows. Use M or F (also ชาย/หญิง, 男/女, nam/nữ, ကျား/မ), or leave it blank.',
    });
  });
});

describe('nationality as codes, names and demonyms in five languages', () => {
  it.each([
    ['MM', 'MM'], ['mm', 'MM'], ['MMR', 'MM'], ['BUR', 'MM'], ['CHN', 'CN'], ['vnm', 'VN'], ['THA', 'TH'],
    ['Chinese', 'CN'], ['Vietnamese', 'VN'], ['Burmese', 'MM'], ['Myanmar', 'MM'], ['Myanmar (Burma)', 'MM'], ['Thai', 'TH'],
    ['Lao', 'LA'], ['Laotian', 'LA'], ['Cambodian', 'KH'], ['Khmer', 'KH'], ['Indonesian', 'ID'], ['Filipino', 'PH'],
    ['Philippine', 'PH'], ['Indian', 'IN'], ['Pakistani', 'PK'], ['Nepali', 'NP'], ['Nepalese', 'NP'], ['Sri Lankan', 'LK'],
    ['Bangladeshi', 'BD'], ['Ethiopian', 'ET'], ['Kenyan', 'KE'], ['Ugandan', 'UG'], ['Brazilian', 'BR'],
    ['  CHINESE ', 'CN'], ['Viet Nam', 'VN'], ['Việt Nam', 'VN'], ['viet-nam', 'VN'],
    ['พม่า', 'MM'], ['เมียนมา', 'MM'], ['จีน', 'CN'], ['ลาว', 'LA'], ['กัมพูชา', 'KH'], ['สัญชาติลาว', 'LA'], ['ชาวจีน', 'CN'],
    ['缅甸', 'MM'], ['越南', 'VN'], ['中国', 'CN'], ['中国籍', 'CN'], ['泰国', 'TH'], ['老挝', 'LA'],
    ['Trung Quốc', 'CN'], ['Trung Quoc', 'CN'], ['Lào', 'LA'],
    ['မြန်မာ', 'MM'], ['တရုတ်', 'CN'], ['ထိုင်း', 'TH'],
    ['Kenya', 'KE'], ['Ethiopia', 'ET'], ['Brazil', 'BR'],
  ])('%s → %s', (cell, code) => {
    expect(parseNationality(cell)).toEqual({ ok: true, value: code });
  });

  it('blank is not known', () => {
    expect(parseNationality('')).toEqual({ ok: true, value: null });
  });

  it('knows the alpha-3 code of every country, as passports print it', () => {
    const reached = new Set(Object.values(ALPHA3));
    for (const code of COUNTRY_CODES) expect(reached.has(code), code).toBe(true);
    for (const [alpha3, code] of Object.entries(ALPHA3)) expect(parseNationality(alpha3), alpha3).toEqual({ ok: true, value: code });
    expect(parseNationality('SOM')).toEqual({ ok: true, value: 'SO' });
    expect(parseNationality('prk')).toEqual({ ok: true, value: 'KP' });
    expect(parseNationality('KGZ')).toEqual({ ok: true, value: 'KG' });
    expect(parseNationality('GNB')).toEqual({ ok: true, value: 'GW' });
    expect(parseNationality('COD')).toEqual({ ok: true, value: 'CD' });
    expect(parseNationality('ZAR')).toEqual({ ok: true, value: 'CD' });
  });

  it.each([
    ['North Korean', 'KP'], ['DPRK', 'KP'], ['北韩', 'KP'], ['朝鲜', 'KP'], ['เกาหลีเหนือ', 'KP'], ['ชาวเกาหลีเหนือ', 'KP'], ['Bắc Triều Tiên', 'KP'],
    ['South Korean', 'KR'], ['南韩', 'KR'],
    ['Somali', 'SO'], ['Somalian', 'SO'], ['Kyrgyz', 'KG'], ['Kyrgyzstani', 'KG'], ['Tajik', 'TJ'], ['Turkmen', 'TM'], ['Uzbekistani', 'UZ'],
    ['Afghan', 'AF'], ['Iranian', 'IR'], ['Iraqi', 'IQ'], ['Syrian', 'SY'], ['Yemeni', 'YE'], ['Sudanese', 'SD'], ['South Sudanese', 'SS'],
    ['Cameroonian', 'CM'], ['Ivorian', 'CI'], ['Burundian', 'BI'], ['Rwandan', 'RW'], ['Zimbabwean', 'ZW'], ['Malagasy', 'MG'],
    ['Egyptian', 'EG'], ['Moroccan', 'MA'], ['Tunisian', 'TN'], ['Mongolian', 'MN'], ['Bruneian', 'BN'], ['Maldivian', 'MV'], ['Bhutanese', 'BT'],
    ['Dutch', 'NL'], ['German', 'DE'], ['French', 'FR'], ['Swiss', 'CH'], ['Polish', 'PL'], ['Ukrainian', 'UA'], ['Turkish', 'TR'],
    ['Colombian', 'CO'], ['Peruvian', 'PE'], ['Mexican', 'MX'], ['Argentinian', 'AR'], ['Australian', 'AU'], ['New Zealander', 'NZ'],
    ['Emirati', 'AE'], ['UAE', 'AE'], ['Saudi', 'SA'], ['Papua New Guinean', 'PG'], ['East Timorese', 'TL'],
    ['somali national', 'SO'], ['Kyrgyz citizen', 'KG'],
  ])('%s → %s', (cell, code) => {
    expect(parseNationality(cell)).toEqual({ ok: true, value: code });
  });

  it('a demonym of two countries is refused with both, never guessed', () => {
    expect(parseNationality('Congolese')).toEqual({
      ok: false,
      reason: '“Congolese” could mean Congo - Kinshasa or Congo - Brazzaville. Write which one, or its two-letter code (CD or CG).',
    });
    expect(parseNationality('Dominican')).toMatchObject({ ok: false, reason: expect.stringContaining('(DO or DM)') });
  });

  it('refuses what it does not know, with an example of what works', () => {
    expect(parseNationality('Wakanda')).toEqual({
      ok: false,
      reason: '“Wakanda” is not a nationality Homeward recognises. Write the country in English (Myanmar, China, Vietnam) or as a two-letter code (MM, CN, VN).',
    });
    expect(parseNationality('XX')).toMatchObject({ ok: false });
  });
});

describe('phone numbers', () => {
  it.each([
    ['+66 81 234 5678', '+66812345678'],
    ['081-234-5678', '0812345678'],
    ['(095) 123.4567', '0951234567'],
    ['+95 9 420 123 456', '+959420123456'],
    ["'+66812345678", '+66812345678'],
    ['๐๘๑ ๒๓๔ ๕๖๗๘', '0812345678'],
  ])('%s → %s', (cell, phone) => {
    expect(parsePhone(cell)).toEqual({ ok: true, value: phone });
  });

  it.each([
    ['call the shelter', '“call the shelter” is not a phone number: only digits, spaces and a leading + are allowed.'],
    ['66+812345678', '“66+812345678” is not a phone number: only digits, spaces and a leading + are allowed.'],
    ['123', '“123” has 3 digits; a phone number has 6 to 15. Check for missing or extra digits.'],
    ['6.68123E+10', '“6.68123E+10”: Excel turned this phone number into scientific notation and lost digits. Format the column as Text in Excel and export the list again.'],
    ['081 234 5678 / 095 111 2222', '“081 234 5678 / 095 111 2222” holds more than one phone number. Keep one here and put the others in the notes.'],
  ])('refuses %s', (cell, reason) => {
    expect(parsePhone(cell)).toEqual({ ok: false, reason });
  });

  it('blank is not known', () => {
    expect(parsePhone(' ')).toEqual({ ok: true, value: null });
  });
});

describe('passport and document numbers', () => {
  it('upper-cases and strips spaces, so the same passport matches across lists', () => {
    expect(parsePassportNumber('ma 123 456')).toEqual({ ok: true, value: 'MA123456' });
    expect(parsePassportNumber('e12345678')).toEqual({ ok: true, value: 'E12345678' });
    expect(parseDocumentNumber('１２/ＡＢ-３４')).toEqual({ ok: true, value: '12/AB-34' });
    expect(parseDocumentNumber('')).toEqual({ ok: true, value: null });
  });

  it('refuses text that is not a number as printed', () => {
    expect(parsePassportNumber('护照丢失')).toEqual({
      ok: false,
      reason: '“护照丢失” is not a document number: use the Latin letters and digits as printed on the document.',
    });
  });
});
