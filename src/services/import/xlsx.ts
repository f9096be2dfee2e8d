/**
 * XLSX workbooks, read and written without dependencies.
 *
 * Rescue lists arrive as .xlsx from Excel in Thai, Chinese and English
 * locales, from LibreOffice and from police systems' exporters; Homeward
 * writes verification lists and manifests back as .xlsx. An XLSX file is a
 * ZIP of XML parts (OOXML, ECMA-376); we read only what a list needs:
 *
 *  - the workbook (sheet names and order, the 1904 date flag) and its
 *    relationships, which say where each sheet's part is: names like
 *    sheet1.xml are a habit of Excel, not a rule;
 *  - shared strings, styles (only to know which numbers are dates) and the
 *    one sheet asked for.
 *
 * Every cell comes back as the text a coordinator would see, with three
 * deliberate differences from Excel's display:
 *  - numbers are the stored value, not the formatted one: a phone stored as a
 *    number 66812345678 comes back as '66812345678', never 6.68E+10, and a
 *    percentage as 0.15; only zero-padding formats (0000000000) are applied,
 *    so a phone's leading 0 is kept;
 *  - a number styled as a date is an ISO date `yyyy-mm-dd`; a date-and-time
 *    keeps only its date (lists record days: birth, rescue, handover); a
 *    time-only format gives `hh:mm:ss`;
 *  - a formula gives its last computed value, never its text; a formula that
 *    was never computed gives ''.
 *
 * The XML is read by a small tokenizer written for these parts: one pass with
 * indexOf and charCodeAt, no DOM, no backtracking regular expressions, so a
 * 10,000-row sheet of ten columns parses in a few hundred milliseconds. A DOCTYPE is refused
 * (Excel never writes one, and entity expansion is the classic XML bomb).
 */
import { HomewardError } from '../../domain/errors';
import { readZip, writeZip, type ZipEntry, type ZipLimits } from '../zip';

export interface SheetTable {
  /** The sheet's name as the workbook spells it. */
  sheet: string;
  /**
   * rows[i] is the sheet's row i + 1, as Excel numbers it, so the preview can
   * point at the original: a row with no cells is [] and keeps its place;
   * rows after the last one with a value are left out, and so are empty
   * cells at the end of a row (whether Excel wrote them depends on formatting).
   */
  rows: string[][];
}

export interface SheetInput {
  name: string;
  /** The first row is the header: bold, and frozen when scrolling. */
  rows: string[][];
  /** Width of each column in Excel's character units (about one digit each); gaps and 0 keep the default. */
  columnWidths?: number[];
}

// ───────────────────────────── reading ─────────────────────────────

/**
 * Worksheet names in workbook (tab) order. Chart sheets hold no rows and are
 * left out. `limits` tightens or loosens the ZIP safety caps (see zip.ts).
 */
export function listSheets(bytes: Uint8Array, limits?: Partial<ZipLimits>): string[] {
  return openWorkbook(openPackage(bytes, limits)).sheets.map((s) => s.name);
}

/**
 * One worksheet as rows of text: the first by default, or by name (case does
 * not matter, as in Excel) or by 0-based position in `listSheets`.
 */
export function readSheet(bytes: Uint8Array, sheet?: string | number, limits?: Partial<ZipLimits>): SheetTable {
  const pkg = openPackage(bytes, limits);
  const book = openWorkbook(pkg);
  const chosen = pickSheet(book.sheets, sheet);
  const shared = book.sharedStringsPart ? readSharedStrings(pkg, book.sharedStringsPart) : [];
  const formats = book.stylesPart ? readCellFormats(pkg, book.stylesPart) : [];
  const table: SheetTable = { sheet: chosen.name, rows: [] };
  readCells(pkg, chosen, { shared, formats, date1904: book.date1904 }, table);
  return table;
}

/** Most cells one sheet may spread over, counting the empty ones between filled cells. */
const MAX_CELLS = 5_000_000;
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

const AGAIN = 'Open it in Excel or LibreOffice, save it again as .xlsx (Excel Workbook), and import the new file.';

function damaged(part: string, why: string): HomewardError {
  return new HomewardError('FILE_UNREADABLE', `This workbook is damaged: its part ${part} ${why}. ${AGAIN}`);
}

// ── the package: ZIP entries by part name ──

