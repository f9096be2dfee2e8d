import type { PersonView } from '../api/views';
import { HomewardError } from '../domain/errors';
import { checkTransition, HOLD_DESCRIPTIONS, label, type HoldKind, type Stage } from '../domain/stages';
import type { OfficeStore } from '../db/store';
import type { WriteTx } from '../db/write-tx';
import { caseFacts, liveDecisionTarget, liveWriteTarget, openHolds, personRow, personView } from './person-record';
import { placeHold } from './people';

/** Moves a case to another stage if the rules allow; otherwise says which rules and what is missing. */
export function advanceCase(store: OfficeStore, actor: string, ref: string, to: Stage, reason: string): PersonView {
  const id = liveDecisionTarget(store.db, ref, 'move the case');
  store.write(actor, (tx) => moveStage(tx, id, to, reason));
  return personView(store.db, id);
}

/** The stage change itself, inside a running write. */
export function moveStage(tx: WriteTx, id: string, to: Stage, reason: string): void {
  const row = personRow(tx.db, id);
  const violations = checkTransition(caseFacts(tx.db, row), to, reason);
  if (violations.length) {
    throw new HomewardError(
      'RULE_VIOLATION',
      `${row.case_number} cannot move from ${label(row.stage as Stage)} to ${label(to)}. ${violations.map((v) => v.message).join(' ')}`,
      { violations },
    );
  }
  tx.update('person', id, { stage: to, stage_changed_at: tx.at });
  tx.audit({ action: 'person.stage_changed', entityType: 'person', entityId: id, personId: id, before: { stage: row.stage }, after: { stage: to }, reason });
}

/** A hold addressed to a merged-away record holds the person: it goes on the live record, whose view is returned. */
export function addHold(store: OfficeStore, actor: string, ref: string, kind: HoldKind, reason: string): PersonView {
  if (!reason.trim()) throw new HomewardError('VALIDATION_FAILED', 'Give a reason for the hold: what must happen before it can be lifted.');
  const { id, caseNumber, addressedAs } = liveWriteTarget(store.db, ref);
  store.write(actor, (tx) => {
    if (openHolds(tx.db, id).some((h) => h.kind === kind)) {
      throw new HomewardError('ALREADY_EXISTS', `${caseNumber} already has an open hold for ${HOLD_DESCRIPTIONS[kind]}. Add a note to it instead.`);
    }
    placeHold(tx, id, kind, reason.trim(), addressedAs);
  });
  return personView(store.db, id);
}

/** Lifting releases a block, so it is done on the case the coordinator is looking at, never on one it was merged into. */
export function liftHold(store: OfficeStore, actor: string, ref: string, kind: HoldKind, reason: string): PersonView {
  const id = liveDecisionTarget(store.db, ref, 'lift the hold');
  if (!reason.trim()) throw new HomewardError('VALIDATION_FAILED', 'Give a reason for lifting the hold, e.g. who confirmed the guardian or the doctor\u2019s clearance.');
  store.write(actor, (tx) => {
    const hold = openHolds(tx.db, id).find((h) => h.kind === kind);
    if (!hold) throw new HomewardError('NOT_FOUND', `The case has no open hold for ${HOLD_DESCRIPTIONS[kind]}.`);
    tx.update('hold', hold.id, { lifted_by: tx.actor, lifted_at: tx.at, lift_reason: reason.trim() });
    tx.audit({
      action: 'hold.lifted',
      entityType: 'hold',
      entityId: hold.id,
      personId: id,
      before: { kind, reason: hold.reason },
      after: { kind, lifted: true },
      reason: reason.trim(),
    });
  });
  return personView(store.db, id);
}
