/**
 * Sync converges and loses nothing, whatever the post does to the bundles.
 *
 * A seeded property test (fast-check). Four to six offices, each a real
 * encrypted database trusting all the others, make random writes through the
 * ordinary services — registrations, edits of names, birth date,
 * nationality, phone and documents, stage moves, verification answers, notes,
 * holds placed and lifted, attachments, deletes (tombstones) — interleaved
 * with bundles sent between random offices: delivered, delivered twice, kept
 * back and delivered later (after newer ones), or lost. At the end every
 * bundle kept back or lost is delivered late, all offices exchange until
 * nothing moves, and every bundle ever written is replayed.
 *
 * Then, on every office:
 *  - SQLite's integrity check passes, every audit chain verifies, nothing is
 *    left parked, and no change was applied twice;
 *  - the synced content is identical (tests/sync-helpers `dump`: the rows of
 *    every table that travels, the audit events, the set of changes), and the
 *    derived search index answers the same searches the same way;
 *  - every write ever made is accounted for (see `unaccountedWrites`): its
 *    value is the current one, or it is recorded in the conflict queue, or a
 *    later write was made by someone who had it in view;
 *  - no live case sits in a stage its rules forbid without an open stage
 *    conflict flagging it for review;
 *  - replaying old bundles changes nothing, and a further exchange has
 *    nothing to send (sync goes quiet).
 *
 * `npm test` runs a few seeds (about 1,500 operations in all). A long run:
 *   HOMEWARD_SYNC_LONG=1 npx vitest run -c tests/vitest.config.ts tests/property/sync-convergence.test.ts
 *   (or `npm run test:sync-long`); HOMEWARD_SYNC_SEEDS=1,2,3 picks the seeds,
 *   HOMEWARD_SYNC_RUNS / HOMEWARD_SYNC_OPS the runs per seed and operations per run.
 * On failure fast-check prints the seed and path; replay one with
 *   HOMEWARD_SYNC_SEEDS=<seed> HOMEWARD_SYNC_PATH=<path> HOMEWARD_SYNC_SHRINK=1 …
 * Offices live on /dev/shm where there is one (see runScenario).
 *
 * KNOWN ENGINE BUG (at the foot of this file, with a minimal reproduction):
 * a third concurrent value of an identity field or stage is lost from the
 * conflict queue. Seeds 20261014 and 77 hit it, so this file FAILS until the
 * engine is fixed. HOMEWARD_SYNC_KNOWN_BUGS=tolerate counts those lost
 * writes instead of failing on them, to look past the bug for others.
 */
import fc from 'fast-check';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/audit-chain';
import { prepare } from '../../src/db/query';
import type { ChangedRow, PersonTable } from '../../src/db/schema';
import { Rng } from '../../src/domain/demo';
import { HomewardError } from '../../src/domain/errors';
import { HOLD_KINDS, stageInvariantViolations, STAGES, type HoldKind, type Stage } from '../../src/domain/stages';
import { addAttachment } from '../../src/services/attachments';
import { addHold, advanceCase, liftHold } from '../../src/services/cases';
import { addNote } from '../../src/services/notes';
import { addPerson, listPeople, updatePerson } from '../../src/services/people';
import { caseFacts } from '../../src/services/person-record';
import { LOCAL_ONLY_TABLES } from '../../src/services/sync/state';
import { recordVerification } from '../../src/services/verification';
import { ACTOR, completePerson } from '../helpers';
import { apply, bundle, dump, fullExchange, syncOffices, type SyncOffice } from '../sync-helpers';

// ───────────────────────────── run size ─────────────────────────────

const LONG = process.env.HOMEWARD_SYNC_LONG === '1';
const envInt = (name: string, fallback: number): number => {
  const v = process.env[name];
  return v && /^\d+$/.test(v) ? Number(v) : fallback;
};
/** Fixed seeds for `npm test`; a long run takes many (or the ones named). */
const SEEDS: number[] = process.env.HOMEWARD_SYNC_SEEDS
  ? process.env.HOMEWARD_SYNC_SEEDS.split(',').map((s) => Number(s.trim()))
  : LONG
    ? Array.from({ length: 12 }, (_, i) => 1000 + i * 7919)
    : [20261014, 4242, 77];
