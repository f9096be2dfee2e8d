/**
 * What a coordinator decides when two records are one person: which record
 * stays, and whose value each field keeps. The service (src/services/
 * duplicates/merge.ts) carries it out and can undo it; the rules for when a
 * merge, or its undo, would lose a person's progress are here.
 */
import { z } from 'zod';
import { normaliseDocumentNumber } from './matching';
import { label, type RuleViolation, type Stage } from './stages';
import { ACTIVE_BATCH_STATUSES, batchLabel, type BatchStatus } from './transfer';

/** The fields a coordinator chooses between, and the columns each one carries. */
export const MERGE_FIELDS = {
  familyName: ['family_name'],
  givenNames: ['given_names'],
  nativeName: ['native_name'],
  sex: ['sex'],
  birth: ['birth_date', 'estimated_age', 'age_estimated_on'],
  claimedNationality: ['claimed_nationality'],
  phone: ['phone'],
  rescueDate: ['rescue_date'],
  rescueSite: ['rescue_site'],
  rescueOperation: ['rescue_operation'],
  rescueGroup: ['rescue_group'],
  consent: ['consent_status', 'consent_reason'],
} as const satisfies Record<string, readonly string[]>;
export type MergeField = keyof typeof MERGE_FIELDS;
export const MERGE_FIELD_NAMES = Object.keys(MERGE_FIELDS) as MergeField[];

