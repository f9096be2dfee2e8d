import type { PersonView } from '../api/views';
import { HomewardError, validationError } from '../domain/errors';
import { verificationInputSchema, type VerificationData, type VerificationInput } from '../domain/verification';
import { uuidv7 } from '../db/ids';
import { prepare } from '../db/query';
import type { OfficeStore } from '../db/store';
import type { PersonTable } from '../db/schema';
import type { WriteTx } from '../db/write-tx';
import { liveWriteTarget, personAndMergedIds, personRow, personView } from './person-record';

/**
 * Records an authority's answer. A confirmation sets the confirmed
 * nationality; "other nationality" turns the claim to that country so the case
 * is verified again there; "not confirmed" clears any earlier confirmation.
 * An answer addressed to a record merged away is about the person, so it is
 * recorded on the live record it was merged into, whose view is returned.
 */
export function recordVerification(store: OfficeStore, actor: string, ref: string, input: VerificationInput | unknown): PersonView {
  const parsed = verificationInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues, 'The verification');
  const { id: personId, addressedAs } = liveWriteTarget(store.db, ref);
  store.write(actor, (tx) => recordVerificationIn(tx, personId, parsed.data, addressedAs));
  return personView(store.db, personId);
}

/** Why an answer cannot be recorded for this person now; null when it can. */
export function verificationStageProblem(person: Pick<PersonTable, 'case_number' | 'stage'>): string | null {
  return person.stage === 'verification'
    ? null
    : `${person.case_number} is in ${person.stage.replace(/_/g, ' ')}, not verification. Move the case to verification before recording an authority's answer.`;
}

/**
 * A list's entry takes one answer: a second one under the list's code would
 * put the person on the list twice and count them twice in its exports.
 */
function refuseSecondListAnswer(tx: WriteTx, ids: readonly string[], caseNumber: string, list: string): void {
  const answered = prepare(
    tx.db,
    `SELECT outcome FROM verification WHERE person_id IN (${ids.map(() => '?').join(', ')}) AND submission_batch = ? AND deleted = 0 LIMIT 1`,
  ).get(...ids, list) as { outcome: string } | undefined;
  if (!answered) return;
  throw new HomewardError(
    'RULE_VIOLATION',
    `${caseNumber} already has an answer on list ${list} (${answered.outcome.replace(/_/g, ' ')}). If the embassy has changed its answer, record the new one without the list's code.`,
    { violations: [{ rule: 'verification.list_answered_once', message: 'A list takes one answer per person.' }] },
  );
}

/** `personId` is the live record; `addressedAs` the merged-away case number the answer was addressed to, when it was. */
export function recordVerificationIn(tx: WriteTx, personId: string, v: VerificationData, addressedAs: string | null = null): void {
  const person = personRow(tx.db, personId);
  const stageProblem = verificationStageProblem(person);
  if (stageProblem) {
    throw new HomewardError('RULE_VIOLATION', stageProblem, {
      violations: [{ rule: 'verification.in_stage', message: 'Verification outcomes are recorded for cases in verification.' }],
    });
  }
  // The person's page shows the attachments and pending entries of records merged into it; they are the person's too.
  const ids = personAndMergedIds(tx.db, personId);
  const inList = `(${ids.map(() => '?').join(', ')})`;
  const evidence = v.evidence ?? [];
  for (const a of evidence) {
    const found = prepare(tx.db, `SELECT 1 FROM attachment WHERE id = ? AND person_id IN ${inList} AND deleted = 0`).get(a, ...ids);
    if (!found) throw new HomewardError('NOT_FOUND', `Evidence ${a} is not an attachment of ${person.case_number}. Attach the file to the case first.`);
  }
  // An answer to a list sent earlier settles that list's pending entry rather than adding another.
  const pending = prepare(
    tx.db,
    `SELECT id, submission_batch FROM verification WHERE person_id IN ${inList} AND country = ? AND outcome = 'pending' AND deleted = 0
     ORDER BY submission_batch = ? DESC, created_at DESC LIMIT 1`,
  ).get(...ids, v.country, v.submissionBatch ?? null) as { id: string; submission_batch: string | null } | undefined;
  if (v.submissionBatch && pending?.submission_batch !== v.submissionBatch) refuseSecondListAnswer(tx, ids, person.case_number, v.submissionBatch);
  const id = pending?.id ?? uuidv7();
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
    evidence: JSON.stringify(evidence),
    created_at: tx.at,
    updated_at: tx.at,
    deleted: 0,
  };
  if (pending) {
    // The entry stays with the record that was listed, so the returned list still finds it as answered.
    const { id: _id, created_at: _created, person_id: _person, submission_batch, ...answer } = row;
    tx.update('verification', id, { ...answer, submission_batch: submission_batch ?? undefined });
  } else {
    tx.insert('verification', row);
  }
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
    after: {
      authority: v.authority,
      country: v.country,
      outcome: v.outcome,
      otherNationality: v.otherNationality ?? null,
      reference: v.reference ?? null,
      ...(evidence.length ? { evidence } : {}),
      ...(addressedAs ? { addressedAs } : {}),
    },
    reason: v.note ?? null,
  });
}
