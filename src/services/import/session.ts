/**
 * One import of one list, from the file to the registered people.
 *
 *  1. open: the file is read (encoding and format detected, or as the
 *     coordinator chose) and a mapping proposed from its headers;
 *  2. check (the dry run), in steps so a host can show progress: every row is
 *     mapped and validated, and looked up for likely duplicates among the
 *     people already registered and among the earlier rows of the file;
 *  3. apply: every valid row is registered in ONE transaction — all or
 *     nothing — with its provenance; likely duplicates enter the review
 *     queue; invalid rows go to an error file to fix and import again.
 *
 * A row already imported (the same row of the same list, or the same person
 * details from any file: see ./check) is never registered twice, so
 * importing the same list again, or a copy of it, changes nothing. An error
 * file Homeward wrote, fixed and imported, is known by its columns: its rows
 * are recorded as the rows of the original list they stand for.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ImportSummaryView } from '../../api/views';
import { HomewardError } from '../../domain/errors';
import { todayIso } from '../../domain/dates';
import { uuidv7 } from '../../db/ids';
import { prepare, type Sqlite } from '../../db/query';
import type { OfficeStore } from '../../db/store';
import type { WriteTx } from '../../db/write-tx';
import { openCandidate } from '../duplicates/queue';
import { registerPerson } from '../people';
import { ListCheck, type ImportRow, type OriginalList } from './check';
import { buildErrorFile, errorColumnsOf, originalRowNumber, withoutErrorColumns, type ErrorColumns, type ErrorFile } from './error-file';
import { importMappingSchema, proposeMapping, type AdaptedMapping, type ImportMapping, type ImportMappingInput } from './mapping';
import { fieldColumns, type FieldColumns } from './rows';
import { readListTable, type ListTable, type ReadOptions } from './table';

export type { FileDuplicate, ImportRow, ListRowRef, OriginalList, RowStatus } from './check';

/** What a check found; the API shows it as is. */
export type ImportSummary = ImportSummaryView;

export interface ImportResult {
  batchId: string;
  summary: ImportSummary;
  created: { row: number; personId: string; caseNumber: string }[];
  /** pairs put in the review queue */
  queued: number;
  errorFile: ErrorFile | null;
}

export interface OpenOptions extends ReadOptions {
  /** a saved mapping laid over this file's header */
  savedMapping?: { name: string; mapping: ImportMapping } | undefined;
  headerRow?: number | undefined;
  today?: string | undefined;
}

export class ImportSession {
  readonly id = randomUUID();
  readonly sha256: string;
  readonly table: ListTable;
  readonly today: string;
  mapping: ImportMapping;
  mappingName: string | null;
  /** how a saved mapping fitted this file: its new columns left unmapped, and saved columns it does not have */
  readonly savedMappingFit: Pick<AdaptedMapping, 'unmatched' | 'missing'> | null;
  private columns: FieldColumns;
  private check: ListCheck | null = null;
  /** when the list is an error file Homeward wrote: its own columns, and the list it came from when that is known */
  private errorList: { columns: ErrorColumns; original: OriginalList | null } | null = null;
  /** the store's write count when the check ran: apply refuses a check made stale by other writes */
  private checkedAt: number | null = null;

  constructor(
    private readonly store: OfficeStore,
    bytes: Uint8Array,
    readonly fileName: string,
    readonly options: OpenOptions = {},
  ) {
    this.sha256 = createHash('sha256').update(bytes).digest('hex');
    this.today = options.today ?? todayIso();
    this.table = readListTable(bytes, fileName, options);
    if (this.table.rows.length === 0) throw new HomewardError('FILE_UNREADABLE', `${fileName} has no rows. Check that you chose the right file.`);
    const proposed = proposeMapping(this.table.rows, options.savedMapping?.mapping, options.headerRow);
    this.mapping = proposed.mapping;
    this.savedMappingFit = options.savedMapping ? { unmatched: proposed.unmatched, missing: proposed.missing } : null;
    this.mappingName = options.savedMapping?.name ?? null;
    this.columns = fieldColumns(this.mapping);
  }

  /** The header row's cells (as many as the widest row, so every column can be mapped). */
  header(headerRow = this.mapping.headerRow): string[] {
    const width = this.table.rows.reduce((w, r) => Math.max(w, r.length), 0);
    const row = this.table.rows[headerRow] ?? [];
    return Array.from({ length: width }, (_, i) => row[i] ?? '');
  }

  /** Data rows: everything below the header row. */
  get dataRows(): number {
    return Math.max(0, this.table.rows.length - this.mapping.headerRow - 1);
  }

  get done(): boolean {
    return this.check?.done ?? false;
  }

