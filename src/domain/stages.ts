import { z } from 'zod';
import { ADULT_AGE, ageOn, latestPossibleDate } from './dates';
import type { ConsentStatus, Sex } from './person';
import { counted } from './text';

/**
 * Every rule about moving a case between stages lives here. Services gather
 * the facts, ask `checkTransition`, and show its violations as they are; the
 * UI asks the same function which next steps are open and why others are not.
 */

export const ACTIVE_STAGES = ['intake', 'verification', 'transfer', 'handover', 'closed'] as const;
export const EXIT_STAGES = ['absconded', 'deceased', 'merged', 'remains_in_country'] as const;
export const STAGES = [...ACTIVE_STAGES, ...EXIT_STAGES] as const;
export type Stage = (typeof STAGES)[number];
export const stageSchema = z.enum(STAGES, { error: `Stage must be one of: ${STAGES.join(', ')}.` });

export const HOLD_KINDS = ['medical', 'minor_without_guardian', 'legal', 'protection'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];
export const holdKindSchema = z.enum(HOLD_KINDS, { error: `Hold kind must be one of: ${HOLD_KINDS.join(', ')}.` });

export const HOLD_DESCRIPTIONS: Record<HoldKind, string> = {
  medical: 'a medical hold (treatment or fitness to travel)',
  minor_without_guardian: 'a minor without a guardian',
  legal: 'a legal or witness hold',
  protection: 'a protection concern',
};

/** Where a case may go from each stage. Exits other than `merged` (set only by a merge) are reachable from every open stage. */
const TRANSITIONS: Record<Stage, readonly Stage[]> = {
  intake: ['verification', 'absconded', 'deceased', 'remains_in_country'],
  verification: ['transfer', 'intake', 'absconded', 'deceased', 'remains_in_country'],
  transfer: ['handover', 'verification', 'absconded', 'deceased', 'remains_in_country'],
  handover: ['closed'],
  closed: [],
  // A person who left may be found again; one who stayed may later ask to go home.
  absconded: ['intake'],
  remains_in_country: ['intake'],
  deceased: [],
  merged: [],
};

export function nextStages(from: Stage): readonly Stage[] {
  return TRANSITIONS[from];
}

export interface CaseFacts {
  stage: Stage;
  familyName: string | null;
  givenNames: string | null;
  nativeName: string | null;
  aliases: readonly string[];
  sex: Sex;
  birthDate: string | null;
  estimatedAge: number | null;
  claimedNationality: string | null;
  confirmedNationality: string | null;
  rescueSite: string | null;
  rescueDate: string | null;
  consentStatus: ConsentStatus | null;
  consentReason: string | null;
  openHolds: readonly { kind: HoldKind; reason: string }[];
  /** Membership in a transfer batch, when the case has one. */
  transfer: { batch: string; memberStatus: string; batchStatus: string } | null;
  /** The handover recorded for this case, when there is one. */
  handover: { receivingCountry: string; officialName: string | null; manifestHash: string | null } | null;
}

export interface RuleViolation {
  /** stable identifier of the rule, e.g. `verification.nationality_confirmed` */
  rule: string;
  message: string;
  /** the fields or facts that are missing, when the rule is about completeness */
  missing?: string[];
}

export interface TransitionCheck {
  to: Stage;
  allowed: boolean;
  violations: RuleViolation[];
}

/** Rules to enter each stage; empty list = allowed. */
export function checkTransition(facts: CaseFacts, to: Stage, reason: string | null): RuleViolation[] {
  const from = facts.stage;
  if (from === to) return [{ rule: 'transition.same_stage', message: `The case is already in ${label(to)}.` }];
  if (to === 'merged') {
    return [{ rule: 'transition.merge_only', message: 'A case becomes merged only by merging it into another case (duplicate review).' }];
  }
  if (!TRANSITIONS[from].includes(to)) {
    const open = TRANSITIONS[from];
    return [
      {
        rule: 'transition.not_allowed',
        message: open.length
          ? `A case in ${label(from)} cannot move to ${label(to)}. From ${label(from)} it can move to: ${open.map(label).join(', ')}.`
          : `A case in ${label(from)} is final and cannot move to another stage.`,
      },
    ];
  }
  const violations: RuleViolation[] = [];
  if (!reason || !reason.trim()) {
    violations.push({ rule: 'transition.reason_required', message: 'Give a reason for the stage change; it goes into the case timeline.' });
  }
  // Someone who stays, went missing or died must not stay on a bus to the border.
  if (to !== 'handover' && to !== 'transfer') violations.push(...travelling(facts, label(to)));
  const backwards = ACTIVE_STAGES.indexOf(to as never) < ACTIVE_STAGES.indexOf(from as never) && ACTIVE_STAGES.includes(to as never);
  if (backwards) return violations;

  switch (to) {
    case 'verification':
      violations.push(...readyForVerification(facts));
      break;
    case 'transfer':
      violations.push(...readyForTransfer(facts));
      break;
    case 'handover':
      violations.push(...readyForHandover(facts));
      break;
    case 'closed':
      if (!facts.handover) violations.push({ rule: 'closed.handover_recorded', message: 'A case is closed after its handover is recorded.' });
      break;
    default:
      break;
  }
  return violations;
}

