/**
 * "Already imported" means the same people, not only the same file bytes: a
 * coordinator imports Day 1 and Day 2 from two sheets of one workbook, the
 * same list saved again by Excel, the error file fixed and imported (twice),
 * and a list whose person was merged since. Real encrypted offices, synthetic
 * lists from the demo generator; counts are exact.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index';
import { migrate } from '../../src/db/migrate';
import { openSqlite } from '../../src/db/open';
import { buildRescueList, type RescueList, type RescueListOptions } from '../../src/domain/demo/rescue-list';
import { prepare } from '../../src/db/query';
import type { PersonSourceTable } from '../../src/db/schema';
import type { OfficeStore } from '../../src/db/store';
import { mergePeople } from '../../src/services/duplicates/merge';
import { registerPerson } from '../../src/services/people';
import { specificEnough } from '../../src/services/import/check';
import { parseCsv } from '../../src/services/import/csv';
import { decodeText } from '../../src/services/import/decode';
import { ERROR_COLUMNS } from '../../src/services/import/error-file';
import { ImportSession, type ImportRow } from '../../src/services/import/session';
import { importFileView, importRowsView } from '../../src/services/import/views';
import { readSheet, writeXlsx } from '../../src/services/import/xlsx';
import { encodeText, toCsv } from '../fixtures/encode';
import { ACTOR, newOffice, tempDir } from '../helpers';
import { exchange, syncOffices } from '../sync-helpers';

const TODAY = '2026-11-01';

function listOf(options: Partial<RescueListOptions> = {}): RescueList {
  return buildRescueList({ seed: 61, count: 40, blankRows: 2, malformedRows: 5, formulaCells: 0, inFileDuplicates: 3, today: TODAY, ...options });
}

const csv = (header: readonly string[], rows: readonly (readonly string[])[], crlf = true) => encodeText(toCsv(header, rows, { crlf }), 'utf-8');
const people = (store: OfficeStore) => (prepare(store.db, 'SELECT count(*) AS n FROM person').get() as { n: number }).n;
const sourcesOf = (store: OfficeStore, batchId: string) =>
  prepare(store.db, 'SELECT * FROM person_source WHERE batch_id = ? ORDER BY row_number').all(batchId) as PersonSourceTable[];
const byStatus = (rows: readonly ImportRow[], status: ImportRow['status']) => rows.filter((r) => r.status === status);

function checked(store: OfficeStore, bytes: Uint8Array, fileName: string, options: { sheet?: string } = {}): ImportSession {
  const session = new ImportSession(store, bytes, fileName, { today: TODAY, ...options });
  session.step();
  return session;
}

describe('two sheets of one workbook', () => {
  it('Day 2 is registered after Day 1, and each sheet once only', () => {
    const { store } = newOffice();
    const day1 = buildRescueList({ seed: 71, count: 12, today: TODAY });
    const day2 = buildRescueList({ seed: 72, count: 10, today: TODAY });
    // The same number of rows on both days: only the sheet tells them apart.
    expect(day1.expected.valid.length).toBe(12);
    expect(day2.expected.valid.length).toBe(10);
    const workbook = writeXlsx([
      { name: 'Day 1', rows: [day1.header, ...day1.rows] },
      { name: 'Day 2', rows: [day2.header, ...day2.rows] },
    ]);

    const first = new ImportSession(store, workbook, 'bridge-handover.xlsx', { today: TODAY, sheet: 'Day 1' }).apply(ACTOR);
    expect(first.created).toHaveLength(12);

    const second = checked(store, workbook, 'bridge-handover.xlsx', { sheet: 'Day 2' });
    expect(second.sha256).toBe(new ImportSession(store, workbook, 'x.xlsx', { today: TODAY }).sha256);
    expect(second.summary()).toMatchObject({ rows: 10, valid: 10, alreadyImported: 0 });
    // The wizard does not say "this same file was imported before" of another sheet.
    expect(importFileView(store, second).previousImports).toEqual([]);
    const registered = second.apply(ACTOR);
    expect(registered.created).toHaveLength(10);
    expect(people(store)).toBe(22);
    expect(sourcesOf(store, registered.batchId).map((s) => s.sheet)).toEqual(Array(10).fill('Day 2'));
    expect(new Set(sourcesOf(store, first.batchId).map((s) => s.sheet))).toEqual(new Set(['Day 1']));

    // Each sheet again: all already imported, from its own sheet.
    for (const [sheet, n] of [['Day 1', 12], ['Day 2', 10]] as const) {
      const again = checked(store, workbook, 'bridge-handover.xlsx', { sheet });
      expect(again.summary()).toMatchObject({ valid: 0, alreadyImported: n });
      expect(new Set(again.rows().map((r) => `${r.existing?.match} ${r.existing?.sheet}`))).toEqual(new Set([`row ${sheet}`]));
      expect(importFileView(store, again).previousImports).toHaveLength(1);
      expect(again.apply(ACTOR).created).toHaveLength(0);
    }
    expect(people(store)).toBe(22);
    store.close();
  });
});

describe('the same list saved again', () => {
  it('with other line endings, or its columns moved, registers nobody twice and names the earlier file and row', () => {
    const { store } = newOffice();
    const list = listOf();
    const firstSession = checked(store, csv(list.header, list.rows), 'list.csv');
    // Only rows with a document number or a full birth date are known by their details (see specificEnough).
    const specific = firstSession.rows().filter((r) => r.data && specificEnough(r.data)).length;
    expect(specific).toBeGreaterThan(0);
    expect(specific).toBeLessThan(list.expected.valid.length);
    const first = firstSession.apply(ACTOR);
    expect(first.created).toHaveLength(list.expected.valid.length);

    const order = list.header.map((_, i) => i).reverse();
    const copies: [string, Uint8Array][] = [
      ['list-lf.csv', csv(list.header, list.rows, false)],
      ['list-reordered.csv', csv(order.map((i) => list.header[i]!), list.rows.map((r) => order.map((i) => r[i]!)))],
    ];
    for (const [name, bytes] of copies) {
      const again = checked(store, bytes, name);
      expect(again.sha256).not.toBe(checked(store, csv(list.header, list.rows), 'list.csv').sha256);
      expect(again.summary()).toMatchObject({ valid: list.expected.valid.length - specific, alreadyImported: specific, invalid: list.expected.malformed.length });
      // The others are registered again only after a look: each is flagged beside its earlier record.
      for (const r of byStatus(again.rows(), 'valid')) expect(r.stored.map((h) => h.personId)).toContain(first.created.find((c) => c.row === r.row)!.personId);
      for (const r of byStatus(again.rows(), 'already_imported')) {
        const created = first.created.find((c) => c.row === r.row)!;
        // The same person, from the same row of list.csv (rows stay where they were in a copy).
        expect(r.existing).toEqual({ personId: created.personId, caseNumber: created.caseNumber, match: 'details', fileName: 'list.csv', sheet: null, row: r.row });
      }
      // The wizard and the CLI get the same, through import.rows.
      const shown = importRowsView(store, again, 'already_imported', 0, 1).rows[0]!;
      expect(shown.existing).toMatchObject({ match: 'details', fileName: 'list.csv', row: shown.row });
    }
    store.close();
  });

  it('namesakes known only by name, age and the day of their rescue are not taken for someone imported before', () => {
    const { store } = newOffice();
    const header = ['Name', 'Sex', 'Age', 'Nationality', 'Rescue date'];
    const day = ['NGUYEN Van Hung', 'M', '25', 'VN', '14/10/2026'];
    new ImportSession(store, csv(header, [day, ['TRAN Thi Mai', 'F', '31', 'VN', '14/10/2026']]), 'police-list.csv', { today: TODAY }).apply(ACTOR);
    // The shelter's list of the same rescue: another man of that name and age.
    const shelter = checked(store, csv(header, [day]), 'shelter-list.csv');
    expect(shelter.summary()).toMatchObject({ valid: 1, alreadyImported: 0, flagged: 1 });
    expect(shelter.apply(ACTOR).created).toHaveLength(1);
    expect(people(store)).toBe(3);
    store.close();
  });

  it('two people with the same details in one list are both registered; a later list counts each earlier import once', () => {
    const { store } = newOffice();
    const list = listOf({ malformedRows: 0, inFileDuplicates: 0, blankRows: 0 });
    const twice = [...list.rows, list.rows[0]!];
    const first = checked(store, csv(list.header, twice), 'shelter.csv');
    // Within one list, only earlier imports count: the second listing is not "already imported" because of the first.
    expect(first.summary()).toMatchObject({ valid: twice.length, alreadyImported: 0 });
    expect(first.apply(ACTOR).created).toHaveLength(twice.length);

    // A later list with that person three times: two were imported before, the third is someone new to review.
    const thrice = checked(store, csv(list.header, [list.rows[0]!, list.rows[0]!, list.rows[0]!]), 'shelter-again.csv');
    const rows = thrice.rows();
    expect(rows.map((r) => r.status)).toEqual(['already_imported', 'already_imported', 'valid']);
    expect(rows[0]!.existing!.personId).not.toBe(rows[1]!.existing!.personId);
    expect(rows.slice(0, 2).map((r) => r.existing!.row).sort((a, b) => a - b)).toEqual([2, twice.length + 1]);
    expect(rows[2]!.stored.map((h) => h.personId)).toContain(rows[0]!.existing!.personId);
    store.close();
  });
});

describe('a row known by its details', () => {
  it('needs more than a name, sex and age; with a birth date it is the same person', () => {
    const { store } = newOffice();
    const header = ['Name', 'Sex', 'Age', 'Date of birth'];
    const rows = [
      ['AUNG Ko Ko', 'M', '25', ''],
      ['THIDA Mya', 'F', '', '1996-04-12'],
    ];
    expect(new ImportSession(store, csv(header, rows), 'a.csv', { today: TODAY }).apply(ACTOR).created).toHaveLength(2);
    const later = checked(store, csv(header, rows, false), 'b.csv');
    expect(later.rows().map((r) => [r.status, r.existing?.match])).toEqual([
      ['valid', undefined],
      ['already_imported', 'details'],
    ]);
    store.close();
  });
});

describe('the error file, fixed and imported', () => {
  /** The error file's rows with the list's cells replaced by the person as they should have been listed (`clean`: the same list without defects). */
  function fixRows(list: RescueList, table: readonly string[][], keepBroken: number[] = [], clean = listOf({ malformedRows: 0 })): { header: string[]; rows: string[][] } {
    const header = table[0]!;
    expect(header).toEqual([...list.header, ERROR_COLUMNS.row, ERROR_COLUMNS.problem]);
    const rows = table.slice(1).map((r) => {
      const original = Number(r[list.header.length]);
      if (keepBroken.includes(original)) return r;
      return [...clean.rows[original - 2]!, String(original), ''];
    });
    return { header, rows };
  }
  const fixErrorFile = (list: RescueList, bytes: Uint8Array, keepBroken: number[] = []) => fixRows(list, parseCsv(decodeText(bytes)).rows, keepBroken);

  it('registers the fixed rows as rows of the original list; importing the fix again, or the original, adds nobody', () => {
    const { store } = newOffice();
    const list = listOf();
    const original = new ImportSession(store, csv(list.header, list.rows), 'list.csv', { today: TODAY });
    const applied = original.apply(ACTOR);
    const malformed = list.expected.malformed.map((m) => m.row);
    expect(malformed).toHaveLength(5);

    const fixed = fixErrorFile(list, applied.errorFile!.bytes);
    const fixedBytes = csv(fixed.header, fixed.rows);
    const session = checked(store, fixedBytes, 'list.errors.csv');
    expect(session.originalList).toEqual({ fileName: 'list.csv', sha256: original.sha256, sheet: null });
    expect(session.summary()).toMatchObject({ valid: 5, invalid: 0, alreadyImported: 0 });
    const result = session.apply(ACTOR);
    expect(result.created).toHaveLength(5);
    const sources = sourcesOf(store, result.batchId);
    expect(sources.map((s) => [s.row_number, s.file_sha256, s.original_sha256, s.original_sheet, s.original_row])).toEqual(
      malformed.map((row, i) => [i + 2, session.sha256, original.sha256, null, row]),
    );
    expect(sources.every((s) => s.row_fingerprint?.length === 64)).toBe(true);
    const count = people(store);

    // The same fixed file again, and a copy of it saved again: already imported.
    const again = checked(store, fixedBytes, 'list.errors.csv');
    expect(again.summary()).toMatchObject({ valid: 0, alreadyImported: 5 });
    const resaved = checked(store, csv(fixed.header, fixed.rows, false), 'list.errors (2).csv');
    expect(resaved.summary()).toMatchObject({ valid: 0, alreadyImported: 5 });
    expect(resaved.rows().map((r) => [r.existing?.match, r.existing?.fileName, r.existing?.row])).toEqual(malformed.map((_, i) => ['original', 'list.errors.csv', i + 2]));
    expect(resaved.apply(ACTOR).created).toHaveLength(0);

    // The original list again: its broken rows were fixed and imported since, so they are not "to fix" any more.
    const originalAgain = checked(store, csv(list.header, list.rows), 'list.csv');
    expect(originalAgain.summary()).toMatchObject({ valid: 0, invalid: 0, alreadyImported: list.expected.valid.length + 5 });
    for (const row of malformed) {
      const r = originalAgain.rows().find((x) => x.row === row)!;
      expect(r.existing).toMatchObject({ match: 'original', fileName: 'list.errors.csv' });
      expect(r.existing!.caseNumber).toBe(result.created.find((c) => c.row === r.existing!.row)!.caseNumber);
    }
    expect(originalAgain.errorFile()).toBeNull();
    expect(people(store)).toBe(count);
    store.close();
  });

  it('a fix that could belong to two lists of one name is linked to neither, and its people are registered', () => {
    const { store } = newOffice();
    const header = ['Name', 'Sex', 'Birth date', 'Nationality'];
    // Two days of one source, both sent as rescue-list.csv; a birth date typed wrong on row 3 of each, and on row 4 of the second.
    const day1 = [['MAUNG Aye Ko', 'M', '12/03/1994', 'MM'], ['TUN Min', 'M', '31/02/1990', 'MM']];
    const day2 = [['SAN Myint', 'M', '01/07/1988', 'MM'], ['KHIN Hla', 'F', '30/02/1992', 'MM'], ['AYE Aye', 'F', '31/04/1999', 'MM']];
    for (const rows of [day1, day2]) expect(new ImportSession(store, csv(header, rows), 'rescue-list.csv', { today: TODAY }).apply(ACTOR).created).toHaveLength(1);
    const count = people(store);

    // Day 1's fix: row 3 names a row that was wrong in both lists.
    const fix = checked(store, csv([...header, ERROR_COLUMNS.row, ERROR_COLUMNS.problem], [['TUN Min', 'M', '28/02/1990', 'MM', '3', 'Birth date: not a date']]), 'rescue-list.errors.csv');
    expect(fix.originalList).toBeNull();
    expect(fix.summary()).toMatchObject({ valid: 1, alreadyImported: 0 });
    expect(fix.apply(ACTOR).created).toHaveLength(1);
    expect(people(store)).toBe(count + 1);
    store.close();
  });

  it('a row still wrong goes to a second error file that points at the original list, and its fix is linked there too', () => {
    const { store } = newOffice();
    const list = listOf();
    const original = new ImportSession(store, csv(list.header, list.rows), 'list.csv', { today: TODAY });
    const errorFile = original.apply(ACTOR).errorFile!;
    const stillBroken = list.expected.malformed[2]!.row;

    const partly = fixErrorFile(list, errorFile.bytes, [stillBroken]);
    const firstFix = new ImportSession(store, csv(partly.header, partly.rows), 'list.errors.csv', { today: TODAY }).apply(ACTOR);
    expect(firstFix.created).toHaveLength(4);
    const second = firstFix.errorFile!;
    expect(second.fileName).toBe('list.errors.csv');
    const table = parseCsv(decodeText(second.bytes));
    // The original list's columns and row number, as in the first error file.
    expect(table.rows[0]).toEqual([...list.header, ERROR_COLUMNS.row, ERROR_COLUMNS.problem]);
    expect(table.rows.slice(1).map((r) => r[list.header.length])).toEqual([String(stillBroken)]);

    const lastFix = fixErrorFile(list, second.bytes);
    const last = checked(store, csv(lastFix.header, lastFix.rows), 'list.errors (fixed).csv');
    expect(last.originalList?.sha256).toBe(original.sha256);
    const result = last.apply(ACTOR);
    expect(result.created).toHaveLength(1);
    expect(sourcesOf(store, result.batchId).map((s) => [s.original_sha256, s.original_row])).toEqual([[original.sha256, stillBroken]]);
    store.close();
  });

  it('of one sheet of a workbook links the fixed rows to that sheet, and leaves the other sheet alone', () => {
    const { store } = newOffice();
    const other = buildRescueList({ seed: 81, count: 8, today: TODAY });
    const list = listOf();
    const workbook = writeXlsx([
      { name: 'Day 1', rows: [other.header, ...other.rows] },
      { name: 'Day 2', rows: [list.header, ...list.rows] },
    ]);
    const day2 = new ImportSession(store, workbook, 'handover.xlsx', { today: TODAY, sheet: 'Day 2' });
    const errorFile = day2.apply(ACTOR).errorFile!;
    expect(errorFile.fileName).toBe('handover.errors.xlsx');

    const fixed = fixRows(list, readSheet(errorFile.bytes).rows);
    const session = checked(store, writeXlsx([{ name: 'Rows to fix', rows: [fixed.header, ...fixed.rows] }]), 'handover.errors.xlsx');
    expect(session.originalList).toEqual({ fileName: 'handover.xlsx', sha256: day2.sha256, sheet: 'Day 2' });
    const result = session.apply(ACTOR);
    expect(result.created).toHaveLength(5);
    expect(sourcesOf(store, result.batchId).map((s) => [s.sheet, s.original_sheet, s.original_row])).toEqual(list.expected.malformed.map((m) => ['Rows to fix', 'Day 2', m.row]));

    expect(checked(store, workbook, 'handover.xlsx', { sheet: 'Day 2' }).summary()).toMatchObject({ valid: 0, invalid: 0, alreadyImported: list.expected.valid.length + 5 });
    // Day 1 has rows with the same numbers, and none of them was imported.
    expect(checked(store, workbook, 'handover.xlsx', { sheet: 'Day 1' }).summary()).toMatchObject({ valid: 8, alreadyImported: 0 });
    store.close();
  });
});

