/**
 * The check of a list (the dry run), in two passes, a chunk of rows at a time
 * so that a host can show progress:
 *
 *  1. map: every row is mapped and validated through the intake schema, and
 *     its match card, blocking keys and probe worked out;
 *  2. match: every valid row is looked up among the registered people (by
 *     blocking keys, see ../duplicates/finder), a chunk's blocks and cards
 *     read in one query each; then, in file order, among the earlier rows of
 *     the file.
 *
 * Scores weigh how common a name is by the registry's counts plus the whole
 * file's, as they will be once the list is registered: that is why every row
 * is mapped before any is matched, and why a row's result does not depend on
 * where in the file it stands.
 *
 * A row is already imported when an earlier import holds the same row of the
 * same list (file content and sheet), the same row of the original list (one
 * side being an error file Homeward wrote), or the same person details from
 * any file (a list saved again, re-encoded, its columns moved), when they say
 * enough to be one person. Only earlier imports count: two rows of one list
 * with the same details are two people until the review queue says otherwise.
 * The row shows the record that stands for the person now (merges followed).
 */
import { createHash } from 'node:crypto';
import { likelyDuplicate, preparePerson, probeOf, probeWindows, type MatchPerson, type NameFrequency, type PreparedPerson, type Probe } from '../../domain/matching';
import type { PersonData } from '../../domain/person';
import { intakeMatchPerson } from '../../db/match-person';
import { matchKeysOf, type MatchKeys } from '../../db/person-keys';
import { prepare, type Sqlite } from '../../db/query';
import { Blocks } from '../duplicates/blocks';
import { StoredMatcher, type StoredHit } from '../duplicates/finder';
import { originalRowNumber } from './error-file';
import type { ImportMapping } from './mapping';
import type { AlreadyImported } from './result';
import { mapRow, type FieldColumns, type RowProblem } from './rows';

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
  /** for an already imported row: the person it created then, and the import that did */
  existing: AlreadyImported | null;
  /** of the person's details, for a valid row (see rowFingerprint) */
  fingerprint: string | null;
  /** for a row of an error file whose original list is known: the row there */
  original: ListRowRef | null;
}

/** A row of a list: the file by content, the sheet (null for CSV), the row number. */
export interface ListRowRef {
  sha256: string;
  sheet: string | null;
  row: number;
}

/** The list an error file Homeward wrote came from. */
export interface OriginalList {
  sha256: string;
  sheet: string | null;
  fileName: string;
}

/** A row after the map pass: its result so far and, when valid, what matching needs. */
interface MappedListRow {
  result: ImportRow;
  person: MatchPerson | null;
  /** what the row adds to the duplicate index (keys, name counts, card), reused when it is registered */
  keys: MatchKeys | null;
  probe: Probe | null;
}

/** What mapping a row needs besides its cells. */
interface ListContext {
  sha256: string;
  sheet: string | null;
  /** for an error file Homeward wrote: its "Row in original file" column, and the original list when it is known */
  errorFile: { rowColumn: number; original: OriginalList | null } | null;
  mapping: ImportMapping;
  columns: FieldColumns;
  today: string;
  referenceYear: number;
}

/** Rows checked together: enough that a query per chunk costs little, few enough to keep progress smooth. */
const CHUNK = 256;

/**
 * The person details that identify a list row, normalised so that every copy
 * of the list (saved again, re-encoded, columns moved) gives the same
 * fingerprint: names, sex, birth date or age, nationality, documents, phone,
 * and the rescue. Read from the validated record, never from the raw cells.
 */
