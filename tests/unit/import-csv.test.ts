import { describe, expect, it } from 'vitest';
import { parseCsv, sniffDelimiter } from '../../src/services/import/csv';

/**
 * The lists as spreadsheets write them: names with commas and quotes, notes
 * with line breaks, semicolons from European-locale Excel, tabs from
 * "Unicode text", stray blank rows. Every row keeps the line it started on so
 * the preview can point at the original file.
 */

describe('a comma-separated list from the shelter', () => {
  it('reads plain rows with their line numbers', () => {
    const t = parseCsv('name,sex,age\nAung Aung,M,25\nMa Hla,F,31\n');
    expect(t.delimiter).toBe(',');
    expect(t.rows).toEqual([
      ['name', 'sex', 'age'],
      ['Aung Aung', 'M', '25'],
      ['Ma Hla', 'F', '31'],
    ]);
    expect(t.lines).toEqual([1, 2, 3]);
    expect(t.issues).toEqual([]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const t = parseCsv('name,notes\n"Nguyen, Van An","says ""Anh"" is his brother"\n"Zhang Wei","line one\nline two"\nLi Na,ok\n');
    expect(t.rows).toEqual([
      ['name', 'notes'],
      ['Nguyen, Van An', 'says "Anh" is his brother'],
      ['Zhang Wei', 'line one\nline two'],
      ['Li Na', 'ok'],
    ]);
    // The quoted note spans lines 3 and 4, so Li Na is on line 5.
    expect(t.lines).toEqual([1, 2, 3, 5]);
  });

  it('reads CRLF (Windows), LF and lone CR (old Mac Excel) alike, also inside quotes', () => {
    const expected = [['a', 'b'], ['1', 'x\ny'], ['2', '3']];
    const crlf = parseCsv('a,b\r\n1,"x\ny"\r\n2,3\r\n');
    const cr = parseCsv('a,b\r1,"x\ny"\r2,3\r');
    expect(crlf.rows).toEqual(expected);
    expect(cr.rows).toEqual(expected);
    expect(crlf.lines).toEqual([1, 2, 4]);
    expect(cr.lines).toEqual([1, 2, 4]);
    expect(parseCsv('a,b\r\n1,"x\r\ny"\r\n2,3').lines).toEqual([1, 2, 4]);
  });

  it('drops blank lines and rows of empty cells, keeping the real line numbers', () => {
    const t = parseCsv('name,age\n\nAung,25\n,,\n   \nHla,30\n\n\n\r\n');
    expect(t.rows).toEqual([['name', 'age'], ['Aung', '25'], ['Hla', '30']]);
    expect(t.lines).toEqual([1, 3, 6]);
  });

  it('keeps ragged rows as they are, for the importer to report', () => {
    const t = parseCsv('a,b,c\n1,2\n1,2,3,4\n');
    expect(t.rows).toEqual([['a', 'b', 'c'], ['1', '2'], ['1', '2', '3', '4']]);
  });

  it('keeps a trailing empty field', () => {
    expect(parseCsv('a,b,c\n1,2,\n').rows[1]).toEqual(['1', '2', '']);
  });

  it('strips a BOM left in the text', () => {
    expect(parseCsv('\ufeffname,age\nAung,25').rows[0]).toEqual(['name', 'age']);
  });
});

describe('malformed rows are read as far as possible and reported', () => {
  it('an unclosed quote swallows the rest of the file, with an issue on its line', () => {
    const t = parseCsv('name,notes\nAung,"never closed\nHla,30\n');
    expect(t.rows).toEqual([['name', 'notes'], ['Aung', 'never closed\nHla,30\n']]);
    expect(t.issues).toEqual([
      { line: 2, message: 'A quoted field is never closed: everything to the end of the file was read into it. Check for a missing " on this line.' },
    ]);
  });

  it('text after a closing quote is kept and reported', () => {
    const t = parseCsv('name,age\n"Aung" Aung,25\n');
    expect(t.rows[1]).toEqual(['Aung Aung', '25']);
    expect(t.issues).toEqual([{ line: 2, message: 'Text after a closing quote was kept: "Aung Aung".' }]);
  });

  it('a quote in the middle of an unquoted field is an ordinary character', () => {
    expect(parseCsv('a,b\nO"Neil,5\n').rows[1]).toEqual(['O"Neil', '5']);
  });
});

describe('the delimiter is sniffed from the first lines', () => {
  it('semicolons (European-locale Excel), even with commas inside quoted names', () => {
    const text = 'name;nationality;age\n"Nguyen, Van An";VN;25\n"Tran, Thi B";VN;31\n';
    expect(sniffDelimiter(text)).toBe(';');
    const t = parseCsv(text);
    expect(t.delimiter).toBe(';');
    expect(t.rows[1]).toEqual(['Nguyen, Van An', 'VN', '25']);
  });

  it('tabs ("Unicode text") and pipes (police systems)', () => {
    expect(parseCsv('name\tage\nAung\t25\n').rows).toEqual([['name', 'age'], ['Aung', '25']]);
    expect(parseCsv('name|age\nAung|25\n').delimiter).toBe('|');
  });

  it('a single-column list falls back to commas', () => {
    expect(parseCsv('name\nAung\nHla\n')).toMatchObject({ delimiter: ',', rows: [['name'], ['Aung'], ['Hla']] });
  });

  it("the coordinator's choice overrides the sniffing", () => {
    expect(parseCsv('a,b;c\n1,2;3\n', { delimiter: ';' }).rows).toEqual([['a,b', 'c'], ['1,2', '3']]);
  });
});

describe('a rescue list of 10,000 rows', () => {
  it('parses every row, with quoted multi-line notes', () => {
    const lines = ['name,sex,age,notes'];
    for (let i = 0; i < 10_000; i++) lines.push(`"Person ${i}, group ${i % 50}",${i % 2 ? 'F' : 'M'},${18 + (i % 40)},"note ""${i}""\nsecond line"`);
    const text = lines.join('\r\n');
    const t = parseCsv(text);
    expect(t.rows).toHaveLength(10_001);
    expect(t.rows[10_000]).toEqual(['Person 9999, group 49', 'F', '57', 'note "9999"\nsecond line']);
    expect(t.lines[10_000]).toBe(1 + 2 * 9_999 + 1);
  });
});
