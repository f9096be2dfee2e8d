/**
 * Merging two records of one person, and undoing it.
 *
 * The coordinator keeps one record (the survivor) and picks, field by field,
 * whose value it keeps. Nothing of the other record is lost: it stays in the
 * database as "merged into" the survivor with its own case number (which still
 * finds the person), history, notes, attachments, verifications and
 * provenance, all shown on the survivor. Its identity documents, open holds
 * and indicators move to the survivor, because transfer and handover read
 * them there. Every change is recorded in the merge row, so an undo puts back
 * exactly what the merge changed — and leaves alone what someone changed since.
 */
import { HomewardError } from '../../domain/errors';
import { MERGE_FIELD_NAMES, MERGE_FIELDS, mergeInputSchema, type MergeInput } from '../../domain/merge';
import { normaliseDocumentNumber } from '../../domain/matching';
import { uuidv7 } from '../../db/ids';
import { prepare } from '../../db/query';
import type { HoldTable, IdentityDocumentTable, IndicatorTable, PersonMergeTable, PersonTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import type { WriteTx } from '../../db/write-tx';
import { indicatorId, personRow, resolvePersonId, type IndicatorCategory } from '../person-record';
import { setIndicator } from '../people';
import { candidateRow, pairId } from './queue';

interface Moved {
  documents: string[];
  holds: string[];
  indicators: string[];
}

type Changes = Record<string, { before: unknown; after: unknown }>;

const MERGEABLE_STAGES = new Set(['intake', 'verification', 'transfer']);

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || v === 'unknown';

export function mergePeople(store: OfficeStore, actor: string, input: MergeInput): { mergeId: string; survivorId: string; mergedId: string } {
  const args = mergeInputSchema.parse(input);
  return store.write(actor, (tx) => {
    const survivor = personRow(tx.db, resolvePersonId(tx.db, args.survivor));
    const merged = personRow(tx.db, resolvePersonId(tx.db, args.merged));
    if (survivor.id === merged.id) throw new HomewardError('VALIDATION_FAILED', 'A record cannot be merged into itself. Choose two different cases.');
    for (const p of [survivor, merged]) {
      if (p.stage === 'merged') {
        throw new HomewardError('RULE_VIOLATION', `${p.case_number} is already merged into another case. Open that case and merge from there.`);
      }
      if (!MERGEABLE_STAGES.has(p.stage)) {
        throw new HomewardError(
          'RULE_VIOLATION',
          `${p.case_number} is at stage ${p.stage}; only cases in intake, verification or transfer can be merged. Record what you found as a note instead.`,
        );
      }
    }
    const mergeId = uuidv7();

    // 1. The survivor takes the chosen values; names, aliases and languages of both are kept.
    const patch: Partial<Record<keyof PersonTable, unknown>> = {};
    for (const field of MERGE_FIELD_NAMES) {
      const columns = MERGE_FIELDS[field];
      const pick = args.choose[field] ?? (columns.every((c) => isEmpty(survivor[c])) && columns.some((c) => !isEmpty(merged[c])) ? 'merged' : 'survivor');
      if (pick === 'merged') for (const c of columns) patch[c] = merged[c];
    }
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

    const candidateId = pairId(survivor.id, merged.id);
    const candidate = prepare(tx.db, 'SELECT status FROM duplicate_candidate WHERE id = ? AND deleted = 0').get(candidateId) as { status: string } | undefined;
    tx.insert('person_merge', {
      id: mergeId,
      survivor_id: survivor.id,
      merged_id: merged.id,
      candidate_id: candidate ? candidateId : null,
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
    if (candidate) tx.update('duplicate_candidate', candidateId, { status: 'merged', decided_by: tx.actor, decided_at: tx.at, merge_id: mergeId, decision_note: args.reason ?? null });

    const summary = { mergeId, survivor: survivor.case_number, merged: merged.case_number, fields: changes, moved };
    tx.audit({ action: 'person.merged', entityType: 'person', entityId: survivor.id, personId: survivor.id, after: summary, reason: args.reason ?? null });
    tx.audit({ action: 'person.merged_into', entityType: 'person', entityId: merged.id, personId: merged.id, before: { stage: merged.stage }, after: summary, reason: args.reason ?? null });
    return { mergeId, survivorId: survivor.id, mergedId: merged.id };
  });
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
    const later = prepare(tx.db, 'SELECT id FROM person_merge WHERE survivor_id = ? AND deleted = 0 AND undone_at IS NULL AND merged_at > ? LIMIT 1').get(merge.survivor_id, merge.merged_at);
    if (later) throw new HomewardError('CONFLICT', 'Another record was merged into this case after this merge. Undo the later merge first.');

    // 1. The survivor's fields go back, unless someone changed them again since.
    const changes = JSON.parse(merge.survivor_changes) as Changes;
    const survivor = personRow(tx.db, merge.survivor_id);
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

    // 3. The merged record is a case of its own again; the pair goes back to the queue.
    tx.update('person', merge.merged_id, { stage: merge.merged_stage_before, merged_into: null, stage_changed_at: tx.at });
    tx.update('person_merge', mergeId, { undone_at: tx.at, undone_by: tx.actor });
    if (merge.candidate_id) tx.update('duplicate_candidate', merge.candidate_id, { status: 'open', decided_by: null, decided_at: null, merge_id: null });

    const after = { mergeId, survivor: survivor.case_number, merged: mergedNow.case_number, keptSinceMerge };
    tx.audit({ action: 'person.merge_undone', entityType: 'person', entityId: survivor.id, personId: survivor.id, after, reason });
    tx.audit({ action: 'person.merge_undone', entityType: 'person', entityId: merge.merged_id, personId: merge.merged_id, after, reason });
    return { survivorId: survivor.id, mergedId: merge.merged_id, keptSinceMerge };
  });
}