  /** A new mapping starts the check again. */
  setMapping(input: ImportMappingInput, name: string | null = null): void {
    const parsed = importMappingSchema.safeParse(input);
    if (!parsed.success) {
      throw new HomewardError('VALIDATION_FAILED', parsed.error.issues.map((i) => i.message).join(' '), { issues: parsed.error.issues });
    }
    const width = this.header(parsed.data.headerRow).length;
    if (parsed.data.columns.length > width) {
      throw new HomewardError('VALIDATION_FAILED', `The mapping has ${parsed.data.columns.length} columns but the file has ${width}. Start again from the file's own columns.`);
    }
    this.mapping = parsed.data;
    this.mappingName = name;
    this.columns = fieldColumns(this.mapping);
    this.check = null;
    this.checkedAt = null;
  }

  /** Checks about `maxRows` more rows' worth (see ./check); returns how far the check is. */
  step(maxRows = Infinity): { checked: number; total: number; done: boolean } {
    if (!this.check) {
      const first = this.mapping.headerRow + 1;
      const rows = this.table.rows.slice(first, first + this.dataRows);
      const columns = errorColumnsOf(this.header());
      this.errorList = columns ? { columns, original: originalListOf(this.store.db, this.fileName, this.header(), columns, rows) } : null;
      const context = {
        sha256: this.sha256,
        sheet: this.table.sheet,
        errorFile: this.errorList ? { rowColumn: this.errorList.columns.row, original: this.errorList.original } : null,
        mapping: this.mapping,
        columns: this.columns,
        today: this.today,
        referenceYear: Number(this.today.slice(0, 4)),
      };
      this.check = new ListCheck(this.store.db, context, rows, this.table.rowNumbers.slice(first, first + this.dataRows));
    }
    const progress = this.check.run(maxRows);
    if (progress.done && this.checkedAt === null) this.checkedAt = this.store.writes;
    return progress;
  }

  rows(): readonly ImportRow[] {
    return this.check?.results() ?? [];
  }

  /** For an error file Homeward wrote, once checked: the list its rows come from (null when no import of it is recorded here). */
  get originalList(): OriginalList | null {
    return this.errorList?.original ?? null;
  }

  summary(): ImportSummary {
    const s: ImportSummary = { rows: this.rows().length, valid: 0, invalid: 0, blank: this.table.blankRows, alreadyImported: 0, flagged: 0, duplicatesOfStored: 0, duplicatesInFile: 0 };
    for (const r of this.rows()) {
      if (r.status === 'valid') s.valid++;
      else if (r.status === 'invalid') s.invalid++;
      else s.alreadyImported++;
      if (r.status !== 'valid') continue;
      if (r.stored.length) s.duplicatesOfStored++;
      if (r.inFile.length) s.duplicatesInFile++;
      if (r.stored.length || r.inFile.length) s.flagged++;
    }
    return s;
  }

  errorFile(): ErrorFile | null {
    return buildErrorFile(this.fileName, this.table.format, this.header(), this.rows().filter((r) => r.status === 'invalid'), this.errorList?.columns ?? null);
  }

  /** Registers every valid row in one transaction; refuses when the check is not complete or has gone stale. */
  apply(actor: string): ImportResult {
    if (!this.done) this.step();
    if (this.checkedAt !== this.store.writes) {
      // Someone registered or changed people since the check: look again, so duplicates and re-imports are current.
      this.setMapping(this.mapping, this.mappingName);
      this.step();
    }
    const summary = this.summary();
    const batchId = uuidv7();
    const created: ImportResult['created'] = [];
    let queued = 0;
    this.store.write(actor, (tx) => {
      const byRow = new Map<number, string>();
      const rows = this.rows();
      const fileKeys = this.check?.keys() ?? [];
      rows.forEach((r, i) => {
        if (r.status !== 'valid' || !r.data) return;
        const { id, caseNumber } = registerPerson(tx, r.data, this.today);
        const keys = fileKeys[i];
        if (keys) tx.hintMatchKeys(id, keys);
        byRow.set(r.row, id);
        created.push({ row: r.row, personId: id, caseNumber });
        tx.insert('person_source', {
          id: `${batchId}/${r.row}`,
          person_id: id,
          batch_id: batchId,
          file_sha256: this.sha256,
          row_number: r.row,
          sheet: this.table.sheet,
          row_fingerprint: r.fingerprint,
          original_sha256: r.original?.sha256 ?? null,
          original_sheet: r.original?.sheet ?? null,
          original_row: r.original?.row ?? null,
          created_at: tx.at,
          deleted: 0,
        });
        if (r.note) addImportNote(tx, id, r.note);
      });
      for (const r of rows) {
        const id = byRow.get(r.row);
        if (!id) continue;
        for (const hit of r.stored) if (openCandidate(tx, id, hit.personId, hit.score, hit.reasons, 'import')) queued++;
        for (const hit of r.inFile) {
          const other = byRow.get(hit.row);
          if (other && openCandidate(tx, id, other, hit.score, hit.reasons, 'import')) queued++;
        }
      }
      const counts = { ...summary, created: created.length, queued };
      tx.insert('import_batch', {
        id: batchId,
        file_name: this.fileName,
        file_sha256: this.sha256,
        format: this.table.format,
        encoding: this.table.encoding,
        sheet: this.table.sheet,
        mapping: JSON.stringify(this.mapping),
        mapping_name: this.mappingName,
        rows_total: summary.rows,
        created: created.length,
        already_imported: summary.alreadyImported,
        rejected: summary.invalid,
        blank: summary.blank,
        flagged: summary.flagged,
        imported_at: tx.at,
        imported_by: tx.actor,
        created_at: tx.at,
        updated_at: tx.at,
        deleted: 0,
      });
      tx.audit({
        action: 'import.applied',
        entityType: 'import_batch',
        entityId: batchId,
        after: {
          fileName: this.fileName,
          sha256: this.sha256,
          format: this.table.format,
          sheet: this.table.sheet,
          mapping: this.mappingName,
          ...counts,
          ...(this.errorList ? { original: this.errorList.original } : {}),
          errorRows: this.errorRows(),
        },
      });
    });
    const errorFile = summary.invalid ? this.errorFile() : null;
    // The rows are registered now: a second apply would find them all already imported.
    this.setMapping(this.mapping, this.mappingName);
    return { batchId, summary, created, queued, errorFile };
  }

