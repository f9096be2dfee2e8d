/**
 * The rows an import could not take, as a file the coordinator can fix and
 * import again: the original columns first (so the same mapping fits), then
 * the row's number in the original file and what is wrong with it. Every cell
 * that a spreadsheet would run as a formula is written so it stays text.
 */
import type { ListFormat } from './table';
import { neutraliseFormula } from './formula';
import type { ImportRow } from './session';
import { writeXlsx } from './xlsx';

export interface ErrorFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  rows: number;
}

export const ERROR_COLUMNS = { row: 'Row in original file', problem: 'Problem to fix' } as const;

export function buildErrorFile(sourceName: string, format: ListFormat, header: readonly string[], rows: readonly ImportRow[]): ErrorFile | null {
  if (rows.length === 0) return null;
  const width = header.length;
  const table: string[][] = [[...header, ERROR_COLUMNS.row, ERROR_COLUMNS.problem]];
  for (const r of rows) {
    const cells = Array.from({ length: width }, (_, i) => r.cells[i] ?? '');
    table.push([...cells, String(r.row), r.problems.map((p) => p.reason).join(' ')]);
  }
  const base = sourceName.replace(/\.(csv|tsv|txt|xlsx)$/i, '');
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