const RUNS_PER_SEED = envInt('HOMEWARD_SYNC_RUNS', LONG ? 6 : 2);
const MAX_OPS = envInt('HOMEWARD_SYNC_OPS', LONG ? 900 : 300);
const MIN_OPS = Math.min(MAX_OPS, LONG ? 300 : 200);
const SHRINK = process.env.HOMEWARD_SYNC_SHRINK === '1';
const PATH = process.env.HOMEWARD_SYNC_PATH;
/** `tolerate`: report lost writes with the known bug's signature as counts instead of failures (to hunt for other bugs); default strict. */
const KNOWN_BUGS = process.env.HOMEWARD_SYNC_KNOWN_BUGS;

// ───────────────────────────── what offices write ─────────────────────────────

const FAMILY = ['Nguyễn', 'Trần', 'Zhang', 'Wang', 'Aung', 'Kyaw', 'Sombat', 'Phan', 'Santos', 'Li'];
const GIVEN = ['Văn An', 'Thị Mai', 'Wei', 'Min Thu', 'Hla Hla', 'Arief', 'Maria Cruz', 'Bo Bo', 'Chen Jie', 'Somchai'];
const BIRTH = ['1996-04-12', '1988-11-30', '2001-02-03', '1979-07-21', '1999-09-09', '2012-05-05' /* a minor: an automatic hold */];
const NATIONALITY = ['VN', 'CN', 'MM', 'ID', 'PH', 'LA', 'KH'];
const PHONE = ['+95 9 420 123 456', '+84 90 123 4567', '+66 81 234 5678', null];
const SITES = ['KK Park', 'Shwe Kokko', 'Golden Triangle SEZ'];
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

type Op =
  | { k: 'create'; o: number; fam: number; giv: number; bd: number; nat: number; site: number; consent: boolean }
  | { k: 'edit'; o: number; p: number; field: 'familyName' | 'givenNames' | 'birthDate' | 'claimedNationality' | 'phone' | 'documentNumber' | 'documentsReplaced'; v: number }
  | { k: 'stage'; o: number; p: number; to: Stage }
  | { k: 'verify'; o: number; p: number; outcome: 'confirmed' | 'not_confirmed' | 'pending' }
  | { k: 'note'; o: number; p: number; n: number }
  | { k: 'hold'; o: number; p: number; kind: HoldKind }
  | { k: 'lift'; o: number; p: number; kind: HoldKind }
  | { k: 'attach'; o: number; p: number; n: number }
  | { k: 'delete'; o: number; p: number; what: 'person' | 'hold' | 'indicator' | 'attachment' }
  | { k: 'send'; from: number; to: number; also: number | null; fate: Fate }
  | { k: 'late'; pick: number };
type Fate = 'deliver' | 'twice' | 'keep' | 'lose';

const office = fc.nat(5);
/** Which of an office's live people (by id order): often one of the first few, so offices edit the same cases at once. */
const person = fc.oneof(fc.nat(3), fc.nat(1000));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 14, arbitrary: fc.record({ k: fc.constant('create' as const), o: office, fam: fc.nat(9), giv: fc.nat(9), bd: fc.nat(5), nat: fc.nat(6), site: fc.nat(2), consent: fc.boolean() }) },
  {
    weight: 22,
    arbitrary: fc.record({
      k: fc.constant('edit' as const),
      o: office,
      p: person,
      field: fc.constantFrom('familyName', 'givenNames', 'birthDate', 'claimedNationality', 'phone', 'documentNumber', 'documentsReplaced') as fc.Arbitrary<
        Extract<Op, { k: 'edit' }>['field']
      >,
      v: fc.nat(9),
    }),
  },
  { weight: 10, arbitrary: fc.record({ k: fc.constant('stage' as const), o: office, p: person, to: fc.constantFrom(...STAGES.filter((s) => s !== 'merged')) }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('verify' as const), o: office, p: person, outcome: fc.constantFrom('confirmed' as const, 'confirmed' as const, 'not_confirmed' as const, 'pending' as const) }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('note' as const), o: office, p: person, n: fc.nat(99) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('hold' as const), o: office, p: person, kind: fc.constantFrom(...HOLD_KINDS) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('lift' as const), o: office, p: person, kind: fc.constantFrom(...HOLD_KINDS) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('attach' as const), o: office, p: person, n: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('delete' as const), o: office, p: person, what: fc.constantFrom('person' as const, 'hold' as const, 'indicator' as const, 'attachment' as const) }) },
  {
    weight: 24,
    arbitrary: fc.record({
      k: fc.constant('send' as const),
      from: office,
      to: office,
      also: fc.option(office, { freq: 4 }),
      fate: fc.constantFrom<Fate>('deliver', 'deliver', 'deliver', 'twice', 'keep', 'keep', 'lose'),
    }),
  },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('late' as const), pick: fc.nat(1000) }) },
);