  /**
   * The rows this import's error file holds, as rows of the list they belong
   * to (this one, or the original of an error file), so that the error file,
   * fixed and imported, finds that list (see originalListOf).
   */
  private errorRows(): ErrorRows | null {
    const invalid = this.rows().filter((r) => r.status === 'invalid');
    if (!this.errorList) return { fileName: this.fileName, sha256: this.sha256, sheet: this.table.sheet, rows: invalid.map((r) => r.row) };
    const { columns, original } = this.errorList;
    if (!original) return null;
    return { ...original, rows: invalid.flatMap((r) => originalRowNumber(r.cells[columns.row]) ?? []) };
  }
}

/** Recorded with each import (audit event import.applied): the rows its error file holds, in the list they come from. */
interface ErrorRows extends OriginalList {
  rows: number[];
}

/** A header's column names, in any order (the coordinator may move columns while fixing rows). */
const headerKey = (header: readonly string[]) =>
  header
    .map((h) => h.trim())
    .filter(Boolean)
    .sort()
    .join('\u0001');

/**
 * The list an error file came from: an import recorded here whose columns
 * are the error file's own and whose error file held every row it names.
 * When several fit (lists from one source share their columns), the one the
 * error file is named after, if only one is. Otherwise null, as for the error
 * file of a dry run nobody applied: a guess could take a fixed row for a row
 * of another list imported before, and leave that person unregistered.
 */
function originalListOf(db: Sqlite, fileName: string, header: readonly string[], columns: ErrorColumns, rows: readonly string[][]): OriginalList | null {
  const named = rows.flatMap((r) => originalRowNumber(r[columns.row]) ?? []);
  if (named.length === 0) return null;
  const key = headerKey(withoutErrorColumns(header, columns));
  const imports = prepare(
    db,
    `SELECT b.mapping, b.imported_at AS importedAt, e.after FROM audit_event e JOIN import_batch b ON b.id = e.entity_id
     WHERE e.action = 'import.applied' AND e.entity_type = 'import_batch' AND b.deleted = 0`,
  ).all() as { mapping: string; importedAt: string; after: string | null }[];
  const fitting: { list: OriginalList; named: boolean }[] = [];
  for (const i of imports) {
    const errorRows = (i.after ? (JSON.parse(i.after) as { errorRows?: ErrorRows | null }) : {}).errorRows;
    if (!errorRows || errorRows.rows.length === 0) continue;
    const theirs = (JSON.parse(i.mapping) as ImportMapping).columns.map((c) => c.header);
    if (headerKey(withoutErrorColumns(theirs, errorColumnsOf(theirs))) !== key) continue;
    const held = new Set(errorRows.rows);
    if (!named.every((n) => held.has(n))) continue;
    const base = errorRows.fileName.replace(/\.(csv|tsv|txt|xlsx)$/i, '');
    fitting.push({ list: { fileName: errorRows.fileName, sha256: errorRows.sha256, sheet: errorRows.sheet }, named: fileName.startsWith(`${base}.errors`) });
  }
  // An error file's own fix points at the same original list as the first: one list, not two.
  const one = (fits: typeof fitting) => (new Set(fits.map((f) => `${f.list.sha256} ${f.list.sheet}`)).size === 1 ? fits[0]!.list : null);
  return one(fitting) ?? one(fitting.filter((f) => f.named));
}

function addImportNote(tx: WriteTx, personId: string, body: string): void {
  const note = { id: uuidv7(), person_id: personId, body: body.slice(0, 20_000), author: tx.actor, created_at: tx.at };
  tx.insert('note', note);
  tx.audit({ action: 'note.added', entityType: 'note', entityId: note.id, personId, after: { body: note.body, source: 'import' } });
}