describe('a person merged since', () => {
  it('the list imported again shows the case number of the record they were merged into', () => {
    const { store } = newOffice();
    const list = listOf({ malformedRows: 0, inFileDuplicates: 0 });
    const bytes = csv(list.header, list.rows);
    const session = checked(store, bytes, 'list.csv');
    const row = session.rows()[0]!;
    const first = session.apply(ACTOR);
    const imported = first.created.find((c) => c.row === row.row)!;
    // The same person was typed in at intake too; the imported record is merged into that one.
    const typed = store.write(ACTOR, (tx) => registerPerson(tx, row.data!, TODAY));
    mergePeople(store, ACTOR, { survivor: typed.caseNumber, merged: imported.caseNumber, reason: 'Same person, typed at intake and listed.' });

    const again = checked(store, bytes, 'list.csv');
    expect(again.rows().find((r) => r.row === row.row)!.existing).toMatchObject({ personId: typed.id, caseNumber: typed.caseNumber, match: 'row', row: row.row });
    const copy = checked(store, csv(list.header, list.rows, false), 'list-copy.csv');
    expect(copy.rows().find((r) => r.row === row.row)!.existing).toMatchObject({ caseNumber: typed.caseNumber, match: 'details', fileName: 'list.csv' });
    expect(copy.summary().alreadyImported).toBe(copy.rows().filter((r) => r.existing?.match === 'details').length);
    expect(copy.summary().alreadyImported).toBe(copy.rows().filter((r) => r.data && specificEnough(r.data)).length);
    expect(copy.summary().alreadyImported).toBeGreaterThan(0);
    store.close();
  });
});

