/**
 * A coordinator opens a rescue list through the engine's `import.open`, the
 * call the wizard and the CLI make, and the list arrives the way agencies
 * really send it: a workbook whose first tab ("Summary") was never filled in,
 * a Thai police export whose Thai names come after pages of Latin-letter
 * rows, a police system that puts the UTF-8 mark in front of Thai code-page
 * rows. Each either opens with the names intact or is refused with details
 * the wizard can offer a choice from — and a refusal stores nothing.
 */
import { describe, expect, it } from 'vitest';
import { dispatch, type Session } from '../../src/api/dispatch';
import type { ImportOpenRefusal } from '../../src/api/contract';
import type { ImportFileView } from '../../src/api/views';
import { prepare } from '../../src/db/query';
import type { OfficeStore } from '../../src/db/store';
import { buildRescueList } from '../../src/domain/demo/rescue-list';
import type { ErrorBody } from '../../src/domain/errors';
import { writeXlsx } from '../../src/services/import/xlsx';
import { encodeText, toCsv } from '../fixtures/encode';
import { ACTOR, newOffice } from '../helpers';

/** The engine checks dates against its own today; the lists agree on it. */
const TODAY = new Date().toISOString().slice(0, 10);

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function open(session: Session, fileName: string, bytes: Uint8Array, options: Record<string, unknown> = {}) {
  return dispatch(session, 'import.open', { fileName, data: base64(bytes), ...options }) as { ok: true; value: ImportFileView } | { ok: false; error: ErrorBody };
}

function opened(result: ReturnType<typeof open>): ImportFileView {
  if (!result.ok) throw new Error(`import.open refused: ${result.error.message}`);
  return result.value;
}

function refused(result: ReturnType<typeof open>): ErrorBody & { details: ImportOpenRefusal } {
  if (result.ok) throw new Error('import.open went through, but a refusal was expected');
  return result.error as ErrorBody & { details: ImportOpenRefusal };
}

