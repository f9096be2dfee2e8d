/**
 * Sync benchmark (part of npm run bench): an office of 100,000 generated
 * people sends everything to an empty peer office (initial sync), the peer
 * answers with what it now holds, then 1,000 people are edited and the
 * incremental bundle goes across. Each figure is printed beside a raw-SQLite
 * baseline measured in the same run on the same kind of encrypted file.
 * Not part of npm test: timings on a shared machine are reported, never
 * asserted.
 *
 *   HOMEWARD_BENCH_SYNC_PEOPLE=20000 npx tsx tests/bench/sync.ts   (a smaller office)
 *   HOMEWARD_BENCH_SYNC_EDITS=500                                   (fewer edits)
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../src/db/open';
import { createRawBaseline } from './raw';
import { SYNCED_TABLES } from '../../src/db/schema';
import { OfficeStore } from '../../src/db/store';
import { generateDemoPeople } from '../../src/services/demo';
import { ensureOfficeKeys, keyCard } from '../../src/services/office-keys';
import { updatePerson } from '../../src/services/people';
import { applyBundle, readBundle } from '../../src/services/sync/apply';
import { exportBundle } from '../../src/services/sync/export';
import { addPeer } from '../../src/services/sync/peers';

const PEOPLE = Number(process.env.HOMEWARD_BENCH_SYNC_PEOPLE ?? 100_000);
const EDITS = Math.min(PEOPLE, Number(process.env.HOMEWARD_BENCH_SYNC_EDITS ?? 1_000));
const BATCH = 1000;
const PASSPHRASE = 'benchmark passphrase, not secret';
const ACTOR = 'bench';

const dir = mkdtempSync(join(tmpdir(), 'homeward-bench-sync-'));
const report = (what: string, homeward: string, baseline: string, note = '') => {
  console.log(`  ${what}: ${homeward}  (baseline ${baseline}) ${note}`);
};

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const result = fn();
  return [result, performance.now() - t];
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const perSecond = (n: number, elapsed: number) => `${Math.round((n / elapsed) * 1000).toLocaleString('en')}/s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
/** Peak resident set size of this process so far (Linux reports KiB). */
const peakRss = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`;
const count = (store: OfficeStore, table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function office(code: string, name: string): OfficeStore {
  const { store } = OfficeStore.create(join(dir, `${code.toLowerCase()}.homeward`), { passphrase: PASSPHRASE, office: { code, name, country: 'TH' }, actor: 'admin@bench' });
  ensureOfficeKeys(store, 'admin@bench');
  return store;
}

/** `a` trusts `b` from b's key card, as a coordinator would after comparing fingerprints. */
function trust(a: OfficeStore, b: OfficeStore): void {
  const card = keyCard(b.db);
  addPeer(a, 'admin@bench', { card: card.card, ageFingerprint: card.ageFingerprint, signingFingerprint: card.signingFingerprint });
}

/** Hash of every person row, to check the peer holds the same people after a bundle. */
function peopleDigest(store: OfficeStore): string {
  const hash = createHash('sha256');
  for (const row of store.db.prepare('SELECT * FROM person ORDER BY id').iterate() as Iterable<Record<string, unknown>>) hash.update(JSON.stringify(row));
  return hash.digest('hex');
}

/**
 * One bundle from `from` to `to` through a folder: export (file written),
 * then read + check (decrypt, unzip, verify, parse) and apply at the peer.
 */
function send(from: OfficeStore, to: OfficeStore, outDir: string) {
  const [out, exportMs] = time(() => exportBundle(from, ACTOR, [to.office], { outDir }));
  if (!out.view.path) throw new Error(`expected a bundle from ${from.office} to ${to.office}, got none`);
  const bytes = readFileSync(out.view.path);
  const [bundle, readMs] = time(() => readBundle(to, bytes));
  const [view, applyMs] = time(() => applyBundle(to, ACTOR, bundle, { fileName: out.view.fileName }));
  return { out: out.view, exportMs, readMs, applyMs, view, fileBytes: statSync(out.view.path).size };
}

try {
  console.log(`Homeward sync benchmark: ${PEOPLE.toLocaleString('en')} generated people at MSO, sent to an empty MYW; encrypted (SQLCipher 4) files in ${dir}\n`);
  const mso = office('MSO', 'Mae Sot coordination office');
  const myw = office('MYW', 'Myawaddy liaison office');
  trust(mso, myw);
  trust(myw, mso);

  // The demo generator registers through the write path and moves some people on (verification, transfer).
  const [generated, genMs] = time(() => generateDemoPeople(mso, ACTOR, { count: PEOPLE, seed: 2026 }));
  console.log(
    `  generated ${generated.created.toLocaleString('en')} people at MSO through the write path in ${ms(genMs)} (${perSecond(generated.created, genMs)}); ` +
      `${count(mso, 'change').toLocaleString('en')} change-log rows, ${count(mso, 'audit_event').toLocaleString('en')} audit events; peak rss ${peakRss()}\n`,
  );

  // Baseline: the same person rows, as MSO holds them, inserted bare into a raw encrypted file
  // (same schema, same pragmas as the office file), one transaction per thousand.
  const { db: raw, path: rawPath, key: rawKey } = createRawBaseline(dir);
  const personRows = mso.db.prepare('SELECT * FROM person ORDER BY rowid').all() as Record<string, unknown>[];
  const columns = Object.keys(personRows[0]!);
  const insert = raw.prepare(`INSERT INTO person (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`);
  const [, rawMs] = time(() => {
    for (let i = 0; i < personRows.length; i += BATCH) {
      raw.transaction(() => {
        for (const r of personRows.slice(i, i + BATCH)) insert.run(r);
      })();
    }
  });
  personRows.length = 0;
  raw.close();

  // A second baseline: every synced row MSO holds (people, documents, indicators, holds,
  // verifications, duplicate candidates…), bare, into another raw file, a thousand per transaction.
  const rawAll = createRawBaseline(dir, 'raw-all.db').db;
  let allRows = 0;
  let rawAllMs = 0;
  for (const table of SYNCED_TABLES) {
    const rows = mso.db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    if (rows.length === 0) continue;
    const cols = Object.keys(rows[0]!);
    const put = rawAll.prepare(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
    rawAllMs += time(() => {
      for (let i = 0; i < rows.length; i += BATCH) rawAll.transaction(() => rows.slice(i, i + BATCH).forEach((r) => put.run(r)))();
    })[1];
    allRows += rows.length;
  }
  rawAll.close();

  const outDir = join(dir, 'folder');
  console.log('Initial sync (MSO → empty MYW)');
  const first = send(mso, myw, outDir);
  const initialMs = first.exportMs + first.readMs + first.applyMs;
  report('export: whole office into one bundle', `${ms(first.exportMs)}, ${mib(first.fileBytes)} file (${first.out.changes.toLocaleString('en')} changes, ${first.out.events.toLocaleString('en')} audit events)`, '—');
  report('import: open and check (decrypt, unzip, verify, parse)', ms(first.readMs), '—');
  report(
    'import: apply (one transaction)',
    `${ms(first.applyMs)} (${perSecond(first.view.people, first.applyMs)} people)`,
    `${ms(rawMs)} raw inserts of the same person rows (${perSecond(generated.created, rawMs)})`,
    `→ ${((rawMs / first.applyMs) * 100).toFixed(1)}% of raw`,
  );
  report(
    'import: apply, against every synced row',
    `${ms(first.applyMs)} (${perSecond(first.view.rows.inserted, first.applyMs)} rows)`,
    `${ms(rawAllMs)} raw inserts of all ${allRows.toLocaleString('en')} synced rows MSO holds (${perSecond(allRows, rawAllMs)})`,
    `→ ${((rawAllMs / first.applyMs) * 100).toFixed(1)}% of raw`,
  );
  report(
    'initial sync end to end (export + read + apply)',
    `${ms(initialMs)} (${perSecond(generated.created, initialMs)} people)`,
    `${ms(rawMs)} raw`,
    `→ ${((rawMs / initialMs) * 100).toFixed(1)}% of raw`,
  );
  const same = count(myw, 'person') === generated.created && peopleDigest(myw) === peopleDigest(mso);
  console.log(
    `  (MYW now holds ${count(myw, 'person').toLocaleString('en')} people, ${same ? 'identical to MSO' : 'NOT identical to MSO'}; ${first.view.rows.inserted.toLocaleString('en')} rows inserted; ` +
      `${count(myw, 'audit_event').toLocaleString('en')} audit events; peak rss ${peakRss()})\n`,
  );

  // MYW tells MSO what it now holds; until it does, MSO would send everything again.
  console.log('Acknowledgement (MYW → MSO: "I hold all of it")');
  const ack = send(myw, mso, outDir);
  report('export + read + apply of the answering bundle', `${ms(ack.exportMs)} + ${ms(ack.readMs)} + ${ms(ack.applyMs)}`, '—', `(${ack.out.changes} changes, ${ack.fileBytes.toLocaleString('en')} bytes)`);
  console.log('');

  // 1,000 people edited at MSO through the write path, one edit (one transaction) each.
  const editIds = (mso.db.prepare('SELECT id FROM person ORDER BY case_number LIMIT ?').all(EDITS) as { id: string }[]).map((r) => r.id);
  const [, editMs] = time(() => {
    editIds.forEach((id, i) => updatePerson(mso, ACTOR, id, { phone: `+66 81 ${String(100000 + i).padStart(6, '0')}`, rescueSite: `Site ${i % 17}` }, 'bench edit'));
  });
  // Baselines: the same edits as bare UPDATEs of the raw file, one transaction each and all in one.
  const rawDb = openSqlite(rawPath, rawKey);
  const rawUpdate = rawDb.prepare('UPDATE person SET phone = ?, rescue_site = ?, updated_at = ? WHERE id = ?');
  const now = new Date().toISOString();
  const [, rawEachMs] = time(() => editIds.forEach((id, i) => rawDb.transaction(() => rawUpdate.run(`+66 82 ${String(100000 + i).padStart(6, '0')}`, `Raw site ${i % 17}`, now, id))()));
  const [, rawOnceMs] = time(() => rawDb.transaction(() => editIds.forEach((id, i) => rawUpdate.run(`+66 83 ${String(100000 + i).padStart(6, '0')}`, `Raw site ${i % 13}`, now, id)))());
  rawDb.close();

  console.log(`Incremental sync of ${EDITS.toLocaleString('en')} edited people (MSO → MYW)`);
  report('edit people at MSO through the write path, one transaction each', `${ms(editMs)} (${perSecond(EDITS, editMs)})`, `${ms(rawEachMs)} raw single-row updates (${perSecond(EDITS, rawEachMs)})`);
  const next = send(mso, myw, outDir);
  report('export: the edits into one bundle', `${ms(next.exportMs)}, ${next.fileBytes.toLocaleString('en')} bytes (${next.out.changes.toLocaleString('en')} changes, ${next.out.events.toLocaleString('en')} audit events)`, '—');
  report('import: open and check', ms(next.readMs), '—');
  report(
    'import: apply (one transaction)',
    `${ms(next.applyMs)} (${perSecond(next.view.people, next.applyMs)} people)`,
    `${ms(rawOnceMs)} raw updates of the same rows in one transaction (${perSecond(EDITS, rawOnceMs)})`,
    `→ ${((rawOnceMs / next.applyMs) * 100).toFixed(1)}% of raw`,
  );
  const incrementalMs = next.exportMs + next.readMs + next.applyMs;
  report('incremental sync end to end (export + read + apply)', `${ms(incrementalMs)} (${perSecond(EDITS, incrementalMs)} people)`, `${ms(rawOnceMs)} raw`);
  const sameAgain = peopleDigest(myw) === peopleDigest(mso);
  console.log(`  (${next.view.rows.updated.toLocaleString('en')} rows updated at MYW, ${next.view.changes.applied.toLocaleString('en')} changes applied; MYW ${sameAgain ? 'identical to MSO' : 'NOT identical to MSO'})`);
  mso.close();
  myw.close();
  console.log(`\n  memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB now, peak ${peakRss()}`);
  if (!same || !sameAgain) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