const scenarioArb = fc.record({
  offices: fc.integer({ min: 4, max: 6 }),
  ops: fc.array(opArb, { minLength: MIN_OPS, maxLength: MAX_OPS }),
  shuffle: fc.nat(),
});
type Scenario = { offices: number; ops: Op[]; shuffle: number };

// ───────────────────────────── running a scenario ─────────────────────────────

/** Refusals a coordinator sees when a move is not allowed or the record is not there: part of the game, not failures. */
const REFUSALS = new Set(['RULE_VIOLATION', 'NOT_FOUND', 'ALREADY_EXISTS', 'VALIDATION_FAILED']);

interface Sent {
  from: SyncOffice;
  to: SyncOffice;
  bytes: Buffer;
}

interface Stats {
  writes: number;
  refused: number;
  bundles: number;
  delivered: number;
  twice: number;
  kept: number;
  lost: number;
  late: number;
  deleteConfirmations: number;
  conflicts: number;
  stageFlags: number;
  /** lost writes with the signature of the known engine bug (counted; failures unless tolerated) */
  knownBugHits: number;
}

const newStats = (): Stats => ({ knownBugHits: 0, writes: 0, refused: 0, bundles: 0, delivered: 0, twice: 0, kept: 0, lost: 0, late: 0, deleteConfirmations: 0, conflicts: 0, stageFlags: 0 });


const count = (o: SyncOffice, sql: string, ...params: unknown[]): number => (prepare(o.store.db, sql).get(...params) as { n: number }).n;
const ids = (o: SyncOffice, sql: string, ...params: unknown[]): string[] => (prepare(o.store.db, sql).all(...params) as { id: string }[]).map((r) => r.id);
const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

class World {
  readonly sent: Sent[] = [];
  /** bundles kept back (to deliver later, after newer ones) or lost in the post (delivered only at the very end) */
  readonly kept: Sent[] = [];
  readonly lost: Sent[] = [];
  readonly stats = newStats();

  constructor(readonly offices: SyncOffice[]) {}

  office(n: number): SyncOffice {
    return this.offices[n % this.offices.length]!;
  }

  /** A write by a coordinator; a refusal by the rules is fine, anything else is not. */
  private attempt(fn: () => unknown): void {
    try {
      fn();
      this.stats.writes++;
    } catch (e) {
      if (e instanceof HomewardError && REFUSALS.has(e.code)) this.stats.refused++;
      else throw e;
    }
  }

  run(op: Op): void {
    switch (op.k) {
      case 'send':
        return this.send(op);
      case 'late': {
        if (this.kept.length === 0) return;
        const [b] = this.kept.splice(op.pick % this.kept.length, 1);
        this.stats.late++;
        this.deliver(b!);
        return;
      }
      case 'create': {
        const o = this.office(op.o);
        const overrides: Record<string, unknown> = {
          familyName: FAMILY[op.fam],
          givenNames: GIVEN[op.giv],
          nativeName: null,
          birthDate: BIRTH[op.bd],
          claimedNationality: NATIONALITY[op.nat],
          rescueSite: SITES[op.site],
          documents: [{ type: 'passport', number: `P${op.fam}${op.giv}${op.bd}${op.nat}`, issuingCountry: NATIONALITY[op.nat], holder: 'compound' }],
        };
        if (!op.consent) overrides.consent = null; // cannot move on to verification until consent is recorded
        return this.attempt(() => addPerson(o.store, ACTOR, completePerson(overrides)));
      }
      default:
        return this.personOp(op);
    }
  }