const count = (store: OfficeStore, table: string) => (prepare(store.db, `SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function office(): { store: OfficeStore; session: Session } {
  const { store } = newOffice();
  return { store, session: { store, actor: ACTOR } };
}

/** A clean list (no defects planted), so every row is someone to register. */
const cleanList = (seed: number, count: number, scripts: 'all' | 'thai' = 'all') => buildRescueList({ seed, count, scripts, today: TODAY });

describe('a workbook whose first sheet is empty', () => {
  const list = cleanList(311, 25);
  const workbook = writeXlsx([
    { name: 'Summary', rows: [] },
    // Cells with nothing but spaces are as empty as no cells.
    { name: 'Notes', rows: [['  '], [], ['', ' ']] },
    { name: 'Day 2', rows: [list.header, ...list.rows] },
    { name: 'Day 3', rows: [list.header, ...cleanList(312, 3).rows] },
  ]);

  it('opens the first sheet with rows, says which empty sheets it skipped, and registers everyone on it', () => {
    const { store, session } = office();
    const file = opened(open(session, 'shelter-intake.xlsx', workbook));
    expect(file.format).toBe('xlsx');
    expect(file.sheets).toEqual(['Summary', 'Notes', 'Day 2', 'Day 3']);
    expect(file.sheet).toBe('Day 2');
    expect(session.imports?.get(file.importId)?.session.table.skippedSheets).toEqual(['Summary', 'Notes']);
    expect(file.header).toEqual(list.header);
    expect(file.dataRows).toBe(list.rows.length);

    const check = dispatch(session, 'import.check', { importId: file.importId });
    expect(check).toMatchObject({ ok: true, value: { done: true, summary: { rows: 25, valid: list.expected.valid.length, invalid: 0 } } });
    const applied = dispatch(session, 'import.apply', { importId: file.importId });
    expect(applied).toMatchObject({ ok: true, value: { created: list.expected.valid.length } });
    expect(count(store, 'person')).toBe(list.expected.valid.length);
    expect(prepare(store.db, 'SELECT sheet FROM import_batch').all()).toEqual([{ sheet: 'Day 2' }]);
    store.close();
  });

  it('a sheet asked for by name still wins, and an empty one asked for is refused naming the others', () => {
    const { store, session } = office();
    expect(opened(open(session, 'shelter-intake.xlsx', workbook, { sheet: 'Day 3' }))).toMatchObject({ sheet: 'Day 3', dataRows: 3 });

    const error = refused(open(session, 'shelter-intake.xlsx', workbook, { sheet: 'Summary' }));
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.message).toBe('Sheet "Summary" is empty. Choose another sheet ("Notes", "Day 2", "Day 3").');
    expect(error.details).toEqual({ reason: 'sheet', sheets: ['Summary', 'Notes', 'Day 2', 'Day 3'], sheet: 'Summary', empty: ['Summary'] });
    store.close();
  });

  it('a sheet that does not exist is refused with the sheets to choose from', () => {
    const { store, session } = office();
    const error = refused(open(session, 'shelter-intake.xlsx', workbook, { sheet: 'Day 4' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.details).toEqual({ reason: 'sheet', sheets: ['Summary', 'Notes', 'Day 2', 'Day 3'], sheet: 'Day 4', empty: [] });
    store.close();
  });

  it('a workbook with no rows on any sheet is refused clearly, and nothing is opened or stored', () => {
    const { store, session } = office();
    const empty = writeXlsx([{ name: 'Summary', rows: [] }, { name: 'Sheet2', rows: [[' ']] }]);
    const error = refused(open(session, 'blank.xlsx', empty));
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.message).toBe('Every sheet of this workbook is empty ("Summary", "Sheet2"). Check that you chose the right file.');
    expect(error.details).toEqual({ reason: 'sheet', sheets: ['Summary', 'Sheet2'], sheet: null, empty: ['Summary', 'Sheet2'] });
    expect(session.imports?.size ?? 0).toBe(0);
    expect(count(store, 'import_batch')).toBe(0);
    store.close();
  });
});

const isAsciiRow = (row: readonly string[]) => row.every((c) => /^[\x00-\x7f]*$/.test(c));

describe('a Thai police list', () => {
  const list = cleanList(313, 700, 'thai');
  // Latin-letter rows first (over 64 KB of them), the Thai names at the end.
  const latin = list.rows.filter(isAsciiRow);
  const thai = list.rows.filter((r) => !isAsciiRow(r));
  const rows = [...latin, ...latin, ...thai];
  const text = toCsv(list.header, rows);
  const lateThai = encodeText(text, 'windows-874');
  const nativeColumn = list.columns.indexOf('nativeName');

  it('whose Thai names come after 64 KB of Latin-letter rows opens as Windows-874 without being asked', () => {
    expect(lateThai.subarray(0, 64 * 1024).every((b) => b < 0x80)).toBe(true);
    const { store, session } = office();
    const file = opened(open(session, 'police-list.csv', lateThai));
    expect(file.encoding).toBe('windows-874');
    expect(file.encodingGuess).toEqual({ encoding: 'windows-874', confidence: 0.95 });
    expect(file.dataRows).toBe(rows.length);
    const table = session.imports!.get(file.importId)!.session.table;
    expect(table.rows[table.rows.length - 1]![nativeColumn]).toBe(thai[thai.length - 1]![nativeColumn]);
    expect(table.rows[table.rows.length - 1]![nativeColumn]).toMatch(/^[\u0e00-\u0e7f ]+$/);
    store.close();
  });

  it('read as UTF-8 on purpose is refused, naming Windows-874 as the encoding that reads it', () => {
    const { store, session } = office();
    const error = refused(open(session, 'police-list.csv', lateThai, { encoding: 'utf-8' }));
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.details).toEqual({ reason: 'encoding', chosen: 'utf-8', tried: [{ encoding: 'utf-8', problem: 'invalid-bytes' }], readable: ['windows-874'] });
    store.close();
  });

  it('exported with the UTF-8 mark in front of Thai code-page rows: refused, then opened as Windows-874 when the coordinator picks it', () => {
    const { store, session } = office();
    const marked = Uint8Array.from([0xef, 0xbb, 0xbf, ...encodeText(toCsv(list.header, thai), 'windows-874')]);

    const error = refused(open(session, 'police-export.csv', marked));
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.details).toEqual({ reason: 'encoding', chosen: null, tried: [{ encoding: 'utf-8', problem: 'invalid-bytes' }], readable: ['windows-874'] });
    expect(error.message).toMatch(/although it starts with the mark of that encoding.*It does read as Windows-874 \(Thai Excel\)\. Choose the encoding the list was saved in and read the file again/);
    // The refusal opened nothing and stored nothing.
    expect(session.imports?.size ?? 0).toBe(0);
    expect(count(store, 'import_batch')).toBe(0);

    const file = opened(open(session, 'police-export.csv', marked, { encoding: 'windows-874' }));
    expect(file.encoding).toBe('windows-874');
    // The mark is not glued to the first header, and the Thai names read as written.
    expect(file.header).toEqual(list.header);
    expect(file.top.slice(1).map((r) => r[nativeColumn])).toEqual(thai.slice(0, file.top.length - 1).map((r) => r[nativeColumn]));
    const check = dispatch(session, 'import.check', { importId: file.importId });
    expect(check).toMatchObject({ ok: true, value: { done: true, summary: { valid: thai.length, invalid: 0 } } });
    store.close();
  });
});
