import { z } from 'zod';
import { isCalendarDate } from './dates';
import { readyForTransfer, type CaseFacts, type RuleViolation } from './stages';

/**
 * Border transfer batches: who may be listed, how a batch moves from planned
 * to arrived, and what each check-off mark needs. Services gather the facts
 * and ask these functions; every refusal names its rule.
 */

export const BATCH_STATUSES = ['planned', 'boarding', 'in_transit', 'arrived', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const MEMBER_STATUSES = ['listed', 'boarded', 'arrived', 'missing', 'removed'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
/** The marks a person checking people on and off a vehicle can make. */
export const MEMBER_MARKS = ['boarded', 'arrived', 'missing', 'removed'] as const;
export type MemberMark = (typeof MEMBER_MARKS)[number];

const text = (max: number, what: string) =>
  z
    .string({ error: `Give the ${what}.` })
    .trim()
    .min(1, { error: `Give the ${what}.` })
    .max(max, { error: `The ${what} is too long: at most ${max} characters.` });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((s) => (s ? s : null));

export const batchInputSchema = z
  .object({
    fromSite: text(200, 'site the batch leaves from'),
    crossingPoint: text(200, 'border crossing point'),
    toSite: text(200, 'site the batch goes to'),
    plannedDate: z.string().trim().refine(isCalendarDate, { error: 'Planned date: use YYYY-MM-DD.' }),
    vehicle: optionalText(200),
    escort: optionalText(200),
    capacity: z.number({ error: 'Capacity: give the number of seats.' }).int().min(1, { error: 'Capacity must be at least 1.' }).max(2000),
    note: optionalText(2000),
  })
  .strict();
export type BatchInput = z.input<typeof batchInputSchema>;
export type BatchData = z.output<typeof batchInputSchema>;

/** Where a batch may go from each status. */
const BATCH_FLOW: Record<BatchStatus, readonly BatchStatus[]> = {
  planned: ['boarding', 'cancelled'],
  boarding: ['in_transit', 'planned', 'cancelled'],
  in_transit: ['arrived'],
  arrived: [],
  cancelled: [],
};

export function nextBatchStatuses(from: BatchStatus): readonly BatchStatus[] {
  return BATCH_FLOW[from];
}

/** Batches whose members are spoken for: a person is on at most one of them. */
export const ACTIVE_BATCH_STATUSES: readonly BatchStatus[] = ['planned', 'boarding', 'in_transit'];

export interface MemberFacts {
  caseNumber: string;
  status: MemberStatus;
  /** the person's case facts now (holds may have opened since listing) */
  facts: CaseFacts;
}

export const batchLabel = (s: BatchStatus) => s.replace(/_/g, ' ');

/** Whether a person may be put on a batch; empty = yes. */
export function checkListing(facts: CaseFacts, otherActiveBatch: string | null): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (facts.stage !== 'transfer') {
    violations.push({
      rule: 'batch.in_transfer_stage',
      message: `The case is in ${facts.stage.replace(/_/g, ' ')}; a transfer batch holds only people in the transfer stage.`,
    });
  }
  violations.push(...readyForTransfer(facts));
  if (otherActiveBatch) {
    violations.push({ rule: 'batch.one_active_batch', message: `The person is already on batch ${otherActiveBatch}. Remove them from it first.` });
  }
  return violations;
}

/**
 * Rules for a batch status change. Leaving for boarding and departing both
 * re-check every member still going: a hold opened or a confirmation
 * withdrawn after listing stops the batch until that person is removed.
 */
export function checkBatchStatus(from: BatchStatus, to: BatchStatus, members: readonly MemberFacts[], reason: string | null): RuleViolation[] {
  if (from === to) return [{ rule: 'batch.same_status', message: `The batch is already ${batchLabel(to)}.` }];
  if (!BATCH_FLOW[from].includes(to)) {
    const open = BATCH_FLOW[from];
    return [
      {
        rule: 'batch.status_not_allowed',
        message: open.length
          ? `A ${batchLabel(from)} batch cannot become ${batchLabel(to)}. It can become: ${open.map(batchLabel).join(', ')}.`
          : `A ${batchLabel(from)} batch is final.`,
      },
    ];
  }
  const violations: RuleViolation[] = [];
  const going = members.filter((m) => m.status !== 'removed' && m.status !== 'missing');
  if (to === 'cancelled' && !reason?.trim()) {
    violations.push({ rule: 'batch.cancel_reason', message: 'Say why the batch is cancelled; its people return to the transfer queue.' });
  }
  if (to === 'boarding' || to === 'in_transit') {
    if (going.length === 0) violations.push({ rule: 'batch.not_empty', message: 'The batch has nobody to move. List people first.' });
    for (const m of going) {
      if (m.facts.stage !== 'transfer') {
        violations.push({
          rule: 'batch.member.in_transfer_stage',
          message: `${m.caseNumber}: the case is in ${m.facts.stage.replace(/_/g, ' ')}, not transfer. Remove them from the batch.`,
        });
      }
      for (const v of readyForTransfer(m.facts)) {
        violations.push({ ...v, rule: `batch.member.${v.rule}`, message: `${m.caseNumber}: ${v.message} Or remove them from the batch.` });
      }
    }
  }
  if (to === 'in_transit') {
    const unchecked = members.filter((m) => m.status === 'listed').map((m) => m.caseNumber);
    if (unchecked.length) {
      violations.push({
        rule: 'batch.everyone_checked',
        message: `Mark every listed person boarded, missing or removed before departure. Not yet checked: ${unchecked.join(', ')}.`,
        missing: unchecked,
      });
    }
  }
  if (to === 'arrived') {
    const onBoard = members.filter((m) => m.status === 'boarded').map((m) => m.caseNumber);
    if (onBoard.length) {
      violations.push({
        rule: 'batch.everyone_accounted',
        message: `Mark every person who boarded as arrived or missing. Not yet accounted for: ${onBoard.join(', ')}.`,
        missing: onBoard,
      });
    }
  }
  return violations;
}

/** Which check-off marks a member's status allows while the batch is in a given status. */
const MARKS: Record<BatchStatus, Partial<Record<MemberStatus, readonly MemberMark[]>>> = {
  planned: { listed: ['removed'] },
  boarding: { listed: ['boarded', 'missing', 'removed'], boarded: ['missing', 'removed'], missing: ['boarded', 'removed'] },
  in_transit: { boarded: ['arrived', 'missing'], missing: ['arrived'] },
  // Stragglers found after the batch arrived are still marked arrived.
  arrived: { missing: ['arrived'] },
  cancelled: {},
};

export function checkMark(batchStatus: BatchStatus, member: MemberStatus, mark: MemberMark, note: string | null): RuleViolation[] {
  if (member === mark) return [{ rule: 'member.same_mark', message: `Already marked ${mark}.` }];
  const allowed = MARKS[batchStatus][member] ?? [];
  if (!allowed.includes(mark)) {
    return [
      {
        rule: 'member.mark_not_allowed',
        message: allowed.length
          ? `On a ${batchLabel(batchStatus)} batch a person marked ${member} can be marked: ${allowed.join(', ')}.`
          : `On a ${batchLabel(batchStatus)} batch a person marked ${member} cannot be marked ${mark}.`,
      },
    ];
  }
  if ((mark === 'missing' || mark === 'removed') && !note?.trim()) {
    return [
      {
        rule: mark === 'missing' ? 'member.incident_note' : 'member.removal_reason',
        message:
          mark === 'missing'
            ? 'Write an incident note for a missing person: when and where they were last seen, and who was told.'
            : 'Say why the person is taken off the batch.',
      },
    ];
  }
  return [];
}