  private personOp(op: Exclude<Op, { k: 'send' | 'late' | 'create' }>): void {
    const o = this.office(op.o);
    const id = pick(ids(o, 'SELECT id FROM person WHERE deleted = 0 ORDER BY id'), op.p);
    if (!id) return;
    const store = o.store;
    switch (op.k) {
      case 'edit': {
        if (op.field === 'documentNumber' || op.field === 'documentsReplaced') {
          const docs = prepare(store.db, 'SELECT * FROM identity_document WHERE person_id = ? AND deleted = 0 ORDER BY created_at, id').all(id) as Record<string, unknown>[];
          const asInput = (d: Record<string, unknown>) => ({ id: d.id, type: d.type, number: d.number, issuingCountry: d.issuing_country, expiry: d.expiry, holder: d.holder, note: d.note });
          const documents =
            op.field === 'documentNumber' && docs.length
              ? [{ ...asInput(docs[0]!), number: `N${op.v}${String(op.o)}` }, ...docs.slice(1).map(asInput)]
              : [{ type: op.v % 2 ? 'national_id' : 'passport', number: `R${op.v}${String(op.o)}`, issuingCountry: NATIONALITY[op.v % NATIONALITY.length], holder: 'person' }];
          return this.attempt(() => updatePerson(store, ACTOR, id, { documents }, 'document corrected'));
        }
        const value =
          op.field === 'familyName'
            ? FAMILY[op.v % FAMILY.length]
            : op.field === 'givenNames'
              ? GIVEN[op.v % GIVEN.length]
              : op.field === 'birthDate'
                ? BIRTH[op.v % BIRTH.length]
                : op.field === 'claimedNationality'
                  ? NATIONALITY[op.v % NATIONALITY.length]
                  : PHONE[op.v % PHONE.length];
        return this.attempt(() => updatePerson(store, ACTOR, id, { [op.field]: value }, 'corrected at interview'));
      }
      case 'stage':
        return this.attempt(() => advanceCase(store, ACTOR, id, op.to, `moved to ${op.to} (property test)`));
      case 'verify': {
        const row = prepare(store.db, 'SELECT claimed_nationality FROM person WHERE id = ?').get(id) as { claimed_nationality: string | null };
        const country = row.claimed_nationality ?? 'VN';
        return this.attempt(() => recordVerification(store, ACTOR, id, { method: 'embassy_list', authority: `Embassy of ${country}`, country, outcome: op.outcome }));
      }
      case 'note':
        return this.attempt(() => addNote(store, ACTOR, id, `Contact ${op.n} at ${o.code}`));
      case 'hold':
        return this.attempt(() => addHold(store, ACTOR, id, op.kind, `hold ${op.kind} from ${o.code}`));
      case 'lift':
        return this.attempt(() => liftHold(store, ACTOR, id, op.kind, `lifted at ${o.code}`));
      case 'attach':
        return this.attempt(() => addAttachment(store, ACTOR, id, { kind: 'photo', filename: `photo-${op.n}.png`, data: Buffer.concat([PNG, Buffer.from([op.n])]) }));
      case 'delete': {
        const table = op.what;
        // Notes are append-only (no tombstone); indicator rows have ids every office derives alike.
        const target = table === 'person' ? id : pick(ids(o, `SELECT id FROM ${table} WHERE person_id = ? AND deleted = 0 ORDER BY id`, id), op.p);
        if (!target) return;
        return this.attempt(() =>
          store.write(ACTOR, (tx) => {
            tx.tombstone(table, target);
            tx.audit({ action: `${table}.deleted`, entityType: table, entityId: target, personId: id, reason: 'entered in error (property test)' });
          }),
        );
      }
    }
  }

  private send(op: Extract<Op, { k: 'send' }>): void {
    const from = this.office(op.from);
    const to = this.office(op.to);
    if (from === to) return;
    const also = op.also === null ? null : this.office(op.also);
    const receivers = also && also !== from && also !== to ? [to, also] : [to];
    const bytes = bundle(from, receivers);
    if (!bytes) return;
    this.stats.bundles++;
    for (const r of receivers) {
      const b: Sent = { from, to: r, bytes };
      this.sent.push(b);
      if (op.fate === 'deliver') this.deliver(b);
      else if (op.fate === 'twice') {
        this.deliver(b);
        this.deliver(b);
        this.stats.twice++;
      } else if (op.fate === 'keep') {
        this.kept.push(b);
        this.stats.kept++;
      } else {
        this.lost.push(b);
        this.stats.lost++;
      }
    }
  }

