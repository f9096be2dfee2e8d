import { describe, expect, it } from 'vitest';
import { ERROR_COLUMNS } from '../../src/services/import/error-file';
import {
  adaptMapping,
  adaptSavedMapping,
  importMappingSchema,
  proposeMapping,
  suggestMapping,
  type ImportMapping,
  type ImportMappingInput,
} from '../../src/services/import/mapping';
import { mapRow } from '../../src/services/import/rows';

/**
 * A coordinator saves the mapping of a militia's handover list ("DKBA
 * handover lists") and applies it to the next list from the same source. The
 * next list is never laid out quite the same: a column added, one renamed,
 * the order changed, a title line above the header or not.
 */

const saved = (columns: [string, ImportMapping['columns'][number]['field']][], extra: Partial<ImportMappingInput> = {}): ImportMapping =>
  importMappingSchema.parse({ columns: columns.map(([header, field]) => ({ header, field })), ...extra });

const fieldsOf = (m: ImportMapping) => Object.fromEntries(m.columns.map((c) => [c.header, c.field]));

/** The DKBA list as first saved: the names are under "Pax", the rescue date under "Rescued". */
const dkba = saved(
  [
    ['No.', null],
    ['Pax', 'fullName'],
    ['M/F', 'sex'],
    ['Yrs', 'age'],
    ['Nat', 'claimedNationality'],
    ['Rescued', 'rescueDate'],
    ['Remarks', 'notes'],
  ],
  { nameOrder: 'given_first', defaults: { rescueSite: 'KK Park', rescueGroup: 'DKBA' } },
);

