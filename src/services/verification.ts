import type { PersonView } from '../api/views';
import { HomewardError, validationError } from '../domain/errors';
import { verificationInputSchema, type VerificationData, type VerificationInput } from '../domain/verification';
import { uuidv7 } from '../db/ids';
import type { OfficeStore } from '../db/store';
import type { WriteTx } from '../db/write-tx';
import { personRow, personView, resolvePersonId } from './person-record';

/**
 * Records an authority's answer. A confirmation sets the confirmed
 * nationality; "other nationality" turns the claim to that country so the case
 * is verified again there; "not confirmed" clears any earlier confirmation.
 */
export function recordVerification(store: OfficeStore, actor: string, ref: string, input: VerificationInput | unknown): PersonView {
  const parsed = verificationInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues, 'The verification');
  const personId = resolvePersonId(store.db, ref);
  store.write(actor, (tx) => recordVerificationIn(tx, personId, parsed.data));
  return personView(store.db, personId);
}

export function recordVerificationIn(tx: WriteTx, personId: string, v: VerificationData): void {
  const person = personRow(tx.db, personId);
  if (person.stage !== 'verification') {
    throw new HomewardError(
      'RULE_VIOLATION',
      `${person.case_number} is in ${person.stage.replace(/_/g, ' ')}, not verification. Move the case to verification before recording an authority's answer.`,
      { violations: [{ rule: 'verification.in_stage', message: 'Verification outcomes are recorded for cases in verification.' }] },
    );
  }
  const id = uuidv7();
  const decided = v.outcome === 'pending' ? null : (v.decidedAt ?? tx.at.slice(0, 10));
  const row = {
    id,
    person_id: personId,
    method: v.method,
    authority: v.authority,
    country: v.country,
    submission_batch: v.submissionBatch ?? null,
    outcome: v.outcome,
    confirmed_nationality: v.outcome === 'confirmed' ? v.country : null,
    reference: v.reference ?? null,
    decided_by: decided ? tx.actor : null,
    decided_at: decided,
    note: v.note ?? null,
    created_at: tx.at,
    updated_at: tx.at,
    deleted: 0,
  };
  tx.insert('verification', row);
  const personChange =
    v.outcome === 'confirmed'
      ? { confirmed_nationality: v.country }
      : v.outcome === 'other_nationality'
        ? { confirmed_nationality: null, claimed_nationality: v.otherNationality ?? null }
        : v.outcome === 'not_confirmed'
          ? { confirmed_nationality: null }
          : {};
  const changed = tx.update('person', personId, personChange);
  tx.audit({
    action: `verification.${v.outcome}`,
    entityType: 'verification',
    entityId: id,
    personId,
    before: changed ? Object.fromEntries(Object.entries(changed).map(([k, c]) => [k, c.before])) : undefined,
    after: { authority: v.authority, country: v.country, outcome: v.outcome, otherNationality: v.otherNationality ?? null, reference: v.reference ?? null },
    reason: v.note ?? null,
  });
}