describe('sources recorded before version 6', () => {
  it('take the sheet of their import when the office is upgraded; their fingerprint stays empty', () => {
    const db = openSqlite(join(tempDir(), 'v5.homeward'), randomBytes(32), { mustExist: false });
    migrate(db, MIGRATIONS.slice(0, 5));
    const batch = (id: string, sheet: string | null) =>
      db
        .prepare(
          `INSERT INTO import_batch (id, file_name, file_sha256, format, sheet, mapping, rows_total, created, already_imported, rejected, blank, flagged, imported_at, imported_by, created_at, updated_at)
           VALUES (?, 'handover.xlsx', 'abc', ?, ?, '{}', 1, 1, 0, 0, 0, 0, '2026-10-01', 'x', '2026-10-01', '2026-10-01')`,
        )
        .run(id, sheet ? 'xlsx' : 'csv', sheet);
    batch('b1', 'Day 1');
    batch('b2', null);
    const source = db.prepare(`INSERT INTO person_source (id, person_id, batch_id, file_sha256, row_number, created_at) VALUES (?, 'p', ?, 'abc', 2, '2026-10-01')`);
    source.run('b1/2', 'b1');
    source.run('b2/2', 'b2');
    source.run('lost/2', 'no-such-batch');
    expect(migrate(db)).toEqual([6]);
    expect(db.prepare('SELECT id, sheet, row_fingerprint, original_sha256 FROM person_source ORDER BY id').all()).toEqual([
      { id: 'b1/2', sheet: 'Day 1', row_fingerprint: null, original_sha256: null },
      { id: 'b2/2', sheet: null, row_fingerprint: null, original_sha256: null },
      { id: 'lost/2', sheet: null, row_fingerprint: null, original_sha256: null },
    ]);
    db.close();
  });
});

