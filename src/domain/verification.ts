import { z } from 'zod';
import { isCalendarDate } from './dates';
import { countryCode } from './person';

/** An embassy's or authority's answer on a person's nationality. */
export const VERIFICATION_METHODS = ['document', 'interview', 'embassy_list'] as const;
export const VERIFICATION_OUTCOMES = ['pending', 'confirmed', 'not_confirmed', 'other_nationality'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export const verificationInputSchema = z
  .object({
    method: z.enum(VERIFICATION_METHODS, { error: `Method must be one of: ${VERIFICATION_METHODS.join(', ')}.` }),
    authority: z.string().trim().min(1, { error: 'Name the authority that verified (e.g. the embassy).' }).max(200),
    /** the country whose authority answered */
    country: countryCode,
    outcome: z.enum(VERIFICATION_OUTCOMES, { error: `Outcome must be one of: ${VERIFICATION_OUTCOMES.join(', ')}.` }),
    /** when the outcome is other_nationality: the nationality the authority points to */
    otherNationality: countryCode.optional().nullable(),
    reference: z.string().trim().max(200).optional().nullable(),
    submissionBatch: z.string().trim().max(200).optional().nullable(),
    decidedAt: z.string().refine(isCalendarDate, { error: 'decidedAt: use YYYY-MM-DD.' }).optional().nullable(),
    note: z.string().trim().max(2000).optional().nullable(),
    /** ids of the person's attachments that back the answer (kind evidence, document scans) */
    evidence: z.array(z.string().trim().min(1)).max(20).optional(),
  })
  .strict()
  .refine((v) => v.outcome !== 'other_nationality' || !!v.otherNationality, {
    error: 'Say which nationality the authority points to (otherNationality).',
    path: ['otherNationality'],
  })
  .refine((v) => v.outcome !== 'other_nationality' || v.otherNationality !== v.country, {
    error: 'The other nationality must differ from the answering country.',
    path: ['otherNationality'],
  });
export type VerificationInput = z.input<typeof verificationInputSchema>;
export type VerificationData = z.output<typeof verificationInputSchema>;

/** A list of people sent to an embassy for verification. */
export const listInputSchema = z
  .object({
    country: countryCode,
    authority: z.string().trim().min(1, { error: 'Name the authority the list goes to, e.g. "Embassy of Indonesia, Bangkok".' }).max(200),
    recipient: z.string().trim().min(1).optional(),
    /** case numbers or ids; defaults to everyone awaiting verification for the country and not on a pending list */
    people: z.array(z.string().trim().min(1)).max(20_000).optional(),
  })
  .strict();
