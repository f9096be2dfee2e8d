import { describe, expect, it } from 'vitest';
import { foldDiacritics, generatePeople } from '../../src/domain/demo';
import {
  buildRescueList,
  FIRST_DATA_ROW,
  MALFORMED_REASONS,
  type HeaderStyle,
  type ListColumn,
  type RescueList,
  type RescueListOptions,
} from '../../src/domain/demo/rescue-list';
import type { PersonInput } from '../../src/domain/person';
import { parseCsv } from '../../src/services/import/csv';
import { decodeText, detectEncoding } from '../../src/services/import/decode';
import { isFormulaLike } from '../../src/services/import/formula';
import { IMPORT_FIELDS, mapHeaders } from '../../src/services/import/headers';
import { parseAge, parseDate, parseDocumentNumber, parseNationality, parsePhone, parseSex } from '../../src/services/import/values';
import { canEncode, encodeText, FIXTURE_ENCODINGS, toCsv, UnencodableError } from '../fixtures/encode';

/**
 * A coordinator in Mae Sot is handed a rescue list: hundreds of names typed in
 * a hurry by a militia clerk or a police unit, in Thai, Chinese, Burmese or
 * English, saved by whatever Excel was at hand. The demo list must look like
 * that, and must say exactly what an importer has to find in it.
 */

const MESSY: Omit<RescueListOptions, 'seed' | 'count'> = {
  headerStyle: 'mixed',
  dateStyle: 'mixed',
  blankRows: 12,
  malformedRows: 27,
  formulaCells: 15,
  inFileDuplicates: 40,
};

const storedPeople: PersonInput[] = generatePeople({ seed: 4242, count: 30 }).map((p) => p.input);

const HAN = /[\u4e00-\u9fff]/;
const rowOf = (list: RescueList, row: number): string[] => list.rows[row - FIRST_DATA_ROW]!;
const cellOf = (list: RescueList, row: number, column: ListColumn): string => {
  const at = list.columns.indexOf(column);
  return at < 0 ? '' : (rowOf(list, row)[at] ?? '');
};
const digitsOf = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');
const passportOf = (p: PersonInput) => p.documents?.find((d) => d.type === 'passport' && d.number)?.number ?? null;
const noKeyUndefined = <T,>(x: T | undefined): T => {
  expect(x).toBeDefined();
  return x as T;
};

/** The person a valid row lists: from people, through a duplicate pair, or a stored person. */
function sourceOf(list: RescueList, people: readonly { input: PersonInput }[], stored: readonly PersonInput[], row: number): PersonInput {
  const listed = list.expected.listed.find((l) => l.row === row);
  if (listed) return people[listed.person]!.input;
  const dup = list.expected.inFileDuplicates.find((d) => d.row === row);
  if (dup) return sourceOf(list, people, stored, dup.of);
  const again = list.expected.storedDuplicates.find((d) => d.row === row);
  if (again) return stored[again.stored]!;
  throw new Error(`row ${row} lists nobody`);
}

type CheckName = 'parseDate' | 'parseAge' | 'parseSex' | 'parseNationality' | 'parsePhone' | 'parseDocumentNumber' | 'hasName' | 'birthDateNotInFuture';

/** Every check a row's cells must pass, with whether it does. */
function checksOf(list: RescueList, row: number): Record<CheckName, boolean> {
  const cell = (c: ListColumn) => cellOf(list, row, c);
  const birth = parseDate(cell('birthDate'));
  return {
    parseDate: birth.ok && parseDate(cell('rescueDate')).ok,
    parseAge: parseAge(cell('age')).ok,
    parseSex: parseSex(cell('sex')).ok,
    parseNationality: parseNationality(cell('claimedNationality')).ok,
    parsePhone: parsePhone(cell('phone')).ok,
    parseDocumentNumber: parseDocumentNumber(cell('passportNumber')).ok,
    hasName: [cell('fullName'), cell('nativeName'), cell('aliases')].some((s) => s.trim() !== ''),
    birthDateNotInFuture: !birth.ok || birth.value === null || birth.value <= list.today,
  };
}

