/** The demo generator's public contract. */
import type { Consent, IdentityDocumentInput, PersonInput } from '../person';
import type { ControlIndicator, Vulnerability } from '../reference/indicators';

export type DuplicateKind =
  | 'exact_document'
  | 'pinyin_vs_hanzi'
  | 'diacritics_dropped'
  | 'token_order'
  | 'alias'
  | 'typo'
  | 'romanisation_variant';

export const DUPLICATE_KINDS: readonly DuplicateKind[] = [
  'exact_document',
  'pinyin_vs_hanzi',
  'diacritics_dropped',
  'token_order',
  'alias',
  'typo',
  'romanisation_variant',
];

export interface GeneratedPerson {
  input: PersonInput;
  /** index of the person this one duplicates, or null */
  duplicateOf: number | null;
  duplicateKind: DuplicateKind | null;
}

export interface GenerateOptions {
  count: number;
  seed: number;
  /** reference "today", YYYY-MM-DD; defaults to '2026-11-01' so output is deterministic */
  today?: string;
  /** share of people that are planted near-duplicates of an earlier person, default 0.02 */
  duplicateRate?: number;
}

export const DEFAULT_TODAY = '2026-11-01';
export const DEFAULT_DUPLICATE_RATE = 0.02;

/** The concrete shape the generator fills in: every intake field present, absent ones null or empty. */
export interface DemoInput {
  familyName: string | null;
  givenNames: string | null;
  nativeName: string | null;
  aliases: string[];
  sex: 'female' | 'male';
  birthDate: string | null;
  estimatedAge: number | null;
  claimedNationality: string | null;
  languages: string[];
  phone: string | null;
  documents: IdentityDocumentInput[];
  rescueDate: string | null;
  rescueSite: string | null;
  rescueOperation: string | null;
  rescueGroup: string | null;
  indicators: ControlIndicator[];
  vulnerabilities: Vulnerability[];
  consent: Consent | null;
}