describe('provenance travels in sync bundles', () => {
  it('another office knows a copy of a list the first one imported, and the sheet of a workbook', () => {
    const [mso, myw] = syncOffices(['MSO', 'MYW']);
    const list = listOf({ malformedRows: 0, inFileDuplicates: 0 });
    const workbook = writeXlsx([
      { name: 'Handover', rows: [list.header, ...list.rows] },
      { name: 'Later', rows: [list.header, ...list.rows.slice(0, 3)] },
    ]);
    const created = new ImportSession(mso!.store, workbook, 'handover.xlsx', { today: TODAY, sheet: 'Handover' }).apply(ACTOR).created.length;
    exchange(mso!, myw!);
    const columns = 'sheet, row_fingerprint, row_number, file_sha256';
    const sources = (o: typeof mso) => prepare(o!.store.db, `SELECT ${columns} FROM person_source ORDER BY id`).all();
    expect(sources(myw)).toEqual(sources(mso));
    expect((sources(myw) as { sheet: string }[]).every((s) => s.sheet === 'Handover')).toBe(true);

    // At Myawaddy: the other sheet is new rows by position but the same people by their details.
    const later = checked(myw!.store, workbook, 'handover.xlsx', { sheet: 'Later' });
    const known = later.rows().filter((r) => r.data && specificEnough(r.data));
    expect(later.summary()).toMatchObject({ valid: 3 - known.length, alreadyImported: known.length });
    for (const r of known) expect(r.existing).toMatchObject({ match: 'details', sheet: 'Handover' });
    // And a CSV copy of the list adds nobody it can know by their details.
    const copy = checked(myw!.store, csv(list.header, list.rows), 'handover.csv');
    expect(copy.summary().alreadyImported).toBe(copy.rows().filter((r) => r.data && specificEnough(r.data)).length);
    expect(copy.summary().alreadyImported).toBeGreaterThan(0);
    expect(created).toBe(list.expected.valid.length);
    mso!.store.close();
    myw!.store.close();
  });
});