  /**
   * Imports a bundle. When it would delete more than the set share of
   * records, the import must stop with nothing changed; a person then
   * confirms and it is applied (the delete guard is not what is under test
   * here, but its refusal must leave the database as it was).
   */
  deliver(b: Sent): void {
    this.stats.delivered++;
    try {
      apply(b.to, b.bytes);
    } catch (e) {
      if (!(e instanceof HomewardError && e.code === 'CONFIRMATION_REQUIRED')) throw e;
      this.stats.deleteConfirmations++;
      const before = dump(b.to.store);
      expect(() => apply(b.to, b.bytes)).toThrow(HomewardError); // still refused, and still nothing changed
      expect(dump(b.to.store)).toEqual(before);
      apply(b.to, b.bytes, { allowDeletes: true });
    }
  }

  /** tests/sync-helpers `fullExchange`, with a person confirming any import the delete guard stops. */
  settle(): void {
    for (let round = 0; round < this.offices.length + 2; round++) {
      let moved = false;
      for (const a of this.offices) {
        for (const b of this.offices) {
          if (a === b) continue;
          const bytes = bundle(a, [b]);
          if (!bytes) continue;
          this.deliver({ from: a, to: b, bytes });
          moved = true;
        }
      }
      if (!moved) return;
    }
  }
}

// ───────────────────────────── what must hold ─────────────────────────────

const same = (a: unknown, b: unknown): boolean => a === b || (a == null && b == null) || JSON.stringify(a) === JSON.stringify(b);
/** Bookkeeping fields: last writer wins, and a lost value is not worth recording (the engine's HOUSEKEEPING). */
const HOUSEKEEPING = new Set(['updated_at', 'created_at']);

/**
 * Every write ever made is accounted for on `o`. A write is one field value
 * of one row in one change-log entry (stamp h, table t, row r, field f,
 * value v; bookkeeping fields aside). It is accounted for when one of these holds:
 *  (a) current: row t/r on `o` holds v in f;
 *  (b) recorded: `o`'s conflict queue (sync_conflict) has an entry for t/r/f
 *      with v as its winner or loser value;
 *  (c) seen and overwritten: the change log holds a later write (stamp > h)
 *      to t/r/f whose `prev` for f is v — it was made by someone who had v in
 *      view, so v was replaced on purpose (sequential history), not lost.
 * Returns a description of each write that is none of these: in `lost`, or in
 * `overwrittenQuestion` when the field also has an identity or stage question
 * in the queue (the signature of the engine bug described at the foot of
 * this file: a third concurrent value replaces the values of the open
 * question instead of adding to it). Both are lost writes.
 */