interface Package {
  has(part: string): boolean;
  /** The part's text, or null when the workbook has no such part. */
  text(part: string): string | null;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function openPackage(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): Package {
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    // Both the old binary .xls and an encrypted .xlsx are OLE compound files.
    throw new HomewardError(
      'FILE_UNREADABLE',
      'This is an old-style Excel file (.xls) or a workbook protected with a password, which Homeward cannot read. Open it in Excel, save it as .xlsx (Excel Workbook) without a password, and import that file.',
    );
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new HomewardError(
      'FILE_UNREADABLE',
      'This file is not an .xlsx workbook: it does not start the way one does. If it is a CSV or text file, import it as CSV; otherwise open it in Excel and save it as .xlsx (Excel Workbook).',
    );
  }
  // OPC part names are case-insensitive.
  const parts = new Map<string, ZipEntry>();
  for (const entry of readZip(bytes, { ...limits, label: 'This workbook' })) {
    const key = entry.name.toLowerCase();
    if (parts.has(key)) throw damaged(JSON.stringify(entry.name), 'appears twice with different capitalisation');
    parts.set(key, entry);
  }
  return {
    has: (part) => parts.has(part.toLowerCase()),
    text(part) {
      const entry = parts.get(part.toLowerCase());
      return entry ? decodePart(entry.read(), part) : null;
    },
  };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Parts are UTF-8 (Excel, LibreOffice); UTF-16 is allowed by the standard and announced by a BOM. */
function decodePart(b: Uint8Array, part: string): string {
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b);
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b);
  try {
    return UTF8.decode(b);
  } catch {
    throw damaged(part, 'is not valid UTF-8 text');
  }
}

// ── workbook, relationships, sheet choice ──

interface SheetRef {
  name: string;
  part: string;
}

interface Workbook {
  sheets: SheetRef[];
  date1904: boolean;
  sharedStringsPart: string | null;
  stylesPart: string | null;
}

interface Relationship {
  type: string;
  part: string;
}

function openWorkbook(pkg: Package): Workbook {
  const root = readRelationships(pkg, '');
  const workbookPart = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.part ?? 'xl/workbook.xml';
  const xml = pkg.text(workbookPart);
  if (xml === null) throw notAWorkbook(pkg);

  const declared: { name: string; rel: string }[] = [];
  let date1904 = false;
  scanXml(xml, workbookPart, {
    open(name, a) {
      if (name === 'sheet') declared.push({ name: a.name ?? '', rel: a.id ?? '' });
      else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    },
  });

  const rels = readRelationships(pkg, workbookPart);
  const sheets: SheetRef[] = [];
  for (const d of declared) {
    const rel = rels.get(d.rel);
    if (!rel) throw damaged(workbookPart, `names a sheet "${d.name}" whose part is missing`);
    // Chart, dialog and macro sheets have no cells to import.
    if (rel.type.endsWith('/worksheet')) sheets.push({ name: d.name, part: rel.part });
  }
  const find = (type: string): string | null => [...rels.values()].find((r) => r.type.endsWith(type))?.part ?? null;
  return { sheets, date1904, sharedStringsPart: find('/sharedStrings'), stylesPart: find('/styles') };
}

/** What the ZIP holds instead of a workbook, said so the coordinator knows what to do. */
function notAWorkbook(pkg: Package): HomewardError {
  if (pkg.has('mimetype') && pkg.text('mimetype')?.includes('opendocument.spreadsheet')) {
    return new HomewardError('FILE_UNREADABLE', 'This is an OpenDocument spreadsheet (.ods), not an .xlsx workbook. In LibreOffice choose File › Save As, pick "Excel 2007-365 (.xlsx)", and import that file.');
  }
  if (pkg.has('xl/workbook.bin')) {
    return new HomewardError('FILE_UNREADABLE', 'This is an Excel binary workbook (.xlsb), which Homeward cannot read. Open it in Excel, save it as .xlsx (Excel Workbook), and import that file.');
  }
  return new HomewardError('FILE_UNREADABLE', `This ZIP file is not an Excel workbook: it has no workbook part. ${AGAIN}`);
}

/** The relationships of `source` ('' for the package itself), by Id; external targets left out. */
function readRelationships(pkg: Package, source: string): Map<string, Relationship> {
  const slash = source.lastIndexOf('/');
  const dir = source.slice(0, slash + 1);
  const relsPart = `${dir}_rels/${source.slice(slash + 1)}.rels`;
  const rels = new Map<string, Relationship>();
  const xml = pkg.text(relsPart);
  if (xml === null) return rels;
  scanXml(xml, relsPart, {
    open(name, a) {
      if (name !== 'Relationship' || a.TargetMode === 'External' || !a.Id || !a.Target) return;
      rels.set(a.Id, { type: a.Type ?? '', part: resolvePart(dir, a.Target) });
    },
  });
  return rels;
}

