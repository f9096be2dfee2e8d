/**
 * A coordinator imports rescue lists as they really arrive: six text
 * encodings and XLSX, Buddhist Era dates, blank and malformed rows, formula
 * cells, people listed twice, people already registered. Counts are exact.
 */
import { describe, expect, it } from 'vitest';
import { generatePeople } from '../../src/domain/demo';
import { buildRescueList, type RescueList, type RescueListOptions } from '../../src/domain/demo/rescue-list';
import type { PersonInput } from '../../src/domain/person';
import { prepare } from '../../src/db/query';
import type { OfficeStore } from '../../src/db/store';
import { parsePersonInput, registerPerson } from '../../src/services/people';
import { parseCsv } from '../../src/services/import/csv';
import { decodeText } from '../../src/services/import/decode';
import { ERROR_COLUMNS } from '../../src/services/import/error-file';
import { saveMapping } from '../../src/services/import/saved-mappings';
import { ImportSession, type ImportRow } from '../../src/services/import/session';
import { readSheet, writeXlsx } from '../../src/services/import/xlsx';
import { encodeText, toCsv, type FixtureEncoding } from '../fixtures/encode';
import { ACTOR, newOffice } from '../helpers';

const TODAY = '2026-11-01';

function storeWith(people: readonly PersonInput[]): OfficeStore {
  const { store } = newOffice();
  store.write(ACTOR, (tx) => {
    for (const p of people) registerPerson(tx, parsePersonInput(p), TODAY);
  });
  return store;
}

const stored = generatePeople({ count: 120, seed: 901, duplicateRate: 0, today: TODAY }).map((p) => p.input);

function listOf(options: Partial<RescueListOptions> = {}): RescueList {
  return buildRescueList({
    seed: 17,
    count: 60,
    blankRows: 3,
    malformedRows: 7,
    formulaCells: 4,
    inFileDuplicates: 4,
    duplicatesOf: stored.slice(0, 3),
    today: TODAY,
    ...options,
  });
}

const csvBytes = (list: RescueList, encoding: FixtureEncoding = 'utf-8') => encodeText(toCsv(list.header, list.rows), encoding);
const xlsxBytes = (list: RescueList) => writeXlsx([{ name: 'Rescued', rows: [list.header, ...list.rows] }]);

