/**
 * The rows an import could not take, as a file the coordinator can fix and
 * import again: the original columns first (so the same mapping fits), then
 * the row's number in the original file and what is wrong with it. Every cell
 * that a spreadsheet would run as a formula is written so it stays text.
 *
 * Imported again, such a file is known by those two headers: its rows are
 * the original list's rows, and their provenance says so (./session).
 */
import type { ListFormat } from './table';
import { neutraliseFormula, stripNeutralisingQuote } from './formula';
import type { ImportRow } from './session';
import { writeXlsx } from './xlsx';
import { ERROR_COLUMNS } from './error-columns';

export interface ErrorFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  rows: number;
}

export { ERROR_COLUMNS };

/** Where an error file's own columns stand in its header row. */
export interface ErrorColumns {
  row: number;
  problem: number | null;
}

/**
 * The error columns of a header row, when the file is an error file Homeward
 * wrote: known by the exact "Row in original file" header (the problem column
 * may have been deleted once the rows were fixed).
 */
export function errorColumnsOf(header: readonly string[]): ErrorColumns | null {
  const at = (name: string) => header.findIndex((h) => h.trim() === name);
  const row = at(ERROR_COLUMNS.row);
  if (row < 0) return null;
  const problem = at(ERROR_COLUMNS.problem);
  return { row, problem: problem < 0 ? null : problem };
}

/** The list's own columns: the header (or a row's cells) without the error columns. */
export function withoutErrorColumns<T>(cells: readonly T[], columns: ErrorColumns | null): T[] {
  return columns ? cells.filter((_, i) => i !== columns.row && i !== columns.problem) : [...cells];
}

/** The row number a "Row in original file" cell holds (as written, or as a spreadsheet saved it), or null. */
export function originalRowNumber(cell: string | undefined): number | null {
  const text = stripNeutralisingQuote(cell ?? '').trim();
  if (!/^\d{1,9}(\.0+)?$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 ? n : null;
}

/**
 * `from`: the error columns of the list itself, when it is an error file
 * being imported again. Its rows that still fail go to a new error file that
 * looks like the first: the original's columns and its row numbers.
 */
export function buildErrorFile(sourceName: string, format: ListFormat, header: readonly string[], rows: readonly ImportRow[], from: ErrorColumns | null = null): ErrorFile | null {
  if (rows.length === 0) return null;
  const own = withoutErrorColumns(header, from);
  const width = own.length;
  const table: string[][] = [[...own, ERROR_COLUMNS.row, ERROR_COLUMNS.problem]];
  for (const r of rows) {
    const listed = withoutErrorColumns(Array.from({ length: header.length }, (_, i) => r.cells[i] ?? ''), from);
    const cells = Array.from({ length: width }, (_, i) => listed[i] ?? '');
    const row = from ? (originalRowNumber(r.cells[from.row]) ?? '') : r.row;
    table.push([...cells, String(row), r.problems.map((p) => p.reason).join(' ')]);
  }
  let base = sourceName.replace(/\.(csv|tsv|txt|xlsx)$/i, '');
  if (from) base = base.replace(/\.errors$/i, '');
  if (format === 'xlsx') {
    return {
      fileName: `${base}.errors.xlsx`,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: writeXlsx([{ name: 'Rows to fix', rows: table }]),
      rows: rows.length,
    };
  }
  return { fileName: `${base}.errors.csv`, mime: 'text/csv', bytes: csvBytes(table), rows: rows.length };
}

/** UTF-8 with a BOM (so Excel reads Thai, Chinese and Burmese right), CRLF, every cell formula-safe. */
export function csvBytes(table: readonly (readonly string[])[]): Uint8Array {
  const lines = table.map((row) => row.map((cell) => csvCell(neutraliseFormula(cell))).join(','));
  return new TextEncoder().encode(`\ufeff${lines.join('\r\n')}\r\n`);
}

function csvCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