/** A relationship target (relative to the source's folder, or absolute from the package root) as a ZIP entry name. */
function resolvePart(dir: string, target: string): string {
  let path = target.startsWith('/') ? target.slice(1) : dir + target;
  try {
    path = decodeURIComponent(path);
  } catch {
    // Not percent-encoded after all; use it as written.
  }
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

function pickSheet(sheets: SheetRef[], wanted: string | number | undefined): SheetRef {
  const names = sheets.map((s) => JSON.stringify(s.name)).join(', ');
  if (sheets.length === 0) {
    throw new HomewardError('NOT_FOUND', 'This workbook has no sheets with cells (only charts). Open it in Excel, put the list on an ordinary sheet, and import it again.');
  }
  if (wanted === undefined) return sheets[0]!;
  if (typeof wanted === 'number') {
    const byIndex = Number.isInteger(wanted) ? sheets[wanted] : undefined;
    if (byIndex) return byIndex;
    throw new HomewardError('NOT_FOUND', `This workbook has ${sheets.length} sheet${sheets.length === 1 ? '' : 's'} (${names}), so there is no sheet at position ${wanted} (counting from 0). Pick one of those.`, {
      sheets: sheets.map((s) => s.name),
    });
  }
  const byName = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
  if (byName) return byName;
  throw new HomewardError('NOT_FOUND', `This workbook has no sheet named ${JSON.stringify(wanted)}. Its sheets are ${names}; pick one of those.`, {
    sheets: sheets.map((s) => s.name),
  });
}

// ── shared strings ──

/** The shared string table. Phonetic guides (<rPh>, Japanese furigana) are not part of the text. */
function readSharedStrings(pkg: Package, part: string): string[] {
  const xml = pkg.text(part);
  if (xml === null) return [];
  const strings: string[] = [];
  const text = new RichText();
  scanXml(xml, part, {
    open(name) {
      if (name === 'si') text.start();
      else text.open(name);
    },
    close(name) {
      if (name === 'si') strings.push(text.end());
      else text.close(name);
    },
    text(value) {
      text.text(value);
    },
  });
  return strings;
}

/**
 * The text of an <si> or <is>: its <t>, or the <t> of each rich-text run <r>,
 * joined; runs inside <rPh> are a pronunciation guide and are skipped.
 */
class RichText {
  private joined: string | null = null;
  private run: string | null = null;
  private phonetic = 0;

  start(): void {
    this.joined = '';
  }
  get active(): boolean {
    return this.joined !== null;
  }
  open(name: string): void {
    if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.joined !== null && this.phonetic === 0) this.run = '';
  }
  close(name: string): void {
    if (name === 'rPh') this.phonetic--;
    else if (name === 't' && this.run !== null) {
      this.joined += unescapeExcel(this.run);
      this.run = null;
    }
  }
  text(value: string): void {
    if (this.run !== null) this.run += value;
  }
  end(): string {
    const s = this.joined ?? '';
    this.joined = null;
    this.run = null;
    this.phonetic = 0;
    return s;
  }
}

/**
 * Excel writes characters XML cannot hold as _xHHHH_ (a line break from a Mac
 * as _x000D_), and a literal "_x" sequence as _x005F_x…; undo both as Excel does.
 */