describe('a saved mapping keeps each column on the field it named', () => {
  it('a new column before the named one does not steal its field: the officer’s name never becomes the person’s', () => {
    const header = ['No.', 'Name of officer', 'Pax', 'M/F', 'Yrs', 'Nat', 'Rescued', 'Remarks'];
    const adapted = adaptSavedMapping(dkba, [header, ['1', 'Sgt. Officer Example', 'Aung Test', 'M', '30', 'MM', '05/03/2025', '']]);
    expect(fieldsOf(adapted.mapping)).toEqual({
      'No.': null, 'Name of officer': null, Pax: 'fullName', 'M/F': 'sex', Yrs: 'age', Nat: 'claimedNationality', Rescued: 'rescueDate', Remarks: 'notes',
    });
    expect(adapted.unmatched).toEqual([{ column: 1, header: 'Name of officer' }]);
    expect(adapted.missing).toEqual([]);

    const row = mapRow(['1', 'Sgt. Officer Example', 'Aung Test', 'M', '30', 'MM', '05/03/2025', ''], adapted.mapping);
    expect(row.problems).toEqual([]);
    expect(row.data).toMatchObject({ givenNames: 'Aung', familyName: 'Test', rescueDate: '2025-03-05', rescueSite: 'KK Park', rescueGroup: 'DKBA' });
  });

  it('a new column whose header is a name synonym still leaves the saved name column alone', () => {
    // "Name" is an exact synonym of the full name; the saved mapping already knows the name is under Pax.
    const adapted = adaptSavedMapping(dkba, [['Name', 'Pax', 'M/F', 'Rescued']]);
    expect(fieldsOf(adapted.mapping)).toEqual({ Name: null, Pax: 'fullName', 'M/F': 'sex', Rescued: 'rescueDate' });
    expect(adapted.unmatched).toEqual([{ column: 0, header: 'Name' }]);
  });

  it('a new "Date" column does not take the rescue date from "Rescued"', () => {
    const adapted = adaptSavedMapping(dkba, [['Date', 'Pax', 'Rescued', 'Yrs']]);
    expect(fieldsOf(adapted.mapping)).toEqual({ Date: null, Pax: 'fullName', Rescued: 'rescueDate', Yrs: 'age' });
    expect(adapted.unmatched).toEqual([{ column: 0, header: 'Date' }]);
  });

  it('a reordered list maps by header, and a new column takes a guessed field only while it is free', () => {
    const header = ['Rescued', 'Nat', 'Pax', 'Phone number', 'Yrs', 'REMARKS ', 'm/f'];
    const adapted = adaptSavedMapping(dkba, [header]);
    expect(fieldsOf(adapted.mapping)).toEqual({
      Rescued: 'rescueDate', Nat: 'claimedNationality', Pax: 'fullName', 'Phone number': 'phone', Yrs: 'age', 'REMARKS ': 'notes', 'm/f': 'sex',
    });
    expect(adapted.guessed).toEqual([{ column: 3, header: 'Phone number', field: 'phone' }]);
    expect(adapted.unmatched).toEqual([]);
    // The "No." column is gone, and it imported nothing: nothing is missing.
    expect(adapted.missing).toEqual([]);
    expect(adapted.mapping.nameOrder).toBe('given_first');
    expect(adapted.mapping.defaults).toEqual(dkba.defaults);
    expect(importMappingSchema.safeParse(adapted.mapping).success).toBe(true);
  });

  it('a renamed column is reported missing, and its new header unmatched, so the coordinator can map it again', () => {
    const adapted = adaptSavedMapping(dkba, [['Passenger', 'M/F', 'Yrs', 'Nat', 'Rescued']]);
    expect(fieldsOf(adapted.mapping)).toEqual({ Passenger: null, 'M/F': 'sex', Yrs: 'age', Nat: 'claimedNationality', Rescued: 'rescueDate' });
    expect(adapted.unmatched).toEqual([{ column: 0, header: 'Passenger' }]);
    expect(adapted.missing).toEqual([
      { header: 'Pax', field: 'fullName' },
      { header: 'Remarks', field: 'notes' },
    ]);
  });

  it('a column the coordinator set to "not imported" stays so, though its header could be guessed', () => {
    const m = saved([
      ['Name', 'fullName'],
      ['Phone (office)', null],
      ['Phone', 'phone'],
    ]);
    const adapted = adaptSavedMapping(m, [['Phone', 'Phone (office)', 'Name']]);
    expect(fieldsOf(adapted.mapping)).toEqual({ Phone: 'phone', 'Phone (office)': null, Name: 'fullName' });
    expect(adapted.unmatched).toEqual([]);
    expect(adapted.guessed).toEqual([]);
  });

  it('two columns with the same header keep their own saved fields, in order', () => {
    const m = saved([
      ['Name', 'fullName'],
      ['Remarks', 'notes'],
      ['Remarks', 'notes'],
      ['Tel', 'phone'],
      ['Tel', null],
    ]);
    const adapted = adaptSavedMapping(m, [['Tel', 'Remarks', 'Name', 'Tel', 'Remarks']]);
    expect(adapted.mapping.columns.map((c) => c.field)).toEqual(['phone', 'notes', 'fullName', null, 'notes']);
    expect(adapted.unmatched).toEqual([]);
  });

  it('the columns Homeward adds to its error file take no field and are not reported as new', () => {
    const header = ['No.', 'Pax', 'M/F', 'Yrs', 'Nat', 'Rescued', 'Remarks', ERROR_COLUMNS.row, ERROR_COLUMNS.problem];
    const adapted = adaptSavedMapping(dkba, [header, ['3', 'Aung Test', 'M', 'adult', 'MM', '05/03/2025', '', '4', 'Write the age as a number.']]);
    expect(adapted.mapping.columns.slice(-2)).toEqual([
      { header: ERROR_COLUMNS.row, field: null },
      { header: ERROR_COLUMNS.problem, field: null },
    ]);
    expect(adapted.unmatched).toEqual([]);
    // Without a saved mapping too.
    expect(suggestMapping(header).columns.slice(-2).map((c) => c.field)).toEqual([null, null]);
  });

  it('adaptMapping on a header alone gives the same columns', () => {
    const header = ['Name of officer', 'Pax', 'Date', 'Rescued'];
    expect(adaptMapping(dkba, header, 0).columns).toEqual(adaptSavedMapping(dkba, [header], 0).mapping.columns);
  });
});

