/**
 * What a coordinator decides when two records are one person: which record
 * stays, and whose value each field keeps. The service (src/services/
 * duplicates/merge.ts) carries it out and can undo it.
 */
import { z } from 'zod';

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