function unescapeExcel(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// ── styles: which cell formats are dates ──

type NumberKind = 'number' | 'date' | 'datetime' | 'time';

interface CellFormat {
  kind: NumberKind;
  /** A zero-padding pattern such as 0000000000 or 000-000-0000, else null. */
  zeros: string | null;
}

const GENERAL: CellFormat = { kind: 'number', zeros: null };

/** For each cell format (cellXfs index, the `s` of a cell), how it shows a number. */
function readCellFormats(pkg: Package, part: string): CellFormat[] {
  const xml = pkg.text(part);
  if (xml === null) return [];
  const codes = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  scanXml(xml, part, {
    open(name, a) {
      if (name === 'numFmt') codes.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formatIds.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formatIds.map((id) => {
    const code = codes.get(id);
    if (code === undefined) return { kind: BUILT_IN_KINDS.get(id) ?? 'number', zeros: null };
    return { kind: formatKind(code), zeros: zeroPattern(code) };
  });
}

/**
 * A phone typed as 0812345678 into a number cell is stored as 812345678;
 * Excel shows the 0 again only because the cell's format pads with zeros
 * (0000000000, or 000-000-0000 with separators). We pad the same way, so the
 * coordinator gets the number they see. Other digit formats (#,##0.00) are
 * display only and are not applied.
 */
function zeroPattern(code: string): string | null {
  const first = (code.split(';')[0] ?? '').replace(/\\(.)/g, '$1').replace(/"([^"]*)"/g, '$1');
  if (!/^[0 ()\-]+$/.test(first)) return null;
  return (first.match(/0/g) ?? []).length >= 2 ? first : null;
}

/** A non-negative integer's digits laid into a zero pattern, from the right; extra digits go in front. */
function padWithZeros(digits: string, pattern: string): string {
  const slots = (pattern.match(/0/g) ?? []).length;
  const padded = digits.padStart(slots, '0');
  let k = padded.length;
  let out = '';
  for (let i = pattern.length - 1; i >= 0; i--) out = (pattern[i] === '0' ? padded[--k] : pattern[i]) + out;
  return padded.slice(0, k) + out;
}

/**
 * Built-in formats that show dates or times. 14–22 and 45–47 everywhere;
 * 27–36 and 50–58 are the dates and times of Chinese, Japanese and Korean
 * Excel (年月日, 时分), 71–81 those of Thai Excel (ว/ด/ปปปป). A workbook
 * saved there refers to them by number alone, without writing the code.
 */
const BUILT_IN_KINDS = new Map<number, NumberKind>([
  ...[14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58, 71, 72, 73, 74, 81].map((id) => [id, 'date'] as const),
  ...[22, 77].map((id) => [id, 'datetime'] as const),
  ...[18, 19, 20, 21, 32, 33, 34, 35, 45, 55, 56, 75, 76, 78].map((id) => [id, 'time'] as const),
  // [h]:mm:ss, mm:ss.0 and their Thai twins are durations, not times of day.
  ...[46, 47, 79, 80].map((id) => [id, 'number'] as const),
]);

/**
 * What a custom number format shows, from its first section. Quoted text,
 * backslash escapes, `_x`/`*x` padding and [colour]/[$-locale] brackets are
 * literal and skipped; `m` means minutes right after an hour or before a
 * second, months otherwise (Excel's own rule). Thai `b` (Buddhist-era year)
 * counts as a year: the stored day number is the same, so the ISO date is
 * the Gregorian day. Elapsed time ([h]:mm) is a duration and stays a number.
 */
export function formatKind(code: string): NumberKind {
  const tokens: string[] = [];
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === ';') break;
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      i = end < 0 ? code.length : end;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      i++;
    } else if (ch === '[') {
      const end = code.indexOf(']', i + 1);
      const inner = code.slice(i + 1, end < 0 ? code.length : end).toLowerCase();
      if (/^(h+|m+|s+)$/.test(inner)) return 'number';
      i = end < 0 ? code.length : end;
    } else if (/^(am\/pm|a\/p)/i.test(code.slice(i, i + 5))) {
      // The M of AM/PM is not a month.
      i += code[i + 1] === '/' ? 2 : 4;
      tokens.push('h');
    } else {
      const lower = ch.toLowerCase();
      if ('ymdhsb'.includes(lower)) {
        while (code[i + 1]?.toLowerCase() === lower) i++;
        tokens.push(lower);
      }
    }
  }
  let date = false;
  let time = false;
  tokens.forEach((t, i) => {
    if (t === 'm') {
      const minutes = tokens[i - 1] === 'h' || tokens[i + 1] === 's';
      if (minutes) time = true;
      else date = true;
    } else if (t === 'h' || t === 's') time = true;
    else date = true;
  });
  return date && time ? 'datetime' : date ? 'date' : time ? 'time' : 'number';
}

// ── cells ──

interface CellContext {
  shared: string[];
  formats: CellFormat[];
  date1904: boolean;
}

