/**
 * RFC 4180 CSV, as spreadsheets really write it.
 *
 * Lists arrive from Excel in three locales: comma-separated, semicolon-
 * separated (where the comma is the decimal mark), tab-separated ("Unicode
 * text") and now and then pipe-separated from police systems. Names contain
 * commas and quotes; notes contain line breaks. Every row keeps the line it
 * started on so the preview can say "line 4,812: …" and the coordinator can
 * find it in the original file.
 *
 * One pass over the string, fields cut with slice(): no per-character string
 * building, so a 10,000-row file parses in milliseconds.
 */

export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

export interface CsvIssue {
  line: number;
  message: string;
}

export interface CsvTable {
  delimiter: Delimiter;
  /** Data rows in file order, blank rows dropped. */
  rows: string[][];
  /** 1-based line in the file where rows[i] starts (a quoted field may span lines). */
  lines: number[];
  /** Things the coordinator should know about; the parse still went on. */
  issues: CsvIssue[];
}

export interface CsvOptions {
  /** The coordinator's choice in the preview; otherwise sniffed from the first lines. */
  delimiter?: Delimiter;
}

export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? sniffDelimiter(source);
  const table: CsvTable = { delimiter, rows: [], lines: [], issues: [] };
  scan(source, delimiter, Infinity, table);
  return table;
}

/**
 * The delimiter that splits the first records into the same number of fields
 * (more than one) most often; quotes are respected, so a comma inside a quoted
 * name does not count. Ties go to the earlier of , ; \t |.
 */
export function sniffDelimiter(text: string, sampleRecords = 20): Delimiter {
  const sample = text.slice(0, 64 * 1024);
  let best: Delimiter = ',';
  let bestScore = -1;
  let bestWidth = 0;
  for (const d of DELIMITERS) {
    const probe: CsvTable = { delimiter: d, rows: [], lines: [], issues: [] };
    scan(sample, d, sampleRecords, probe);
    const widths = new Map<number, number>();
    for (const row of probe.rows) widths.set(row.length, (widths.get(row.length) ?? 0) + 1);
    let width = 1;
    let count = 0;
    for (const [w, n] of widths) if (n > count || (n === count && w > width)) [width, count] = [w, n];
    if (width < 2) continue;
    const score = count / Math.max(1, probe.rows.length);
    if (score > bestScore || (score === bestScore && width > bestWidth)) {
      best = d;
      bestScore = score;
      bestWidth = width;
    }
  }
  return best;
}

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

/** The state machine; stops after `maxRecords` non-blank records (for sniffing). */
function scan(text: string, delimiter: Delimiter, maxRecords: number, out: CsvTable): void {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n && out.rows.length < maxRecords) {
    const startLine = line;
    const row: string[] = [];
    // One record: fields until an unquoted line break or the end.
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted field: runs to the next lone quote; "" is a literal quote.
        const parts: string[] = [];
        let from = i + 1;
        let j = from;
        let closed = false;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === QUOTE) {
            if (text.charCodeAt(j + 1) === QUOTE) {
              parts.push(text.slice(from, j + 1));
              j += 2;
              from = j;
              continue;
            }
            closed = true;
            break;
          }
          if (c === LF || (c === CR && text.charCodeAt(j + 1) !== LF)) line++;
          j++;
        }
        parts.push(text.slice(from, j));
        value = parts.join('');
        i = closed ? j + 1 : n;
        if (!closed) out.issues.push({ line: startLine, message: 'A quoted field is never closed: everything to the end of the file was read into it. Check for a missing " on this line.' });
        // Text after the closing quote (`"a"b,`) is kept, as spreadsheets do, but reported.
        const tailStart = i;
        while (i < n && text.charCodeAt(i) !== delim && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
        if (i > tailStart) {
          const tail = text.slice(tailStart, i);
          if (tail.trim() !== '') out.issues.push({ line, message: `Text after a closing quote was kept: ${JSON.stringify(value + tail)}.` });
          value += tail;
        }
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          i++;
        }
        value = text.slice(start, i);
      }
      row.push(value);
      if (i < n && text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      break;
    }
    // End of record: CRLF, LF or a lone CR (old Mac Excel).
    if (i < n) {
      if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i += 2;
      else i++;
      line++;
    }
    // Blank lines and rows of empty cells (Excel pads with ",,,,") carry nothing.
    if (row.some((f) => f.trim() !== '')) {
      out.rows.push(row);
      out.lines.push(startLine);
    }
  }
}