function unaccountedWrites(o: SyncOffice): { lost: string[]; overwrittenQuestion: string[] } {
  const db = o.store.db;
  interface Write {
    hlc: string;
    key: string;
    table: string;
    id: string;
    field: string;
    value: unknown;
  }
  const writes: Write[] = [];
  const seen = new Map<string, { hlc: string; prev: unknown }[]>();
  for (const c of prepare(db, 'SELECT hlc, rows FROM change ORDER BY seq').all() as { hlc: string; rows: string }[]) {
    for (const row of JSON.parse(c.rows) as ChangedRow[]) {
      if (LOCAL_ONLY_TABLES.has(row.table)) continue;
      for (const [field, value] of Object.entries(row.fields)) {
        if (HOUSEKEEPING.has(field)) continue;
        const key = `${row.table}\u0000${row.id}\u0000${field}`;
        writes.push({ hlc: c.hlc, key, table: row.table, id: row.id, field, value });
        if (row.prev && field in row.prev) {
          let list = seen.get(key);
          if (!list) seen.set(key, (list = []));
          list.push({ hlc: c.hlc, prev: row.prev[field] });
        }
      }
    }
  }
  const recorded = new Set<string>();
  for (const c of prepare(db, 'SELECT tbl, row_id, field, winner_value, loser_value FROM sync_conflict WHERE field IS NOT NULL').all() as {
    tbl: string;
    row_id: string;
    field: string;
    winner_value: string | null;
    loser_value: string | null;
  }[]) {
    const key = `${c.tbl}\u0000${c.row_id}\u0000${c.field}`;
    recorded.add(`${key}\u0000${c.winner_value ?? 'null'}`);
    recorded.add(`${key}\u0000${c.loser_value ?? 'null'}`);
  }
  const rows = new Map<string, Record<string, unknown> | undefined>();
  const current = (table: string, id: string) => {
    const k = `${table}\u0000${id}`;
    if (!rows.has(k)) rows.set(k, prepare(db, `SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined);
    return rows.get(k);
  };
  const lost: string[] = [];
  const overwrittenQuestion: string[] = [];
  const questions = new Set(
    (prepare(db, `SELECT tbl, row_id, field FROM sync_conflict WHERE kind IN ('identity', 'stage') AND field IS NOT NULL`).all() as { tbl: string; row_id: string; field: string }[]).map(
      (c) => `${c.tbl}\u0000${c.row_id}\u0000${c.field}`,
    ),
  );
  for (const w of writes) {
    const row = current(w.table, w.id);
    if (row && same(row[w.field], w.value)) continue; // (a)
    if (recorded.has(`${w.key}\u0000${JSON.stringify(w.value ?? null)}`)) continue; // (b)
    if ((seen.get(w.key) ?? []).some((s) => s.hlc > w.hlc && same(s.prev, w.value))) continue; // (c)
    const history = writes.filter((x) => x.key === w.key).map((x) => `${x.hlc} ${JSON.stringify(x.value)}${(seen.get(w.key) ?? []).filter((s) => s.hlc === x.hlc).map((s) => ` (prev ${JSON.stringify(s.prev)})`).join('')}`);
    const queue = (prepare(db, 'SELECT kind, status, winner_value, winner_hlc, loser_value, loser_hlc FROM sync_conflict WHERE tbl = ? AND row_id = ? AND field = ? ORDER BY id').all(w.table, w.id, w.field) as Record<string, unknown>[]).map((c) => JSON.stringify(c));
    (questions.has(w.key) ? overwrittenQuestion : lost).push(
      `${o.code}: ${w.table} ${w.id} ${w.field} = ${JSON.stringify(w.value)} (written ${w.hlc}) is neither current (${JSON.stringify(row?.[w.field])}), nor in sync_conflict, nor overwritten by a write that saw it.\n` +
        `    writes, in ${o.code}'s log order:\n      ${history.join('\n      ')}\n    sync_conflict:\n      ${queue.join('\n      ') || '(none)'}`,
    );
  }
  return { lost, overwrittenQuestion };
}

/** Live cases whose stage their rules forbid, with no open stage conflict asking a person to look. */
function unflaggedStages(o: SyncOffice): string[] {
  const out: string[] = [];
  for (const row of prepare(o.store.db, 'SELECT * FROM person WHERE deleted = 0').all() as PersonTable[]) {
    const violations = stageInvariantViolations(caseFacts(o.store.db, row));
    if (violations.length === 0) continue;
    const flagged = count(o, `SELECT count(*) AS n FROM sync_conflict WHERE tbl = 'person' AND row_id = ? AND kind = 'stage' AND status = 'open'`, row.id) > 0;
    if (!flagged) out.push(`${o.code}: ${row.case_number} in ${row.stage}: ${violations.map((v) => v.rule).join(', ')}`);
  }
  return out;
}

/** The first difference between two dumps, readably. */
function firstDifference(a: Record<string, string>, b: Record<string, string>): string | null {
  for (const table of Object.keys(a)) {
    if (a[table] === b[table]) continue;
    const ra = JSON.parse(a[table]!) as unknown[];
    const rb = JSON.parse(b[table]!) as unknown[];
    for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
      if (JSON.stringify(ra[i]) !== JSON.stringify(rb[i])) return `${table} (${ra.length} vs ${rb.length} rows), first difference at #${i}:\n  ${JSON.stringify(ra[i])}\n  ${JSON.stringify(rb[i])}`;
    }
  }
  return null;
}

/** What a search shows, from the derived index (person_search / person_words) rather than the rows. */
function searches(o: SyncOffice): string {
  return JSON.stringify(
    [...FAMILY.slice(0, 5), 'Min Thu', 'MSO-'].map((q) => {
      const r = listPeople(o.store, { search: q, limit: 100_000 }, '2026-12-01');
      return { q, total: r.total, stageCounts: r.stageCounts, ids: r.people.map((p) => p.id).sort() };
    }),
  );
}