export function rowFingerprint(p: PersonData): string {
  const text = (s: string | null) => (s ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const documents = p.documents.map((d) => [d.type, text(d.number).replace(/[\s-]/g, ''), d.issuingCountry ?? ''].join(':')).sort();
  const details = [
    text(p.familyName),
    text(p.givenNames),
    text(p.nativeName),
    p.aliases.map(text).sort(),
    p.sex,
    p.birthDate,
    p.estimatedAge,
    p.claimedNationality,
    documents,
    (p.phone ?? '').replace(/[^\d+]/g, ''),
    p.rescueDate,
    text(p.rescueSite),
    text(p.rescueOperation),
  ];
  return createHash('sha256').update(JSON.stringify(details)).digest('hex');
}

/**
 * Whether a row says enough for its details alone to mean "this person, imported
 * before", so that it is skipped: a name and a document number or a full birth
 * date, which two people rarely share. A name with an age, a phone (families
 * share one) or a rescue date (everyone rescued that day has it, often filled
 * in for the whole list) is not: two namesakes would lose one of them. Such a
 * row is registered, and the duplicate review shows it beside the earlier one.
 */
export function specificEnough(p: PersonData): boolean {
  const named = !!(p.familyName || p.givenNames || p.nativeName);
  return named && (p.documents.some((d) => !!d.number) || (p.birthDate?.length ?? 0) === 10);
}

/** An earlier import's source of one person. */
interface EarlierSource {
  id: string;
  personId: string;
  fileName: string | null;
  sheet: string | null;
  row: number;
}

/** Sources of live people, with their file name and sheet (a source synced from an office not yet on version 6 has its batch's sheet). */
const SOURCES = `SELECT s.id, s.person_id AS personId, b.file_name AS fileName, COALESCE(s.sheet, b.sheet) AS sheet, s.row_number AS row,
  s.original_sheet AS originalSheet, s.original_row AS originalRow
  FROM person_source s JOIN person p ON p.id = s.person_id LEFT JOIN import_batch b ON b.id = s.batch_id`;
type SourceRow = EarlierSource & { originalSheet: string | null; originalRow: number | null };
const LIVE_SOURCE = 'AND s.deleted = 0 AND p.deleted = 0 ORDER BY s.created_at, s.id';
const BY_FINGERPRINT = `${SOURCES} WHERE s.row_fingerprint = ? ${LIVE_SOURCE}`;

/** The record that stands for a person now: a person merged away since stands for the one they were merged into. */
const LIVE_RECORD = `WITH RECURSIVE chain(id, case_number, stage, merged_into, depth) AS (
    SELECT id, case_number, stage, merged_into, 0 FROM person WHERE id = ?
    UNION ALL
    SELECT p.id, p.case_number, p.stage, p.merged_into, c.depth + 1 FROM chain c JOIN person p ON p.id = c.merged_into
    WHERE c.stage = 'merged' AND p.deleted = 0 AND c.depth < 100
  )
  SELECT id, case_number AS caseNumber FROM chain ORDER BY depth DESC LIMIT 1`;

/** Maps rows of one list: validated, keyed, and checked against earlier imports (see the top of this file). */
class RowMapper {
  /** this list's rows imported before, by row number: from this file, or through an error file of it */
  private readonly ownRows = new Map<number, { source: EarlierSource; match: AlreadyImported['match'] }>();
  /** for an error file: the original list's rows imported before, by row number there */
  private readonly originalRows = new Map<number, EarlierSource>();
  /** sources a row of this list holds by its number: a row with the same details cannot take them */
  private readonly held = new Set<string>();
  /** sources taken by an earlier row of this check, so two rows with the same details need two earlier imports */
  private readonly taken = new Set<string>();

  constructor(
    private readonly db: Sqlite,
    private readonly context: ListContext,
  ) {
    const { sha256, sheet, errorFile } = context;
    for (const r of listRows(db, sha256, sheet)) {
      this.held.add(r.source.id);
      if (!this.ownRows.has(r.key)) this.ownRows.set(r.key, { source: r.source, match: r.direct ? 'row' : 'original' });
    }
    const original = errorFile?.original;
    if (original) {
      for (const r of listRows(db, original.sha256, original.sheet)) {
        this.held.add(r.source.id);
        if (!this.originalRows.has(r.key)) this.originalRows.set(r.key, r.source);
      }
    }
  }

  map(cells: string[], row: number): MappedListRow {
    const { mapping, columns, today, referenceYear } = this.context;
    const mapped = mapRow(cells, mapping, columns);
    const fingerprint = mapped.data ? rowFingerprint(mapped.data) : null;
    const original = this.originalOf(cells);
    const existing = this.earlier(row, original, mapped.data && specificEnough(mapped.data) ? fingerprint : null);
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
      existing,
      fingerprint,
      original,
    };
    if (result.status !== 'valid' || !mapped.data) return { result, person: null, keys: null, probe: null };
    const person = intakeMatchPerson(mapped.data, today, referenceYear);
    return { result, person, keys: matchKeysOf(person, referenceYear), probe: probeOf(probeWindows(person, { referenceYear })) };
  }

  /** For an error file's row: its row in the original list, when the list is known and the cell holds a row number. */
  private originalOf(cells: readonly string[]): ListRowRef | null {
    const errorFile = this.context.errorFile;
    if (!errorFile?.original) return null;
    const row = originalRowNumber(cells[errorFile.rowColumn]);
    return row === null ? null : { sha256: errorFile.original.sha256, sheet: errorFile.original.sheet, row };
  }

  /** `fingerprint`: of a row specific enough to be known by its details, else null. */
  private earlier(row: number, original: ListRowRef | null, fingerprint: string | null): AlreadyImported | null {
    const own = this.ownRows.get(row);
    if (own) return this.alreadyImported(own.source, own.match);
    const fromOriginal = original ? this.originalRows.get(original.row) : undefined;
    if (fromOriginal) return this.alreadyImported(fromOriginal, 'original');
    if (!fingerprint) return null;
    let pick: EarlierSource | null = null;
    for (const s of prepare(this.db, BY_FINGERPRINT).all(fingerprint) as EarlierSource[]) {
      if (this.held.has(s.id) || this.taken.has(s.id)) continue;
      // The same row number first: a list saved again keeps its rows where they were.
      if (!pick || (s.row === row && pick.row !== row)) pick = s;
    }
    if (!pick) return null;
    this.taken.add(pick.id);
    return this.alreadyImported(pick, 'details');
  }

  private alreadyImported(source: EarlierSource, match: AlreadyImported['match']): AlreadyImported {
    const live = (prepare(this.db, LIVE_RECORD).get(source.personId) as { id: string; caseNumber: string } | undefined) ?? { id: source.personId, caseNumber: '' };
    return { personId: live.id, caseNumber: live.caseNumber, match, fileName: source.fileName, sheet: source.sheet, row: source.row };
  }
}