/** to verification: a name, sex, age or birth date, claimed nationality, rescue site and date, consent. */
export function readyForVerification(facts: CaseFacts): RuleViolation[] {
  const missing: string[] = [];
  if (!facts.familyName && !facts.givenNames && !facts.nativeName) missing.push('name');
  if (facts.sex === 'unknown') missing.push('sex');
  if (!facts.birthDate && facts.estimatedAge === null) missing.push('birthDate or estimatedAge');
  if (!facts.claimedNationality) missing.push('claimedNationality');
  if (!facts.rescueSite) missing.push('rescueSite');
  if (!facts.rescueDate) missing.push('rescueDate');
  const violations: RuleViolation[] = [];
  if (missing.length) {
    violations.push({
      rule: 'verification.intake_complete',
      message: `Intake is not complete. Missing: ${missing.join(', ')}.`,
      missing,
    });
  }
  if (facts.consentStatus === null) {
    violations.push({
      rule: 'verification.consent_recorded',
      message: 'Consent is not recorded. Record that the person gave or refused consent, or override with a reason.',
      missing: ['consent'],
    });
  } else if (facts.consentStatus === 'refused') {
    violations.push({
      rule: 'verification.consent_refused',
      message:
        'The person refused consent. Their data can go to an embassy only with an override and its reason, or the case can move to "remains in country".',
    });
  } else if (facts.consentStatus === 'overridden' && !facts.consentReason) {
    violations.push({ rule: 'verification.consent_override_reason', message: 'The consent override has no reason. Record why consent was overridden.' });
  }
  return violations;
}

/** Batches people travel with until they arrive (see ACTIVE_BATCH_STATUSES in ./transfer, which builds on this module). */
const TRAVELLING_BATCH = new Set(['planned', 'boarding', 'in_transit']);

/**
 * A person listed or boarded on a batch that has not arrived travels with it:
 * only a case in transfer may. `into` names where the case is going (or is,
 * for a check of a case as it stands).
 */
function travelling(facts: CaseFacts, into: string): RuleViolation[] {
  const t = facts.transfer;
  if (!t || !TRAVELLING_BATCH.has(t.batchStatus) || (t.memberStatus !== 'listed' && t.memberStatus !== 'boarded')) return [];
  const status = t.batchStatus.replace(/_/g, ' ');
  const off = t.batchStatus === 'in_transit' ? 'mark them missing with what happened' : 'mark them removed with the reason';
  return [
    {
      rule: 'transition.on_transfer_batch',
      message: `The person is ${t.memberStatus} on transfer batch ${t.batch} (${status}), which a case in ${into} cannot travel with. Take them off the batch first (${off}), then record the change.`,
    },
  ];
}

/** to transfer: nationality confirmed, no open hold. */
export function readyForTransfer(facts: CaseFacts): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (!facts.confirmedNationality) {
    violations.push({
      rule: 'transfer.nationality_confirmed',
      message: 'Nationality is not confirmed. Record the embassy or authority decision in verification first.',
      missing: ['confirmedNationality'],
    });
  }
  for (const hold of facts.openHolds) {
    violations.push({
      rule: `transfer.hold.${hold.kind}`,
      message:
        hold.kind === 'minor_without_guardian'
          ? `A minor without a guardian cannot be transferred (hold: ${hold.reason}). Lift the hold once a guardian or protection plan is in place.`
          : `The case has ${HOLD_DESCRIPTIONS[hold.kind]} (${hold.reason}). Lift the hold before transfer.`,
    });
  }
  return violations;
}

