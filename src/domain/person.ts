import { z } from 'zod';
import { isCountryCode } from './reference/countries';
import { CONTROL_INDICATOR_CODES, VULNERABILITY_CODES } from './reference/indicators';
import { isLanguageCode } from './reference/languages';
import { isCalendarDate, isPartialDate, todayIso } from './dates';

/**
 * The person record as entered at intake. One schema serves the intake form
 * (react-hook-form resolver), the API's input check and the list importer.
 * Intake is deliberately permissive: people arrive by the hundred and little is
 * known at first. What a case needs before it can move on is decided by the
 * stage rules in ./stages.ts, not here.
 */

const trimmed = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Too long: at most ${max} characters.` })
    .transform((s) => s.normalize('NFC'));

const optionalText = (max: number) =>
  trimmed(max)
    .optional()
    .nullable()
    .transform((s) => (s ? s : null));

export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { error: 'Not an ISO 3166 country code. Use two letters, e.g. MM, TH, CN, VN.' });

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const DOCUMENT_TYPES = [
  'passport',
  'national_id',
  'emergency_travel_document',
  'birth_certificate',
  'household_registration',
  'driving_licence',
  'work_permit',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Documents are often confiscated: record who holds each one. */
export const DOCUMENT_HOLDERS = ['person', 'compound', 'authority', 'lost', 'unknown'] as const;
export type DocumentHolder = (typeof DOCUMENT_HOLDERS)[number];

export const CONSENT_STATUSES = ['given', 'refused', 'overridden'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

const partialDate = z
  .string()
  .trim()
  .refine(isPartialDate, { error: 'Use YYYY, YYYY-MM or YYYY-MM-DD (Gregorian years; convert Buddhist Era by subtracting 543).' });

const calendarDate = z
  .string()
  .trim()
  .refine(isCalendarDate, { error: 'Use a real date as YYYY-MM-DD.' });

export const identityDocumentSchema = z.object({
  id: z.string().uuid().optional(),
  type: z.enum(DOCUMENT_TYPES, { error: `Document type must be one of: ${DOCUMENT_TYPES.join(', ')}.` }),
  number: optionalText(64).transform((s) => (s ? s.toUpperCase() : null)),
  issuingCountry: countryCode.optional().nullable().transform((s) => s ?? null),
  expiry: calendarDate.optional().nullable().transform((s) => s ?? null),
  holder: z.enum(DOCUMENT_HOLDERS, { error: `Holder must be one of: ${DOCUMENT_HOLDERS.join(', ')}.` }).default('unknown'),
  // Left out (undefined), an edit keeps the stored note; null or empty clears it.
  note: trimmed(500)
    .optional()
    .nullable()
    .transform((s) => (s === undefined ? undefined : s ? s : null)),
});
export type IdentityDocumentInput = z.input<typeof identityDocumentSchema>;
export type IdentityDocument = z.output<typeof identityDocumentSchema>;

export const consentSchema = z
  .object({
    status: z.enum(CONSENT_STATUSES, { error: 'Consent must be given, refused or overridden.' }),
    reason: optionalText(1000),
  })
  .refine((c) => c.status !== 'overridden' || !!c.reason, {
    error: 'An overridden consent needs a reason (for example, the legal basis).',
    path: ['reason'],
  });
export type Consent = z.output<typeof consentSchema>;

const personFields = {
  familyName: optionalText(200),
  givenNames: optionalText(200),
  nativeName: optionalText(200),
  aliases: z.array(trimmed(200)).max(30).transform(uniqueNonEmpty),
  sex: z.enum(SEXES, { error: 'Sex must be female, male, other or unknown.' }),
  birthDate: partialDate.optional().nullable().transform((s) => s ?? null),
  estimatedAge: z
    .number({ error: 'Estimated age must be a number of years.' })
    .int({ error: 'Estimated age must be whole years.' })
    .min(0, { error: 'Estimated age cannot be negative.' })
    .max(120, { error: 'Estimated age must be at most 120.' })
    .optional()
    .nullable()
    .transform((n) => n ?? null),
  claimedNationality: countryCode.optional().nullable().transform((s) => s ?? null),
  languages: z
    .array(z.string().trim().toLowerCase().refine(isLanguageCode, { error: 'Unknown language code.' }))
    .max(20)
    .transform(uniqueNonEmpty),
  phone: optionalText(40).refine((s) => s === null || /^\+?[0-9][0-9 ()\-.]{3,38}$/.test(s), {
    error: 'Phone: digits with an optional leading +, e.g. +95 9 420 123 456.',
  }),
  documents: z.array(identityDocumentSchema).max(20),
  rescueDate: calendarDate.optional().nullable().transform((s) => s ?? null),
  rescueSite: optionalText(200),
  rescueOperation: optionalText(200),
  rescueGroup: optionalText(200),
  indicators: z.array(z.enum(CONTROL_INDICATOR_CODES)).transform(uniqueNonEmpty),
  vulnerabilities: z.array(z.enum(VULNERABILITY_CODES)).transform(uniqueNonEmpty),
  consent: consentSchema.optional().nullable().transform((c) => c ?? null),
};

function uniqueNonEmpty<T>(values: T[]): T[] {
  return [...new Set(values.filter((v) => v !== '' && v !== null && v !== undefined))];
}

const rescueNotInFuture = (p: { rescueDate: string | null }) => p.rescueDate === null || p.rescueDate <= todayIso(1);
const birthNotInFuture = (p: { birthDate: string | null }) => p.birthDate === null || p.birthDate <= todayIso(0);

/** At intake, what is not said is empty; in a patch, it is left as it was. */
const intakeFields = {
  ...personFields,
  aliases: personFields.aliases.default([]),
  sex: personFields.sex.default('unknown'),
  languages: personFields.languages.default([]),
  documents: personFields.documents.default([]),
  indicators: personFields.indicators.default([]),
  vulnerabilities: personFields.vulnerabilities.default([]),
};

export const personInputSchema = z
  .object(intakeFields)
  .strict()
  .refine((p) => !!(p.familyName || p.givenNames || p.nativeName || p.aliases.length), {
    error: 'Give at least one name: family or given name in Latin letters, the name in its own script, or an alias.',
    path: ['givenNames'],
  })
  .refine((p) => !(p.birthDate && p.estimatedAge !== null), {
    error: 'Give either a birth date or an estimated age, not both.',
    path: ['estimatedAge'],
  })
  .refine(rescueNotInFuture, { error: 'The rescue date is in the future.', path: ['rescueDate'] })
  .refine(birthNotInFuture, { error: 'The birth date is in the future.', path: ['birthDate'] });

export type PersonInput = z.input<typeof personInputSchema>;
export type PersonData = z.output<typeof personInputSchema>;

/**
 * A change to an existing person: any subset of the intake fields. Arrays
 * (aliases, languages, documents, indicators, vulnerabilities) replace the
 * whole set; documents keep their identity through `id`.
 */
export const personPatchSchema = z
  .object({
    ...(Object.fromEntries(
      Object.entries(personFields).map(([k, v]) => [k, (v as z.ZodTypeAny).optional()]),
    ) as { [K in keyof typeof personFields]: z.ZodOptional<(typeof personFields)[K]> }),
    /**
     * The record's `updatedAt` when the change was prepared. An edit form sends
     * it, and the change is refused if someone saved the record since; callers
     * that patch a few fields may leave it out.
     */
    expectedUpdatedAt: z.string().trim().min(1, { error: 'expectedUpdatedAt is empty: give the updatedAt the record was read with, or leave it out.' }).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== 'expectedUpdatedAt'), { error: 'The change is empty: name at least one field to update.' })
  .refine((p) => rescueNotInFuture({ rescueDate: p.rescueDate ?? null }), {
    error: 'The rescue date is in the future.',
    path: ['rescueDate'],
  })
  .refine((p) => birthNotInFuture({ birthDate: p.birthDate ?? null }), {
    error: 'The birth date is in the future.',
    path: ['birthDate'],
  });
export type PersonPatchInput = z.input<typeof personPatchSchema>;
export type PersonPatch = z.output<typeof personPatchSchema>;

export const PERSON_FIELD_NAMES = Object.keys(personFields) as (keyof typeof personFields)[];
