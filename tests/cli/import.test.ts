/**
 * `homeward import` as an office scripts it: a dry run, then the import, the
 * error file, a saved mapping for the next list, then the duplicate queue and
 * a merge and its undo — all through the real binary on a real encrypted file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DuplicateList, PersonList, PersonView } from '../../src/api/views';
import { buildRescueList } from '../../src/domain/demo/rescue-list';
import { writeXlsx } from '../../src/services/import/xlsx';
import { encodeText, toCsv } from '../fixtures/encode';
import { errorOf, homeward, valueOf } from './run';

const dir = mkdtempSync(join(tmpdir(), 'homeward-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const db = join(dir, 'mso.homeward');
/** Synthetic people only. */
const list = buildRescueList({ seed: 23, count: 40, blankRows: 2, malformedRows: 5, formulaCells: 3, inFileDuplicates: 3, headerStyle: 'th', dateStyle: 'buddhist' });
const csvPath = join(dir, 'police-list.csv');
writeFileSync(csvPath, encodeText(toCsv(list.header, list.rows), 'utf-8-bom'));

interface Report {
  dryRun: boolean;
  summary: { rows: number; valid: number; invalid: number; blank: number; alreadyImported: number; flagged: number };
  problems: { row: number; problems: { reason: string }[] }[];
  duplicates: { row: number; inFile: { row: number }[] }[];
  created: number;
  firstCaseNumber: string | null;
  errorFile: string | null;
  savedMapping: string | null;
  mapping: { name: string | null; columns: { header: string; field: string | null }[] };
}

describe('importing a police list from the command line', () => {
  it('sets up the office', async () => {
    const run = await homeward(['init', '--db', db, '--office', 'MSO', '--office-name', 'Mae Sot', '--json']);
    expect(run.code).toBe(0);
  });

  it('a dry run reports exact counts and every invalid row, and stores nothing', async () => {
    const report = valueOf<Report>(await homeward(['import', csvPath, '--db', db, '--dry-run', '--json']));
    expect(report.dryRun).toBe(true);
    expect(report.summary).toMatchObject({ valid: list.expected.valid.length, invalid: list.expected.malformed.length, blank: list.expected.blank.length, alreadyImported: 0 });
    expect(report.problems.map((p) => p.row)).toEqual(list.expected.malformed.map((m) => m.row));
    for (const d of list.expected.inFileDuplicates) expect(report.duplicates.find((x) => x.row === d.row)?.inFile.map((h) => h.row)).toContain(d.of);
    expect(report.created).toBe(0);
    const people = valueOf<PersonList>(await homeward(['person', 'list', '--db', db, '--json']));
    expect(people.total).toBe(0);
  });

  it('the import registers the valid rows, writes the error file and saves the mapping', async () => {
    const report = valueOf<Report>(
      await homeward(['import', csvPath, '--db', db, '--site', 'KK Park', '--save-mapping', 'Myawaddy police', '--json']),
    );
    expect(report.created).toBe(list.expected.valid.length);
    expect(report.errorFile).toBe(join(dir, 'police-list.errors.csv'));
    expect(existsSync(report.errorFile!)).toBe(true);
    const errorText = readFileSync(report.errorFile!, 'utf8');
    expect(errorText.trim().split('\n')).toHaveLength(1 + list.expected.malformed.length);
    expect(report.savedMapping).toBe('Myawaddy police');
    const people = valueOf<PersonList>(await homeward(['person', 'list', '--db', db, '--site', 'KK Park', '--json']));
    // Rows that name their own rescue site keep it; the default fills only the empty ones.
    expect(people.total).toBeGreaterThan(0);
    const shown = valueOf<{ person: PersonView }>(await homeward(['person', 'show', '--db', db, report.firstCaseNumber!, '--json']));
    expect(shown.person.sources[0]).toMatchObject({ fileName: 'police-list.csv', row: list.expected.valid[0], mappingName: null });
  });

  it('importing the same list again creates nobody', async () => {
    const report = valueOf<Report>(await homeward(['import', csvPath, '--db', db, '--json']));
    expect(report.summary.alreadyImported).toBe(list.expected.valid.length);
    expect(report.created).toBe(0);
  });

  it('the saved mapping reads the next list (an XLSX with other people) from the same police unit', async () => {
    const next = buildRescueList({ seed: 24, count: 10, headerStyle: 'th' });
    const xlsx = join(dir, 'police-list-2.xlsx');
    writeFileSync(xlsx, writeXlsx([{ name: 'รายชื่อ', rows: [next.header, ...next.rows] }]));
    const report = valueOf<Report>(await homeward(['import', xlsx, '--db', db, '--mapping', 'Myawaddy police', '--json']));
    expect(report.mapping.name).toBe('Myawaddy police');
    expect(report.created).toBe(next.expected.valid.length);
    const missing = errorOf(await homeward(['import', xlsx, '--db', db, '--mapping', 'Karen BGF', '--json']));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('Myawaddy police');
  });

  it('lists and deletes saved mappings', async () => {
    const list = valueOf<{ name: string }[]>(await homeward(['mapping', 'list', '--db', db, '--json']));
    expect(list.map((m) => m.name)).toEqual(['Myawaddy police']);
    await homeward(['mapping', 'delete', '--db', db, 'Karen BGF', '--json']).then((run) => expect(errorOf(run).code).toBe('NOT_FOUND'));
    await homeward(['import', csvPath, '--db', db, '--dry-run', '--save-mapping', 'Karen BGF', '--json']);
    expect((await homeward(['mapping', 'delete', '--db', db, 'Karen BGF'])).code).toBe(0);
    expect(valueOf<{ name: string }[]>(await homeward(['mapping', 'list', '--db', db, '--json'])).map((m) => m.name)).toEqual(['Myawaddy police']);
  });

  it('a wrong --map is a usage error that lists the columns', async () => {
    const run = await homeward(['import', csvPath, '--db', db, '--dry-run', '--map', 'Shoe size=sex', '--json']);
    expect(run.code).toBe(2);
    expect(errorOf(run, 2).message).toMatch(/no column "Shoe size"/);
  });

  it('the in-file duplicates wait in the queue; one is merged and the merge undone', async () => {
    const queue = valueOf<DuplicateList>(await homeward(['duplicates', 'list', '--db', db, '--json']));
    expect(queue.total).toBeGreaterThanOrEqual(list.expected.inFileDuplicates.length);
    const pair = queue.candidates[0]!;
    const merged = valueOf<{ mergeId: string; survivor: PersonView }>(
      await homeward(['merge', '--db', db, pair.a.caseNumber, pair.b.caseNumber, '--take', 'phone', '--reason', 'Same person, two lists.', '--json']),
    );
    expect(merged.survivor.mergedFrom.map((m) => m.caseNumber)).toEqual([pair.b.caseNumber]);
    const undone = valueOf<{ merged: PersonView }>(await homeward(['merge', 'undo', '--db', db, merged.mergeId, '--json']));
    expect(undone.merged.stage).toBe('intake');
    const different = await homeward(['duplicates', 'different', '--db', db, pair.id, '--note', 'Brothers.']);
    expect(different.code).toBe(0);
    expect(different.stdout).toContain('will not be suggested again');
  });
});
