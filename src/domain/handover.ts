import { z } from 'zod';
import { countryCode } from './person';
import { HOLD_DESCRIPTIONS, type CaseFacts, type RuleViolation } from './stages';

/**
 * A handover: people who arrived with a transfer batch, given to the
 * authority of the country that confirmed their nationality. Nobody is handed
 * to a country that has not confirmed them, and nobody is handed over twice.
 */

const text = (max: number, what: string) =>
  z
    .string({ error: `Give the ${what}.` })
    .trim()
    .min(1, { error: `Give the ${what}.` })
    .max(max, { error: `The ${what} is too long: at most ${max} characters.` });

export const handoverInputSchema = z
  .object({
    batch: text(100, 'transfer batch (its code)'),
    receivingCountry: countryCode,
    agency: text(200, 'receiving agency'),
    officialName: text(200, 'name of the receiving official'),
    officialId: text(100, "receiving official's ID or badge number"),
    place: text(200, 'place of the handover'),
    /** ISO date-time; defaults to now */
    handedAt: z
      .string()
      .trim()
      .refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s), {
        error: 'Handover time: use an ISO date and time, e.g. 2026-11-21T09:30:00+07:00.',
      })
      .optional(),
    /** case numbers or ids; defaults to every eligible arrived member of the batch */
    people: z.array(z.string().trim().min(1)).max(5000).optional(),
    /** the recipient (by id) the manifest package is encrypted to */
    recipient: z.string().trim().min(1).optional(),
  })
  .strict();
export type HandoverInput = z.input<typeof handoverInputSchema>;
export type HandoverData = z.output<typeof handoverInputSchema>;

export interface HandoverCandidate {
  caseNumber: string;
  facts: CaseFacts;
  /** the person's status on the batch the handover is made from, or null if not on it */
  memberStatus: string | null;
  /** code of a handover this person is already part of */
  handedOverIn: string | null;
}

/** Whether one person may be part of a handover to `country`; empty = yes. */
export function checkHandoverMember(c: HandoverCandidate, country: string): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (c.handedOverIn) {
    violations.push({ rule: 'handover.once', message: `${c.caseNumber} was already handed over (${c.handedOverIn}).` });
    return violations;
  }
  if (c.memberStatus !== 'arrived') {
    violations.push({
      rule: 'handover.arrived',
      message: c.memberStatus
        ? `${c.caseNumber} is marked ${c.memberStatus} on the batch, not arrived.`
        : `${c.caseNumber} is not on this batch.`,
    });
  }
  if (c.facts.stage !== 'transfer') {
    violations.push({ rule: 'handover.in_transfer_stage', message: `${c.caseNumber} is in ${c.facts.stage.replace(/_/g, ' ')}, not transfer.` });
  }
  if (c.facts.confirmedNationality !== country) {
    violations.push({
      rule: 'handover.country_matches_nationality',
      message: c.facts.confirmedNationality
        ? `${c.caseNumber}'s confirmed nationality is ${c.facts.confirmedNationality}, not ${country}. Nobody is handed to a country that has not confirmed them.`
        : `${c.caseNumber} has no confirmed nationality. Nobody is handed to a country that has not confirmed them.`,
    });
  }
  for (const hold of c.facts.openHolds) {
    violations.push({
      rule: `handover.hold.${hold.kind}`,
      message: `${c.caseNumber} has ${HOLD_DESCRIPTIONS[hold.kind]} (${hold.reason}). Lift it or leave the person out of this handover.`,
    });
  }
  return violations;
}

/** The receiver's acknowledgement: their countersignature of manifest.json, or a scan of the signed paper. */
export const acknowledgementSchema = z
  .object({
    handover: z.string().trim().min(1),
    kind: z.enum(['countersignature', 'scan'], { error: 'The acknowledgement is a countersignature file or a scan of the signed manifest.' }),
    fileName: z.string().trim().max(255).nullable().optional(),
    /** the file's bytes, base64 */
    data: z.string().min(1).max(30_000_000),
    /** countersignature: the receiver's minisign public key (RW…), if their recipient entry has none */
    signerKey: z.string().trim().optional().nullable(),
    note: z.string().trim().max(2000).optional().nullable(),
  })
  .strict();