export const mergeInputSchema = z
  .object({
    /** id or case number of the record that stays */
    survivor: z.string().min(1),
    /** id or case number of the record merged into it */
    merged: z.string().min(1),
    /** per field, whose value to keep; unnamed fields keep the survivor's, or the other's where the survivor has none */
    choose: z.partialRecord(z.enum(MERGE_FIELD_NAMES as [MergeField, ...MergeField[]]), z.enum(['survivor', 'merged'])).default({}),
    reason: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();
export type MergeInput = z.input<typeof mergeInputSchema>;

/** Stages a record can be merged in, in the order a case moves through them: later stages have been handed over under their own case number. */
export const MERGEABLE_STAGES = ['intake', 'verification', 'transfer'] as const satisfies readonly Stage[];

/** Document types a person holds one current copy of per issuing country. */
const ONE_PER_COUNTRY = new Set(['passport', 'national_id', 'emergency_travel_document', 'birth_certificate', 'household_registration', 'driving_licence', 'work_permit']);

/** One of the two records, as the merge rules see it. */
export interface MergeSide {
  caseNumber: string;
  stage: string;
  confirmedNationality: string | null;
  /** the transfer batch the record is on that still counts (not taken off it, batch not cancelled) */
  transfer: { batch: string; batchStatus: string; memberStatus: string } | null;
  documents: readonly { type: string; number: string | null; issuingCountry: string | null }[];
}

const stageRank = (stage: string) => (MERGEABLE_STAGES as readonly string[]).indexOf(stage);

/** Which of two records must be the one that stays because it is further along (see checkMerge); null when their stages leave it open. */
export function staysByStage(a: { stage: string }, b: { stage: string }): 'a' | 'b' | null {
  const ra = stageRank(a.stage);
  const rb = stageRank(b.stage);
  if (ra < 0 || rb < 0 || ra === rb) return null;
  return ra > rb ? 'a' : 'b';
}
const onActiveBatch = (s: MergeSide) => !!s.transfer && ACTIVE_BATCH_STATUSES.includes(s.transfer.batchStatus as BatchStatus);
const swap = (stays: MergeSide, goes: MergeSide) =>
  `Keep ${stays.caseNumber} as the record that stays (Swap on the pair screen) and merge ${goes.caseNumber} into it.`;

/**
 * Whether `merged` may be merged into `survivor`; empty = yes. A merge must
 * never leave a person on a batch under a dead record, lose how far the case
 * has come, or keep two current documents where the person holds one.
 */
export function checkMerge(survivor: MergeSide, merged: MergeSide): RuleViolation[] {
  const violations: RuleViolation[] = [];
  for (const p of [survivor, merged]) {
    if (p.stage === 'merged') {
      violations.push({ rule: 'merge.already_merged', message: `${p.caseNumber} is already merged into another case. Open that case and merge from there.` });
    } else if (stageRank(p.stage) < 0) {
      violations.push({
        rule: 'merge.stage',
        message: `${p.caseNumber} is at stage ${label(p.stage as Stage)}; only cases in intake, verification or transfer can be merged. Record what you found as a note instead.`,
      });
    }
  }
  if (violations.length) return violations;

  for (const p of [survivor, merged]) {
    if (onActiveBatch(p)) {
      violations.push({
        rule: 'merge.on_active_batch',
        message: `${p.caseNumber} is on transfer batch ${p.transfer!.batch} (${batchLabel(p.transfer!.batchStatus as BatchStatus)}). Take them off the batch first (mark them removed, with the reason), or merge after the batch has arrived.`,
      });
    }
  }
  if (violations.length) return violations;

  if (stageRank(merged.stage) > stageRank(survivor.stage)) {
    violations.push({
      rule: 'merge.further_stage_stays',
      message: `${merged.caseNumber} is in ${label(merged.stage as Stage)}, further along than ${survivor.caseNumber} (${label(survivor.stage as Stage)}). ${swap(merged, survivor)}`,
    });
  } else if (survivor.transfer && merged.transfer) {
    violations.push({
      rule: 'merge.two_crossings',
      message: `${survivor.caseNumber} came with transfer batch ${survivor.transfer.batch} and ${merged.caseNumber} with ${merged.transfer.batch}; one person cannot have crossed twice. Check both batch lists and record what you find as a note; these records cannot be merged.`,
    });
  } else if (merged.transfer) {
    violations.push({
      rule: 'merge.batch_record_stays',
      message: `${merged.caseNumber} came with transfer batch ${merged.transfer.batch} (marked ${merged.transfer.memberStatus}). ${swap(merged, survivor)}`,
    });
  }

  if (survivor.confirmedNationality && merged.confirmedNationality && survivor.confirmedNationality !== merged.confirmedNationality) {
    violations.push({
      rule: 'merge.nationality_conflict',
      message: `${survivor.caseNumber} has confirmed nationality ${survivor.confirmedNationality} and ${merged.caseNumber} has ${merged.confirmedNationality}. Settle the nationality first: record the authority's answer as not confirmed on the record that is wrong, then merge.`,
    });
  }

  for (const d of survivor.documents) {
    if (!ONE_PER_COUNTRY.has(d.type) || !d.issuingCountry) continue;
    const number = normaliseDocumentNumber(d.number);
    if (!number) continue;
    for (const o of merged.documents) {
      const other = normaliseDocumentNumber(o.number);
      if (o.type !== d.type || o.issuingCountry !== d.issuingCountry || !other || other === number) continue;
      const what = d.type.replace(/_/g, ' ');
      violations.push({
        rule: 'merge.document_conflict',
        message: `${survivor.caseNumber} has ${what} ${d.number} (${d.issuingCountry}) and ${merged.caseNumber} has ${what} ${o.number} (${o.issuingCountry}); a person holds one current ${what} of a country, and the handover manifest would list both. Remove or correct the wrong one on its record (edit its documents), then merge.`,
      });
    }
  }
  return violations;
}

/** What the undo rules need to know about the survivor now. */
export interface UndoFacts {
  survivor: string;
  merged: string;
  /** case number of the record the survivor has since been merged into */
  survivorMergedInto: string | null;
  /** case number of a record merged into the survivor after this merge, still in force */
  laterMerge: string | null;
  survivorStage: string;
  survivorTransfer: { batch: string; batchStatus: string } | null;
}

/** Whether a merge can still be undone; empty = yes. An undo must not pull documents or holds from under a person who has moved on. */
export function checkUndo(f: UndoFacts): RuleViolation[] {
  if (f.survivorMergedInto) {
    return [
      {
        rule: 'undo.survivor_merged',
        message: `${f.survivor} was itself merged into ${f.survivorMergedInto} after this merge. Undo that merge first (on ${f.survivorMergedInto}), then undo this one.`,
      },
    ];
  }
  const violations: RuleViolation[] = [];
  if (f.laterMerge) {
    violations.push({ rule: 'undo.later_merge', message: `${f.laterMerge} was merged into ${f.survivor} after this merge. Undo that later merge first.` });
  }
  if (f.survivorStage === 'handover' || f.survivorStage === 'closed') {
    violations.push({
      rule: 'undo.handed_over',
      message: `${f.survivor} has been handed over (stage ${label(f.survivorStage as Stage)}), with the documents this merge brought. The merge can no longer be undone; record what was wrong as a note on ${f.survivor} and ${f.merged}.`,
    });
  } else if (f.survivorTransfer && ACTIVE_BATCH_STATUSES.includes(f.survivorTransfer.batchStatus as BatchStatus)) {
    violations.push({
      rule: 'undo.on_active_batch',
      message: `${f.survivor} is on transfer batch ${f.survivorTransfer.batch} (${batchLabel(f.survivorTransfer.batchStatus as BatchStatus)}); undoing would take documents and holds away from a person on a batch. Take ${f.survivor} off the batch first, then undo.`,
    });
  }
  return violations;
}
