import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract, type OfficeInfo, type Result } from '../../src/api/contract';
import { dispatch, type Session } from '../../src/api/dispatch';
import type { PersonList, PersonView } from '../../src/api/views';
import type { ErrorBody } from '../../src/domain/errors';
import { completePerson, PASSPHRASE, TEST_LOGN, tempDir } from '../helpers';

/**
 * dispatch() is the one door of every host (Electron IPC, loopback browser
 * host, CLI): it validates, checks the office is open, runs the handler, and
 * always answers with plain data.
 */

const sessions: Session[] = [];
afterEach(() => {
  while (sessions.length) sessions.pop()!.store?.close();
});

function session(actor = 'coordinator@test'): Session {
  const s: Session = { store: null, actor };
  sessions.push(s);
  return s;
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

function error(result: Result<unknown>): ErrorBody {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value).slice(0, 300)}`);
  return result.error;
}

function createOffice(s: Session, code = 'MSO'): OfficeInfo & { recoveryKey: string } {
  const path = join(tempDir(), `${code.toLowerCase()}.homeward`);
  return value(dispatch(s, 'office.create', { path, passphrase: PASSPHRASE, officeCode: code, officeName: 'Mae Sot office', country: 'TH', kdfLogN: TEST_LOGN }));
}

describe('dispatch', () => {
  it('answers UNKNOWN_CALL for a name that is not in the contract', () => {
    const s = session();
    for (const name of ['person.delete', 'toString', '__proto__', 'constructor', '']) {
      expect(error(dispatch(s, name, {})).code).toBe('UNKNOWN_CALL');
    }
    expect(error(dispatch(s, 'person.delete', {})).message).toContain('"person.delete"');
  });

  it('answers LOCKED for every office call while no office is open', () => {
    const s = session();
    expect(error(dispatch(s, 'person.list', {}))).toEqual({ code: 'LOCKED', message: expect.stringContaining('Unlock') });
    expect(error(dispatch(s, 'person.get', { ref: 'MSO-2026-000001' })).code).toBe('LOCKED');
    expect(error(dispatch(s, 'audit.verify', {})).code).toBe('LOCKED');
    expect(error(dispatch(s, 'office.info', {})).code).toBe('LOCKED');
    const officeCalls = Object.entries(contract).filter(([, spec]) => spec.needsOffice);
    expect(officeCalls.length).toBeGreaterThan(10);
    // office.lock never needs an open office
    expect(value(dispatch(s, 'office.lock', {}))).toEqual({ locked: true });
  });

  it('answers VALIDATION_FAILED with the fields at fault, before touching any office', () => {
    const s = session();
    const e = error(dispatch(s, 'person.add', { givenNames: 'Test Person', sex: 'x', claimedNationality: 'XX', birthDate: '2001-02-30' }));
    expect(e.code).toBe('VALIDATION_FAILED');
    const fields = (e.details as { fields: { path: string; message: string }[] }).fields;
    expect(fields.map((f) => f.path).sort()).toEqual(['birthDate', 'claimedNationality', 'sex']);

    const unknownField = error(dispatch(s, 'person.list', { stage: 'intake', colour: 'red' }));
    expect(unknownField.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(unknownField.details)).toContain('colour');

    const weakOffice = error(dispatch(s, 'office.create', { path: '', passphrase: PASSPHRASE, officeCode: 'mae sot', officeName: ' ' }));
    expect((weakOffice.details as { fields: { path: string }[] }).fields.map((f) => f.path).sort()).toEqual(['officeCode', 'officeName', 'path']);
  });

  it('creates an office, registers a person, and finds them again', () => {
    const s = session();
    const office = createOffice(s);
    expect(office).toMatchObject({ code: 'MSO', name: 'Mae Sot office', country: 'TH', people: 0 });
    expect(office.recoveryKey.split('-')).toHaveLength(9);
    expect(s.store).not.toBeNull();

    const added = value<PersonView>(dispatch(s, 'person.add', completePerson()));
    expect(added.caseNumber).toMatch(/^MSO-\d{4}-000001$/);
    expect(added).toMatchObject({ stage: 'intake', createdBy: 'coordinator@test', claimedNationality: 'VN', nativeName: 'Nguyễn Văn An' });

    const byCase = value<PersonView>(dispatch(s, 'person.get', { ref: ` ${added.caseNumber.toLowerCase()} ` }));
    const byId = value<PersonView>(dispatch(s, 'person.get', { ref: added.id }));
    expect(byCase).toEqual(added);
    expect(byId).toEqual(added);

    const list = value<PersonList>(dispatch(s, 'person.list', { search: 'nguyen', nationality: 'vn' }));
    expect(list.total).toBe(1);
    expect(list.people[0]).toMatchObject({ id: added.id, caseNumber: added.caseNumber, age: added.age });

    expect(error(dispatch(s, 'person.get', { ref: 'MSO-1999-999999' })).code).toBe('NOT_FOUND');
    expect(value<OfficeInfo>(dispatch(s, 'office.info', {})).people).toBe(1);

    // Locking closes the store; office calls are refused again.
    expect(value(dispatch(s, 'office.lock', {}))).toEqual({ locked: true });
    expect(s.store).toBeNull();
    expect(error(dispatch(s, 'person.list', {})).code).toBe('LOCKED');
  });

  it('reopens a locked office with the passphrase or the recovery key, and refuses a wrong one', () => {
    const s = session();
    const { path, recoveryKey } = createOffice(s);
    value(dispatch(s, 'person.add', { nativeName: '张伟' }));
    dispatch(s, 'office.lock', {});

    expect(error(dispatch(s, 'office.unlock', { path, unlock: { passphrase: 'not the passphrase' } })).code).toBe('WRONG_PASSPHRASE');
    expect(s.store).toBeNull();
    expect(value<OfficeInfo>(dispatch(s, 'office.unlock', { path, unlock: { recoveryKey } })).people).toBe(1);
    expect(value<OfficeInfo>(dispatch(s, 'office.unlock', { path, unlock: { passphrase: PASSPHRASE } })).people).toBe(1);
    expect(error(dispatch(s, 'office.unlock', { path: join(tempDir(), 'nowhere.homeward'), unlock: { passphrase: PASSPHRASE } })).code).toBe('DB_NOT_FOUND');
  });

  it('returns a RULE_VIOLATION as plain data that crosses a process boundary unchanged', () => {
    const s = session();
    createOffice(s);
    const { caseNumber } = value<PersonView>(dispatch(s, 'person.add', { givenNames: 'Aung Kyaw Moe', nativeName: 'အောင်ကျော်မိုး' }));
    const result = dispatch(s, 'person.advance', { ref: caseNumber, to: 'verification', reason: 'Interview done' });
    const e = error(result);
    expect(e.code).toBe('RULE_VIOLATION');
    expect((e.details as { violations: { rule: string }[] }).violations.map((v) => v.rule)).toEqual([
      'verification.intake_complete',
      'verification.consent_recorded',
    ]);

    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(e).not.toBeInstanceOf(Error);
    expect(structuredClone(result)).toStrictEqual(result);
    expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
    // nothing changed
    expect(value<PersonView>(dispatch(s, 'person.get', { ref: caseNumber })).stage).toBe('intake');
  });

  it('never throws, whatever it is sent', () => {
    const s = session();
    const garbage: unknown[] = [null, undefined, 0, 42, NaN, -1, '', 'person', true, [], [1, 2], {}, { ref: {} }, { path: 7 }, new Date(0), () => 1, Symbol('x')];
    // office.lock accepts {} and would close the office half-way through
    const names: unknown[] = [...Object.keys(contract).filter((n) => n !== 'office.lock'), 'nope', null, undefined, 42, [], {}, Symbol('call')];
    const check = () => {
      for (const name of names) {
        for (const input of garbage) {
          let result: Result<unknown> | undefined;
          expect(() => (result = dispatch(s, name as string, input))).not.toThrow();
          expect(typeof result?.ok).toBe('boolean');
          if (result && !result.ok) expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
        }
      }
    };
    check(); // locked
    createOffice(s);
    check(); // unlocked; office.create with garbage must not replace the open office
    expect(s.store).not.toBeNull();
    expect(value<OfficeInfo>(dispatch(s, 'office.info', {})).code).toBe('MSO');
  });

  it('never throws even when reading the input throws a non-error', () => {
    const s = session();
    const hostile = {
      get givenNames(): string {
        throw null;
      },
    };
    expect(() => dispatch(s, 'person.add', hostile)).not.toThrow();
  });

  it('creates no file when office.create is refused', () => {
    const s = session('');
    const path = join(tempDir(), 'mso.homeward');
    const result = dispatch(s, 'office.create', { path, passphrase: PASSPHRASE, officeCode: 'MSO', officeName: 'Mae Sot office', kdfLogN: TEST_LOGN });
    expect(result.ok).toBe(false);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.keyring`)).toBe(false);
  });
});

