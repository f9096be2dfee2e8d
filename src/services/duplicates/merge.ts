/**
 * Merging two records of one person, and undoing it.
 *
 * The coordinator keeps one record (the survivor) and picks, field by field,
 * whose value it keeps. Nothing of the other record is lost: it stays in the
 * database as "merged into" the survivor with its own case number (which still
 * finds the person), history, notes, attachments, verifications and
 * provenance, all shown on the survivor. Its identity documents, open holds,
 * indicators, confirmed nationality and review-queue pairs move to the
 * survivor, because transfer, handover and the queue read them there. Every
 * change is recorded in the merge row, so an undo puts back exactly what the
 * merge changed — and leaves alone what someone changed since.
 *
 * When a merge or an undo is allowed is decided in src/domain/merge.ts.
 */
import { HomewardError } from '../../domain/errors';
import { checkMerge, checkUndo, MERGE_FIELD_NAMES, MERGE_FIELDS, mergeInputSchema, type MergeInput, type MergeSide } from '../../domain/merge';
import { normaliseDocumentNumber } from '../../domain/matching';
import { label, stageInvariantViolations, type RuleViolation, type Stage } from '../../domain/stages';
import { uuidv7 } from '../../db/ids';
import { prepare } from '../../db/query';
import type { DuplicateCandidateTable, HoldTable, IdentityDocumentTable, IndicatorTable, PersonMergeTable, PersonTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import type { WriteTx } from '../../db/write-tx';
import { caseFacts, documentsOf, indicatorId, personRow, type IndicatorCategory } from '../person-record';
import { setIndicator } from '../people';
import { findByRef, livePerson } from '../refs';
import { likelyDuplicatesOf, scoreRegisteredPair } from './intake';
import { pairId, pairState, sameDecision, writePair, type PairState } from './queue';

/** A review-queue pair the merge wrote: what it held before (null: the merge created it) and after. */
interface PairChange {
  people: [string, string];
  before: PairState | null;
  after: PairState;
  /** the merged-away record's pair this one was carried over from */
  from?: [string, string];
}

interface Moved {
  documents: string[];
  holds: string[];
  indicators: string[];
  /** absent in merges recorded before the queue was carried over */
  pairs?: PairChange[];
}

type Changes = Record<string, { before: unknown; after: unknown }>;

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || v === 'unknown';

const refuse = (what: string, violations: RuleViolation[]) =>
  new HomewardError('RULE_VIOLATION', `${what} ${violations.map((v) => v.message).join(' ')}`, { violations });

/** The merge screen names the records themselves, a merged-away one included: no following of "merged into" here. */
function recordByRef(tx: WriteTx, ref: string): PersonTable {
  const row = findByRef<PersonTable>(tx.db, 'person', ref);
  if (!row) throw new HomewardError('NOT_FOUND', `No person with case number or id "${ref.trim()}". Search by name with "person list --search".`);
  return row;
}

/** What the record's stage requires and it lacks. A merge or an undo must not add to it; sync may have left some already. */
const stageRules = (tx: WriteTx, personId: string) => stageInvariantViolations(caseFacts(tx.db, personRow(tx.db, personId)));
const newlyBroken = (tx: WriteTx, personId: string, before: readonly RuleViolation[]) =>
  stageRules(tx, personId).filter((v) => !before.some((b) => b.message === v.message));

function mergeSide(tx: WriteTx, p: PersonTable): MergeSide {
  const facts = caseFacts(tx.db, p);
  return {
    caseNumber: p.case_number,
    stage: p.stage,
    confirmedNationality: p.confirmed_nationality,
    transfer: facts.transfer,
    documents: documentsOf(tx.db, p.id).map((d) => ({ type: d.type, number: d.number, issuingCountry: d.issuing_country })),
  };
}

export function mergePeople(store: OfficeStore, actor: string, input: MergeInput): { mergeId: string; survivorId: string; mergedId: string } {
  const args = mergeInputSchema.parse(input);
  return store.write(actor, (tx) => {
    const survivor = recordByRef(tx, args.survivor);
    const merged = recordByRef(tx, args.merged);
    if (survivor.id === merged.id) throw new HomewardError('VALIDATION_FAILED', 'A record cannot be merged into itself. Choose two different cases.');
    const violations = checkMerge(mergeSide(tx, survivor), mergeSide(tx, merged));
    const brokenBefore = stageRules(tx, survivor.id);
    if (violations.length) throw refuse(`${merged.case_number} cannot be merged into ${survivor.case_number}.`, violations);
    const mergeId = uuidv7();

    // 1. The survivor takes the chosen values; names, aliases and languages of both are kept.
    const patch: Partial<Record<keyof PersonTable, unknown>> = {};
    for (const field of MERGE_FIELD_NAMES) {
      const columns = MERGE_FIELDS[field];
      const pick = args.choose[field] ?? (columns.every((c) => isEmpty(survivor[c])) && columns.some((c) => !isEmpty(merged[c])) ? 'merged' : 'survivor');
      if (pick === 'merged') for (const c of columns) patch[c] = merged[c];
    }
    // An authority's confirmation is the person's, whichever record it was recorded on (a differing one was refused above).
    if (!survivor.confirmed_nationality && merged.confirmed_nationality) patch.confirmed_nationality = merged.confirmed_nationality;
    const aliases = new Set<string>(JSON.parse(survivor.aliases) as string[]);
    for (const a of JSON.parse(merged.aliases) as string[]) aliases.add(a);
    // A Latin name the survivor does not keep (its own old one, or the other record's) stays findable as an alias.
    const keptLatin = [patch.family_name ?? survivor.family_name, patch.given_names ?? survivor.given_names].filter(Boolean).join(' ');
    for (const p of [survivor, merged]) {
      const latin = [p.family_name, p.given_names].filter(Boolean).join(' ');
      if (latin && latin.toLowerCase() !== keptLatin.toLowerCase()) aliases.add(latin);
    }
    patch.aliases = JSON.stringify([...aliases].slice(0, 30));
    patch.languages = JSON.stringify([...new Set([...(JSON.parse(survivor.languages) as string[]), ...(JSON.parse(merged.languages) as string[])])]);
    const changes = tx.update('person', survivor.id, patch) ?? {};

    // 2. Documents, open holds and indicators move to the survivor.
    const moved: Moved = { documents: [], holds: [], indicators: [] };
    const survivorDocs = new Set(
      (prepare(tx.db, 'SELECT number FROM identity_document WHERE person_id = ? AND deleted = 0').all(survivor.id) as { number: string | null }[])
        .map((d) => normaliseDocumentNumber(d.number))
        .filter(Boolean),
    );
    for (const d of prepare(tx.db, 'SELECT * FROM identity_document WHERE person_id = ? AND deleted = 0').all(merged.id) as IdentityDocumentTable[]) {
      const n = normaliseDocumentNumber(d.number);
      if (n && survivorDocs.has(n)) continue; // the same document already on the survivor: the merged record keeps its copy
      tx.update('identity_document', d.id, { person_id: survivor.id });
      moved.documents.push(d.id);
    }
    const survivorHolds = new Set((prepare(tx.db, 'SELECT kind FROM hold WHERE person_id = ? AND lifted_at IS NULL AND deleted = 0').all(survivor.id) as HoldTable[]).map((h) => h.kind));
    for (const h of prepare(tx.db, 'SELECT * FROM hold WHERE person_id = ? AND lifted_at IS NULL AND deleted = 0').all(merged.id) as HoldTable[]) {
      if (survivorHolds.has(h.kind)) continue;
      tx.update('hold', h.id, { person_id: survivor.id });
      moved.holds.push(h.id);
    }
    for (const i of prepare(tx.db, 'SELECT * FROM indicator WHERE person_id = ? AND deleted = 0').all(merged.id) as IndicatorTable[]) {
      const id = indicatorId(survivor.id, i.category as IndicatorCategory, i.code);
      const own = prepare(tx.db, 'SELECT deleted FROM indicator WHERE id = ?').get(id) as { deleted: number } | undefined;
      if (own && own.deleted === 0) continue;
      setIndicator(tx, survivor.id, i.category as IndicatorCategory, i.code, true);
      moved.indicators.push(id);
    }

    // 3. The other record steps aside, pointing at the survivor.
    tx.update('person', merged.id, { stage: 'merged', merged_into: survivor.id, stage_changed_at: tx.at });

    // The survivor keeps its stage, so what it took must still satisfy that stage (e.g. a rescue site chosen empty).
    const broken = newlyBroken(tx, survivor.id, brokenBefore);
    if (broken.length) {
      throw refuse(
        `After this merge ${survivor.case_number} (in ${label(survivor.stage as Stage)}) would no longer have what its stage needs; keep ${survivor.case_number}'s own values for those fields.`,
        broken,
      );
    }

    // 4. The review queue follows the person: the pair itself, the other record's pairs, and new look-alikes of the survivor.
    const candidateId = pairId(survivor.id, merged.id);
    const candidate = pairState(tx, candidateId);
    const queue = new QueueChanges(tx);
    if (candidate && !candidate.deleted) {
      queue.write(survivor.id, merged.id, { ...candidate, status: 'merged', decided_by: tx.actor, decided_at: tx.at, merge_id: mergeId, decision_note: args.reason ?? null });
    }
    const carried = carryPairs(tx, queue, survivor.id, merged.id);
    const found = recheckSurvivor(tx, queue, survivor.id);
    moved.pairs = queue.list();

    tx.insert('person_merge', {
      id: mergeId,
      survivor_id: survivor.id,
      merged_id: merged.id,
      candidate_id: candidate && !candidate.deleted ? candidateId : null,
      survivor_changes: JSON.stringify(changes),
      merged_stage_before: merged.stage,
      moved: JSON.stringify(moved),
      reason: args.reason ?? null,
      merged_at: tx.at,
      merged_by: tx.actor,
      undone_at: null,
      undone_by: null,
      created_at: tx.at,
      updated_at: tx.at,
      deleted: 0,
    });

    const { pairs: _pairs, ...movedRecords } = moved;
    const summary = { mergeId, survivor: survivor.case_number, merged: merged.case_number, fields: changes, moved: movedRecords, queue: { ...carried, found } };
    tx.audit({ action: 'person.merged', entityType: 'person', entityId: survivor.id, personId: survivor.id, after: summary, reason: args.reason ?? null });
    tx.audit({ action: 'person.merged_into', entityType: 'person', entityId: merged.id, personId: merged.id, before: { stage: merged.stage }, after: summary, reason: args.reason ?? null });
    return { mergeId, survivorId: survivor.id, mergedId: merged.id };
  });
}

/** The pairs one merge writes, each with what it held before the merge first touched it. */
class QueueChanges {
  private readonly changes = new Map<string, PairChange>();
  constructor(private readonly tx: WriteTx) {}

  /** The pair as it stands in this write, counting a tombstone as no pair. */
  current(a: string, b: string): PairState | null {
    const s = pairState(this.tx, pairId(a, b));
    return s && !s.deleted ? s : null;
  }

  write(a: string, b: string, state: PairState, from?: [string, string]): void {
    const id = pairId(a, b);
    const known = this.changes.get(id);
    const before = known ? known.before : pairState(this.tx, id);
    writePair(this.tx, a, b, state);
    const source = from ?? known?.from;
    this.changes.set(id, { people: [a, b], before, after: state, ...(source ? { from: source } : {}) });
  }

  list(): PairChange[] {
    return [...this.changes.values()];
  }
}

const openPair = (score: number, reasons: readonly string[], foundBy: DuplicateCandidateTable['found_by']): PairState => ({
  status: 'open',
  score,
  reasons: JSON.stringify(reasons),
  found_by: foundBy,
  decided_by: null,
  decided_at: null,
  decision_note: null,
  merge_id: null,
  deleted: 0,
});

/**
 * The merged-away record's pairs with a third record C become the survivor's:
 * an open one is asked again as survivor–C, scored on the records as they are
 * now; a "different" decision holds for the survivor too. A decision already
 * made about survivor–C stands. The merged-away record's own pairs are left
 * as they are (hidden while it is merged), so an undo brings them back.
 */
function carryPairs(tx: WriteTx, queue: QueueChanges, survivorId: string, mergedId: string, rescoreOpen = true): { rehomed: number; different: number } {
  const pairs = prepare(tx.db, 'SELECT * FROM duplicate_candidate WHERE (person_a = ? OR person_b = ?) AND deleted = 0 ORDER BY id').all(mergedId, mergedId) as DuplicateCandidateTable[];
  const live = prepare(tx.db, "SELECT 1 FROM person WHERE id = ? AND stage <> 'merged' AND deleted = 0");
  const counts = { rehomed: 0, different: 0 };
  for (const p of pairs) {
    const other = p.person_a === mergedId ? p.person_b : p.person_a;
    if (other === survivorId || p.status === 'merged' || !live.get(other)) continue;
    const target = queue.current(survivorId, other);
    if (target && target.status !== 'open') continue;
    if (p.status === 'open') {
      if (target && !rescoreOpen) continue;
      const { score, reasons } = scoreRegisteredPair(tx, survivorId, other);
      queue.write(survivorId, other, target ? { ...target, score, reasons: JSON.stringify(reasons) } : openPair(score, reasons, p.found_by), [mergedId, other]);
      counts.rehomed++;
    } else {
      const base = target ?? { score: p.score, reasons: p.reasons, found_by: p.found_by };
      queue.write(
        survivorId,
        other,
        { ...openPair(base.score, [], base.found_by), reasons: base.reasons, status: 'different', decided_by: p.decided_by, decided_at: p.decided_at, decision_note: p.decision_note },
        [mergedId, other],
      );
      counts.different++;
    }
  }
  return counts;
}

/**
 * Pairs of records merged away in another office, carried to the record that
 * stands for each person now, after a sync import. An office may have found
 * a pair with a record before it heard that the record was merged elsewhere,
 * or hear of such a pair from a third office after: it would stay hidden
 * with the merged-away record, and a look-alike never asked about. Carried
 * as a merge made here carries them (see carryPairs), except that a pair
 * already open with the survivor keeps its score. The merge row is the other
 * office's and is not changed: undoing that merge leaves these pairs open, as
 * questions about the records as they then are. Returns the pairs opened or
 * asked again.
 */
export function carrySyncedMerges(tx: WriteTx, ids: Iterable<string>): number {
  const queue = new QueueChanges(tx);
  let asked = 0;
  for (const id of ids) {
    const row = prepare(tx.db, 'SELECT * FROM person WHERE id = ? AND deleted = 0').get(id) as PersonTable | undefined;
    if (!row || row.stage !== 'merged' || !row.merged_into) continue;
    let survivor: PersonTable;
    try {
      survivor = livePerson(tx.db, row).live;
    } catch (e) {
      // Merged in a circle, or into a record not here yet: nothing to carry to until the offices agree.
      if (e instanceof HomewardError && e.code === 'CONFLICT') continue;
      throw e;
    }
    asked += carryPairs(tx, queue, survivor.id, row.id, false).rehomed;
  }
  return asked;
}

/** The survivor now carries the other record's names, phone and documents: look it up again, as after an edit. */
function recheckSurvivor(tx: WriteTx, queue: QueueChanges, survivorId: string): number {
  let found = 0;
  for (const hit of likelyDuplicatesOf(tx, survivorId)) {
    const existing = queue.current(survivorId, hit.personId);
    if (existing && existing.status !== 'open') continue;
    if (existing && existing.score === hit.score) continue;
    queue.write(survivorId, hit.personId, existing ? { ...existing, score: hit.score, reasons: JSON.stringify(hit.reasons) } : openPair(hit.score, hit.reasons, 'edit'));
    if (!existing) found++;
  }
  return found;
}

export interface UndoResult {
  survivorId: string;
  mergedId: string;
  /** fields changed again since the merge, which the undo left as they are now */
  keptSinceMerge: string[];
}

export function undoMerge(store: OfficeStore, actor: string, mergeId: string, reason: string | null = null): UndoResult {
  return store.write(actor, (tx) => {
    const merge = prepare(tx.db, 'SELECT * FROM person_merge WHERE id = ? AND deleted = 0').get(mergeId) as PersonMergeTable | undefined;
    if (!merge) throw new HomewardError('NOT_FOUND', `No merge ${mergeId}. Open the case's history to find the merge to undo.`);
    if (merge.undone_at) throw new HomewardError('CONFLICT', `This merge was already undone by ${merge.undone_by ?? 'someone'} at ${merge.undone_at}.`);
    const mergedNow = personRow(tx.db, merge.merged_id);
    if (mergedNow.merged_into !== merge.survivor_id) {
      throw new HomewardError('CONFLICT', 'The merged record no longer points at this survivor; it was changed after the merge. Review both cases by hand.');
    }
    const survivor = personRow(tx.db, merge.survivor_id);
    const caseNumberOf = (id: string) => (prepare(tx.db, 'SELECT case_number FROM person WHERE id = ?').pluck().get(id) as string | undefined) ?? id;
    const later = prepare(
      tx.db,
      'SELECT merged_id FROM person_merge WHERE survivor_id = ? AND deleted = 0 AND undone_at IS NULL AND merged_at > ? ORDER BY merged_at DESC LIMIT 1',
    ).get(merge.survivor_id, merge.merged_at) as { merged_id: string } | undefined;
    const facts = caseFacts(tx.db, survivor);
    const brokenBefore = stageRules(tx, survivor.id);
    const violations = checkUndo({
      survivor: survivor.case_number,
      merged: mergedNow.case_number,
      survivorMergedInto: survivor.merged_into ? caseNumberOf(survivor.merged_into) : null,
      laterMerge: later ? caseNumberOf(later.merged_id) : null,
      survivorStage: survivor.stage,
      survivorTransfer: facts.transfer,
    });
    if (violations.length) throw new HomewardError('CONFLICT', `The merge of ${mergedNow.case_number} into ${survivor.case_number} cannot be undone now. ${violations.map((v) => v.message).join(' ')}`, { violations });

    // 1. The survivor's fields go back, unless someone changed them again since.
    const changes = JSON.parse(merge.survivor_changes) as Changes;
    const revert: Record<string, unknown> = {};
    const keptSinceMerge: string[] = [];
    for (const [column, { before, after }] of Object.entries(changes)) {
      if (survivor[column as keyof PersonTable] === after) revert[column] = before;
      else keptSinceMerge.push(column);
    }
    tx.update('person', survivor.id, revert);

    // 2. What moved goes back; indicators the merge added are removed again.
    const moved = JSON.parse(merge.moved) as Moved;
    for (const id of moved.documents) {
      const d = prepare(tx.db, 'SELECT person_id, deleted FROM identity_document WHERE id = ?').get(id) as { person_id: string; deleted: number } | undefined;
      if (d && d.person_id === survivor.id && !d.deleted) tx.update('identity_document', id, { person_id: merge.merged_id });
    }
    for (const id of moved.holds) {
      const h = prepare(tx.db, 'SELECT person_id, deleted FROM hold WHERE id = ?').get(id) as { person_id: string; deleted: number } | undefined;
      if (h && h.person_id === survivor.id && !h.deleted) tx.update('hold', id, { person_id: merge.merged_id });
    }
    for (const id of moved.indicators) {
      const i = prepare(tx.db, 'SELECT deleted FROM indicator WHERE id = ?').get(id) as { deleted: number } | undefined;
      if (i && !i.deleted) tx.tombstone('indicator', id);
    }
    const addressed = returnAddressedWork(tx, survivor.id, mergedNow, merge.merged_at);

    // 3. The merged record is a case of its own again; the queue goes back to how the merge found it.
    tx.update('person', merge.merged_id, { stage: merge.merged_stage_before, merged_into: null, stage_changed_at: tx.at });
    tx.update('person_merge', mergeId, { undone_at: tx.at, undone_by: tx.actor });
    if (moved.pairs) restorePairs(tx, moved.pairs);
    else if (merge.candidate_id) tx.update('duplicate_candidate', merge.candidate_id, { status: 'open', decided_by: null, decided_at: null, merge_id: null });

    // What the survivor keeps must still satisfy its stage: a confirmation that came with the merge may have carried it on since.
    const broken = newlyBroken(tx, survivor.id, brokenBefore);
    if (broken.length) {
      throw refuse(
        `Undoing the merge of ${mergedNow.case_number} would leave ${survivor.case_number} in ${label(survivor.stage as Stage)} without what that stage needs; move ${survivor.case_number} back a stage first, or record what it needs on it, then undo.`,
        broken,
      );
    }

    const after = { mergeId, survivor: survivor.case_number, merged: mergedNow.case_number, keptSinceMerge, ...(addressed ? { returned: addressed } : {}) };
    tx.audit({ action: 'person.merge_undone', entityType: 'person', entityId: survivor.id, personId: survivor.id, after, reason });
    tx.audit({ action: 'person.merge_undone', entityType: 'person', entityId: merge.merged_id, personId: merge.merged_id, after, reason });
    return { survivorId: survivor.id, mergedId: merge.merged_id, keptSinceMerge };
  });
}

/** Tables whose rows, written through the merged-away case number after the merge, go back to it on undo. */
const ADDRESSED: Record<string, 'hold' | 'note' | 'attachment' | 'verification'> = { hold: 'hold', note: 'note', attachment: 'attachment', verification: 'verification' };

/**
 * What was recorded through the merged-away record's case number since the
 * merge (holds, notes, attachments, embassy answers: see liveWriteTarget) was
 * about that person, and went to the survivor only because of the merge: on
 * undo it goes back, and a nationality an answer set on the survivor moves
 * with it (unless the survivor's has changed since). Returns how many rows
 * went back, or 0.
 */
function returnAddressedWork(tx: WriteTx, survivorId: string, merged: PersonTable, mergedAt: string): number {
  const events = prepare(
    tx.db,
    `SELECT entity_type, entity_id, before, after FROM audit_event
     WHERE person_id = ? AND at >= ? AND json_extract(after, '$.addressedAs') = ? ORDER BY seq`,
  ).all(survivorId, mergedAt, merged.case_number) as { entity_type: string; entity_id: string; before: string | null; after: string }[];
  let returned = 0;
  for (const e of events) {
    const table = ADDRESSED[e.entity_type];
    if (!table) continue;
    // Notes are never deleted, so they have no deleted column.
    const row = prepare(tx.db, `SELECT person_id, ${table === 'note' ? '0 AS deleted' : 'deleted'} FROM ${table} WHERE id = ?`).get(e.entity_id) as { person_id: string; deleted: number } | undefined;
    if (row && row.person_id === survivorId && !row.deleted) {
      tx.update(table, e.entity_id, { person_id: merged.id });
      returned++;
    }
    if (table !== 'verification') continue;
    // The answer's effect on the nationality: off the survivor (when it still holds it), onto the record it was about.
    const before = (e.before ? JSON.parse(e.before) : {}) as Record<string, unknown>;
    if (!('confirmed_nationality' in before) && !('claimed_nationality' in before)) continue;
    const survivorNow = personRow(tx.db, survivorId);
    const effect: Partial<Record<'confirmed_nationality' | 'claimed_nationality', string | null>> = {};
    const undo: Partial<Record<'confirmed_nationality' | 'claimed_nationality', string | null>> = {};
    for (const column of ['confirmed_nationality', 'claimed_nationality'] as const) {
      if (!(column in before)) continue;
      const set = answerEffect(e.after, column);
      if (set === undefined) continue;
      effect[column] = set;
      if (survivorNow[column] === set) undo[column] = (before[column] as string | null) ?? null;
    }
    tx.update('person', survivorId, undo);
    tx.update('person', merged.id, effect);
  }
  return returned;
}

/** What an embassy answer (its audit `after`) set a nationality column to; undefined when it left it alone. */
function answerEffect(after: string, column: 'confirmed_nationality' | 'claimed_nationality'): string | null | undefined {
  const a = JSON.parse(after) as { outcome?: string; country?: string; otherNationality?: string | null };
  if (column === 'confirmed_nationality') return a.outcome === 'confirmed' ? (a.country ?? null) : a.outcome === 'other_nationality' || a.outcome === 'not_confirmed' ? null : undefined;
  return a.outcome === 'other_nationality' ? (a.otherNationality ?? null) : undefined;
}

/**
 * Each pair the merge wrote goes back to what it held, unless it was decided
 * since. A pair carried to the survivor and since decided "different" keeps
 * that decision, and the merged-away record's pair it came from takes it too:
 * the coordinator said the third record is not this person.
 */
function restorePairs(tx: WriteTx, pairs: readonly PairChange[]): void {
  for (const change of [...pairs].reverse()) {
    const [a, b] = change.people;
    const now = pairState(tx, pairId(a, b));
    if (!now) continue;
    if (sameDecision(now, change.after)) {
      if (change.before) writePair(tx, a, b, change.before);
      else if (!now.deleted) tx.tombstone('duplicate_candidate', pairId(a, b));
      continue;
    }
    if (change.from && now.status === 'different' && !now.deleted) {
      const source = pairState(tx, pairId(...change.from));
      if (source && !source.deleted && source.status === 'open') {
        writePair(tx, ...change.from, { ...source, status: 'different', decided_by: now.decided_by, decided_at: now.decided_at, decision_note: now.decision_note });
      }
    }
  }
}
