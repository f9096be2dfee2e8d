/**
 * npm run bench — Homeward's speed on an office of 100,000 generated people,
 * each figure beside a raw-SQLite baseline measured in the same run on the
 * same kind of encrypted file. Not part of npm test: timings on a shared
 * machine are reported, never asserted.
 *
 *   BENCH_PEOPLE=20000 npm run bench     (a smaller office)
 *   BENCH_IMPORT_ROWS=1000               (a shorter list to import)
 *   BENCH_QUALITY=0                      (skip measuring duplicate detection)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iteratePeople, Rng } from '../../src/domain/demo';
import type { PersonData } from '../../src/domain/person';
import { openSqlite } from '../../src/db/open';
import { createRawBaseline } from './raw';
import { OfficeStore } from '../../src/db/store';
import { listPeople, parsePersonInput, registerPerson } from '../../src/services/people';
import { personColumns } from '../../src/services/person-record';
import { buildRescueList } from '../../src/domain/demo/rescue-list';
import { ImportSession } from '../../src/services/import/session';
import { measureMatching } from '../../src/domain/demo/matching-quality';
import { toCsv } from '../fixtures/encode';

const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);

/**
 * A 10,000-row rescue list (blank and malformed rows, people listed twice,
 * people already registered) imported into the office: the dry run (read,
 * map, validate, look up duplicates by blocking keys among every registered
 * person) and the apply, beside raw inserts of the same rows.
 */
