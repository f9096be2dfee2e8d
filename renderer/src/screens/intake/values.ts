import type { FieldErrors, Resolver } from 'react-hook-form';
import type { PersonView } from '../../../../src/api/views';
import { personInputSchema, type DocumentHolder, type DocumentType, type PersonInput, type PersonPatchInput, type Sex } from '../../../../src/domain/person';

/**
 * The intake form's values: strings as typed, with a switch between birth
 * date and estimated age. `toPersonInput` turns them into the domain's input,
 * and the resolver validates with the domain's own zod schema, so the form
 * enforces exactly what the engine will.
 */
export interface DocumentValues {
  id?: string | undefined;
  type: DocumentType;
  number: string;
  issuingCountry: string;
  expiry: string;
  holder: DocumentHolder;
}

export interface IntakeValues {
  familyName: string;
  givenNames: string;
  nativeName: string;
  aliases: { value: string }[];
  sex: Sex;
  ageMode: 'birthDate' | 'estimate';
  birthDate: string;
  estimatedAge: string;
  claimedNationality: string;
  languages: string[];
  phone: string;
  documents: DocumentValues[];
  rescueDate: string;
  rescueSite: string;
  rescueOperation: string;
  rescueGroup: string;
  indicators: string[];
  vulnerabilities: string[];
  consentStatus: '' | 'given' | 'refused' | 'overridden';
  consentReason: string;
  editReason: string;
}

export function emptyValues(sticky?: Partial<IntakeValues>): IntakeValues {
  return {
    familyName: '',
    givenNames: '',
    nativeName: '',
    aliases: [],
    sex: 'unknown',
    ageMode: 'estimate',
    birthDate: '',
    estimatedAge: '',
    claimedNationality: '',
    languages: [],
    phone: '',
    documents: [],
    rescueDate: '',
    rescueSite: '',
    rescueOperation: '',
    rescueGroup: '',
    indicators: [],
    vulnerabilities: [],
    consentStatus: '',
    consentReason: '',
    editReason: '',
    ...sticky,
  };
}

export function valuesFromPerson(p: PersonView): IntakeValues {
  return {
    familyName: p.familyName ?? '',
    givenNames: p.givenNames ?? '',
    nativeName: p.nativeName ?? '',
    aliases: p.aliases.map((value) => ({ value })),
    sex: p.sex,
    ageMode: p.birthDate ? 'birthDate' : 'estimate',
    birthDate: p.birthDate ?? '',
    estimatedAge: p.estimatedAge === null ? '' : String(p.estimatedAge),
    claimedNationality: p.claimedNationality ?? '',
    languages: p.languages,
    phone: p.phone ?? '',
    documents: p.documents.map((d) => ({
      id: d.id,
      type: d.type,
      number: d.number ?? '',
      issuingCountry: d.issuingCountry ?? '',
      expiry: d.expiry ?? '',
      holder: d.holder,
    })),
    rescueDate: p.rescueDate ?? '',
    rescueSite: p.rescueSite ?? '',
    rescueOperation: p.rescueOperation ?? '',
    rescueGroup: p.rescueGroup ?? '',
    indicators: p.indicators,
    vulnerabilities: p.vulnerabilities,
    consentStatus: p.consent?.status ?? '',
    consentReason: p.consent?.reason ?? '',
    editReason: '',
  };
}

const text = (s: string) => (s.trim() ? s.trim() : null);

export function toPersonInput(v: IntakeValues): PersonInput {
  const age = v.estimatedAge.trim();
  return {
    familyName: text(v.familyName),
    givenNames: text(v.givenNames),
    nativeName: text(v.nativeName),
    aliases: v.aliases.map((a) => a.value).filter((a) => a.trim()),
    sex: v.sex,
    birthDate: v.ageMode === 'birthDate' ? text(v.birthDate) : null,
    estimatedAge: v.ageMode === 'estimate' && age ? (/^\d+$/.test(age) ? Number(age) : (age as unknown as number)) : null,
    claimedNationality: text(v.claimedNationality),
    languages: v.languages,
    phone: text(v.phone),
    documents: v.documents.map((d) => ({
      ...(d.id ? { id: d.id } : {}),
      type: d.type,
      number: text(d.number),
      issuingCountry: text(d.issuingCountry),
      expiry: text(d.expiry),
      holder: d.holder,
    })),
    rescueDate: text(v.rescueDate),
    rescueSite: text(v.rescueSite),
    rescueOperation: text(v.rescueOperation),
    rescueGroup: text(v.rescueGroup),
    indicators: v.indicators as PersonInput['indicators'],
    vulnerabilities: v.vulnerabilities as PersonInput['vulnerabilities'],
    consent: v.consentStatus ? { status: v.consentStatus, reason: text(v.consentReason) } : null,
  };
}

/**
 * The edit of `person` the form's values make: only the fields that differ
 * from what the form was loaded with, and the `updatedAt` it was loaded with,
 * so the engine refuses the save if someone changed the case meanwhile.
 * Null when nothing changed.
 */
export function toPersonPatch(v: IntakeValues, person: PersonView): PersonPatchInput | null {
  const loaded = toPersonInput(valuesFromPerson(person)) as Record<string, unknown>;
  const edited = toPersonInput(v) as Record<string, unknown>;
  const changed = Object.keys(edited).filter((k) => JSON.stringify(edited[k]) !== JSON.stringify(loaded[k]));
  if (!changed.length) return null;
  return { ...Object.fromEntries(changed.map((k) => [k, edited[k]])), expectedUpdatedAt: person.updatedAt } as PersonPatchInput;
}

/** Where a domain issue path shows up in the form. */
function formPath(path: PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  if (head === 'aliases' && rest[0] !== undefined) return `aliases.${rest[0]}.value`;
  if (head === 'consent') return rest[0] === 'reason' ? 'consentReason' : 'consentStatus';
  return [head, ...rest].join('.');
}

/** react-hook-form resolver over the domain schema; messages stay the engine's (translated on display). */
export const intakeResolver: Resolver<IntakeValues> = (values) => {
  const parsed = personInputSchema.safeParse(toPersonInput(values));
  if (parsed.success) return { values, errors: {} };
  const errors: Record<string, { type: string; message: string }> = {};
  for (const issue of parsed.error.issues) {
    const path = formPath(issue.path);
    errors[path] ??= { type: issue.code, message: issue.message };
  }
  return { values: {}, errors: nest(errors) as FieldErrors<IntakeValues> };
};

/** react-hook-form expects errors nested like the values: { documents: [ { number: … } ] }. */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, error] of Object.entries(flat)) {
    const keys = path.split('.');
    let node = out;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) node[key] = error;
      else node = (node[key] ??= /^\d+$/.test(keys[i + 1]!) ? [] : {}) as Record<string, unknown>;
    });
  }
  return out;
}