function readCells(pkg: Package, sheet: SheetRef, ctx: CellContext, out: SheetTable): void {
  const xml = pkg.text(sheet.part);
  if (xml === null) throw damaged(sheet.part, `(sheet "${sheet.name}") is missing`);
  const part = sheet.part;

  let inSheetData = false;
  let row: string[] | null = null;
  let rowNumber = 0;
  let column = -1;
  let cells = 0;
  // The cell being read.
  let ref = '';
  let type = 'n';
  let style = 0;
  let value: string | null = null;
  let valueText = '';
  let inValue = false;
  const inline = new RichText();
  let inlineValue: string | null = null;
  /** Cells and rows placed, counting the empty ones that fill gaps; a cell at XFD1048576 must not cost gigabytes. */
  const spend = (n: number): void => {
    cells += Math.max(0, n);
    if (cells > MAX_CELLS) {
      throw new HomewardError(
        'FILE_TOO_LARGE',
        `Sheet "${sheet.name}" spreads over more than ${MAX_CELLS.toLocaleString('en')} cells, more than Homeward imports at once. Split the list into smaller files, or delete stray cells far to the right or below the list.`,
      );
    }
  };

  scanXml(xml, part, {
    open(name, a) {
      if (name === 'sheetData') inSheetData = true;
      if (!inSheetData) return;
      switch (name) {
        case 'row':
          rowNumber = a.r !== undefined ? parseRowNumber(a.r, part) : rowNumber + 1;
          row = [];
          column = -1;
          break;
        case 'c': {
          ref = a.r ?? '';
          column = ref ? parseColumn(ref, part) : column + 1;
          type = a.t ?? 'n';
          style = a.s !== undefined ? Number(a.s) : 0;
          value = null;
          inlineValue = null;
          break;
        }
        case 'v':
          inValue = true;
          valueText = '';
          break;
        case 'is':
          inline.start();
          break;
        default:
          if (inline.active) inline.open(name);
      }
    },
    text(s) {
      if (inValue) valueText += s;
      else if (inline.active) inline.text(s);
    },
    close(name) {
      if (!inSheetData) return;
      switch (name) {
        case 'v':
          inValue = false;
          value = valueText;
          break;
        case 'is':
          inlineValue = inline.end();
          break;
        case 'c': {
          if (row === null) break;
          const text = cellText(type, value, inlineValue, style, ctx);
          if (text === undefined) {
            throw new HomewardError('FILE_UNREADABLE', `This workbook is damaged: cell ${cellName(ref, column, rowNumber, sheet.name)} refers to text that is not in the file. ${AGAIN}`);
          }
          if (text === '') break;
          spend(column + 1 - row.length);
          while (row.length < column) row.push('');
          row[column] = text;
          break;
        }
        case 'row':
          if (row !== null && row.length > 0) {
            spend(rowNumber - out.rows.length);
            while (out.rows.length < rowNumber - 1) out.rows.push([]);
            out.rows[rowNumber - 1] = row;
          }
          row = null;
          break;
        case 'sheetData':
          inSheetData = false;
          break;
        default:
          if (inline.active) inline.close(name);
      }
    },
  });
}

/**
 * A cell's text from its type (`t`), cached value (<v>), inline string (<is>)
 * and style (`s`); undefined when it points at shared text that is not there.
 */
function cellText(type: string, value: string | null, inline: string | null, style: number, ctx: CellContext): string | undefined {
  switch (type) {
    case 's': {
      const index = Number(value);
      return Number.isInteger(index) ? ctx.shared[index] : undefined;
    }
    case 'inlineStr':
      return inline ?? unescapeExcel(value ?? '');
    case 'str': // a formula's text result
      return unescapeExcel(value ?? '');
    case 'b':
      return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : (value ?? '');
    case 'e': // #N/A, #DIV/0!, #REF!: shown as Excel shows them
      return value ?? '';
    case 'd': // ISO 8601 date (Strict OOXML and some exporters)
      return value === null ? '' : /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
    default:
      if (value === null || value.trim() === '') return '';
      return numberText(value.trim(), ctx.formats[style] ?? GENERAL, ctx.date1904);
  }
}

/** Where a cell is, for messages: "C5 on sheet Intake". */
function cellName(ref: string, column: number, row: number, sheet: string): string {
  return `${ref || `${columnLetters(column)}${row}`} on sheet "${sheet}"`;
}

/**
 * A stored number as text. Integers are written out in full (no exponent, no
 * ".0"), so phone and ID numbers typed into number cells survive, with the
 * leading zeros a zero-padding format shows; other numbers use JavaScript's
 * shortest round-trip form.
 */
function numberText(raw: string, format: CellFormat, date1904: boolean): string {
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw;
  if (format.kind === 'date' || format.kind === 'datetime') {
    const iso = serialToIsoDate(n, date1904);
    if (iso !== null) return iso;
  } else if (format.kind === 'time') {
    const time = serialToTime(n);
    if (time !== null) return time;
  }
  if (format.zeros !== null && Number.isInteger(n) && n >= 0 && n < 1e21) return padWithZeros(String(n), format.zeros);
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n === 0 ? 0 : n) : BigInt(n).toString();
  return String(n);
}

const DAY_MS = 86_400_000;

