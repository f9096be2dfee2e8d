import { describe, expect, it } from 'vitest';
import { formatKind, listSheets, readSheet, sanitiseSheetNames, serialToIsoDate, writeXlsx } from '../../src/services/import/xlsx';
import { readZip, writeZip } from '../../src/services/zip';
import { refusal } from '../helpers';

/**
 * Rescue lists handed over as .xlsx: written by Excel in Thai, Chinese and
 * English locales, with shared strings, rich text, date styles, phones typed
 * as numbers and formulas. And Homeward's own exports, which must open in
 * Excel and LibreOffice, never run a formula, and read back exactly.
 */


const enc = new TextEncoder();
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

function pack(parts: Record<string, string>): Uint8Array {
  return writeZip(Object.entries(parts).map(([name, xml]) => ({ name, data: enc.encode(xml) })));
}

/** The text of one part of a package. */
function part(xlsx: Uint8Array, name: string): string {
  const entry = readZip(xlsx).find((e) => e.name === name);
  if (!entry) throw new Error(`no part ${name}`);
  return new TextDecoder().decode(entry.read());
}

/**
 * A workbook in the shape Excel writes it: parts found through relationships
 * (the sheets are not in tab order on disk, one is not called sheetN.xml, a
 * chart sheet sits between them), shared strings with rich text and a
 * phonetic guide, styles with built-in and custom date formats.
 */