/** Each filled cell of a valid row reads back as the person's own value. */
function expectRowReadsAs(list: RescueList, row: number, person: PersonInput): void {
  const cell = (c: ListColumn) => cellOf(list, row, c);
  const where = `row ${row}`;
  const sex = parseSex(cell('sex'));
  expect(sex, where).toMatchObject({ ok: true, value: person.sex ?? 'unknown' });
  if (cell('birthDate')) expect(parseDate(cell('birthDate')), where).toMatchObject({ ok: true, value: person.birthDate });
  if (cell('age')) expect(parseAge(cell('age')), where).toMatchObject({ ok: true, value: person.estimatedAge });
  if (cell('claimedNationality')) expect(parseNationality(cell('claimedNationality')), where).toMatchObject({ ok: true, value: person.claimedNationality });
  if (cell('passportNumber')) expect(parseDocumentNumber(cell('passportNumber')), where).toMatchObject({ ok: true, value: passportOf(person)?.toUpperCase() });
  if (cell('phone')) {
    const phone = parsePhone(cell('phone'));
    expect(phone.ok, where).toBe(true);
    if (phone.ok) expect(digitsOf(phone.value), where).toBe(digitsOf(person.phone));
  }
  if (cell('rescueDate')) expect(parseDate(cell('rescueDate')), where).toMatchObject({ ok: true, value: person.rescueDate });
  expect(cell('fullName').trim(), where).not.toBe('');
}

describe('a rescue list is the same list for the same seed', () => {
  it('gives identical rows and expectations for identical options, and another list for another seed', () => {
    const a = buildRescueList({ seed: 11, count: 300, ...MESSY, duplicatesOf: storedPeople });
    const b = buildRescueList({ seed: 11, count: 300, ...MESSY, duplicatesOf: storedPeople });
    const c = buildRescueList({ seed: 12, count: 300, ...MESSY, duplicatesOf: storedPeople });
    expect(b).toEqual(a);
    expect(c.rows).not.toEqual(a.rows);
  });

  it('lists the generator’s people for that seed by default', () => {
    const people = generatePeople({ seed: 5, count: 50, duplicateRate: 0 });
    const list = buildRescueList({ seed: 5, count: 50 });
    expect(list.expected.listed.map((l) => l.person)).toEqual(people.map((_, i) => i));
    for (const { row, person } of list.expected.listed) expectRowReadsAs(list, row, people[person]!.input);
  });

  it('asking for more malformed rows breaks those rows and renames nobody', () => {
    const few = buildRescueList({ seed: 3, count: 200, malformedRows: 2 });
    const many = buildRescueList({ seed: 3, count: 200, malformedRows: 20 });
    const broken = new Set([...few.expected.malformed, ...many.expected.malformed].map((m) => m.row));
    for (const row of few.expected.valid.filter((r) => !broken.has(r))) {
      expect(cellOf(many, row, 'fullName')).toBe(cellOf(few, row, 'fullName'));
    }
  });
});