/**
 * An Excel day number as yyyy-mm-dd (the time of day is dropped). The 1900
 * system counts from 1900-01-00 and keeps Lotus 1-2-3's phantom 29 February
 * 1900 as day 60, which we return as '1900-02-29' so that the date check
 * downstream refuses it rather than shifting it silently; the 1904 system
 * (old Mac Excel) counts from 1904-01-01 as day 0. Null for day numbers that
 * are not dates in Excel (below 1 in the 1900 system, negative, after 9999).
 */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  // Excel rounds to the millisecond before taking the day.
  const days = Math.floor(Math.round(serial * DAY_MS) / DAY_MS);
  let epoch: number;
  if (date1904) {
    if (days < 0) return null;
    epoch = Date.UTC(1904, 0, 1);
  } else {
    if (days < 1) return null;
    if (days === 60) return '1900-02-29';
    epoch = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  }
  const date = new Date(epoch + days * DAY_MS);
  if (date.getUTCFullYear() > 9999) return null;
  return date.toISOString().slice(0, 10);
}

/** The time of day of a day fraction, as hh:mm:ss (24-hour). */
function serialToTime(serial: number): string | null {
  if (serial < 0) return null;
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400) % 86_400;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

function parseRowNumber(r: string, part: string): number {
  const n = Number(r);
  if (!Number.isInteger(n) || n < 1 || n > MAX_ROW) throw damaged(part, `has a row numbered ${JSON.stringify(r.slice(0, 20))}`);
  return n;
}

/** 0-based column of a cell reference like "C5" or "AA12". */
function parseColumn(ref: string, part: string): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    column = column * 26 + (c - 0x60);
  }
  if (i === 0 || column > MAX_COLUMN || !/^\d+$/.test(ref.slice(i))) throw damaged(part, `has a cell at ${JSON.stringify(ref.slice(0, 20))}, which is not a cell reference`);
  return column - 1;
}

function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(0x41 + ((n - 1) % 26)) + s;
  return s;
}

// ───────────────────────────── XML tokenizer ─────────────────────────────

type XmlAttributes = Partial<Record<string, string>>;

interface XmlVisitor {
  /** Element start; attributes by local name (prefix dropped), namespace declarations left out. */
  open(name: string, attributes: XmlAttributes): void;
  /** Element end; also called right after open() for a self-closing element. */
  close?(name: string): void;
  /** Character data with entities decoded and line ends normalised, in pieces. */
  text?(value: string): void;
}

/**
 * Element names are reported without their namespace prefix: Excel writes
 * <c>, some exporters <x:c>, and both mean the same cell.
 */
function scanXml(xml: string, part: string, visitor: XmlVisitor): void {
  const n = xml.length;
  const cutShort = (): HomewardError => damaged(part, 'is cut short or is not well-formed XML');
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && visitor.text) visitor.text(decodeText(xml.slice(i, textEnd)));
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);

    if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw cutShort();
      i = end + 2;
      continue;
    }
    if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw cutShort();
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw cutShort();
        visitor.text?.(xml.slice(lt + 9, end).replace(/\r\n?/g, '\n'));
        i = end + 3;
      } else {
        throw damaged(part, 'contains a document type declaration, which Excel never writes and Homeward does not read');
      }
      continue;
    }
    if (next === 0x2f /* / */) {
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) throw cutShort();
      visitor.close?.(localName(xml.slice(lt + 2, end).trim()));
      i = end + 1;
      continue;
    }

    // A start tag: name, then attributes until > or />.
    // Hand-inlined loops: this is the hot path of a 10,000-row sheet.
    let j = lt + 1;
    let colon = -1;
    for (; j < n; j++) {
      const c = xml.charCodeAt(j);
      if (c <= 0x20 || c === 0x3e /* > */ || c === 0x2f /* / */) break;
      if (c === 0x3a /* : */) colon = j;
    }
    const name = xml.slice(colon < 0 ? lt + 1 : colon + 1, j);
    if (name === '') throw cutShort();
    const attributes: XmlAttributes = {};
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n) throw cutShort();
      const c = xml.charCodeAt(j);
      if (c === 0x3e /* > */) {
        j++;
        break;
      }
      if (c === 0x2f /* / */) {
        if (xml.charCodeAt(j + 1) !== 0x3e) throw cutShort();
        selfClosing = true;
        j += 2;
        break;
      }
      const nameStart = j;
      let attributeColon = -1;
      for (; j < n; j++) {
        const c = xml.charCodeAt(j);
        if (c === 0x3d /* = */ || c <= 0x20 || c === 0x3e || c === 0x2f) break;
        if (c === 0x3a) attributeColon = j;
      }
      const nameEnd = j;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (nameEnd === nameStart || xml.charCodeAt(j) !== 0x3d) throw cutShort();
      j++;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      const quote = xml.charCodeAt(j);
      if (quote !== 0x22 && quote !== 0x27) throw cutShort();
      const end = xml.indexOf(quote === 0x22 ? '"' : "'", j + 1);
      if (end < 0) throw cutShort();
      if (!xml.startsWith('xmlns', nameStart)) {
        attributes[xml.slice(attributeColon < 0 ? nameStart : attributeColon + 1, nameEnd)] = decodeAttribute(xml.slice(j + 1, end));
      }
      j = end + 1;
    }
    visitor.open(name, attributes);
    if (selfClosing) visitor.close?.(name);
    i = j;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** XML line ends become \n, then entities are decoded. */
