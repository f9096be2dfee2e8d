/**
 * A list file, CSV or XLSX, as a table of strings with the row numbers the
 * coordinator sees when opening the file (row 1 is the first line or sheet row).
 */
import { HomewardError } from '../../domain/errors';
import { parseCsv, type Delimiter } from './csv';
import { readText, type EncodingGuess, type TextEncodingName } from './decode';
import type { SheetRefusal } from './result';
import { listSheets, readSheet, type SheetTable } from './xlsx';

export type ListFormat = 'csv' | 'xlsx';

export interface ReadOptions {
  format?: ListFormat | undefined;
  encoding?: TextEncodingName | undefined;
  delimiter?: Delimiter | undefined;
  /** sheet name or 0-based index; by default the first sheet with rows */
  sheet?: string | number | undefined;
}


export interface ListTable {
  format: ListFormat;
  /** CSV: the encoding used, and what detection guessed */
  encoding: TextEncodingName | null;
  guess: EncodingGuess | null;
  delimiter: Delimiter | null;
  /** XLSX: every sheet, and the one read */
  sheets: string[];
  sheet: string | null;
  /** XLSX: the empty sheets skipped before the one read, when no sheet was asked for */
  skippedSheets: string[];
  /** non-empty rows of the file, in order */
  rows: string[][];
  /** the file row number (1-based) of each entry of `rows` */
  rowNumbers: number[];
  /** rows with no content between the first and the last row with content */
  blankRows: number;
  /** reading notes for the coordinator (unbalanced quotes and the like) */
  issues: string[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The format a file's bytes are in, whatever its name says: an .xlsx is a zip archive. */
export function detectFormat(bytes: Uint8Array, fileName = ''): ListFormat {
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return 'xlsx';
  if (/\.xls$/i.test(fileName) && bytes[0] === 0xd0 && bytes[1] === 0xcf) {
    throw new HomewardError('FILE_UNREADABLE', 'This is an old Excel 97–2003 (.xls) file. Open it in Excel or LibreOffice and save it as .xlsx or CSV UTF-8, then import that.');
  }
  return 'csv';
}

export function readListTable(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): ListTable {
  const format = options.format ?? detectFormat(bytes, fileName);
  if (format === 'xlsx') {
    const sheets = listSheets(bytes);
    const { sheet, rows: all, skipped } = readWorkbookSheet(bytes, sheets, options.sheet);
    const rows: string[][] = [];
    const rowNumbers: number[] = [];
    let blankRows = 0;
    let pendingBlank = 0;
    all.forEach((row, i) => {
      if (isBlank(row)) {
        if (rows.length) pendingBlank++;
        return;
      }
      blankRows += pendingBlank;
      pendingBlank = 0;
      rows.push(row);
      rowNumbers.push(i + 1);
    });
    return { format, encoding: null, guess: null, delimiter: null, sheets, sheet, skippedSheets: skipped, rows, rowNumbers, blankRows, issues: [] };
  }
  const { text, encoding, guess } = readText(bytes, options.encoding);
  const csv = parseCsv(text, options.delimiter ? { delimiter: options.delimiter } : {});
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let blankRows = 0;
  csv.rows.forEach((row, i) => {
    // A row of empty cells (",,,,") is as blank as an empty line.
    if (isBlank(row)) return;
    const line = csv.lines[i] ?? 0;
    const previous = rowNumbers.length ? (rowNumbers[rowNumbers.length - 1] as number) : null;
    if (previous !== null) blankRows += Math.max(0, line - previous - lineSpan(rows[rows.length - 1] as string[]));
    rows.push(row);
    rowNumbers.push(line);
  });
  return {
    format,
    encoding,
    guess,
    delimiter: csv.delimiter,
    sheets: [],
    sheet: null,
    skippedSheets: [],
    rows,
    rowNumbers,
    blankRows,
    issues: csv.issues.map((i) => `Line ${i.line}: ${i.message}`),
  };
}

const isBlank = (row: readonly string[]) => row.every((c) => c.trim() === '');
const hasRows = (table: SheetTable) => table.rows.some((row) => !isBlank(row));

/**
 * The sheet asked for, or the first with rows: a workbook often starts with
 * a sheet nobody filled in ("Summary" left blank, the list on "Day 2"). An
 * empty sheet asked for by name is refused, naming the others. Refusals
 * carry a SheetRefusal, so the wizard can offer the other sheets.
 */
function readWorkbookSheet(bytes: Uint8Array, sheets: string[], wanted: string | number | undefined): SheetTable & { skipped: string[] } {
  const refuse = (e: unknown, sheet: string | null, empty: string[]): never => {
    if (!(e instanceof HomewardError)) throw e;
    const details: SheetRefusal = { reason: 'sheet', sheets, sheet, empty };
    throw new HomewardError(e.code, e.message, details);
  };
  if (wanted !== undefined) {
    let table: SheetTable;
    try {
      table = readSheet(bytes, wanted);
    } catch (e) {
      return refuse(e, typeof wanted === 'string' ? wanted : (sheets[wanted] ?? String(wanted)), []);
    }
    if (!hasRows(table)) {
      const others = sheets.filter((s) => s !== table.sheet).map((s) => JSON.stringify(s));
      const next = others.length ? ` Choose another sheet (${others.join(', ')}).` : ' Check that you chose the right file.';
      return refuse(new HomewardError('FILE_UNREADABLE', `Sheet ${JSON.stringify(table.sheet)} is empty.${next}`), table.sheet, [table.sheet]);
    }
    return { ...table, skipped: [] };
  }
  const skipped: string[] = [];
  for (const name of sheets) {
    let table: SheetTable;
    try {
      table = readSheet(bytes, name);
    } catch (e) {
      // A damaged sheet is said, not skipped: the list may be on it.
      return refuse(e, name, skipped);
    }
    if (hasRows(table)) return { ...table, skipped };
    skipped.push(table.sheet);
  }
  if (sheets.length === 0) return { ...readSheet(bytes), skipped }; // refuses with pickSheet's sentence (only charts)
  const names = sheets.map((s) => JSON.stringify(s)).join(', ');
  return refuse(
    new HomewardError(
      'FILE_UNREADABLE',
      sheets.length === 1
        ? `The only sheet of this workbook, ${names}, is empty. Check that you chose the right file.`
        : `Every sheet of this workbook is empty (${names}). Check that you chose the right file.`,
    ),
    null,
    skipped,
  );
}

/** How many lines a record takes in the file (a quoted cell may hold line breaks). */
function lineSpan(row: readonly string[]): number {
  let n = 1;
  for (const cell of row) for (let i = 0; i < cell.length; i++) if (cell.charCodeAt(i) === 10) n++;
  return n;
}