describe('the header row is found again when the new list has a title line more or less', () => {
  const titled = saved([['Pax', 'fullName'], ['M/F', 'sex'], ['Rescued', 'rescueDate']], { headerRow: 1 });

  it('a mapping saved from a list with a title line, applied to a list without one, reads the first row as the header', () => {
    const rows = [
      ['Pax', 'M/F', 'Rescued'],
      ['Aung Test', 'M', '05/03/2025'],
      ['Su Example', 'F', '05/03/2025'],
    ];
    const adapted = adaptSavedMapping(titled, rows);
    expect(adapted.headerRow).toBe(0);
    expect(adapted.mapping.headerRow).toBe(0);
    expect(fieldsOf(adapted.mapping)).toEqual({ Pax: 'fullName', 'M/F': 'sex', Rescued: 'rescueDate' });
    // Every data row maps, none is lost as a header.
    for (const r of rows.slice(1)) expect(mapRow(r, adapted.mapping).problems).toEqual([]);
  });

  it('a mapping saved without a title line, applied to a list with two, finds the header below them', () => {
    const untitled = saved([['Pax', 'fullName'], ['M/F', 'sex'], ['Rescued', 'rescueDate']]);
    const rows = [['DKBA handover list', '', ''], ['Week 10', '', ''], ['Pax', 'M/F', 'Rescued'], ['Aung Test', 'M', '05/03/2025']];
    const adapted = adaptSavedMapping(untitled, rows);
    expect(adapted.headerRow).toBe(2);
    expect(fieldsOf(adapted.mapping)).toEqual({ Pax: 'fullName', 'M/F': 'sex', Rescued: 'rescueDate' });
  });

  it('keeps the saved header row when it holds the saved headers', () => {
    const rows = [['Pax', 'M/F', 'Rescued'], ['Pax', 'M/F', 'Rescued'], ['Aung Test', 'M', '05/03/2025']];
    expect(adaptSavedMapping(titled, rows).headerRow).toBe(1);
  });

  it('takes the row holding most saved headers', () => {
    const rows = [['Pax', 'List of 3', ''], ['Aung Test', 'M', '05/03/2025'], ['Pax', 'M/F', 'Rescued']];
    expect(adaptSavedMapping(titled, rows).headerRow).toBe(2);
  });

  it('falls back to the row the headers suggest when no saved header is found', () => {
    const rows = [['Handover list'], ['Full name', 'Sex', 'Rescue date'], ['Aung Test', 'M', '05/03/2025']];
    const adapted = adaptSavedMapping(titled, rows);
    expect(adapted.headerRow).toBe(1);
    expect(adapted.mapping.columns.map((c) => c.field)).toEqual(['fullName', 'sex', 'rescueDate']);
    expect(adapted.guessed.map((g) => g.field)).toEqual(['fullName', 'sex', 'rescueDate']);
    // The saved fields are all filled again, by the guesses: nothing to report as missing.
    expect(adapted.missing).toEqual([]);
  });

  it('a header row the coordinator chose wins', () => {
    const rows = [['Pax', 'M/F', 'Rescued'], ['Aung Test', 'M', '05/03/2025']];
    expect(adaptSavedMapping(titled, rows, 1).headerRow).toBe(1);
  });

  it('pads the header to the widest row, as the import session reads it', () => {
    const rows = [['Pax', 'M/F'], ['Aung Test', 'M', 'extra cell']];
    expect(adaptSavedMapping(titled, rows).mapping.columns).toEqual([
      { header: 'Pax', field: 'fullName' },
      { header: 'M/F', field: 'sex' },
      { header: '', field: null },
    ]);
  });
});

describe('proposeMapping: what a file opens with', () => {
  it('without a saved mapping, the guess from the header row found below a title line', () => {
    const rows = [['Rescue list March'], ['No.', 'Full name', 'Sex', 'Age'], ['1', 'Aung Test', 'M', '30']];
    const proposed = proposeMapping(rows);
    expect(proposed.headerRow).toBe(1);
    expect(proposed.mapping.columns.map((c) => c.field)).toEqual([null, 'fullName', 'sex', 'age']);
    expect(proposed.unmatched).toEqual([]);
  });

  it('with a saved mapping, the saved one laid over the file', () => {
    const rows = [['Name of officer', 'Pax', 'M/F'], ['Sgt. Example', 'Aung Test', 'M']];
    const proposed = proposeMapping(rows, dkba);
    expect(proposed).toEqual(adaptSavedMapping(dkba, rows));
    expect(proposed.mapping.columns[1]).toEqual({ header: 'Pax', field: 'fullName' });
  });
});