function decodeText(raw: string): string {
  const s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return s.includes('&') ? decodeEntities(s) : s;
}

/** In attribute values, literal tabs and line ends are spaces (XML 1.0 §3.3.3); &#10; stays a line end. */
function decodeAttribute(raw: string): string {
  let plain = true;
  for (let k = 0; k < raw.length && plain; k++) {
    const c = raw.charCodeAt(k);
    plain = c !== 0x26 /* & */ && c !== 0x09 && c !== 0x0a && c !== 0x0d;
  }
  if (plain) return raw;
  return decodeEntities(raw.replace(/\r\n?|[\t\n]/g, ' '));
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five predefined entities and character references; anything else is left as written. */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,4});/g, (whole, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body] ?? whole;
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : '\ufffd';
  });
}

// ───────────────────────────── writing ─────────────────────────────

/**
 * A workbook with one worksheet per entry, the first row of each in bold and
 * frozen. The ZIP is deterministic: same sheets in, same bytes out.
 *
 * Formula injection: formula.ts neutralises cells with a leading apostrophe,
 * which is what CSV needs, because there the spreadsheet guesses each cell's
 * type from its text. In XLSX the type is written in the file: every cell
 * here is an inline string (t="inlineStr"), which Excel and LibreOffice load
 * as text and never evaluate, whatever it starts with (=, +, -, @). So cells
 * are written exactly as they are, without the apostrophe, which inside an
 * XLSX string would be a visible character (Excel's hidden "quote prefix" is
 * a style, not text) and would come back on re-import. Cells also carry the
 * Text number format (@), so a coordinator who edits one in Excel keeps
 * text: a phone +66… stays as typed and an edited "=…" stays a string.
 */