/**
 * The rows of one list imported before, keyed by their row number in it:
 * imported from the list itself (direct), or through an error file of it.
 */
function listRows(db: Sqlite, sha256: string, sheet: string | null): { key: number; source: EarlierSource; direct: boolean }[] {
  const direct = (prepare(db, `${SOURCES} WHERE s.file_sha256 = ? ${LIVE_SOURCE}`).all(sha256) as SourceRow[]).filter((r) => r.sheet === sheet);
  const through = (prepare(db, `${SOURCES} WHERE s.original_sha256 = ? ${LIVE_SOURCE}`).all(sha256) as SourceRow[]).filter((r) => r.originalSheet === sheet && r.originalRow !== null);
  const source = (r: SourceRow): EarlierSource => ({ id: r.id, personId: r.personId, fileName: r.fileName, sheet: r.sheet, row: r.row });
  return [...direct.map((r) => ({ key: r.row, source: source(r), direct: true })), ...through.map((r) => ({ key: r.originalRow as number, source: source(r), direct: false }))];
}

/** The registry's name counts plus the file's valid rows' (`rows` of them, `tokens` counted). */
function withFileCounts(registry: NameFrequency, tokens: ReadonlyMap<string, number>, rows: number): NameFrequency {
  return {
    get total() {
      return registry.total + rows;
    },
    count: (t) => registry.count(t) + (tokens.get(t) ?? 0),
  };
}

/** Likely duplicates among the registered people of each of these rows (empty for a row that is not valid). */
function matchRows(matcher: StoredMatcher, rows: readonly MappedListRow[], frequency: NameFrequency): StoredHit[][] {
  matcher.prefetch(rows.flatMap((r) => (r.probe ? [r.probe] : [])));
  return rows.map((r) => (r.person && r.probe ? matcher.find(r.person, undefined, frequency, r.probe) : []));
}

export interface CheckProgress {
  /** rows' worth of work done, out of total */
  checked: number;
  total: number;
  done: boolean;
}

