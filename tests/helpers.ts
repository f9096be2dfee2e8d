import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { OfficeStore } from '../src/db/store';
import { HomewardError } from '../src/domain/errors';

/** Real encrypted database files in a temporary folder, removed after each test. */

export const PASSPHRASE = 'correct horse battery staple';
/** Low scrypt cost keeps the suite fast; the cost is stored per keyring, so this is honest. */
export const TEST_LOGN = 12;

const dirs: string[] = [];

afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'homeward-test-'));
  dirs.push(dir);
  return dir;
}

export function newOffice(code = 'MSO', name = 'Mae Sot coordination office'): { store: OfficeStore; path: string; recoveryKey: string } {
  const path = join(tempDir(), `${code.toLowerCase()}.homeward`);
  const { store, recoveryKey } = OfficeStore.create(path, {
    passphrase: PASSPHRASE,
    office: { code, name, country: 'TH' },
    actor: 'admin@test',
    logN: TEST_LOGN,
  });
  return { store, path, recoveryKey };
}

export const ACTOR = 'coordinator@test';

/** A complete intake record: everything the rules need to move on to verification. */
export function completePerson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    familyName: 'Nguyễn',
    givenNames: 'Văn An',
    nativeName: 'Nguyễn Văn An',
    sex: 'male',
    birthDate: '1996-04-12',
    claimedNationality: 'VN',
    languages: ['vi'],
    documents: [{ type: 'passport', number: 'C1234567', issuingCountry: 'VN', holder: 'compound' }],
    rescueDate: '2026-10-14',
    rescueSite: 'KK Park',
    rescueOperation: 'Myawaddy handover 2026-10-14',
    indicators: ['withholds_documents', 'debt_bondage'],
    consent: { status: 'given' },
    ...overrides,
  };
}

/** Runs `fn`, which must refuse with a HomewardError; returns that error. */
export function refusal(fn: () => unknown): HomewardError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HomewardError) return e;
    throw new Error(`expected a HomewardError, got ${String(e)}`);
  }
  throw new Error('expected a refusal, but it went through');
}