function excelWorkbook(options: { date1904?: boolean; rescued?: string } = {}): Uint8Array {
  const rescued =
    options.rescued ??
    `<sheetData>` +
      // Header: shared strings; a styled empty cell F1 that must not widen the row.
      `<row r="1" spans="1:6"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c><c r="C1" s="1" t="s"><v>2</v></c><c r="D1" s="1" t="s"><v>3</v></c><c r="E1" s="1" t="s"><v>4</v></c><c r="F1" s="1"/></row>\r\n` +
      // Rich text name, date of birth (built-in 14), phone typed as a number, a formula with its cached value.
      `<row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" s="2"><v>32937</v></c><c r="C2"><v>66812345678</v></c><c r="D2"><f>C2*2</f><v>133624691356</v></c><c r="E2" t="b"><v>1</v></c></row>` +
      // Row 3 is missing; row 4 is sparse (B and D empty), with a custom dd/mm/yyyy date and an error.
      `<row r="4"><c r="A4" t="s"><v>6</v></c><c r="C4" s="3"><v>45721</v></c><c r="E4" t="e"><f>VLOOKUP(A4,X!A:B,2,0)</f><v>#N/A</v></c></row>` +
      // Row 5 only has styled empty cells: blank, dropped.
      `<row r="5"><c r="A5" s="2"/><c r="B5" s="3"/></row>` +
      // Row 6: inline string, a formula text result, a formula never calculated, a number in exponent form.
      `<row r="6"><c r="A6" t="inlineStr"><is><t xml:space="preserve">  Lê Thị Hoa  </t></is></c><c r="B6" t="str"><f>A6&amp;"!"</f><v>Lê!</v></c><c r="C6"><f>SUM(C2:C4)</f></c><c r="D6"><v>6.6812345678E10</v></c><c r="E6" t="b"><v>0</v></c></row>` +
      // Row 7: entities and character references, Excel's _x000D_ escape, a Thai Buddhist-era date format.
      `<row r="7"><c r="A7" t="inlineStr"><is><t>Tom &amp; Jerry &lt;3 &#x0E01;&#3586; &quot;ok&quot;</t></is></c><c r="B7" t="s"><v>7</v></c><c r="C7" s="4"><v>45306</v></c></row>` +
      `</sheetData>`;
  return pack({
    '[Content_Types].xml':
      XML_DECL +
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
    '_rels/.rels': XML_DECL + `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      XML_DECL +
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">` +
      `<fileVersion appName="xl" lastEdited="7"/><workbookPr${options.date1904 ? ' date1904="1"' : ''} defaultThemeVersion="166925"/>` +
      `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews>` +
      `<sheets><sheet name="Rescued 2025" sheetId="3" r:id="rId7"/><sheet name="Chart" sheetId="4" r:id="rId9"/><sheet name="Shelter B" sheetId="1" r:id="rId2"/></sheets>` +
      `<calcPr calcId="191029"/></workbook>`,
    'xl/_rels/workbook.xml.rels':
      XML_DECL +
      `<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId7" Type="${REL}/worksheet" Target="/xl/worksheets/rescued.xml"/>` +
      `<Relationship Id="rId9" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
      `<Relationship Id="rId5" Type="${REL}/hyperlink" Target="https://example.org/" TargetMode="External"/>` +
      `</Relationships>`,
    'xl/sharedStrings.xml':
      XML_DECL +
      `<sst xmlns="${MAIN}" count="8" uniqueCount="8">` +
      `<si><t>ชื่อ</t></si><si><t>วันเกิด</t></si><si><t>电话</t></si><si><t>Formula</t></si><si><t>Minor</t></si>` +
      // Rich text: three runs, one bold, one with a leading space kept by xml:space.
      `<si><r><t>Zhang</t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve"> 伟</t></r><r><t xml:space="preserve"> (ဇော်)</t></r></si>` +
      // A phonetic guide (furigana) is not part of the text.
      `<si><t>Nguyễn Văn An</t><rPh sb="0" eb="1"><t>グエン</t></rPh><phoneticPr fontId="1"/></si>` +
      `<si><t>line one_x000D_\nline two _x005F_x0041_</t></si>` +
      `</sst>`,
    'xl/styles.xml':
      XML_DECL +
      `<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="[$-th-TH]d mmmm bbbb;@"/></numFmts>` +
      `<fonts count="2"><font><sz val="11"/></font><font><b/><sz val="11"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border/></borders>` +
      // cellStyleXfs also has <xf>: they must not be counted as cell formats.
      `<cellStyleXfs count="2"><xf numFmtId="14"/><xf numFmtId="14"/></cellStyleXfs>` +
      `<cellXfs count="5"><xf numFmtId="0" fontId="0"/><xf numFmtId="0" fontId="1" applyFont="1"/><xf numFmtId="14" applyNumberFormat="1"><alignment horizontal="left"/></xf><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/></cellXfs>` +
      `</styleSheet>`,
    'xl/worksheets/rescued.xml':
      XML_DECL +
      `<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:F7"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>${rescued}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
    'xl/worksheets/sheet1.xml':
      XML_DECL +
      `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Shelter</t></is></c><c r="B1" t="inlineStr"><is><t>Beds</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Mae Sot</t></is></c><c r="B2"><v>40</v></c></row></sheetData></worksheet>`,
    'xl/chartsheets/sheet1.xml': XML_DECL + `<chartsheet xmlns="${MAIN}"/>`,
  });
}

describe('a rescue list saved by Excel', () => {
  const book = excelWorkbook();

  it('lists its worksheets in tab order, leaving out the chart', () => {
    expect(listSheets(book)).toEqual(['Rescued 2025', 'Shelter B']);
  });

  it('reads the first sheet by default: shared strings, rich text runs joined, the phonetic guide left out', () => {
    const t = readSheet(book);
    expect(t.sheet).toBe('Rescued 2025');
    expect(t.rows[0]).toEqual(['ชื่อ', 'วันเกิด', '电话', 'Formula', 'Minor']);
    expect(t.rows[1]![0]).toBe('Zhang 伟 (ဇော်)');
    expect(t.rows[3]![0]).toBe('Nguyễn Văn An');
  });

  it('places sparse cells and rows by their references, so rows[i] is Excel row i + 1', () => {
    const t = readSheet(book);
    expect(t.rows).toHaveLength(7);
    expect(t.rows[2]).toEqual([]); // row 3 is not in the file
    expect(t.rows[3]).toEqual(['Nguyễn Văn An', '', '2025-03-05', '', '#N/A']);
    expect(t.rows[4]).toEqual([]); // row 5 has only formatted empty cells
  });

  it('gives a phone typed as a number in full, never in exponent form', () => {
    const t = readSheet(book);
    expect(t.rows[1]![2]).toBe('66812345678');
    expect(t.rows[5]![3]).toBe('66812345678'); // stored as 6.6812345678E10
  });

  it('uses the cached value of a formula, never its text', () => {
    const t = readSheet(book);
    expect(t.rows[1]![3]).toBe('133624691356');
    expect(t.rows[5]![1]).toBe('Lê!');
    expect(t.rows[5]![2]).toBe(''); // never calculated
    expect(JSON.stringify(t.rows)).not.toMatch(/SUM|VLOOKUP|C2\*2/);
  });

  it('turns numbers styled as dates into ISO dates: built-in, custom dd/mm/yyyy, Thai Buddhist-era', () => {
    const t = readSheet(book);
    expect(t.rows[1]![1]).toBe('1990-03-05');
    expect(t.rows[3]![2]).toBe('2025-03-05');
    // Shown in Excel as "15 มกราคม 2567"; the day is the same, written in the Gregorian calendar.
    expect(t.rows[6]![2]).toBe('2024-01-15');
  });

  it('reads booleans as TRUE/FALSE and errors as Excel shows them', () => {
    const t = readSheet(book);
    expect(t.rows[1]![4]).toBe('TRUE');
    expect(t.rows[5]![4]).toBe('FALSE');
    expect(t.rows[3]![4]).toBe('#N/A');
  });

  it('keeps preserved spaces, decodes entities and Excel escapes, and trims trailing empty cells', () => {
    const t = readSheet(book);
    expect(t.rows[5]![0]).toBe('  Lê Thị Hoa  ');
    expect(t.rows[6]).toEqual(['Tom & Jerry <3 กข "ok"', 'line one\r\nline two _x0041_', '2024-01-15']);
    expect(t.rows[0]).toHaveLength(5); // the styled empty F1 does not count
  });

  it('chooses another sheet by name, whatever its case, or by position', () => {
    const expected = { sheet: 'Shelter B', rows: [['Shelter', 'Beds'], ['Mae Sot', '40']] };
    expect(readSheet(book, 'Shelter B')).toEqual(expected);
    expect(readSheet(book, 'shelter b')).toEqual(expected);
    expect(readSheet(book, 1)).toEqual(expected);
    expect(readSheet(book, 0).sheet).toBe('Rescued 2025');
  });

  it('refuses an unknown sheet, listing the sheets there are', () => {
    const e = refusal(() => readSheet(book, 'Sheet1'));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe('This workbook has no sheet named "Sheet1". Its sheets are "Rescued 2025", "Shelter B"; pick one of those.');
    expect(e.details).toEqual({ sheets: ['Rescued 2025', 'Shelter B'] });
    const byIndex = refusal(() => readSheet(book, 2));
    expect(byIndex.code).toBe('NOT_FOUND');
    expect(byIndex.message).toMatch(/has 2 sheets \("Rescued 2025", "Shelter B"\), so there is no sheet at position 2/);
  });

  it('counts dates from 1904-01-01 when the workbook says so (old Mac Excel)', () => {
    const mac = excelWorkbook({
      date1904: true,
      rescued: `<sheetData><row r="1"><c r="A1" s="2"><v>31475</v></c><c r="B1" s="3"><v>0</v></c><c r="C1"><v>31475</v></c></row></sheetData>`,
    });
    expect(readSheet(mac).rows).toEqual([['1990-03-05', '1904-01-01', '31475']]);
  });

  it('reads exporters that prefix every element (x:c) and quote attributes with apostrophes', () => {
    const prefixed = excelWorkbook({
      rescued: `<x:sheetData xmlns:x="${MAIN}"><x:row r='1'><x:c r='B1' t='inlineStr'><x:is><x:t>Aung</x:t></x:is></x:c><x:c r='C1' t='d'><x:v>2025-03-05T00:00:00</x:v></x:c></x:row></x:sheetData>`,
    });
    expect(readSheet(prefixed).rows).toEqual([['', 'Aung', '2025-03-05']]);
  });

  it('reads a 10,000-row sheet whole (its speed is reported by npm run bench, not asserted)', () => {
    const rows = [['name', 'phone', 'dob', 'nationality', 'note', 'a', 'b', 'c', 'd', 'e']];
    for (let i = 0; i < 10_000; i++) rows.push([`นาย สมชาย ${i}`, `+6681${i}`, '1990-01-01', 'Thai', `note & <${i}>`, 'x', 'y', 'z', 'w', 'v']);
    const xlsx = writeXlsx([{ name: 'Intake', rows }]);
    const t = readSheet(xlsx);
    expect(t.rows).toHaveLength(10_001);
    expect(t.rows[10_000]).toEqual(rows[10_000]);
  });
});

describe('numbers, dates and formats', () => {
  it('knows Excel’s 1900 leap-year bug: day 60 is the phantom 1900-02-29', () => {
    expect(serialToIsoDate(1, false)).toBe('1900-01-01');
    expect(serialToIsoDate(59, false)).toBe('1900-02-28');
    expect(serialToIsoDate(60, false)).toBe('1900-02-29');
    expect(serialToIsoDate(61, false)).toBe('1900-03-01');
    expect(serialToIsoDate(45351, false)).toBe('2024-02-29');
    expect(serialToIsoDate(45351.999999999, false)).toBe('2024-03-01'); // 0.09 ms before midnight: rounds to the millisecond first
    expect(serialToIsoDate(45351.99999999, false)).toBe('2024-02-29'); // 0.9 ms before midnight
    expect(serialToIsoDate(0, false)).toBeNull();
    expect(serialToIsoDate(0, true)).toBe('1904-01-01');
    expect(serialToIsoDate(1462 + 32937 - 1462, false)).toBe('1990-03-05');
  });

  it('tells date formats from times, durations and numbers', () => {
    const cases: [string, ReturnType<typeof formatKind>][] = [
      ['dd/mm/yyyy', 'date'],
      ['mmm-yy', 'date'],
      ['yyyy"年"m"月"d"日"', 'date'],
      ['[$-th-TH]d mmmm bbbb;@', 'date'],
      ['yyyy-mm-dd hh:mm', 'datetime'],
      ['h:mm AM/PM', 'time'],
      ['mm:ss', 'time'],
      ['[h]:mm:ss', 'number'],
      ['0.00%', 'number'],
      ['#,##0 "days"', 'number'],
      ['[Red]0.00;[Blue]-0.00', 'number'],
      ['0 \\d', 'number'],
      ['General', 'number'],
      ['@', 'number'],
    ];
    for (const [code, kind] of cases) expect([code, formatKind(code)]).toEqual([code, kind]);
  });

  it('reads time-only and date-time cells, leaves durations and percentages as numbers, keeps zero-padded phones', () => {
    const book = pack({
      '_rels/.rels': `<Relationships xmlns="${PKG_REL}"><Relationship Id="r" Type="${REL}/officeDocument" Target="book.xml"/></Relationships>`,
      'book.xml': `<workbook xmlns:r="${REL}"><sheets><sheet name="S" r:id="a"/></sheets></workbook>`,
      '_rels/book.xml.rels': `<Relationships><Relationship Id="a" Type="${REL}/worksheet" Target="s.xml"/><Relationship Id="b" Type="${REL}/styles" Target="st.xml"/></Relationships>`,
      'st.xml': `<styleSheet><numFmts><numFmt numFmtId="200" formatCode="0.0%"/><numFmt numFmtId="201" formatCode="0000000000"/><numFmt numFmtId="202" formatCode="000\-000\-0000"/></numFmts><cellXfs><xf/><xf numFmtId="20"/><xf numFmtId="22"/><xf numFmtId="46"/><xf numFmtId="200"/><xf numFmtId="31"/><xf numFmtId="201"/><xf numFmtId="202"/><xf numFmtId="1"/></cellXfs></styleSheet>`,
      's.xml': `<worksheet><sheetData><row><c s="1"><v>0.5625</v></c><c s="2"><v>45721.75</v></c><c s="3"><v>1.5</v></c><c s="4"><v>0.15</v></c><c s="5"><v>45721</v></c><c><v>1E+21</v></c><c><v>-0</v></c></row>` +
        // 0812345678 typed into number cells: Excel shows the 0 only through the format.
        `<row><c s="6"><v>812345678</v></c><c s="7"><v>812345678</v></c><c s="8"><v>812345678</v></c><c s="6"><v>66812345678</v></c><c s="6"><v>2.5</v></c></row></sheetData></worksheet>`,
    });
    expect(readSheet(book).rows).toEqual([
      ['13:30:00', '2025-03-05', '1.5', '0.15', '2025-03-05', '1000000000000000000000', '0'],
      ['0812345678', '081-234-5678', '812345678', '66812345678', '2.5'],
    ]);
  });
});

describe('a file that is not a readable workbook', () => {
  it('refuses an old .xls or a password-protected workbook, saying how to save it', () => {
    const cfb = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const e = refusal(() => readSheet(cfb));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/old-style Excel file \(\.xls\) or a workbook protected with a password.*save it as \.xlsx/);
  });

  it('refuses a CSV renamed to .xlsx, pointing at the CSV import', () => {
    const e = refusal(() => listSheets(enc.encode('name,age\nAung,25\n')));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/not an \.xlsx workbook.*import it as CSV/);
  });

  it('refuses an OpenDocument spreadsheet and any other ZIP, saying which it is', () => {
    const ods = pack({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' });
    expect(refusal(() => listSheets(ods)).message).toMatch(/OpenDocument spreadsheet \(\.ods\).*Excel 2007-365 \(\.xlsx\)/);
    const xlsb = writeZip([{ name: 'xl/workbook.bin', data: new Uint8Array([0x83, 0x01, 0x00, 0xff]) }]);
    expect(refusal(() => listSheets(xlsb)).message).toMatch(/Excel binary workbook \(\.xlsb\).*save it as \.xlsx/);
    const other = pack({ 'readme.txt': 'hello' });
    expect(refusal(() => listSheets(other)).message).toMatch(/not an Excel workbook: it has no workbook part/);
  });

  it('refuses a sheet whose XML is cut short, a DOCTYPE, and a reference to missing shared text', () => {
    const cut = refusal(() => readSheet(excelWorkbook({ rescued: '<sheetData><row r="1"><c r="A1" t="s"' })));
    expect(cut.code).toBe('FILE_UNREADABLE');
    expect(cut.message).toMatch(/^This workbook is damaged: its part xl\/worksheets\/rescued.xml is cut short or is not well-formed XML\. Open it in Excel/);

    const doctype = excelWorkbook({ rescued: '<!DOCTYPE x [<!ENTITY a "aaaa">]><sheetData/>' });
    expect(refusal(() => readSheet(doctype)).message).toMatch(/document type declaration/);

    const missing = refusal(() => readSheet(excelWorkbook({ rescued: '<sheetData><row r="2"><c r="B2" t="s"><v>99</v></c></row></sheetData>' })));
    expect(missing.code).toBe('FILE_UNREADABLE');
    expect(missing.message).toMatch(/cell B2 on sheet "Rescued 2025" refers to text that is not in the file/);
  });

  it('refuses a sheet whose stray far-away cells would fill memory with empty cells', () => {
    let far = '<sheetData>';
    for (let r = 1; r <= 310; r++) far += `<row r="${r}"><c r="XFD${r}" t="inlineStr"><is><t>x</t></is></c></row>`;
    const e = refusal(() => readSheet(excelWorkbook({ rescued: `${far}</sheetData>` })));
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.message).toMatch(/^Sheet "Rescued 2025" spreads over more than 5,000,000 cells.*delete stray cells far to the right or below the list\.$/);
    // One far cell is fine: the list keeps its shape.
    const one = readSheet(excelWorkbook({ rescued: '<sheetData><row r="3"><c r="D3" t="inlineStr"><is><t>x</t></is></c></row></sheetData>' }));
    expect(one.rows).toEqual([[], [], ['', '', '', 'x']]);
  });

  it('refuses a sheet that would inflate past the limit (a zip bomb) with FILE_TOO_LARGE', () => {
    const huge = `<sheetData>${'<row/>'.repeat(2_000_000)}</sheetData>`; // 12 MB of XML, deflates to almost nothing
    const bomb = excelWorkbook({ rescued: huge });
    expect(bomb.length).toBeLessThan(100_000);
    expect(readSheet(bomb, 'Shelter B').rows).toHaveLength(2); // within the default caps
    // Sizes are checked before anything is unpacked, so even listing the sheets refuses.
    expect(refusal(() => listSheets(bomb, { maxEntryBytes: 1024 * 1024 })).code).toBe('FILE_TOO_LARGE');
    const e = refusal(() => readSheet(bomb, 0, { maxEntryBytes: 1024 * 1024 }));
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.message).toMatch(/^This workbook contains "xl\/worksheets\/rescued.xml", which unpacks to 11\.4 MB/);
  });
});

describe('a list exported by Homeward', () => {
  const header = ['ชื่อ (Thai)', '姓名', 'Tên', 'အမည်', 'Note'];
  const rows = [
    header,
    ['สมชาย ใจดี', '张伟', 'Nguyễn Văn An', 'မောင်အောင်အောင်', '=HYPERLINK("http://evil.example","click")'],
    ['+66 81 234 5678', '-- moved to shelter B', '@SUM(A1:A9)', '=1+1', '\t+tab first'],
    ['Tom & Jerry <b>"x"</b>', 'line one\nline two', 'crlf\r\nend', '  spaces kept  ', '_x0041_ is not A'],
    ['😀 emoji', '', 'after a gap', '', ''],
  ];

  it('reads back exactly what was written, formula characters and all', () => {
    const xlsx = writeXlsx([{ name: 'Verification', rows }, { name: 'Second', rows: [['only']] }]);
    expect(listSheets(xlsx)).toEqual(['Verification', 'Second']);
    const back = readSheet(xlsx, 'Verification');
    expect(back.rows).toEqual([...rows.slice(0, 4), ['😀 emoji', '', 'after a gap']]);
    expect(readSheet(xlsx, 1).rows).toEqual([['only']]);
  });

  it('writes every cell as an inline string, so nothing can become a formula, and no apostrophe is added', () => {
    const sheet = part(writeXlsx([{ name: 'S', rows }]), 'xl/worksheets/sheet1.xml');
    const cells = sheet.match(/<c [^>]*>/g) ?? [];
    expect(cells).toHaveLength(22);
    for (const c of cells) expect(c).toMatch(/ t="inlineStr"/);
    expect(sheet).not.toMatch(/<f>|<f |<v>/);
    expect(sheet).toContain('<t>=HYPERLINK("http://evil.example","click")</t>');
    expect(sheet).toContain('<t>@SUM(A1:A9)</t>');
    expect(sheet).not.toContain("'=");
  });

  it('makes the header bold and frozen, and sets the column widths given', () => {
    const xlsx = writeXlsx([{ name: 'S', rows, columnWidths: [24, 0, 12.5] }]);
    const sheet = part(xlsx, 'xl/worksheets/sheet1.xml');
    expect(sheet).toMatch(/<c r="A1" s="1" t="inlineStr">/);
    expect(sheet).toMatch(/<c r="A2" s="2" t="inlineStr">/);
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain('<cols><col min="1" max="1" width="24" customWidth="1"/><col min="3" max="3" width="12.5" customWidth="1"/></cols>');
    expect(sheet).toContain('<dimension ref="A1:E5"/>');
    // Cell format 1 uses font 1, and font 1 is bold.
    const styles = part(xlsx, 'xl/styles.xml');
    expect(styles).toMatch(/<cellXfs count="3"><xf [^>]*\/><xf numFmtId="49" fontId="1"/);
    expect(styles).toMatch(/<fonts count="2"><font>(?:(?!<b\/>).)*?<\/font><font><b\/>/);
  });

  it('follows the minimal OOXML package: content types for every part, relationships to each', () => {
    const xlsx = writeXlsx([{ name: 'A', rows: [['a']] }, { name: 'B', rows: [['b']] }]);
    expect(readZip(xlsx).map((e) => e.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const types = part(xlsx, '[Content_Types].xml');
    for (const p of ['/xl/workbook.xml', '/xl/styles.xml', '/xl/worksheets/sheet1.xml', '/xl/worksheets/sheet2.xml']) expect(types).toContain(`PartName="${p}"`);
    expect(types).toContain('spreadsheetml.sheet.main+xml');
    const rels = part(xlsx, 'xl/_rels/workbook.xml.rels');
    expect(rels).toContain('Target="worksheets/sheet2.xml"');
    expect(rels).toContain('relationships/styles" Target="styles.xml"');
    expect(part(xlsx, '_rels/.rels')).toContain('relationships/officeDocument" Target="xl/workbook.xml"');
    expect(part(xlsx, 'xl/workbook.xml')).toContain('<sheet name="B" sheetId="2" r:id="rId2"/>');
  });

  it('is deterministic: the same rows give the same bytes', () => {
    const a = writeXlsx([{ name: 'S', rows }]);
    const b = writeXlsx([{ name: 'S', rows: rows.map((r) => [...r]) }]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('replaces characters XML cannot hold with U+FFFD, so the coordinator sees something was there', () => {
    const xlsx = writeXlsx([{ name: 'S', rows: [['bell\u0007', 'lone \ud800 surrogate', 'nul\u0000', 'ok \ud83d\ude00']] }]);
    expect(readSheet(xlsx).rows).toEqual([['bell\ufffd', 'lone \ufffd surrogate', 'nul\ufffd', 'ok \ud83d\ude00']]);
  });

  it('makes sheet names Excel accepts: no []:*?/\\, at most 31 characters, unique whatever the case', () => {
    const names = sanitiseSheetNames([
        'Intake/Bangkok: [March]*?',
        'ผู้ได้รับการช่วยเหลือจากแม่สอด จังหวัดตาก 2025',
        'intake_bangkok_ _march___',
        "'quoted'",
        '',
        'History',
      'x'.repeat(30) + '😀',
    ]);
    expect(names).toEqual([
      'Intake_Bangkok_ _March___',
      'ผู้ได้รับการช่วยเหลือจากแม่สอด', // cut between letters, trailing space dropped
      'intake_bangkok_ _march___ (2)',
      'quoted',
      'Sheet5',
      'History_',
      'x'.repeat(30),
    ]);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
    const xlsx = writeXlsx([{ name: 'A/B', rows: [['x']] }, { name: 'a_b', rows: [['y']] }]);
    expect(listSheets(xlsx)).toEqual(['A_B', 'a_b (2)']);
  });

  it('refuses a cell longer than Excel holds and a workbook without sheets', () => {
    const long = refusal(() => writeXlsx([{ name: 'Notes', rows: [['h'], ['', 'x'.repeat(32_768)]] }]));
    expect(long.code).toBe('VALIDATION_FAILED');
    expect(long.message).toBe('Cell B2 on sheet "Notes" holds 32,768 characters; an Excel cell holds at most 32,767. Shorten that text or export it as CSV.');
    expect(refusal(() => writeXlsx([])).code).toBe('BAD_USAGE');
  });
});
