/**
 * The laptop dies in the middle of an import (battery, a kicked cable): the
 * `homeward import` process is killed with SIGKILL at several points. On
 * reopening, the database passes SQLite's integrity check and the audit
 * chain, and holds either the whole list or none of it; importing it again
 * completes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/audit-chain';
import { OfficeStore } from '../../src/db/store';
import { buildRescueList } from '../../src/domain/demo/rescue-list';
import { encodeText, toCsv } from '../fixtures/encode';
import { BIN, CLI_PASSPHRASE, homeward, ROOT } from './run';

const dir = mkdtempSync(join(tmpdir(), 'homeward-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Synthetic people only. */
const list = buildRescueList({ seed: 404, count: 2500, malformedRows: 10 });
const csv = join(dir, 'big-list.csv');
writeFileSync(csv, encodeText(toCsv(list.header, list.rows), 'utf-8'));

/** Starts an import and kills it after `ms` milliseconds (or lets it finish if it is faster). */
function importKilledAfter(db: string, ms: number): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'import', csv, '--db', db, '--json'], {
      cwd: ROOT,
      env: { ...process.env, HOMEWARD_PASSPHRASE: CLI_PASSPHRASE, HOMEWARD_ACTOR: 'intake@test' },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL' });
    });
  });
}

function peopleIn(db: string): { people: number; integrity: string; auditOk: boolean } {
  const store = OfficeStore.open(db, { passphrase: CLI_PASSPHRASE });
  try {
    const integrity = (store.db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check;
    const people = (store.db.prepare('SELECT count(*) AS n FROM person').get() as { n: number }).n;
    return { people, integrity, auditOk: verifyAuditChain(store.db).ok };
  } finally {
    store.close();
  }
}

describe('an import killed part-way', () => {
  // From "still reading the file" to "writing the transaction" to "about done".
  it.each([400, 1500, 2500, 3500, 5000])('killed after %i ms: all or nothing, and it completes when run again', async (ms) => {
    const db = join(dir, `office-${ms}.homeward`);
    const init = await homeward(['init', '--db', db, '--office', 'MSO', '--office-name', 'Mae Sot', '--json'], { env: { HOMEWARD_PASSPHRASE: CLI_PASSPHRASE } });
    expect(init.code).toBe(0);
    await importKilledAfter(db, ms);
    const after = peopleIn(db);
    expect(after.integrity).toBe('ok');
    expect(after.auditOk).toBe(true);
    expect([0, list.expected.valid.length]).toContain(after.people);

    const again = await homeward(['import', csv, '--db', db, '--json']);
    expect(again.code).toBe(0);
    expect(peopleIn(db).people).toBe(list.expected.valid.length);
  });
});
