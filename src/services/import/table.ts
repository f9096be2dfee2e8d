/**
 * A list file, CSV or XLSX, as a table of strings with the row numbers the
 * coordinator sees when opening the file (row 1 is the first line or sheet row).
 */
import { HomewardError } from '../../domain/errors';
import { parseCsv, type Delimiter } from './csv';
import { decodeText, detectEncoding, type EncodingGuess, type TextEncodingName } from './decode';
import { listSheets, readSheet } from './xlsx';

export type ListFormat = 'csv' | 'xlsx';

export interface ReadOptions {
  format?: ListFormat | undefined;
  encoding?: TextEncodingName | undefined;
  delimiter?: Delimiter | undefined;
  /** sheet name or 0-based index; the first sheet by default */
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
    const { sheet, rows: all } = readSheet(bytes, options.sheet ?? 0);
    const rows: string[][] = [];
    const rowNumbers: number[] = [];
    let blankRows = 0;
    let pendingBlank = 0;
    all.forEach((row, i) => {
      if (row.every((c) => c.trim() === '')) {
        if (rows.length) pendingBlank++;
        return;
      }
      blankRows += pendingBlank;
      pendingBlank = 0;
      rows.push(row);
      rowNumbers.push(i + 1);
    });
    return { format, encoding: null, guess: null, delimiter: null, sheets, sheet, rows, rowNumbers, blankRows, issues: [] };
  }
  const guess = detectEncoding(bytes);
  const encoding = options.encoding ?? guess.encoding;
  const text = decodeText(bytes, encoding);
  const csv = parseCsv(text, options.delimiter ? { delimiter: options.delimiter } : {});
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let blankRows = 0;
  csv.rows.forEach((row, i) => {
    // A row of empty cells (",,,,") is as blank as an empty line.
    if (row.every((c) => c.trim() === '')) return;
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
    rows,
    rowNumbers,
    blankRows,
    issues: csv.issues.map((i) => `Line ${i.line}: ${i.message}`),
  };
}

/** How many lines a record takes in the file (a quoted cell may hold line breaks). */
function lineSpan(row: readonly string[]): number {
  let n = 1;
  for (const cell of row) for (let i = 0; i < cell.length; i++) if (cell.charCodeAt(i) === 10) n++;
  return n;
}
