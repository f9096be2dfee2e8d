/**
 * Spreadsheet formula injection ("CSV injection").
 *
 * A cell typed as `=HYPERLINK("http://…","click")` or `@SUM(…)` in a list we
 * import is harmless in Homeward: we store every cell as plain text and never
 * evaluate it. The danger is on the way out. When Homeward writes a CSV or
 * XLSX (verification lists for embassies, transfer manifests, reports) and
 * someone opens it in Excel or LibreOffice, a cell starting with a formula
 * character would run.
 *
 * The rule:
 *  - Import stores the value exactly as typed. A phone number `+66 81 234 5678`
 *    or a note `-- moved to shelter B` stays as it is in the database; search,
 *    matching and the UI see the real value.
 *  - Every CSV cell Homeward writes goes through `neutraliseFormula`: a
 *    value starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 *    single quote in front, which spreadsheets treat as "this is text" and do
 *    not show. (OWASP's recommendation; `'+66…` still reads as the number.)
 *  - XLSX needs no quote: `writeXlsx` (./xlsx) writes every cell as an inline
 *    string in the Text format, which no spreadsheet evaluates.
 *  - Nothing else is changed, so exporting and re-importing is lossless apart
 *    from that one quote, which `stripNeutralisingQuote` removes on import.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** Would a spreadsheet treat this cell as a formula (or strip its start)? */
export function isFormulaLike(cell: string): boolean {
  return FORMULA_START.test(cell);
}

/** The cell as it must be written to any CSV/XLSX Homeward produces. */
export function neutraliseFormula(cell: string): string {
  return isFormulaLike(cell) ? `'${cell}` : cell;
}

/**
 * On import: undo our own (or Excel's) neutralising quote, but only in front of
 * a formula character, so a name like `'Ali` stays untouched.
 */
export function stripNeutralisingQuote(cell: string): string {
  return cell.startsWith("'") && isFormulaLike(cell.slice(1)) ? cell.slice(1) : cell;
}