/** One check of one list under one mapping (see the top of this file). */
export class ListCheck {
  readonly total: number;
  private readonly mapped: MappedListRow[] = [];
  private readonly hits: StoredHit[][] = [];
  private readonly mapper: RowMapper;
  private matcher: StoredMatcher | null = null;
  private frequency: NameFrequency | null = null;
  private rows: ImportRow[] | null = null;

  constructor(
    private readonly db: Sqlite,
    private readonly context: ListContext,
    private readonly cells: readonly string[][],
    private readonly rowNumbers: readonly number[],
  ) {
    this.total = cells.length;
    this.mapper = new RowMapper(db, context);
  }

  get done(): boolean {
    return this.rows !== null;
  }

  /** The checked rows, once done. */
  results(): readonly ImportRow[] {
    return this.rows ?? [];
  }

  /** What each valid row adds to the duplicate index, by data row (null for the others), once done. */
  keys(): (MatchKeys | null)[] {
    return this.rows ? this.mapped.map((m) => m.keys) : [];
  }

  /**
   * Does `budget` rows' worth of work, up to a chunk at a time (a row's
   * mapping is a third of its worth, its matching two thirds), and says how
   * far the check is in rows' worth.
   */
  run(budget = Infinity): CheckProgress {
    let units = 3 * budget;
    while (!this.rows && units > 0) {
      if (this.mapped.length < this.total) {
        const end = Math.min(this.total, this.mapped.length + CHUNK, this.mapped.length + units);
        units -= end - this.mapped.length;
        for (let i = this.mapped.length; i < end; i++) this.mapped.push(this.mapper.map(this.cells[i] ?? [], this.rowNumbers[i] ?? 0));
      } else if (!this.matcher) this.startMatching();
      else if (this.hits.length < this.total) {
        const rows = Math.min(CHUNK, Math.max(1, Math.floor(units / 2)));
        const chunk = this.mapped.slice(this.hits.length, this.hits.length + rows);
        units -= 2 * chunk.length;
        this.hits.push(...matchRows(this.matcher, chunk, this.frequency as NameFrequency));
      } else this.finish();
    }
    const done = this.rows !== null;
    const checked = done ? this.total : Math.min(this.total - 1, Math.floor((this.mapped.length + 2 * this.hits.length) / 3));
    return { checked, total: this.total, done };
  }

  /** Every row is mapped: count the file's names. */
  private startMatching(): void {
    const tokens = new Map<string, number>();
    let rows = 0;
    for (const m of this.mapped) {
      if (!m.keys) continue;
      rows++;
      for (const t of m.keys.tokens) tokens.set(t, (tokens.get(t) ?? 0) + 1);
    }
    this.matcher = new StoredMatcher(this.db, this.context.referenceYear);
    this.frequency = withFileCounts(this.matcher.frequency, tokens, rows);
  }

  /** Both passes are done: the comparisons within the file, in file order. */
  private finish(): void {
    const frequency = this.frequency as NameFrequency;
    const options = { referenceYear: this.context.referenceYear, frequency };
    const fileIndex = new Blocks();
    const preparedOf = (i: number): PreparedPerson => preparePerson(this.mapped[i]?.person as MatchPerson, options);
    const rows: ImportRow[] = [];
    const met = new Set<number>();
    for (let i = 0; i < this.total; i++) {
      const m = this.mapped[i] as MappedListRow;
      const result = m.result;
      result.stored = this.hits[i] ?? [];
      if (m.person && m.probe && m.keys) {
        met.clear();
        fileIndex.meet(m.probe, (j) => met.add(j));
        const hits: FileDuplicate[] = [];
        if (met.size > 0) {
          const self = preparedOf(i);
          for (const j of met) {
            const r = likelyDuplicate(self, preparedOf(j), options);
            if (r) hits.push({ row: rows[j]?.row ?? 0, score: Math.round(r.score * 1000) / 1000, reasons: r.reasons });
          }
        }
        result.inFile = hits.sort((a, b) => b.score - a.score || a.row - b.row);
        for (const key of m.keys.keys) fileIndex.add(key, i);
      }
      rows.push(result);
    }
    this.rows = rows;
  }
}
