/**
 * The duplicate review queue. A pair is stored once, under an id made of the
 * pair itself, so a pair decided "different" is remembered and not asked again
 * however often intake or an import finds it.
 */
import type { DuplicateCandidateView } from '../../api/views';
import { HomewardError } from '../../domain/errors';
import { prepare } from '../../db/query';
import type { DuplicateCandidateTable, PersonTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import type { WriteTx } from '../../db/write-tx';
import { todayIso } from '../../domain/dates';
import { summary } from '../person-record';

export const pairId = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

export type FoundBy = DuplicateCandidateTable['found_by'];

const OPEN = { status: 'open', decided_by: null, decided_at: null, decision_note: null, merge_id: null } as const;

/**
 * Puts a pair in the queue, or refreshes the score of one still open. A pair
 * already decided (different, or merged) stays decided. Returns whether the
 * pair is (still) waiting for a decision.
 */
export function openCandidate(tx: WriteTx, a: string, b: string, score: number, reasons: readonly string[], foundBy: FoundBy): boolean {
  if (a === b) return false;
  const id = pairId(a, b);
  const existing = prepare(tx.db, 'SELECT status, deleted, score FROM duplicate_candidate WHERE id = ?').get(id) as
    | Pick<DuplicateCandidateTable, 'status' | 'deleted' | 'score'>
    | undefined;
  const [first, second] = a < b ? [a, b] : [b, a];
  if (!existing) {
    tx.insert('duplicate_candidate', {
      id,
      person_a: first,
      person_b: second,
      score,
      reasons: JSON.stringify(reasons),
      found_by: foundBy,
      status: 'open',
      decided_by: null,
      decided_at: null,
      decision_note: null,
      merge_id: null,
      created_at: tx.at,
      updated_at: tx.at,
      deleted: 0,
    });
    return true;
  }
  // A pair an undone merge took back out of the queue is asked afresh when it is found again.
  if (existing.deleted) {
    tx.update('duplicate_candidate', id, { ...OPEN, score, reasons: JSON.stringify(reasons), found_by: foundBy, deleted: 0 });
    return true;
  }
  if (existing.status !== 'open') return false;
  if (existing.score !== score) tx.update('duplicate_candidate', id, { score, reasons: JSON.stringify(reasons) });
  return true;
}

/** What a pair holds, apart from who is in it: what a merge records so that its undo can put the pair back. */
export type PairState = Pick<DuplicateCandidateTable, 'status' | 'score' | 'reasons' | 'found_by' | 'decided_by' | 'decided_at' | 'decision_note' | 'merge_id' | 'deleted'>;

const STATE_COLUMNS = 'status, score, reasons, found_by, decided_by, decided_at, decision_note, merge_id, deleted';

export function pairState(tx: WriteTx, id: string): PairState | null {
  return (prepare(tx.db, `SELECT ${STATE_COLUMNS} FROM duplicate_candidate WHERE id = ?`).get(id) as PairState | undefined) ?? null;
}

/** Same decision: the status and who decided it when (a refreshed score is not a decision). */
export const sameDecision = (x: PairState, y: PairState) =>
  x.status === y.status && x.deleted === y.deleted && x.decided_at === y.decided_at && x.decided_by === y.decided_by && x.merge_id === y.merge_id;

/** Writes the pair of `a` and `b` to `state`, creating it if it was never stored. */
export function writePair(tx: WriteTx, a: string, b: string, state: PairState): void {
  const id = pairId(a, b);
  const { deleted, ...fields } = state;
  if (!pairState(tx, id)) {
    const [first, second] = a < b ? [a, b] : [b, a];
    tx.insert('duplicate_candidate', { id, person_a: first, person_b: second, ...fields, created_at: tx.at, updated_at: tx.at, deleted });
    return;
  }
  tx.update('duplicate_candidate', id, deleted ? fields : { ...fields, deleted: 0 });
  if (deleted) tx.tombstone('duplicate_candidate', id);
}

export interface CandidateFilter {
  status?: DuplicateCandidateTable['status'] | undefined;
  personId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

type CandidateRow = DuplicateCandidateTable;

/** The queue, strongest first; pairs whose person has since been merged away or deleted are left out of the open queue. */
export function listCandidates(store: OfficeStore, filter: CandidateFilter = {}): { total: number; candidates: DuplicateCandidateView[] } {
  const status = filter.status ?? 'open';
  const where = ['d.deleted = 0', 'd.status = @status'];
  if (status === 'open') where.push("pa.stage <> 'merged' AND pb.stage <> 'merged' AND pa.deleted = 0 AND pb.deleted = 0");
  if (filter.personId) where.push('(d.person_a = @person OR d.person_b = @person)');
  const from = `FROM duplicate_candidate d JOIN person pa ON pa.id = d.person_a JOIN person pb ON pb.id = d.person_b WHERE ${where.join(' AND ')}`;
  const params = { status, person: filter.personId ?? null, limit: filter.limit ?? 100, offset: filter.offset ?? 0 };
  const total = (prepare(store.db, `SELECT count(*) AS n ${from}`).get(params) as { n: number }).n;
  const order = status === 'open' ? 'd.score DESC, d.created_at, d.id' : 'd.decided_at DESC, d.id';
  const rows = prepare(store.db, `SELECT d.* ${from} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all(params) as CandidateRow[];
  return { total, candidates: rows.map((r) => candidateView(store, r)) };
}

export function candidateRow(store: OfficeStore, id: string): CandidateRow {
  const row = prepare(store.db, 'SELECT * FROM duplicate_candidate WHERE id = ? AND deleted = 0').get(id) as CandidateRow | undefined;
  if (!row) throw new HomewardError('NOT_FOUND', `No duplicate candidate ${id}. It may have been decided on another screen; reload the queue.`);
  return row;
}

export function candidateView(store: OfficeStore, row: CandidateRow): DuplicateCandidateView {
  const today = todayIso();
  const person = (id: string) => summary(prepare(store.db, 'SELECT * FROM person WHERE id = ?').get(id) as PersonTable, today);
  return {
    id: row.id,
    status: row.status,
    score: row.score,
    reasons: JSON.parse(row.reasons) as string[],
    foundBy: row.found_by,
    createdAt: row.created_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    mergeId: row.merge_id,
    a: person(row.person_a),
    b: person(row.person_b),
  };
}

/** "Not the same person": remembered, so this pair is not asked again. */
export function decideDifferent(store: OfficeStore, actor: string, id: string, note: string | null): DuplicateCandidateView {
  store.write(actor, (tx) => {
    const row = candidateRow(store, id);
    if (row.status !== 'open') {
      throw new HomewardError('CONFLICT', `This pair was already decided (${row.status}) by ${row.decided_by ?? 'someone'} at ${row.decided_at ?? 'an unknown time'}.`);
    }
    tx.update('duplicate_candidate', id, { status: 'different', decided_by: tx.actor, decided_at: tx.at, decision_note: note });
    for (const personId of [row.person_a, row.person_b]) {
      tx.audit({ action: 'duplicate.different', entityType: 'duplicate_candidate', entityId: id, personId, reason: note, after: { pair: [row.person_a, row.person_b] } });
    }
  });
  return candidateView(store, candidateRow(store, id));
}