describe('rows are numbered as in the file: the header is row 1, the first data row is row 2', () => {
  const people = generatePeople({ seed: 21, count: 400, duplicateRate: 0 });
  const list = buildRescueList({ seed: 21, count: 400, people, ...MESSY, duplicatesOf: storedPeople });
  const e = list.expected;

  it('has one row per listed person, duplicate, stored duplicate and blank row, each as wide as the header', () => {
    expect(FIRST_DATA_ROW).toBe(2);
    expect(list.rows).toHaveLength(400 + 40 + storedPeople.length + 12);
    for (const row of list.rows) expect(row).toHaveLength(list.header.length);
    expect(e.listed).toHaveLength(400);
    expect(e.blank).toHaveLength(12);
    expect(e.malformed).toHaveLength(27);
    expect(e.inFileDuplicates).toHaveLength(40);
    expect(e.storedDuplicates).toHaveLength(storedPeople.length);
    expect(e.omitted).toEqual([]);
  });

  it('puts every data row in exactly one of blank, malformed and valid', () => {
    const all = [...e.blank, ...e.malformed.map((m) => m.row), ...e.valid].sort((a, b) => a - b);
    expect(all).toEqual(list.rows.map((_, i) => i + 2));
  });

  it('numbers the people 1, 2, 3… in the No. column and leaves blank rows empty', () => {
    const numbers = list.rows.map((r) => r[list.columns.indexOf('rowNumber')]).filter((n) => n !== '');
    expect(numbers).toEqual(numbers.map((_, i) => String(i + 1)));
    for (const row of e.blank) expect(rowOf(list, row).every((c) => c.trim() === '')).toBe(true);
    for (const row of [...e.valid, ...e.malformed.map((m) => m.row)]) expect(rowOf(list, row).some((c) => c.trim() !== '')).toBe(true);
  });

  it('gives the same numbers parseCsv reports as lines of the written file', () => {
    const table = parseCsv(toCsv(list.header, list.rows));
    expect(table.lines[0]).toBe(1);
    expect(table.rows[0]).toEqual(list.header);
    const dataRows = [...e.valid, ...e.malformed.map((m) => m.row)].sort((a, b) => a - b);
    expect(table.lines.slice(1)).toEqual(dataRows);
    dataRows.forEach((row, i) => expect(table.rows[i + 1]).toEqual(rowOf(list, row)));
  });

  it('reads every filled cell of every valid row back as the person’s own value', () => {
    for (const row of e.valid) expectRowReadsAs(list, row, sourceOf(list, people, storedPeople, row));
  });
});