function checkOffice(o: SyncOffice, problem: (message: string) => void): void {
  const integrity = (o.store.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (integrity.join() !== 'ok') problem(`${o.code}: integrity_check says ${integrity.join('; ')}`);
  const audit = verifyAuditChain(o.store.db);
  if (!audit.ok) problem(`${o.code}: audit chain broken: ${audit.firstBreak?.message}`);
  const parked = count(o, 'SELECT count(*) AS n FROM sync_parked');
  if (parked) problem(`${o.code}: ${parked} change(s) still parked after a full exchange`);
  const twice = count(o, 'SELECT count(*) - count(DISTINCT hlc) AS n FROM change');
  if (twice) problem(`${o.code}: ${twice} change(s) in the log twice (applied more than once)`);
}

/**
 * Runs one scenario and checks everything; every problem found is reported
 * together (one broken property should not hide the others).
 */
function runScenario(s: Scenario, totals: Stats): void {
  const codes = ['MSO', 'MYW', 'BKK', 'RNG', 'TAK', 'YGN'].slice(0, s.offices);
  // Real encrypted database files, on a RAM disk where there is one: every commit is fsynced
  // (synchronous = FULL), and thousands of small commits on a shared disk would only measure the disk.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'homeward-sync-prop-'));
  const w = new World(syncOffices(codes, dir));
  const problems: string[] = [];
  const problem = (message: string) => problems.push(message);
  try {
    for (const op of s.ops) w.run(op);
    // Everything kept back or lost arrives in the end, late and in any order (the scenario's own seed, so a failure replays).
    const random = new Rng(s.shuffle);
    const late = [...w.kept.splice(0), ...w.lost.splice(0)];
    for (const b of random.sample(late, late.length)) {
      w.stats.late++;
      w.deliver(b);
    }
    w.settle();
    fullExchange(w.offices); // the helper finds nothing more to move

    for (const o of w.offices) checkOffice(o, problem);
    const dumps = w.offices.map((o) => dump(o.store));
    for (let i = 1; i < w.offices.length; i++) {
      const diff = firstDifference(dumps[0]!, dumps[i]!);
      if (diff) problem(`${w.offices[0]!.code} and ${w.offices[i]!.code} differ after a full exchange: ${diff}`);
    }
    const search = searches(w.offices[0]!);
    for (const o of w.offices.slice(1)) if (searches(o) !== search) problem(`${o.code}'s search index answers differently from ${w.offices[0]!.code}'s`);
    for (const o of w.offices) {
      const { lost, overwrittenQuestion } = unaccountedWrites(o);
      for (const m of lost) problem(`WRITE LOST: ${m}`);
      // ENGINE BUG (see tests/property/sync-convergence.test.ts, "three concurrent values"): these are real
      // failures too; HOMEWARD_SYNC_KNOWN_BUGS=tolerate only lets a long run look past them for other bugs.
      if (KNOWN_BUGS !== 'tolerate') for (const m of overwrittenQuestion) problem(`WRITE LOST (third concurrent value replaced an open conflict): ${m}`);
      w.stats.knownBugHits += overwrittenQuestion.length;
    }
    for (const o of w.offices) for (const m of unflaggedStages(o)) problem(`FORBIDDEN STAGE WITHOUT A FLAG: ${m}`);

    // Replay: every bundle ever written arrives once more, in any order. Nothing changes.
    for (const b of random.sample(w.sent, w.sent.length)) w.deliver(b);
    for (let i = 0; i < w.offices.length; i++) {
      const diff = firstDifference(dumps[i]!, dump(w.offices[i]!.store));
      if (diff) problem(`${w.offices[i]!.code} changed when old bundles were replayed: ${diff}`);
    }

    // Sync goes quiet: nobody has anything left to send anybody.
    for (const a of w.offices) for (const b of w.offices) if (a !== b && bundle(a, [b]) !== null) problem(`${a.code} still has something to send ${b.code} after a full exchange`);

    for (const o of w.offices) {
      w.stats.conflicts += count(o, 'SELECT count(*) AS n FROM sync_conflict WHERE field IS NOT NULL');
      w.stats.stageFlags += count(o, `SELECT count(*) AS n FROM sync_conflict WHERE kind = 'stage'`);
    }
    for (const k of Object.keys(totals) as (keyof Stats)[]) totals[k] += w.stats[k];
  } finally {
    for (const o of w.offices) o.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (problems.length) {
    const shown = problems.slice(0, 12);
    throw new Error(`${problems.length} problem(s) after sync (${s.offices} offices, ${s.ops.length} operations):\n\n${shown.join('\n\n')}${problems.length > shown.length ? `\n\n… and ${problems.length - shown.length} more` : ''}`);
  }
}

describe('sync convergence (property)', () => {
  const totals = newStats();
  const timeout = LONG ? 6 * 60 * 60_000 : 150_000;

  it.each(SEEDS)(
    'seed %i: offices converge to identical data, and no write is lost',
    (seed) => {
      const started = Date.now();
      fc.assert(
        fc.property(scenarioArb, (s) => runScenario(s, totals)),
        { seed, numRuns: RUNS_PER_SEED, endOnFailure: !SHRINK, ...(PATH ? { path: PATH } : {}) },
      );
      if (LONG || process.env.HOMEWARD_SYNC_VERBOSE) console.log(`seed ${seed}: ${((Date.now() - started) / 1000).toFixed(1)} s; totals so far ${JSON.stringify(totals)}`);
    },
    timeout,
  );

  it('the runs above exercised what they claim to', () => {
    // Guards against a generator that quietly stops making the interesting cases.
    expect(totals.writes).toBeGreaterThan(100);
    expect(totals.bundles).toBeGreaterThan(20);
    expect(totals.twice).toBeGreaterThan(0);
    expect(totals.kept).toBeGreaterThan(0);
    expect(totals.lost).toBeGreaterThan(0);
    expect(totals.late).toBeGreaterThan(0);
    expect(totals.conflicts).toBeGreaterThan(0);
  });
});

/**
 * ENGINE BUG, found by the property above (seed 20261014): a third concurrent
 * value of an identity field (or stage) is lost from the record.
 *
 * Three offices change the same person's given names at once. The office
 * that receives the other two records the first as an open identity
 * conflict; when the second arrives, `Applier.conflict` in
 * src/services/sync/apply.ts finds that open question and UPDATEs its
 * winner/loser values ("one open entry per field: a third value joins the
 * same question") instead of adding to it, so the value recorded first is
 * overwritten. It is neither current, nor in sync_conflict, nor was it seen
 * by any later writer: a write lost without trace, which issue 6 forbids
 * ("every write ever made is either the current value or recorded as a
 * losing value"). The same happens for concurrent stage moves (kind 'stage').
 *
 * Suspected fix: keep every losing value — e.g. insert a row per losing
 * value (closing or linking the earlier one) or keep a list of values in the
 * open question — rather than replacing loser_value/winner_value.
 *
 * This test is expected to FAIL until the engine is fixed; it is the minimal
 * reproduction. It is not marked `.fails` on purpose.
 */
describe('known engine bug: three concurrent values', () => {
  it('every concurrent value of an identity field is current or recorded on the office that saw all three', () => {
    const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'homeward-sync-3way-'));
    const [mso, myw, bkk] = syncOffices(['MSO', 'MYW', 'BKK'], dir);
    try {
      const p = addPerson(mso!.store, ACTOR, completePerson({ givenNames: 'Văn An' }));
      fullExchange([mso!, myw!, bkk!]);
      updatePerson(mso!.store, ACTOR, p.id, { givenNames: 'Văn Bình' }, 'interview at MSO');
      updatePerson(myw!.store, ACTOR, p.id, { givenNames: 'Văn Cường' }, 'interview at MYW');
      updatePerson(bkk!.store, ACTOR, p.id, { givenNames: 'Văn Dũng' }, 'interview at BKK');
      apply(bkk!, bundle(mso!, [bkk!])!);
      apply(bkk!, bundle(myw!, [bkk!])!);

      const current = (prepare(bkk!.store.db, 'SELECT given_names FROM person WHERE id = ?').get(p.id) as { given_names: string }).given_names;
      const recorded = (prepare(bkk!.store.db, `SELECT winner_value, loser_value FROM sync_conflict WHERE row_id = ? AND field = 'given_names'`).all(p.id) as {
        winner_value: string;
        loser_value: string;
      }[]).flatMap((c) => [JSON.parse(c.winner_value) as string, JSON.parse(c.loser_value) as string]);
      for (const value of ['Văn Bình', 'Văn Cường', 'Văn Dũng']) {
        expect(value === current || recorded.includes(value), `"${value}" is neither BKK's current given names ("${current}") nor in its conflict queue (${JSON.stringify(recorded)})`).toBe(true);
      }
    } finally {
      for (const o of [mso, myw, bkk]) o!.store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
