/**
 * What the API returns. Plain data in camelCase, safe to cross any process
 * boundary and to import from the renderer (types only, no Node code).
 */
import type { Consent, DocumentHolder, DocumentType, Sex } from '../domain/person';
import type { HoldKind, Stage, TransitionCheck } from '../domain/stages';

export interface DocumentView {
  id: string;
  type: DocumentType;
  number: string | null;
  issuingCountry: string | null;
  expiry: string | null;
  holder: DocumentHolder;
  note: string | null;
}

export interface HoldView {
  id: string;
  kind: HoldKind;
  reason: string;
  placedBy: string;
  placedAt: string;
  liftedBy: string | null;
  liftedAt: string | null;
  liftReason: string | null;
}

export interface VerificationView {
  id: string;
  method: 'document' | 'interview' | 'embassy_list';
  authority: string;
  country: string;
  outcome: 'pending' | 'confirmed' | 'not_confirmed' | 'other_nationality';
  confirmedNationality: string | null;
  reference: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

export interface AttachmentView {
  id: string;
  kind: 'photo' | 'document_scan' | 'signature' | 'evidence' | 'other';
  filename: string | null;
  mime: string;
  size: number;
  createdAt: string;
  createdBy: string;
}

export interface NoteView {
  id: string;
  body: string;
  author: string;
  createdAt: string;
}

export interface PersonSummary {
  id: string;
  caseNumber: string;
  familyName: string | null;
  givenNames: string | null;
  nativeName: string | null;
  sex: Sex;
  age: number | null;
  claimedNationality: string | null;
  confirmedNationality: string | null;
  stage: Stage;
  openHolds: HoldKind[];
  rescueSite: string | null;
  updatedAt: string;
}

export interface PersonView extends PersonSummary {
  office: string;
  aliases: string[];
  birthDate: string | null;
  estimatedAge: number | null;
  ageEstimatedOn: string | null;
  languages: string[];
  phone: string | null;
  rescueDate: string | null;
  rescueOperation: string | null;
  rescueGroup: string | null;
  indicators: string[];
  vulnerabilities: string[];
  consent: Consent | null;
  documents: DocumentView[];
  holds: HoldView[];
  verifications: VerificationView[];
  notes: NoteView[];
  attachments: AttachmentView[];
  stageChangedAt: string;
  mergedInto: string | null;
  createdAt: string;
  createdBy: string;
  /** Next steps from the current stage, each allowed or with the rule that blocks it. */
  nextSteps: TransitionCheck[];
}

export interface TimelineEntry {
  at: string;
  actor: string;
  office: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface Facet {
  value: string;
  count: number;
}

/** The values present in the office, for filter pickers. */
export interface PersonFacets {
  sites: Facet[];
  nationalities: Facet[];
}

export interface PersonList {
  /** people matching the filters, before the limit */
  total: number;
  /** counts per stage for the same filters, ignoring any stage filter */
  stageCounts: Partial<Record<Stage, number>>;
  people: PersonSummary[];
}

/** Result of checking the audit hash chain. */
export type AuditBreak = {
  chain: string;
  /** position in the chain where the break was found (0-based) */
  index: number;
  eventId: string | null;
  problem: 'altered' | 'missing' | 'out_of_order' | 'truncated';
  message: string;
};

export interface AuditVerification {
  ok: boolean;
  events: number;
  chains: { chain: string; events: number; head: string }[];
  firstBreak: AuditBreak | null;
}