describe('people the list cannot name are left out and said so', () => {
  it('omits a person known only by a Burmese name from a Thai-only list, and lists them in an all-scripts one', () => {
    const people = generatePeople({ seed: 23, count: 10, duplicateRate: 0 });
    const burmeseOnly = { ...people[4]!, input: { ...people[4]!.input, familyName: null, givenNames: null, nativeName: 'အောင်ကျော်', aliases: [] } };
    const withBurmese = people.map((p, i) => (i === 4 ? burmeseOnly : p));

    const thai = buildRescueList({ seed: 23, count: 10, people: withBurmese, scripts: 'thai', headerStyle: 'th' });
    expect(thai.expected.omitted).toEqual([{ source: 'people', index: 4 }]);
    expect(thai.expected.listed.map((l) => l.person)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    expect(thai.rows).toHaveLength(9);

    const all = buildRescueList({ seed: 23, count: 10, people: withBurmese });
    expect(all.expected.omitted).toEqual([]);
    const row = all.expected.listed.find((l) => l.person === 4)!.row;
    expect(cellOf(all, row, 'fullName')).toBe('အောင်ကျော်');
  });
});

describe('the headers are the ones mapHeaders knows, in every language', () => {
  const styles: HeaderStyle[] = ['en', 'th', 'zh', 'my', 'mixed'];
  for (const headerStyle of styles) {
    it(`maps each column of a '${headerStyle}' list to the field it holds`, () => {
      for (const seed of headerStyle === 'mixed' ? [1, 2, 3, 4, 5, 6] : [1]) {
        const list = buildRescueList({ seed, count: 5, headerStyle });
        const mapping = mapHeaders(list.header);
        list.columns.forEach((field, column) => {
          if (field === 'rowNumber') {
            expect(mapping.unmapped.map((u) => u.column), list.header[column]).toContain(column);
          } else {
            expect(IMPORT_FIELDS).toContain(field);
            expect(mapping.byField[field as (typeof IMPORT_FIELDS)[number]], `${list.header[column]} → ${field}`).toBe(column);
            // An exact synonym, not a keyword guess: the preview shows it as certain.
            expect(mapping.columns.find((c) => c.column === column)?.confidence, list.header[column]).toBe(1);
          }
        });
      }
    });
  }

  it('writes the headers and sex in the list’s language', () => {
    const th = buildRescueList({ seed: 2, count: 40, headerStyle: 'th' });
    expect(th.header).toContain('เพศ');
    expect(new Set(th.rows.map((r) => r[th.columns.indexOf('sex')]))).toEqual(new Set(['ชาย', 'หญิง']));
    const zh = buildRescueList({ seed: 2, count: 40, headerStyle: 'zh' });
    expect(new Set(zh.rows.map((r) => r[zh.columns.indexOf('sex')]))).toEqual(new Set(['男', '女']));
  });

  it('leaves out the native-name column when asked, or when the list is Latin only', () => {
    expect(buildRescueList({ seed: 1, count: 3, nativeNameColumn: false }).columns).not.toContain('nativeName');
    expect(buildRescueList({ seed: 1, count: 3, scripts: 'latin' }).columns).not.toContain('nativeName');
  });
});

describe('malformed rows fail exactly the check the list names', () => {
  const list = buildRescueList({ seed: 31, count: 600, ...MESSY, malformedRows: 90 });

  it('plants every kind of defect', () => {
    expect(new Set(list.expected.malformed.map((m) => m.reason))).toEqual(new Set(MALFORMED_REASONS));
  });

  it('fails the named check, passes every other, and records the cell as written', () => {
    for (const m of list.expected.malformed) {
      const checks = checksOf(list, m.row);
      const failing = (Object.keys(checks) as CheckName[]).filter((k) => !checks[k]);
      expect(failing, `row ${m.row} (${m.reason}: ${JSON.stringify(m.value)})`).toEqual([m.check]);
      expect(list.columns[m.column]).toBe(m.field);
      expect(rowOf(list, m.row)[m.column]).toBe(m.value);
    }
  });

  it('passes every check on every valid row', () => {
    for (const row of list.expected.valid) {
      const checks = checksOf(list, row);
      expect((Object.keys(checks) as CheckName[]).filter((k) => !checks[k]), `row ${row}`).toEqual([]);
    }
  });

  it('writes the defects the field notes describe', () => {
    const values = (reason: string) => list.expected.malformed.filter((m) => m.reason === reason).map((m) => m.value);
    for (const v of values('impossible_date')) expect(parseDate(v), v).toMatchObject({ ok: false, reason: expect.stringMatching(/there is no day (29|30|31) in that month/) });
    for (const v of values('two_digit_year')) expect(v).toMatch(/^\d{2}\/\d{2}\/\d{2}$/);
    expect(values('no_name')).toEqual(values('no_name').map(() => ''));
    for (const v of values('future_birth_date')) {
      const parsed = parseDate(v);
      expect(parsed.ok && parsed.value! > list.today).toBe(true);
    }
  });
});

describe('formula-looking cells are planted where names and remarks go, and only there', () => {
  const list = buildRescueList({ seed: 41, count: 500, ...MESSY, formulaCells: 60 });

  it('records each planted cell where it is, in a valid row', () => {
    expect(list.expected.formulaCells).toHaveLength(60);
    const valid = new Set(list.expected.valid);
    for (const f of list.expected.formulaCells) {
      expect(isFormulaLike(f.value)).toBe(true);
      expect(['aliases', 'notes']).toContain(list.columns[f.column]);
      expect(rowOf(list, f.row)[f.column]).toBe(f.value);
      expect(valid.has(f.row)).toBe(true);
    }
  });

  it('has no other formula-like cell except phone numbers written with +', () => {
    const planted = new Set(list.expected.formulaCells.map((f) => `${f.row}:${f.column}`));
    const phone = list.columns.indexOf('phone');
    list.rows.forEach((cells, i) =>
      cells.forEach((value, column) => {
        if (isFormulaLike(value) && !planted.has(`${i + 2}:${column}`)) expect(column, `${i + 2}: ${value}`).toBe(phone);
      }),
    );
  });

  it('survives the CSV file verbatim: nothing is neutralised on the way', () => {
    const table = parseCsv(toCsv(list.header, list.rows, { delimiter: ';' }));
    const byLine = new Map(table.lines.map((line, i) => [line, table.rows[i]!]));
    for (const f of list.expected.formulaCells) expect(byLine.get(f.row)?.[f.column]).toBe(f.value);
  });
});

describe('the same person listed twice', () => {
  const people = generatePeople({ seed: 51, count: 1500, duplicateRate: 0 });
  const list = buildRescueList({ seed: 51, count: 1500, people, inFileDuplicates: 150, dateStyle: 'mixed' });
  const name = (row: number) => cellOf(list, row, 'fullName');

  it('plants every kind of variation real lists have', () => {
    expect(new Set(list.expected.inFileDuplicates.map((d) => d.kind))).toEqual(
      new Set(['pinyin_vs_hanzi', 'diacritics_dropped', 'token_order', 'typo', 'date_format']),
    );
  });

  it('lists the second time further down, with the same facts', () => {
    const valid = new Set(list.expected.valid);
    for (const d of list.expected.inFileDuplicates) {
      expect(d.row).toBeGreaterThan(d.of);
      expect(d.origin).toBe('list');
      expect(valid.has(d.row) && valid.has(d.of)).toBe(true);
      const person = sourceOf(list, people, [], d.of);
      expectRowReadsAs(list, d.of, person);
      expectRowReadsAs(list, d.row, person);
    }
  });

  it('varies the name the way the kind says', () => {
    for (const d of list.expected.inFileDuplicates) {
      const [first, second] = [name(d.of), name(d.row)];
      const where = `${d.kind}: ${first} / ${second}`;
      expect(first === second, where).toBe(d.kind === 'date_format');
      switch (d.kind) {
        case 'pinyin_vs_hanzi':
          expect([HAN.test(first), HAN.test(second)].sort(), where).toEqual([false, true]);
          expect(/^[A-Z ]+$/.test(HAN.test(first) ? second : first), where).toBe(true);
          break;
        case 'diacritics_dropped':
          expect(foldDiacritics(first).toUpperCase(), where).toBe(second);
          break;
        case 'token_order': {
          const tokens = (s: string) => s.toUpperCase().split(' ');
          expect(tokens(second).sort(), where).toEqual(tokens(first).sort());
          break;
        }
        case 'typo':
          expect(editDistance(first.toLowerCase(), second.toLowerCase()), where).toBe(1);
          break;
        case 'date_format':
          expect(cellOf(list, d.row, 'birthDate'), where).not.toBe(cellOf(list, d.of, 'birthDate'));
          break;
      }
    }
  });

  it('records the generator’s own planted duplicates when the caller’s people hold them', () => {
    const withPlanted = generatePeople({ seed: 52, count: 800, duplicateRate: 0.05 });
    const planted = withPlanted.filter((p) => p.duplicateOf !== null).length;
    const l = buildRescueList({ seed: 52, count: 800, people: withPlanted, malformedRows: 30 });
    const fromGenerator = l.expected.inFileDuplicates.filter((d) => d.origin === 'generator');
    expect(fromGenerator).toHaveLength(planted);
    const personAt = new Map(l.expected.listed.map((x) => [x.row, x.person]));
    for (const d of fromGenerator) {
      const dup = withPlanted[noKeyUndefined(personAt.get(d.row))]!;
      expect(dup.duplicateOf).toBe(personAt.get(d.of));
      expect(d.kind).toBe(dup.duplicateKind);
    }
  });
});

describe('people another office has already registered, listed again', () => {
  const list = buildRescueList({ seed: 61, count: 300, headerStyle: 'mixed', dateStyle: 'mixed', duplicatesOf: storedPeople });

  it('lists each stored person once, as a valid row that reads as the stored facts', () => {
    const e = list.expected;
    expect(e.storedDuplicates.map((s) => s.stored).sort((a, b) => a - b)).toEqual(storedPeople.map((_, i) => i));
    for (const s of e.storedDuplicates) {
      expect(e.valid).toContain(s.row);
      expectRowReadsAs(list, s.row, storedPeople[s.stored]!);
    }
  });

  it('writes the name the way the kind says', () => {
    for (const s of list.expected.storedDuplicates) {
      const p = storedPeople[s.stored]!;
      const full = cellOf(list, s.row, 'fullName');
      const latinTokens = [p.familyName, p.givenNames].filter(Boolean).join(' ').toUpperCase().split(' ').sort();
      if (s.kind === 'pinyin_vs_hanzi') expect(full === p.nativeName || full.split(' ').sort().join() === latinTokens.join(), full).toBe(true);
      if (s.kind === 'diacritics_dropped') {
        expect(full).toBe(full.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
        expect(full.split(' ').sort()).toEqual(foldDiacritics(latinTokens.join(' ')).split(' ').sort());
      }
      if (s.kind === 'date_format') {
        expect(cellOf(list, s.row, 'birthDate')).not.toBe(p.birthDate);
        expect(parseDate(cellOf(list, s.row, 'birthDate'))).toMatchObject({ ok: true, value: p.birthDate });
      }
    }
  });
});

describe('dates as Thai and Excel lists write them', () => {
  it('writes Buddhist Era years when asked, and they read as the right Gregorian dates', () => {
    const people = generatePeople({ seed: 71, count: 600, duplicateRate: 0 });
    const list = buildRescueList({ seed: 71, count: 600, people, headerStyle: 'th', dateStyle: 'buddhist' });
    let thaiMonths = 0;
    let checked = 0;
    for (const { row, person } of list.expected.listed) {
      for (const column of ['birthDate', 'rescueDate'] as const) {
        const cell = cellOf(list, row, column);
        if (!cell) continue;
        const year = Number(/(\d{4})$/.exec(cell)?.[1]);
        expect(year, cell).toBeGreaterThan(2400);
        const parsed = parseDate(cell);
        expect(parsed, cell).toMatchObject({ ok: true, value: people[person]!.input[column], buddhistEraYear: year });
        expect(parsed.ok && Number(parsed.value!.slice(0, 4))).toBe(year - 543);
        if (/[ก-ฮ]\./.test(cell)) thaiMonths++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(800);
    expect(thaiMonths).toBeGreaterThan(20); // "5 มี.ค. 2541"
  });

  it('writes full dates as Excel day numbers when asked', () => {
    const people = generatePeople({ seed: 72, count: 300, duplicateRate: 0 });
    const list = buildRescueList({ seed: 72, count: 300, people, dateStyle: 'excel-serial' });
    let serials = 0;
    for (const { row, person } of list.expected.listed) {
      const cell = cellOf(list, row, 'rescueDate');
      expect(cell).toMatch(/^\d{5}$/);
      expect(parseDate(cell)).toMatchObject({ ok: true, value: people[person]!.input.rescueDate, excelSerial: Number(cell) });
      serials++;
    }
    expect(serials).toBe(300);
  });

  it('writes hedged ages the way clerks do', () => {
    const list = buildRescueList({ seed: 73, count: 1500, headerStyle: 'mixed' });
    const ages = list.rows.map((r) => r[list.columns.indexOf('age')]!).filter(Boolean);
    expect(ages.some((a) => a.startsWith('approx '))).toBe(true);
    expect(ages.some((a) => a.startsWith('~'))).toBe(true);
    expect(ages.some((a) => a.startsWith('ประมาณ'))).toBe(true);
    expect(ages.some((a) => /^约\d+岁$/.test(a))).toBe(true);
    expect(ages.some((a) => /^[၀-၉]+/.test(a))).toBe(true);
    for (const a of ages) expect(parseAge(a).ok, a).toBe(true);
  });
});

describe('every encoding the importer must read gives back the same text', () => {
  const all = buildRescueList({ seed: 81, count: 300, ...MESSY, duplicatesOf: storedPeople });
  const allText = toCsv(all.header, all.rows);

  it('the all-scripts list really holds Thai, Chinese, Burmese and Vietnamese', () => {
    expect(allText).toMatch(/[\u0e01-\u0e5b]/);
    expect(allText).toMatch(HAN);
    expect(allText).toMatch(/[\u1000-\u109f]/);
    expect(allText).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
  });

  for (const encoding of ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'] as const) {
    it(`${encoding}: detected and decoded to the same text`, () => {
      const bytes = encodeText(allText, encoding);
      expect(detectEncoding(bytes).encoding).toBe(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
      expect(detectEncoding(bytes).bom).toBe(encoding !== 'utf-8');
      expect(decodeText(bytes)).toBe(allText);
    });
  }

  it('utf-16 without a byte-order mark is still found', () => {
    expect(decodeText(encodeText(allText, 'utf-16le', { bom: false }))).toBe(allText);
    expect(decodeText(encodeText(allText, 'utf-16be', { bom: false }))).toBe(allText);
  });

  it('windows-874: a Thai police list of a few hundred rows holds only Thai and ASCII, and decodes to the same text', () => {
    const list = buildRescueList({ seed: 82, count: 300, headerStyle: 'th', dateStyle: 'buddhist', scripts: 'thai', ...pick(MESSY), duplicatesOf: storedPeople });
    const text = toCsv(list.header, list.rows);
    expect(text).toMatch(/^[\x00-\x7f\u0e01-\u0e3a\u0e3f-\u0e5b]*$/);
    expect(text).toMatch(/[\u0e01-\u0e5b]/);
    const bytes = encodeText(text, 'windows-874');
    expect(bytes.length).toBe(text.length); // one byte per character
    expect(detectEncoding(bytes).encoding).toBe('windows-874');
    expect(decodeText(bytes)).toBe(text);
  });

  it('gb18030: a Chinese liaison’s list of a few hundred rows holds only Chinese and ASCII, and decodes to the same text', () => {
    const list = buildRescueList({ seed: 83, count: 300, headerStyle: 'zh', dateStyle: 'iso', scripts: 'chinese', ...pick(MESSY), duplicatesOf: storedPeople });
    const text = toCsv(list.header, list.rows);
    expect(text).toMatch(/^[\x00-\x7f\u3000-\u303f\u4e00-\u9fa5\uff01-\uff5e]*$/);
    expect(text).toMatch(HAN);
    expect(list.expected.inFileDuplicates.some((d) => d.kind === 'pinyin_vs_hanzi')).toBe(true);
    const bytes = encodeText(text, 'gb18030');
    expect(detectEncoding(bytes).encoding).toBe('gb18030');
    expect(decodeText(bytes)).toBe(text);
  });

  it('a Latin-only list can be written in every encoding', () => {
    const list = buildRescueList({ seed: 84, count: 200, scripts: 'latin', ...pick(MESSY) });
    const text = toCsv(list.header, list.rows);
    expect(text).toMatch(/^[\x00-\x7f]*$/);
    for (const encoding of FIXTURE_ENCODINGS) {
      expect(canEncode(text, encoding)).toBe(true);
      expect(decodeText(encodeText(text, encoding), encoding === 'utf-8-bom' ? 'utf-8' : encoding)).toBe(text);
    }
  });

  it('refuses, naming the character and line, what a code page cannot hold', () => {
    const burmese = 'name\nAung\nအောင်ကျော်\n';
    expect(canEncode(burmese, 'windows-874')).toBe(false);
    expect(() => encodeText(burmese, 'windows-874')).toThrow(UnencodableError);
    expect(() => encodeText(burmese, 'windows-874')).toThrow(/Cannot encode “အ” \(U\+1021\) on line 3 as windows-874.*scripts: 'thai'/);
    expect(() => encodeText('ชื่อ\nสมชาย\n', 'gb18030')).toThrow(/U\+0E0A\) on line 1 as gb18030/);
    expect(() => encodeText('Nguyễn', 'windows-874')).toThrow(/U\+1EC5/);
  });

  it('writes Thai Excel’s punctuation but never the bytes Windows-874 leaves unassigned', () => {
    const text = '“สมชาย” – ใจดี… €5\u00a0';
    expect(decodeText(encodeText(text, 'windows-874'), 'windows-874')).toBe(text);
    // ICU decodes unassigned bytes 0x81 and 0xDB to U+0081 and U+F8C1; they are not text.
    expect(canEncode('\u0081', 'windows-874')).toBe(false);
    expect(canEncode('\uf8c1', 'windows-874')).toBe(false);
    expect(canEncode('张伟', 'gb18030')).toBe(true);
    expect(canEncode('\ue000', 'gb18030')).toBe(false);
  });

  it('refuses to build a list whose headers the chosen scripts cannot write', () => {
    expect(() => buildRescueList({ seed: 1, count: 1, headerStyle: 'my', scripts: 'thai' })).toThrow(/'my' list cannot be written with scripts 'thai'/);
    expect(() => buildRescueList({ seed: 1, count: 1, headerStyle: 'zh', scripts: 'thai' })).toThrow(RangeError);
    expect(() => buildRescueList({ seed: 1, count: 5, people: generatePeople({ seed: 1, count: 2 }) })).toThrow(/only 2 people/);
  });
});

describe('toCsv writes what a spreadsheet would, without neutralising formulas', () => {
  const header = ['Full name', 'Remarks'];
  const rows = [
    ['ZHANG, Wei', 'Says "boss" kept her phone'],
    ['Nguyễn Văn An', 'line one\nline two'],
    ['Aung', '=HYPERLINK("http://example.invalid","x")'],
    ['', ''],
    ['Somchai', 'tab\there; semicolon'],
  ];

  it('quotes commas, quotes and line breaks, and reads back through parseCsv', () => {
    const text = toCsv(header, rows);
    expect(text).toContain('"ZHANG, Wei","Says ""boss"" kept her phone"\r\n');
    expect(text).toContain('Aung,"=HYPERLINK(""http://example.invalid"",""x"")"\r\n');
    expect(text.endsWith('\r\n')).toBe(true);
    const table = parseCsv(text);
    expect(table.rows).toEqual([header, ...rows.filter((r) => r.some(Boolean))]);
  });

  it('writes plain line feeds and other delimiters when asked', () => {
    const text = toCsv(header, rows, { delimiter: '\t', crlf: false });
    expect(text).not.toContain('\r');
    expect(text).toContain('Somchai\t"tab\there; semicolon"\n');
    expect(text).toContain('Aung\t"=HYPERLINK(""http://example.invalid"",""x"")"\n');
    expect(parseCsv(text, { delimiter: '\t' }).rows).toEqual([header, ...rows.filter((r) => r.some(Boolean))]);
  });

  it('leaves a formula-looking cell without quotes as it is', () => {
    expect(toCsv(['a'], [['=1+1'], ['@boss'], ['-- moved']])).toBe('a\r\n=1+1\r\n@boss\r\n-- moved\r\n');
  });
});

describe('a list as large as the benchmark imports', () => {
  // Speed is reported by npm run bench, never asserted here.
  it('builds a messy 10,000-row list with every row as wide as the header', () => {
    const list = buildRescueList({ seed: 91, count: 10_000, ...MESSY, blankRows: 50, malformedRows: 200, formulaCells: 100, inFileDuplicates: 300 });
    expect(list.rows).toHaveLength(10_350);
    for (const row of list.rows) expect(row).toHaveLength(list.header.length);
  });
});

/** The options that shape the mess, without the header or date style. */
function pick(o: typeof MESSY) {
  return { blankRows: o.blankRows, malformedRows: o.malformedRows, formulaCells: o.formulaCells, inFileDuplicates: o.inFileDuplicates };
}

/** Optimal string alignment distance: one substitution, insertion, deletion or swap of neighbours counts 1. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
