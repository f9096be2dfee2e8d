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
 */
import { likelyDuplicate, preparePerson, probeOf, probeWindows, type MatchPerson, type NameFrequency, type PreparedPerson, type Probe } from '../../domain/matching';
import type { PersonData } from '../../domain/person';
import { intakeMatchPerson } from '../../db/match-person';
import { matchKeysOf, type MatchKeys } from '../../db/person-keys';
import { prepare, type Sqlite } from '../../db/query';
import { Blocks } from '../duplicates/blocks';
import { StoredMatcher, type StoredHit } from '../duplicates/finder';
import type { ImportMapping } from './mapping';
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
  /** for an already imported row: the person it created then */
  existing: { personId: string; caseNumber: string } | null;
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
  mapping: ImportMapping;
  columns: FieldColumns;
  today: string;
  referenceYear: number;
}

/** Rows checked together: enough that a query per chunk costs little, few enough to keep progress smooth. */
const CHUNK = 256;

/** Maps rows of one list: validated, keyed, and checked against earlier imports of the same file. */
class RowMapper {
  /** the rows of this file imported before (same content), by file row number */
  private readonly imported = new Map<number, { personId: string; caseNumber: string }>();

  constructor(
    db: Sqlite,
    private readonly context: ListContext,
  ) {
    const earlier = prepare(
      db,
      `SELECT s.row_number, s.person_id, p.case_number FROM person_source s JOIN person p ON p.id = s.person_id
       WHERE s.file_sha256 = ? AND s.deleted = 0 AND p.deleted = 0`,
    );
    for (const [row, personId, caseNumber] of earlier.raw().iterate(context.sha256) as Iterable<[number, string, string]>) {
      if (!this.imported.has(row)) this.imported.set(row, { personId, caseNumber });
    }
  }

  map(cells: string[], row: number): MappedListRow {
    const { mapping, columns, today, referenceYear } = this.context;
    const existing = this.imported.get(row);
    const mapped = mapRow(cells, mapping, columns);
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
      existing: existing ?? null,
    };
    if (result.status !== 'valid' || !mapped.data) return { result, person: null, keys: null, probe: null };
    const person = intakeMatchPerson(mapped.data, today, referenceYear);
    return { result, person, keys: matchKeysOf(person, referenceYear), probe: probeOf(probeWindows(person, { referenceYear })) };
  }
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