/** Every row of every table, as text: two dumps are equal only if the data is. */
function dump(store: OfficeStore): string {
  const tables = (prepare(store.db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'person_search%' AND name NOT LIKE 'person_words%' ORDER BY name").all() as { name: string }[]).map(
    (t) => t.name,
  );
  return tables.map((t) => `${t}:${JSON.stringify(store.db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).raw().all())}`).join('\n');
}

const rowsOf = (rows: readonly ImportRow[], status: ImportRow['status']) => rows.filter((r) => r.status === status).map((r) => r.row);
const flaggedRows = (rows: readonly ImportRow[]) => rows.filter((r) => r.stored.length || r.inFile.length).map((r) => r.row);

function expectMatchesList(store: OfficeStore, session: ImportSession, list: RescueList): void {
  const e = list.expected;
  const rows = session.rows();
  expect(rowsOf(rows, 'invalid')).toEqual(e.malformed.map((m) => m.row));
  expect(rowsOf(rows, 'valid')).toEqual(e.valid);
  const s = session.summary();
  expect(s).toMatchObject({ rows: e.valid.length + e.malformed.length, valid: e.valid.length, invalid: e.malformed.length, blank: e.blank.length, alreadyImported: 0 });
  // Every planted duplicate is flagged, with the right partner.
  for (const d of e.inFileDuplicates) {
    const r = rows.find((x) => x.row === d.row)!;
    expect(r.inFile.map((h) => h.row), `row ${d.row} (${d.kind}) should point at row ${d.of}`).toContain(d.of);
  }
  // storeWith registered `stored` in order.
  const ids = (prepare(store.db, 'SELECT id FROM person ORDER BY rowid').all() as { id: string }[]).map((p) => p.id);
  for (const d of e.storedDuplicates) {
    const r = rows.find((x) => x.row === d.row)!;
    expect(r.stored.map((h) => h.personId), `row ${d.row} (${d.kind}) should match registered person ${d.stored}`).toContain(ids[d.stored]);
  }
  // And nothing else is flagged: exactly the rows planted as someone listed twice or already registered.
  const planted = [...new Set([...e.inFileDuplicates, ...e.storedDuplicates].map((d) => d.row))].sort((a, b) => a - b);
  expect(flaggedRows(rows)).toEqual(planted);
  expect(s.flagged).toBe(planted.length);
}

describe('reading a rescue list in every encoding and as XLSX', () => {
  const cases: [string, FixtureEncoding | 'xlsx', RescueListOptions['scripts']][] = [
    ['UTF-8', 'utf-8', 'all'],
    ['UTF-8 with BOM', 'utf-8-bom', 'all'],
    ['UTF-16 LE (Excel "Unicode text")', 'utf-16le', 'all'],
    ['UTF-16 BE', 'utf-16be', 'all'],
    ['Windows-874 (Thai Excel)', 'windows-874', 'thai'],
    ['GB18030 (Chinese Excel)', 'gb18030', 'chinese'],
    ['XLSX', 'xlsx', 'all'],
  ];
  it.each(cases)('%s: exact counts of valid, invalid, blank rows and every planted duplicate found', (_label, format, scripts) => {
    const list = listOf({ scripts, dateStyle: 'mixed', headerStyle: scripts === 'chinese' ? 'zh' : scripts === 'thai' ? 'th' : 'mixed' });
    const store = storeWith(stored);
    const bytes = format === 'xlsx' ? xlsxBytes(list) : csvBytes(list, format);
    const session = new ImportSession(store, bytes, format === 'xlsx' ? 'list.xlsx' : 'list.csv', { today: TODAY });
    expect(session.table.format).toBe(format === 'xlsx' ? 'xlsx' : 'csv');
    if (format !== 'xlsx') expect(session.table.encoding).toBe(format === 'utf-8-bom' ? 'utf-8' : format);
    session.step();
    expectMatchesList(store, session, list);
    store.close();
  });
});

describe('dry run, then apply', () => {
  it('registers exactly the valid rows in one go, queues the flagged pairs and records provenance', () => {
    const list = listOf({ dateStyle: 'buddhist' });
    const store = storeWith(stored);
    const before = (prepare(store.db, 'SELECT count(*) AS n FROM person').get() as { n: number }).n;
    const session = new ImportSession(store, csvBytes(list), 'dkba-handover.csv', { today: TODAY });
    session.step();
    const summary = session.summary();
    const flagged = flaggedRows(session.rows());
    // The dry run stored nothing.
    expect((prepare(store.db, 'SELECT count(*) AS n FROM person').get() as { n: number }).n).toBe(before);

    const result = session.apply(ACTOR);
    expect(result.created).toHaveLength(list.expected.valid.length);
    expect(result.summary.flagged).toBe(flagged.length);
    expect((prepare(store.db, 'SELECT count(*) AS n FROM person').get() as { n: number }).n).toBe(before + summary.valid);
    // Each person knows the file, its hash, the row and who imported it.
    const sources = prepare(store.db, 'SELECT s.row_number, b.file_name, b.file_sha256, b.imported_by, b.mapping FROM person_source s JOIN import_batch b ON b.id = s.batch_id ORDER BY s.row_number').all() as {
      row_number: number;
      file_name: string;
      file_sha256: string;
      imported_by: string;
      mapping: string;
    }[];
    expect(sources.map((s) => s.row_number)).toEqual(list.expected.valid);
    expect(new Set(sources.map((s) => `${s.file_name} ${s.file_sha256} ${s.imported_by}`))).toEqual(new Set([`dkba-handover.csv ${session.sha256} ${ACTOR}`]));
    expect(JSON.parse(sources[0]!.mapping).columns.length).toBe(list.header.length);
    // Every flagged pair waits in the review queue.
    const queued = (prepare(store.db, "SELECT count(*) AS n FROM duplicate_candidate WHERE status = 'open'").get() as { n: number }).n;
    expect(queued).toBe(result.queued);
    expect(queued).toBeGreaterThanOrEqual(list.expected.inFileDuplicates.length + list.expected.storedDuplicates.length);
    // Buddhist Era birth dates arrive as Gregorian.
    const first = result.created[0]!;
    const birth = (prepare(store.db, 'SELECT birth_date FROM person WHERE id = ?').get(first.personId) as { birth_date: string | null }).birth_date;
    if (birth) expect(Number(birth.slice(0, 4))).toBeLessThan(2100);
    store.close();
  });

  it('keeps formula-looking cells as literal text', () => {
    const list = listOf();
    const store = storeWith([]);
    const session = new ImportSession(store, csvBytes(list), 'list.csv', { today: TODAY });
    const result = session.apply(ACTOR);
    expect(list.expected.formulaCells.length).toBe(4);
    for (const cell of list.expected.formulaCells) {
      const created = result.created.find((c) => c.row === cell.row)!;
      const person = prepare(store.db, 'SELECT aliases FROM person WHERE id = ?').get(created.personId) as { aliases: string };
      const notes = (prepare(store.db, 'SELECT body FROM note WHERE person_id = ?').all(created.personId) as { body: string }[]).map((n) => n.body);
      const stored = cell.field === 'aliases' ? (JSON.parse(person.aliases) as string[]).join(', ') : notes.join('\n');
      expect(stored).toContain(cell.value.trim());
    }
    store.close();
  });

  it('importing the same file again registers nobody twice', () => {
    const list = listOf();
    const store = storeWith([]);
    const bytes = csvBytes(list);
    const first = new ImportSession(store, bytes, 'list.csv', { today: TODAY }).apply(ACTOR);
    const count = (prepare(store.db, 'SELECT count(*) AS n FROM person').get() as { n: number }).n;
    const again = new ImportSession(store, bytes, 'list (copy).csv', { today: TODAY });
    again.step();
    expect(again.summary()).toMatchObject({ valid: 0, alreadyImported: first.created.length, invalid: list.expected.malformed.length });
    const second = again.apply(ACTOR);
    expect(second.created).toHaveLength(0);
    expect((prepare(store.db, 'SELECT count(*) AS n FROM person').get() as { n: number }).n).toBe(count);
    store.close();
  });

  it('a failed apply leaves the database exactly as it was', () => {
    const list = listOf();
    const store = storeWith(stored.slice(0, 20));
    const before = dump(store);
    const session = new ImportSession(store, csvBytes(list), 'list.csv', { today: TODAY });
    session.step();
    // The disk fills up half-way through (a real SQLite failure, raised inside the transaction).
    const limit = 20 + Math.floor(list.expected.valid.length / 2);
    store.db.exec(`CREATE TEMP TRIGGER disk_full BEFORE INSERT ON person WHEN (SELECT count(*) FROM person) >= ${limit} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    expect(() => session.apply(ACTOR)).toThrow(/disk is full/);
    store.db.exec('DROP TRIGGER disk_full');
    expect(dump(store)).toBe(before);
    // And with the disk freed, the same import goes through.
    expect(new ImportSession(store, csvBytes(list), 'list.csv', { today: TODAY }).apply(ACTOR).created).toHaveLength(list.expected.valid.length);
    store.close();
  });
});

describe('the error file', () => {
  it('holds exactly the invalid rows with the reason, formula-safe, and imports once fixed', () => {
    const list = listOf({ formulaCells: 0 });
    const store = storeWith([]);
    const session = new ImportSession(store, csvBytes(list), 'list.csv', { today: TODAY });
    const result = session.apply(ACTOR);
    const file = result.errorFile!;
    expect(file.fileName).toBe('list.errors.csv');
    const table = parseCsv(decodeText(file.bytes));
    expect(table.rows[0]).toEqual([...list.header, ERROR_COLUMNS.row, ERROR_COLUMNS.problem]);
    const body = table.rows.slice(1);
    expect(body.map((r) => Number(r[list.header.length]))).toEqual(list.expected.malformed.map((m) => m.row));
    for (const r of body) expect(r[list.header.length + 1]!.length).toBeGreaterThan(10);
    for (const r of body) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);

    // The coordinator fixes every row (here: replaces it with the person as they should have been listed).
    const fixed = listOf({ formulaCells: 0, malformedRows: 0 });
    const fixedRows = list.expected.malformed.map((m) => fixed.rows[m.row - 2]!);
    const again = new ImportSession(store, encodeText(toCsv([...list.header, ERROR_COLUMNS.row, ERROR_COLUMNS.problem], fixedRows.map((r) => [...r, '', ''])), 'utf-8'), file.fileName, {
      today: TODAY,
    });
    again.step();
    expect(again.summary()).toMatchObject({ valid: list.expected.malformed.length, invalid: 0 });
    store.close();
  });

  it('is an XLSX for an XLSX list, with every cell text', () => {
    const list = listOf({ formulaCells: 0 });
    const store = storeWith([]);
    const session = new ImportSession(store, xlsxBytes(list), 'list.xlsx', { today: TODAY });
    session.step();
    const file = session.errorFile()!;
    expect(file.fileName).toBe('list.errors.xlsx');
    const { rows } = readSheet(file.bytes);
    expect(rows.slice(1).map((r) => Number(r[list.header.length]))).toEqual(list.expected.malformed.map((m) => m.row));
    store.close();
  });
});

describe('saved mappings', () => {
  it('a mapping saved for one list maps the next list from the same source, columns in another order', () => {
    const list = listOf();
    const store = storeWith([]);
    const first = new ImportSession(store, csvBytes(list), 'list.csv', { today: TODAY });
    // The coordinator corrects the guess: the "Batch" column is the rescue operation here, and sets the site for all rows.
    const columns = first.mapping.columns.map((c) => (c.field === 'rescueGroup' ? { ...c, field: 'rescueOperation' as const } : c));
    first.setMapping({ ...first.mapping, columns, defaults: { ...first.mapping.defaults, rescueSite: 'Shwe Kokko' } });
    const saved = saveMapping(store, ACTOR, 'DKBA handover lists', first.mapping);

    const order = list.header.map((_, i) => i).reverse();
    const reordered = toCsv(
      order.map((i) => list.header[i]!),
      list.rows.map((r) => order.map((i) => r[i]!)),
    );
    const next = new ImportSession(store, encodeText(reordered, 'utf-8'), 'next.csv', { today: TODAY, savedMapping: { name: saved.name, mapping: saved.mapping } });
    const fieldOf = (s: ImportSession, header: string) => s.mapping.columns.find((c) => c.header === header)?.field;
    for (const h of list.header) expect(fieldOf(next, h)).toBe(fieldOf(first, h));
    expect(next.mapping.defaults.rescueSite).toBe('Shwe Kokko');
    expect(next.mappingName).toBe('DKBA handover lists');
    expect(next.savedMappingFit).toEqual({ unmatched: [], missing: [] });
    store.close();
  });

  it('a saved mapping keeps its columns when the next list adds one before them, and says what it left out', () => {
    const list = listOf();
    const store = storeWith([]);
    const first = new ImportSession(store, csvBytes(list), 'list.csv', { today: TODAY });
    const saved = saveMapping(store, ACTOR, 'Police lists', first.mapping);
    const nameHeader = first.mapping.columns.find((c) => c.field === 'fullName' || c.field === 'familyName')!.header;
    // The next list has the officer's name first, and has dropped the notes column.
    const dropped = list.header.findIndex((_, i) => first.mapping.columns[i]?.field === 'notes');
    expect(dropped).toBeGreaterThan(0);
    const keep = list.header.map((_, i) => i).filter((i) => i !== dropped);
    const next = new ImportSession(
      store,
      encodeText(toCsv(['Name of officer', ...keep.map((i) => list.header[i]!)], list.rows.map((r) => ['Sgt. Test Officer', ...keep.map((i) => r[i]!)])), 'utf-8'),
      'next.csv',
      { today: TODAY, savedMapping: { name: saved.name, mapping: saved.mapping } },
    );
    expect(next.mapping.columns[0]).toMatchObject({ header: 'Name of officer', field: null });
    expect(next.mapping.columns.find((c) => c.header === nameHeader)?.field).toBe(first.mapping.columns.find((c) => c.header === nameHeader)?.field);
    expect(next.savedMappingFit?.unmatched).toEqual([{ column: 0, header: 'Name of officer' }]);
    expect(next.savedMappingFit?.missing.map((m) => m.field)).toEqual(['notes']);
    next.step();
    expect(next.rows().every((r) => !JSON.stringify(r.data ?? {}).includes('Test Officer'))).toBe(true);
    store.close();
  });
});