export function writeXlsx(sheets: readonly SheetInput[]): Uint8Array {
  if (sheets.length === 0) throw new HomewardError('BAD_USAGE', 'A workbook needs at least one sheet. Pass the rows to export as one sheet.');
  const names = sanitiseSheetNames(sheets.map((s) => s.name));
  const parts: { name: string; data: Uint8Array }[] = [];
  const xml = (name: string, body: string): void => {
    parts.push({ name, data: ENCODER.encode(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`) });
  };

  const sheetIds = sheets.map((_, i) => i + 1);
  xml(
    '[Content_Types].xml',
    `<Types xmlns="${NS.contentTypes}">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      sheetIds.map((id) => `<Override PartName="/xl/worksheets/sheet${id}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      `</Types>`,
  );
  xml('_rels/.rels', `<Relationships xmlns="${NS.relationships}"><Relationship Id="rId1" Type="${NS.officeDocument}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  xml(
    'xl/workbook.xml',
    `<workbook xmlns="${NS.main}" xmlns:r="${NS.officeDocument}">` +
      `<bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
      sheetIds.map((id, i) => `<sheet name="${escapeXml(names[i]!, true)}" sheetId="${id}" r:id="rId${id}"/>`).join('') +
      `</sheets></workbook>`,
  );
  xml(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="${NS.relationships}">` +
      sheetIds.map((id) => `<Relationship Id="rId${id}" Type="${NS.officeDocument}/worksheet" Target="worksheets/sheet${id}.xml"/>`).join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="${NS.officeDocument}/styles" Target="styles.xml"/>` +
      `</Relationships>`,
  );
  xml('xl/styles.xml', STYLES);
  sheets.forEach((sheet, i) => xml(`xl/worksheets/sheet${i + 1}.xml`, worksheetXml(sheet, names[i]!, i === 0)));
  return writeZip(parts);
}

const ENCODER = new TextEncoder();

const NS = {
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
  relationships: 'http://schemas.openxmlformats.org/package/2006/relationships',
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
} as const;

/** Cell formats: 0 default, 1 header (bold, Text), 2 body (Text). Fonts and fills 0–1 are the ones Excel requires. */
const STYLE_HEADER = 1;
const STYLE_BODY = 2;
const STYLES =
  `<styleSheet xmlns="${NS.main}">` +
  `<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="3">` +
  `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>` +
  `<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `</cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`;

/** Excel refuses longer cell text, and more rows or columns than these. */
const MAX_CELL_CHARS = 32_767;
const MAX_COLUMN_WIDTH = 255;

function worksheetXml(sheet: SheetInput, name: string, selected: boolean): string {
  if (sheet.rows.length > MAX_ROW) {
    throw new HomewardError('FILE_TOO_LARGE', `Sheet "${name}" has ${sheet.rows.length.toLocaleString('en')} rows; Excel holds at most ${MAX_ROW.toLocaleString('en')} per sheet. Export the list in parts.`);
  }
  const rows: string[] = [];
  let width = 0;
  let height = 0;
  sheet.rows.forEach((cells, r) => {
    if (cells.length > MAX_COLUMN) {
      throw new HomewardError('FILE_TOO_LARGE', `Row ${r + 1} of sheet "${name}" has ${cells.length.toLocaleString('en')} columns; Excel holds at most ${MAX_COLUMN.toLocaleString('en')}. Export fewer columns.`);
    }
    const style = r === 0 ? STYLE_HEADER : STYLE_BODY;
    let xmlCells = '';
    cells.forEach((cell, c) => {
      if (cell === '') return;
      const text = replaceIllegalXmlChars(cell);
      const ref = `${columnLetters(c)}${r + 1}`;
      if (text.length > MAX_CELL_CHARS) {
        throw new HomewardError(
          'VALIDATION_FAILED',
          `Cell ${ref} on sheet "${name}" holds ${text.length.toLocaleString('en')} characters; an Excel cell holds at most ${MAX_CELL_CHARS.toLocaleString('en')}. Shorten that text or export it as CSV.`,
        );
      }
      const space = /^\s|\s$|[\t\n\r]|\s\s/.test(text) ? ' xml:space="preserve"' : '';
      xmlCells += `<c r="${ref}" s="${style}" t="inlineStr"><is><t${space}>${escapeXml(escapeExcel(text), false)}</t></is></c>`;
      width = Math.max(width, c + 1);
    });
    if (xmlCells === '') return;
    rows.push(`<row r="${r + 1}">${xmlCells}</row>`);
    height = r + 1;
  });

  const last = width > 0 ? `${columnLetters(width - 1)}${height}` : 'A1';
  const pane =
    sheet.rows.length > 0
      ? `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>`
      : '';
  const cols = (sheet.columnWidths ?? [])
    .map((w, c) => (Number.isFinite(w) && w > 0 ? `<col min="${c + 1}" max="${c + 1}" width="${Math.min(w, MAX_COLUMN_WIDTH)}" customWidth="1"/>` : ''))
    .join('');
  // Element order is fixed by the schema: dimension, sheetViews, sheetFormatPr, cols, sheetData.
  return (
    `<worksheet xmlns="${NS.main}" xmlns:r="${NS.officeDocument}">` +
    `<dimension ref="${last === 'A1' ? 'A1' : `A1:${last}`}"/>` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData>` +
    `</worksheet>`
  );
}

/** Control characters other than tab and line ends, U+FFFE/FFFF and lone surrogates cannot appear in XML 1.0. */
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Shown as U+FFFD, so the coordinator sees that something was there. */
function replaceIllegalXmlChars(s: string): string {
  return s.replace(ILLEGAL_XML, '\ufffd');
}

/** A literal "_x0041_" would be read by Excel as "A"; Excel's own escape keeps it literal. */
function escapeExcel(s: string): string {
  return s.includes('_x') ? s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1') : s;
}

/** &, <, > (and " in attributes); \r as a reference, or XML would turn it into \n on reading. */
function escapeXml(s: string, attribute: boolean): string {
  let out = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
  if (attribute) out = out.replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
  return out;
}

const SHEET_NAME_MAX = 31;

/**
 * Names Excel accepts: no []:*?/\ (each becomes _), no apostrophe at either
 * end, not "History" (reserved), 1–31 characters, unique without regard to
 * case (a clash gets " (2)", " (3)"…). Empty names become Sheet1, Sheet2….
 */
export function sanitiseSheetNames(wanted: readonly string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((raw, i) => {
    let base = replaceIllegalXmlChars(raw)
      .replace(/[\u0000-\u001F\u007F\uFFFD]/g, '')
      .replace(/[[\]:*?/\\]/g, '_')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim();
    if (base === '') base = `Sheet${i + 1}`;
    if (base.toLowerCase() === 'history') base = `${base}_`;
    let name = truncate(base, SHEET_NAME_MAX);
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = truncate(base, SHEET_NAME_MAX - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** At most `max` UTF-16 units (Excel's count), cut between whole letters: a Thai vowel mark stays on its consonant. */
function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const { segment } of GRAPHEMES.segment(s)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  return out.trimEnd();
}
