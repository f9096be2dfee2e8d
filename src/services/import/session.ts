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
 * A file row already imported (same file content, same row) is never
 * registered twice, so importing the same list again changes nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ImportSummaryView } from '../../api/views';
import { HomewardError } from '../../domain/errors';
import { likelyDuplicate, preparePerson, probeOf, probeWindows, type MatchPerson, type NameFrequency, type Probe } from '../../domain/matching';
import type { PersonData } from '../../domain/person';
import { todayIso } from '../../domain/dates';
import { uuidv7 } from '../../db/ids';
import { intakeMatchPerson } from '../../db/match-person';
import { matchKeysOf, type MatchKeys } from '../../db/person-keys';
import { prepare } from '../../db/query';
import type { OfficeStore } from '../../db/store';
import type { WriteTx } from '../../db/write-tx';
import { Blocks } from '../duplicates/blocks';
import { StoredMatcher, type StoredHit } from '../duplicates/finder';
import { openCandidate } from '../duplicates/queue';
import { registerPerson } from '../people';
import { buildErrorFile, type ErrorFile } from './error-file';
import { adaptMapping, guessHeaderRow, importMappingSchema, suggestMapping, type ImportMapping, type ImportMappingInput } from './mapping';
import { fieldColumns, mapRow, type FieldColumns, type RowProblem } from './rows';
import { readListTable, type ListTable, type ReadOptions } from './table';

export type RowStatus = 'valid' | 'invalid' | 'already_imported';

export interface FileDuplicate {
  /** file row number of the earlier row */
  row: number;
  score: number;
  reasons: string[];
}

export interface ImportRow {
  /** file row number, as the coordinator sees it in the spreadsheet */
  row: number;
  status: RowStatus;
  cells: string[];
  data: PersonData | null;
  note: string | null;
  problems: RowProblem[];
  remarks: string[];
  /** likely duplicates among registered people */
  stored: StoredHit[];
  /** likely duplicates among earlier rows of this file */
  inFile: FileDuplicate[];
  /** for an already imported row: the person it created then */
  existing: { personId: string; caseNumber: string } | null;
}

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

/** Rows checked together (see step): enough that a query per chunk costs little, few enough to keep progress smooth. */
const CHUNK = 256;

export class ImportSession {
  readonly id = randomUUID();
  readonly sha256: string;
  readonly table: ListTable;
  readonly today: string;
  mapping: ImportMapping;
  mappingName: string | null;
  private columns: FieldColumns;
  private results: ImportRow[] = [];
  private matcher: StoredMatcher | null = null;
  /** the file's rows so far, by blocking key */
  private fileIndex = new Blocks();
  private filePeople: (MatchPerson | null)[] = [];
  /** what each checked row adds to the duplicate index (keys, name counts, card), reused when the row is registered */
  private fileKeys: (MatchKeys | null)[] = [];
  /** name tokens of the valid rows checked so far, counted */
  private fileTokens = new Map<string, number>();
  private fileCounted = 0;
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
    if (this.table.rows.length === 0) throw new HomewardError('FILE_UNREADABLE', `${fileName} has no rows. Check that you chose the right file (and sheet).`);
    const headerRow = options.headerRow ?? options.savedMapping?.mapping.headerRow ?? guessHeaderRow(this.table.rows);
    const header = this.header(headerRow);
    this.mapping = options.savedMapping ? adaptMapping(options.savedMapping.mapping, header, headerRow) : suggestMapping(header, headerRow);
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

  get checked(): number {
    return this.results.length;
  }

  get done(): boolean {
    return this.results.length === this.dataRows;
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
    this.results = [];
    this.fileIndex = new Blocks();
    this.filePeople = [];
    this.fileKeys = [];
    this.fileTokens = new Map();
    this.fileCounted = 0;
    this.matcher = null;
    this.checkedAt = null;
  }