describe('search through dispatch', () => {
  it('finds names in Latin letters without their diacritics when every term is three letters or more', () => {
    const s = session();
    createOffice(s);
    const { caseNumber } = value<PersonView>(dispatch(s, 'person.add', { familyName: 'TRẦN', givenNames: 'THỊ NGỌC', nativeName: 'Trần Thị Ngọc' }));
    for (const search of ['tran thi ngoc', 'TRAN NGOC', 'trần', 'ngọc thị']) {
      expect(value<PersonList>(dispatch(s, 'person.list', { search })).people.map((p) => p.caseNumber), search).toEqual([caseNumber]);
    }
  });

  // Short terms once fell back to a LIKE that folded neither diacritics nor
  // non-ASCII case, so passport-style names (ĐỖ, LÊ) were not found as typed.
  it('finds short Vietnamese family names typed without diacritics or in another case', () => {
    const s = session();
    createOffice(s);
    const do_ = value<PersonView>(dispatch(s, 'person.add', { familyName: 'ĐỖ', givenNames: 'MINH' })).caseNumber;
    const le = value<PersonView>(dispatch(s, 'person.add', { familyName: 'LÊ', givenNames: 'THỊ HOA' })).caseNumber;
    const found = (search: string) => value<PersonList>(dispatch(s, 'person.list', { search })).people.map((p) => p.caseNumber);
    for (const search of ['do minh', 'Đỗ Minh', 'đỗ minh', 'DO']) expect(found(search), search).toEqual([do_]);
    for (const search of ['le thi hoa', 'Lê Thị', 'lê']) expect(found(search), search).toEqual([le]);
  });
});