/** to handover: arrived with a transfer batch, and a handover to the confirmed nationality's authority recorded. */
export function readyForHandover(facts: CaseFacts): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (!facts.transfer || facts.transfer.memberStatus !== 'arrived') {
    violations.push({
      rule: 'handover.arrived',
      message: facts.transfer
        ? `The person is on transfer batch ${facts.transfer.batch} but is marked ${facts.transfer.memberStatus}, not arrived.`
        : 'The person has not arrived with a transfer batch.',
    });
  }
  if (!facts.handover) {
    violations.push({
      rule: 'handover.recorded',
      message: 'A case enters handover when a handover is recorded for it: receiving country, official and manifest.',
    });
    return violations;
  }
  if (facts.handover.receivingCountry !== facts.confirmedNationality) {
    violations.push({
      rule: 'handover.country_matches_nationality',
      message: `The receiving country (${facts.handover.receivingCountry}) is not the confirmed nationality (${facts.confirmedNationality ?? 'none'}). Nobody is handed to a country that has not confirmed them.`,
    });
  }
  if (!facts.handover.officialName) {
    violations.push({ rule: 'handover.official_named', message: 'Name the receiving official.', missing: ['officialName'] });
  }
  if (!facts.handover.manifestHash) {
    violations.push({ rule: 'handover.manifest_produced', message: 'Produce the signed handover manifest first.', missing: ['manifest'] });
  }
  return violations;
}

/** Every next step from the current stage, with the reason each blocked one is blocked. */
export function transitionChecks(facts: CaseFacts): TransitionCheck[] {
  return nextStages(facts.stage).map((to) => {
    const violations = checkTransition(facts, to, 'check');
    return { to, allowed: violations.length === 0, violations };
  });
}

/** Holds the engine places by itself when a case is registered or its age changes. */
export function automaticHolds(facts: Pick<CaseFacts, 'birthDate' | 'estimatedAge'>, today: string): { kind: HoldKind; reason: string }[] {
  // A year-only or month-only birth date may be a minor's until its last possible day: count from that day.
  const birthDate = facts.birthDate && latestPossibleDate(facts.birthDate);
  const age = ageOn({ birthDate, estimatedAge: facts.estimatedAge }, today);
  if (age !== null && age < ADULT_AGE) {
    return [{ kind: 'minor_without_guardian', reason: `Registered as ${counted(age, 'year')} old: confirm a guardian or protection plan before transfer.` }];
  }
  return [];
}

export function label(stage: Stage): string {
  return stage.replace(/_/g, ' ');
}

/**
 * What must hold of a case for it to be in the stage it is in. Writes on one
 * office go through checkTransition and keep this true; two offices moving
 * the same case at once may not (one confirms the nationality and moves the
 * case on, the other withdraws the confirmation), and sync flags the case for
 * review instead of silently leaving it there.
 */
export function stageInvariantViolations(facts: CaseFacts): RuleViolation[] {
  const onBatch = facts.stage === 'transfer' ? [] : travelling(facts, label(facts.stage));
  switch (facts.stage) {
    case 'verification':
      return [...readyForVerification(facts).filter((v) => v.rule === 'verification.intake_complete'), ...onBatch];
    case 'transfer':
      return readyForTransfer({ ...facts, openHolds: [] });
    case 'handover':
      return readyForHandover(facts);
    case 'closed':
      return facts.handover ? [] : [{ rule: 'closed.handover_recorded', message: 'A case is closed after its handover is recorded.' }];
    default:
      return onBatch;
  }
}

/**
 * What an edit must leave true of a case in the stage it is in: a name in
 * every stage; from verification onward, a complete intake and a consent that
 * allows sharing the person's data with an embassy; and the stage's own
 * invariants (stageInvariantViolations).
 */
export function editViolations(facts: CaseFacts): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (!facts.familyName && !facts.givenNames && !facts.nativeName && facts.aliases.length === 0) {
    violations.push({
      rule: 'person.name_required',
      message: 'Give at least one name: family or given name in Latin letters, the name in its own script, or an alias.',
      missing: ['name'],
    });
  }
  const stage = ACTIVE_STAGES.indexOf(facts.stage as never);
  if (stage >= ACTIVE_STAGES.indexOf('verification')) {
    violations.push(...readyForVerification(facts).map((v) => (v.rule === 'verification.consent_refused' ? consentRefusedInStage(facts.stage) : v)));
  }
  for (const v of stageInvariantViolations(facts)) {
    if (!violations.some((w) => w.rule === v.rule && w.message === v.message)) violations.push(v);
  }
  return violations;
}

function consentRefusedInStage(stage: Stage): RuleViolation {
  const back = stage === 'verification' ? 'back to intake' : 'back through verification to intake';
  return {
    rule: 'verification.consent_refused',
    message: `A case in ${label(stage)} has its data on its way to an embassy, so its consent cannot become refused here. Move the case to "remains in country" or ${back} first, or record an override with its reason.`,
  };
}
