import type { EncodingRefusal } from './decode';

/**
 * What every value parser returns. A refusal carries a sentence the
 * coordinator can act on in the preview ("Write the full year…"), never a
 * code; an acceptance may carry a note the preview shows next to the value
 * ("converted from BE 2568").
 */
export type Parsed<T, Extra extends object = object> =
  | ({ ok: true; value: T; note?: string } & Extra)
  | { ok: false; reason: string };

export const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Shows the cell in a refusal, shortened so one bad cell cannot flood the preview. */
export const quote = (s: string): string => `“${s.length > 40 ? `${s.slice(0, 40)}…` : s}”`;

/**
 * A row the check found imported before: the record it became (followed to
 * the one it was merged into since, if it was) and the earlier import it was
 * recognised by. The preview and the CLI name that file and row.
 */
export interface AlreadyImported {
  personId: string;
  caseNumber: string;
  /**
   * row: the same row of the same list (same file content and sheet);
   * original: the same row of the original list, one side being an error file Homeward wrote;
   * details: the same person details, imported before from any file.
   */
  match: 'row' | 'original' | 'details';
  /** the earlier import's file, sheet and row */
  fileName: string | null;
  sheet: string | null;
  row: number;
}

/**
 * The details of a refusal to read a workbook's sheet (FILE_UNREADABLE when
 * the sheet or every sheet is empty, NOT_FOUND for a sheet that does not
 * exist, or a damaged sheet), so the import wizard can offer the others.
 */
export interface SheetRefusal {
  reason: 'sheet';
  /** every sheet of the workbook, in tab order */
  sheets: string[];
  /** the sheet that could not be read, as asked for; null when no sheet has rows */
  sheet: string | null;
  /** sheets known to be empty */
  empty: string[];
}

/** What a refused read of a list carries in its details. */
export type ReadRefusal = EncodingRefusal | SheetRefusal;
