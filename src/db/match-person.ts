/**
 * Stored person rows and fresh intake records in the one shape the matcher
 * compares. Estimated ages are moved to a common reference year: an age
 * estimated in 2024 and one estimated today describe birth years, not ages.
 */
import type { MatchPerson } from '../domain/matching';
import type { PersonData } from '../domain/person';
import type { PersonTable } from './schema';

export type StoredMatchRow = Pick<
  PersonTable,
  | 'id'
  | 'family_name'
  | 'given_names'
  | 'native_name'
  | 'aliases'
  | 'sex'
  | 'birth_date'
  | 'estimated_age'
  | 'age_estimated_on'
  | 'claimed_nationality'
  | 'phone'
  | 'rescue_operation'
  | 'rescue_site'
  | 'rescue_date'
  | 'languages'
>;

export const MATCH_COLUMN_NAMES: readonly (keyof StoredMatchRow)[] = [
  'id',
  'family_name',
  'given_names',
  'native_name',
  'aliases',
  'sex',
  'birth_date',
  'estimated_age',
  'age_estimated_on',
  'claimed_nationality',
  'phone',
  'rescue_operation',
  'rescue_site',
  'rescue_date',
  'languages',
];

export const MATCH_COLUMNS = MATCH_COLUMN_NAMES.join(', ');

export interface StoredDocument {
  type: string;
  number: string | null;
  issuing_country: string | null;
}

/** The year of an ISO date, or `fallback` when there is none. */
export const yearOf = (iso: string | null | undefined, fallback: number = new Date().getUTCFullYear()) => (iso && /^\d{4}/.test(iso) ? Number(iso.slice(0, 4)) : fallback);

export function storedMatchPerson(row: StoredMatchRow, documents: readonly StoredDocument[], referenceYear: number): MatchPerson {
  const age = row.estimated_age === null ? null : row.estimated_age + (referenceYear - yearOf(row.age_estimated_on, referenceYear));
  return {
    familyName: row.family_name,
    givenNames: row.given_names,
    nativeName: row.native_name,
    aliases: JSON.parse(row.aliases) as string[],
    sex: row.sex,
    birthDate: row.birth_date,
    estimatedAge: row.birth_date ? null : age,
    claimedNationality: row.claimed_nationality,
    phone: row.phone,
    rescueOperation: row.rescue_operation,
    rescueSite: row.rescue_site,
    rescueDate: row.rescue_date,
    languages: JSON.parse(row.languages) as string[],
    documents: matchDocuments(documents),
  };
}

export const matchDocuments = (documents: readonly StoredDocument[]): NonNullable<MatchPerson['documents']> =>
  documents.map((d) => ({ type: d.type, number: d.number, issuingCountry: d.issuing_country }));

/** An intake record (typed or imported) whose age, if estimated, is as of `today`. */
export function intakeMatchPerson(data: PersonData, today: string, referenceYear: number): MatchPerson {
  const age = data.estimatedAge === null ? null : data.estimatedAge + (referenceYear - yearOf(today, referenceYear));
  return {
    familyName: data.familyName,
    givenNames: data.givenNames,
    nativeName: data.nativeName,
    aliases: data.aliases,
    sex: data.sex,
    birthDate: data.birthDate,
    estimatedAge: data.birthDate ? null : age,
    claimedNationality: data.claimedNationality,
    phone: data.phone,
    rescueOperation: data.rescueOperation,
    rescueSite: data.rescueSite,
    rescueDate: data.rescueDate,
    languages: data.languages,
    documents: data.documents.map((d) => ({ type: d.type, number: d.number, issuingCountry: d.issuingCountry })),
  };
}