  /** Checks up to `maxRows` more rows; returns how far the check is. */
  step(maxRows = Infinity): { checked: number; total: number; done: boolean } {
    const referenceYear = Number(this.today.slice(0, 4));
    this.matcher ??= new StoredMatcher(this.store.db, referenceYear);
    const imported = prepare(
      this.store.db,
      `SELECT s.person_id, p.case_number FROM person_source s JOIN person p ON p.id = s.person_id
       WHERE s.file_sha256 = ? AND s.row_number = ? AND s.deleted = 0 AND p.deleted = 0 LIMIT 1`,
    );
    const first = this.mapping.headerRow + 1;
    const end = Math.min(this.dataRows, this.results.length + maxRows);
    while (this.results.length < end) {
      // A chunk of rows is read and mapped first, so that what their duplicate checks read from the
      // store (blocks of keys, the cards of the people in them) is read in one query for the chunk.
      const chunk: { result: ImportRow; person: MatchPerson | null; keys: MatchKeys | null; probe: Probe | null }[] = [];
      for (let k = this.results.length; k < Math.min(end, this.results.length + CHUNK); k++) {
        const index = first + k;
        const cells = this.table.rows[index] ?? [];
        const row = this.table.rowNumbers[index] ?? 0;
        const existing = imported.get(this.sha256, row) as { person_id: string; case_number: string } | undefined;
        const mapped = mapRow(cells, this.mapping, this.columns);
        const result: ImportRow = {
          row,
          status: existing ? 'already_imported' : mapped.data ? 'valid' : 'invalid',
          cells,
          data: mapped.data,
          note: mapped.note,
          problems: mapped.problems,
          remarks: mapped.remarks,
          stored: [],
          inFile: [],
          existing: existing ? { personId: existing.person_id, caseNumber: existing.case_number } : null,
        };
        if (result.status === 'valid' && mapped.data) {
          const person = intakeMatchPerson(mapped.data, this.today, referenceYear);
          chunk.push({ result, person, keys: matchKeysOf(person, referenceYear), probe: probeOf(probeWindows(person, { referenceYear })) });
        } else chunk.push({ result, person: null, keys: null, probe: null });
      }
      this.matcher.prefetch(chunk.flatMap((c) => (c.probe ? [c.probe] : [])));
      for (const { result, person, keys, probe } of chunk) {
        if (person && keys && probe) {
          for (const t of keys.tokens) this.fileTokens.set(t, (this.fileTokens.get(t) ?? 0) + 1);
          this.fileCounted++;
          // Name counts as they will be once the file is registered: the registry plus the rows so far.
          const registry = this.matcher.frequency;
          const counted = this.fileCounted;
          const fileTokens = this.fileTokens;
          const frequency: NameFrequency = {
            get total() {
              return registry.total + counted;
            },
            count: (t) => registry.count(t) + (fileTokens.get(t) ?? 0),
          };
          result.stored = this.matcher.find(person, undefined, frequency, probe);
          result.inFile = this.inFile(person, probe, referenceYear, frequency);
          this.index(person, keys);
        } else this.index(null, null);
        this.results.push(result);
      }
    }
    if (this.done) this.checkedAt = this.store.writes;
    return { checked: this.results.length, total: this.dataRows, done: this.done };
  }

  private inFile(person: MatchPerson, probe: Probe, referenceYear: number, frequency: NameFrequency): FileDuplicate[] {
    const seen = new Set<number>();
    this.fileIndex.meet(probe, (i) => seen.add(i));
    const hits: FileDuplicate[] = [];
    const options = { referenceYear, frequency };
    const prepared = preparePerson(person, options);
    for (const i of seen) {
      const other = this.filePeople[i];
      const r = other && likelyDuplicate(prepared, preparePerson(other, options), options);
      if (r) hits.push({ row: this.results[i]?.row ?? 0, score: Math.round(r.score * 1000) / 1000, reasons: r.reasons });
    }
    return hits.sort((a, b) => b.score - a.score || a.row - b.row);
  }

  private index(person: MatchPerson | null, keys: MatchKeys | null): void {
    const i = this.filePeople.length;
    this.filePeople.push(person);
    this.fileKeys.push(keys);
    if (!keys) return;
    for (const key of keys.keys) this.fileIndex.add(key, i);
  }

  rows(): readonly ImportRow[] {
    return this.results;
  }

  summary(): ImportSummary {
    const s: ImportSummary = { rows: this.results.length, valid: 0, invalid: 0, blank: this.table.blankRows, alreadyImported: 0, flagged: 0, duplicatesOfStored: 0, duplicatesInFile: 0 };
    for (const r of this.results) {
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
    return buildErrorFile(this.fileName, this.table.format, this.header(), this.results.filter((r) => r.status === 'invalid'));
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
      this.results.forEach((r, i) => {
        if (r.status !== 'valid' || !r.data) return;
        const { id, caseNumber } = registerPerson(tx, r.data, this.today);
        const keys = this.fileKeys[i];
        if (keys) tx.hintMatchKeys(id, keys);
        byRow.set(r.row, id);
        created.push({ row: r.row, personId: id, caseNumber });
        tx.insert('person_source', { id: `${batchId}/${r.row}`, person_id: id, batch_id: batchId, file_sha256: this.sha256, row_number: r.row, created_at: tx.at, deleted: 0 });
        if (r.note) addImportNote(tx, id, r.note);
      });
      for (const r of this.results) {
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
        after: { fileName: this.fileName, sha256: this.sha256, format: this.table.format, mapping: this.mappingName, ...counts },
      });
    });
    const errorFile = summary.invalid ? this.errorFile() : null;
    // The rows are registered now: a second apply would find them all already imported.
    this.setMapping(this.mapping, this.mappingName);
    return { batchId, summary, created, queued, errorFile };
  }
}

function addImportNote(tx: WriteTx, personId: string, body: string): void {
  const note = { id: uuidv7(), person_id: personId, body: body.slice(0, 20_000), author: tx.actor, created_at: tx.at };
  tx.insert('note', note);
  tx.audit({ action: 'note.added', entityType: 'note', entityId: note.id, personId, after: { body: note.body, source: 'import' } });
}
