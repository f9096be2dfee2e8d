/**
 * The check of a list (src/services/import/check.ts) maps every row, then
 * matches: name counts are the registry's plus the whole file's, so what a row
 * is flagged with does not depend on where in the file it stands, nor on how
 * the wizard slices the check into steps. Real encrypted office file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePeople } from '../../src/domain/demo';
import { buildRescueList, type RescueList } from '../../src/domain/demo/rescue-list';
import { OfficeStore } from '../../src/db/store';
import { parsePersonInput, registerPerson } from '../../src/services/people';
import type { ImportRow } from '../../src/services/import/check';
import { ImportSession } from '../../src/services/import/session';
import { toCsv } from '../fixtures/encode';
import { ACTOR, PASSPHRASE, TEST_LOGN } from '../helpers';

const TODAY = '2026-11-01';
const registered = generatePeople({ count: 1500, seed: 404, duplicateRate: 0.02, today: TODAY }).map((p) => p.input);
const list: RescueList = buildRescueList({
  seed: 405,
  count: 700,
  blankRows: 4,
  malformedRows: 12,
  inFileDuplicates: 25,
  duplicatesOf: registered.slice(0, 40),
  today: TODAY,
});

// One office for the file's tests, which only read it (the shared helpers remove their folders after each test).
const folder = mkdtempSync(join(tmpdir(), 'homeward-check-'));
let store: OfficeStore;
beforeAll(() => {
  const office = { code: 'MSO', name: 'Mae Sot coordination office', country: 'TH' };
  store = OfficeStore.create(join(folder, 'mso.homeward'), { passphrase: PASSPHRASE, office, actor: ACTOR, logN: TEST_LOGN }).store;
  store.write(ACTOR, (tx) => {
    for (const p of registered) registerPerson(tx, parsePersonInput(p), TODAY);
  });
});
afterAll(() => {
  store.close();
  rmSync(folder, { recursive: true, force: true });
});

const csv = (rows: readonly string[][]) => new TextEncoder().encode(toCsv(list.header, rows));

/** What a coordinator sees of a row, keyed by the person in it (the same row in another place of the file). */
const seenByPerson = (rows: readonly ImportRow[]) =>
  new Map(
    rows.map((r) => [
      r.cells.join('\u0001'),
      { status: r.status, problems: r.problems.map((p) => p.reason), stored: r.stored.map((h) => [h.personId, h.score, h.reasons]) },
    ]),
  );

describe('checking a list', () => {
  it('flags the planted duplicates, in steps as the wizard asks for them, with progress that only moves forward', () => {
    const whole = new ImportSession(store, csv(list.rows), 'shelter-list.csv', { today: TODAY });
    whole.step();
    const stepped = new ImportSession(store, csv(list.rows), 'shelter-list.csv', { today: TODAY });
    const progress: number[] = [];
    for (let p = stepped.step(100); ; p = stepped.step(100)) {
      progress.push(p.checked);
      expect(p.total).toBe(stepped.dataRows);
      if (p.done) break;
      expect(p.checked).toBeLessThan(p.total);
    }
    expect(progress.length).toBeGreaterThan(5);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(stepped.dataRows);
    expect(stepped.rows()).toEqual(whole.rows());

    const rows = whole.rows();
    expect(whole.summary()).toMatchObject({ valid: list.expected.valid.length, invalid: list.expected.malformed.length, blank: list.expected.blank.length });
    const ids = store.db.prepare('SELECT id FROM person ORDER BY rowid').pluck().all() as string[];
    const missedStored = list.expected.storedDuplicates.filter((d) => !rows.find((r) => r.row === d.row)?.stored.some((h) => h.personId === ids[d.stored]));
    const missedInFile = list.expected.inFileDuplicates.filter((d) => !rows.find((r) => r.row === d.row)?.inFile.some((h) => h.row === d.of));
    expect(missedStored).toEqual([]);
    expect(missedInFile).toEqual([]);
  });

  it('gives a row the same duplicates and scores wherever it stands in the file', () => {
    const forward = new ImportSession(store, csv(list.rows), 'shelter-list.csv', { today: TODAY });
    forward.step();
    const backward = new ImportSession(store, csv([...list.rows].reverse()), 'shelter-list-reversed.csv', { today: TODAY });
    backward.step();
    const a = seenByPerson(forward.rows());
    const b = seenByPerson(backward.rows());
    expect(b.size).toBe(a.size);
    expect([...b].sort()).toEqual([...a].sort());
    // The pairs within the file are the same pairs, each flagged on whichever row comes later.
    const pairs = (s: ImportSession) => {
      const byRow = new Map(s.rows().map((r) => [r.row, r.cells.join('\u0001')]));
      return s
        .rows()
        .flatMap((r) => r.inFile.map((h) => [byRow.get(r.row)!, byRow.get(h.row)!].sort().join(' ~ ') + ` ${h.score}`))
        .sort();
    };
    expect(pairs(backward)).toEqual(pairs(forward));
    expect(pairs(forward).length).toBeGreaterThanOrEqual(list.expected.inFileDuplicates.length);
  });
});