function benchImport(store: OfficeStore, rawPath: string, rawKey: Buffer, registered: readonly PersonData[]): void {
  const list = buildRescueList({
    seed: 77,
    count: IMPORT_ROWS,
    blankRows: 20,
    malformedRows: 50,
    inFileDuplicates: 100,
    duplicatesOf: registered.slice(0, 100).map((p) => ({ ...p })),
  });
  const bytes = new TextEncoder().encode(toCsv(list.header, list.rows));
  const [session, readMs] = time(() => new ImportSession(store, bytes, 'bench-list.csv'));
  const [, checkMs] = time(() => session.step());
  const summary = session.summary();
  const [result, applyMs] = time(() => session.apply('bench'));

  // Baseline: the same people's rows, as registered, inserted bare into the raw file in one transaction.
  const raw = openSqlite(rawPath, rawKey);
  const now = new Date().toISOString();
  const insert = raw.prepare(
    'INSERT INTO person (id, case_number, office, family_name, given_names, native_name, sex, birth_date, claimed_nationality, phone, rescue_date, rescue_site, stage, stage_changed_at, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const registeredRow = store.db.prepare('SELECT family_name, given_names, native_name, sex, birth_date, claimed_nationality, phone, rescue_date, rescue_site FROM person WHERE id = ?');
  const rows = result.created.map((c, i) => {
    const p = registeredRow.get(c.personId) as Record<string, string | null>;
    return [`import-${i}`, `IMP-2026-${String(i + 1).padStart(6, '0')}`, 'IMP', p.family_name, p.given_names, p.native_name, p.sex, p.birth_date, p.claimed_nationality, p.phone, p.rescue_date, p.rescue_site, 'intake', now, now, 'bench', now];
  });
  const [, rawMs] = time(() => raw.transaction(() => rows.forEach((r) => insert.run(...r)))());
  raw.close();

  console.log(`\nImport of a ${IMPORT_ROWS.toLocaleString('en')}-row CSV (${(bytes.length / 2 ** 20).toFixed(1)} MiB) into the office`);
  console.log(
    `  rows ${summary.rows}: valid ${summary.valid}, invalid ${summary.invalid}, blank ${summary.blank}; flagged ${summary.flagged} (${summary.duplicatesOfStored} of registered people, ${summary.duplicatesInFile} in the file)`,
  );
  report('dry run: read the file (decode, parse CSV, guess the mapping)', ms(readMs), '—');
  report('dry run: validate every row and look up duplicates', `${ms(checkMs)} (${perSecond(summary.rows, checkMs)})`, '—', `(whole dry run ${ms(readMs + checkMs)}; target: a few seconds)`);
  report('apply (one transaction)', `${ms(applyMs)} (${perSecond(result.created.length, applyMs)})`, `${ms(rawMs)} raw inserts of the same rows (${perSecond(rows.length, rawMs)})`, `→ ${((rawMs / applyMs) * 100).toFixed(1)}% of raw (target ≥ 8%)`);
  console.log(`  (${result.created.length} people registered, ${result.queued} pairs queued for review)`);
}

/**
 * Duplicate detection at the office's size: the matcher against the
 * generator's planted duplicates (5%), candidates from blocking keys, name
 * counts from the generated registry (as tests/unit/matching-demo.test.ts
 * does at 3,000 and 10,000).
 */
function benchQuality(): void {
  const m = measureMatching({ count: PEOPLE, seed: 11 });
  console.log(`\nDuplicate detection against ${m.planted.toLocaleString('en')} planted duplicates among ${PEOPLE.toLocaleString('en')} generated people (seed 11, 5%)`);
  report(
    'recall / precision',
    `${m.recall.toFixed(3)} / ${m.precision.toFixed(3)}`,
    '—',
    `(target ≥ 0.95 / ≥ 0.9; ${m.flagged.toLocaleString('en')} pairs flagged, ${m.falsePositives.length} wrongly)`,
  );
  report(
    'block, score and check every pair',
    ms(m.ms.total),
    '—',
    `(${m.candidatePairs.toLocaleString('en')} candidate pairs, ${((1000 * m.ms.scoring) / Math.max(1, m.candidatePairs)).toFixed(1)} µs each to score)`,
  );
  console.log(`  recall by kind: ${[...m.perKind].map(([kind, k]) => `${kind} ${k.recall.toFixed(2)}`).join(', ')}`);
}

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const BATCH = 1000;
const QUERIES = 100;
const PASSPHRASE = 'benchmark passphrase, not secret';

const dir = mkdtempSync(join(tmpdir(), 'homeward-bench-'));
const rows: [string, string, string, string][] = [];
const report = (what: string, homeward: string, baseline: string, note = '') => {
  rows.push([what, homeward, baseline, note]);
  console.log(`  ${what}: ${homeward}  (baseline ${baseline}) ${note}`);
};

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const result = fn();
  return [result, performance.now() - t];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const perSecond = (n: number, elapsed: number) => `${Math.round((n / elapsed) * 1000).toLocaleString('en')}/s`;

try {
  console.log(`Homeward benchmark: ${PEOPLE.toLocaleString('en')} generated people, encrypted (SQLCipher 4) files in ${dir}\n`);
  const [people, genMs] = time(() => {
    const out: PersonData[] = [];
    for (const g of iteratePeople({ count: PEOPLE, seed: 2026 })) out.push(parsePersonInput(g.input));
    return out;
  });
  console.log(`  generated and validated ${PEOPLE} people in ${ms(genMs)}\n`);

  // Baseline: bare person rows straight into an encrypted file, one transaction per batch.
  const { db: raw, path: rawPath, key: rawKey } = createRawBaseline(dir);
  const now = new Date().toISOString();
  const rawRows = people.map((p, i) => ({
    id: `raw-${i}`,
    case_number: `RAW-2026-${String(i + 1).padStart(6, '0')}`,
    office: 'RAW',
    ...personColumns(p, now.slice(0, 10)),
    stage: 'intake',
    stage_changed_at: now,
    created_at: now,
    created_by: 'bench',
    updated_at: now,
  }));
  const columns = Object.keys(rawRows[0]!);
  const insert = raw.prepare(`INSERT INTO person (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`);

  // Homeward: the same people through the write path (case number, documents,
  // indicators, minor holds, change log, audit chain, search index). Batches
  // alternate between the two files so both see the same machine conditions.
  const path = join(dir, 'office.homeward');
  const { store } = OfficeStore.create(path, { passphrase: PASSPHRASE, office: { code: 'MSO', name: 'Bench office', country: 'TH' }, actor: 'bench' });
  let rawMs = 0;
  let writeMs = 0;
  for (let i = 0; i < people.length; i += BATCH) {
    rawMs += time(() =>
      raw.transaction(() => {
        for (const r of rawRows.slice(i, i + BATCH)) insert.run(r);
      })(),
    )[1];
    writeMs += time(() =>
      store.write('bench', (tx) => {
        for (const p of people.slice(i, i + BATCH)) registerPerson(tx, p);
      }),
    )[1];
  }
  const ratio = (rawMs / writeMs) * 100;
  console.log('Writes');
  report('register people through the write path', perSecond(PEOPLE, writeMs), `${perSecond(PEOPLE, rawMs)} raw person rows`, `→ ${ratio.toFixed(1)}% of raw (target ≥ 10%)`);
  const changeRows = (store.db.prepare('SELECT count(*) AS n FROM change').get() as { n: number }).n;
  console.log(`  (${changeRows.toLocaleString('en')} change-log rows and ${(store.db.prepare('SELECT count(*) AS n FROM audit_event').get() as { n: number }).n.toLocaleString('en')} audit events written)\n`);

  // Search: 100 queries of the kinds coordinators type — part of a Latin name,
  // part of a native-script name, a case number, a document number. The people
  // are drawn by a seeded generator, so every run asks the same questions: p95
  // rests on the few short, common terms in the sample ("Wei", "Nguyễn Vă"),
  // each a count over thousands of matches, and a new sample each run moved it
  // by several milliseconds with nothing else changed (6 to 17 ms, one database).
  const rng = new Rng(7);
  const rowids = Array.from({ length: QUERIES * 3 }, () => rng.int(1, PEOPLE));
  const sample = store.db
    .prepare(
      `SELECT p.case_number, p.given_names, p.family_name, p.native_name, (SELECT number FROM identity_document d WHERE d.person_id = p.id AND number IS NOT NULL LIMIT 1) AS doc
       FROM json_each(?) AS r JOIN person p ON p.rowid = r.value ORDER BY r.key`,
    )
    .all(JSON.stringify(rowids)) as { case_number: string; given_names: string | null; family_name: string | null; native_name: string | null; doc: string | null }[];
  const queries: string[] = [];
  for (const s of sample) {
    if (queries.length >= QUERIES) break;
    const kind = rng.int(0, 3);
    const pick = [s.family_name ?? s.given_names, s.native_name, s.case_number, s.doc][kind];
    if (!pick) continue;
    const chars = [...pick];
    const len = Math.min(chars.length, kind >= 2 ? chars.length : Math.max(3, Math.ceil(chars.length * 0.6)));
    queries.push(chars.slice(0, len).join(''));
  }
  const searchTimes: number[] = [];
  let found = 0;
  for (const q of queries) {
    const [r, t] = time(() => listPeople(store, { search: q, limit: 50 }));
    searchTimes.push(t);
    if (r.total > 0) found++;
  }
  const likeTimes: number[] = [];
  const like = store.db.prepare(
    `SELECT id FROM person WHERE case_number LIKE @q OR family_name LIKE @q OR given_names LIKE @q OR native_name LIKE @q OR aliases LIKE @q
       OR id IN (SELECT person_id FROM identity_document WHERE number LIKE @q) LIMIT 50`,
  );
  for (const q of queries) likeTimes.push(time(() => like.all({ q: `%${q}%` }))[1]);
  const ftsTimes: number[] = [];
  const fts = store.db.prepare(`SELECT rowid FROM person_search WHERE text LIKE ? LIMIT 50`);
  for (const q of queries) ftsTimes.push(time(() => fts.all(`%${q}%`))[1]);
  const slowest = queries
    .map((q, i) => [q, searchTimes[i]!] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  for (const a of [searchTimes, likeTimes, ftsTimes]) a.sort((x, y) => x - y);
  console.log(`Search (${queries.length} queries, ${found} with hits)`);
  report('search p50 through the engine', ms(percentile(searchTimes, 50)), `LIKE scan ${ms(percentile(likeTimes, 50))}, bare trigram index ${ms(percentile(ftsTimes, 50))}`);
  report('search p95 through the engine', ms(percentile(searchTimes, 95)), `LIKE scan ${ms(percentile(likeTimes, 95))}, bare trigram index ${ms(percentile(ftsTimes, 95))}`, '(target ≤ 10 ms)');
  console.log(`  slowest: ${slowest.map(([q, t]) => `"${q}" ${ms(t)}`).join(', ')}\n`);

  // Open and first page: unlock (scrypt), open and migrate-check, then the
  // first page of the list sorted by case number with per-stage counts.
  store.close();
  raw.close();
  const [reopened, openMs] = time(() => OfficeStore.open(path, { passphrase: PASSPHRASE }));
  const [page, pageMs] = time(() => listPeople(reopened, { limit: 100 }));
  const [rawDb, rawOpenMs] = time(() => openSqlite(rawPath, rawKey));
  const [, rawPageMs] = time(() => {
    rawDb.prepare('SELECT stage, count(*) FROM person GROUP BY stage').all();
    return rawDb.prepare('SELECT * FROM person ORDER BY case_number LIMIT 100').all();
  });
  rawDb.close();
  console.log('Open and first page');
  report('unlock and open (scrypt 2^17, key check, schema check)', ms(openMs), `open with the raw key ${ms(rawOpenMs)}`);
  report(`first page (100 of ${page.total.toLocaleString('en')}, with stage counts)`, ms(pageMs), `raw page + counts ${ms(rawPageMs)}`, '(target ≤ 300 ms)');
  report('open + first page', ms(openMs + pageMs), ms(rawOpenMs + rawPageMs));
  benchImport(reopened, rawPath, rawKey, people);
  reopened.close();
  if (process.env.BENCH_QUALITY !== '0') benchQuality();
  console.log(`\n  memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
