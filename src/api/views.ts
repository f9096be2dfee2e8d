/**
 * What the API returns. Plain data in camelCase, safe to cross any process
 * boundary and to import from the renderer (types only, no Node code).
 */
import type { Consent, DocumentHolder, DocumentType, Sex } from '../domain/person';
import type { HoldKind, Stage, TransitionCheck } from '../domain/stages';
import type { AlreadyImported } from '../services/import/result';

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
  /** the verification list (its code) the person was sent on */
  submissionBatch: string | null;
  /** attachment ids backing the answer */
  evidence: string[];
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

/** The case a note or attachment went to: the live record, when it was addressed to one merged away. */
export interface RecordedOn {
  recordedOn: { id: string; caseNumber: string };
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
  /** the case this record was merged into, when it was */
  mergedInto: { id: string; caseNumber: string; mergeId: string | null } | null;
  /** records merged into this one: their case numbers still find it, their notes and history show here */
  mergedFrom: MergedRecordView[];
  /** the lists this person was imported from */
  sources: SourceView[];
  /** likely duplicates waiting for a decision */
  openDuplicates: number;
  /** transfer batches the person was put on, newest first */
  transfers: { batchId: string; batchCode: string; batchStatus: string; memberStatus: string; plannedDate: string }[];
  /** the handover that took the person home, when there is one */
  handover: { id: string; code: string; receivingCountry: string; agency: string; handedAt: string; acknowledged: boolean } | null;
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
  /** the case number of a record merged into this one, for an entry made on it; null for the record's own */
  mergedRecord: string | null;
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


export interface MergedRecordView {
  id: string;
  caseNumber: string;
  mergeId: string;
  mergedAt: string;
  mergedBy: string;
}

export interface SourceView {
  batchId: string;
  fileName: string;
  fileSha256: string;
  row: number;
  mappingName: string | null;
  importedAt: string;
  importedBy: string;
}

/** A pair of records that may be one person, with the evidence. */
export interface DuplicateCandidateView {
  id: string;
  status: 'open' | 'merged' | 'different';
  score: number;
  reasons: string[];
  foundBy: 'intake' | 'import' | 'edit';
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  mergeId: string | null;
  a: PersonSummary;
  b: PersonSummary;
}

export interface DuplicateList {
  total: number;
  candidates: DuplicateCandidateView[];
}

/** One pair side by side, for the review screen. */
export interface DuplicatePair {
  candidate: DuplicateCandidateView;
  a: PersonView;
  b: PersonView;
  /** the record that must stay if they are merged, because it is further along; null when either may */
  staysByStage: 'a' | 'b' | null;
}

export interface MergeOutcome {
  mergeId: string;
  survivor: PersonView;
}

export interface UndoMergeOutcome {
  survivor: PersonView;
  merged: PersonView;
  /** columns changed again since the merge, left as they are */
  keptSinceMerge: string[];
}

/** A likely duplicate of a record among registered people. */
export interface DuplicateHitView {
  personId: string;
  caseNumber: string;
  score: number;
  reasons: string[];
  person: PersonSummary;
}

// ───────────────────────────── import ─────────────────────────────

export type ImportFieldName =
  | 'familyName' | 'givenNames' | 'nativeName' | 'fullName' | 'aliases' | 'sex' | 'birthDate' | 'age' | 'claimedNationality'
  | 'languages' | 'phone' | 'passportNumber' | 'documentNumber' | 'rescueDate' | 'rescueSite' | 'rescueOperation' | 'rescueGroup' | 'notes';

export interface ImportMappingView {
  columns: { header: string; field: ImportFieldName | null }[];
  headerRow: number;
  nameOrder: 'auto' | 'family_first' | 'given_first';
  defaults: {
    rescueDate?: string | null | undefined;
    rescueSite: string | null;
    rescueOperation: string | null;
    rescueGroup: string | null;
    claimedNationality?: string | null | undefined;
  };
}

export interface ImportSummaryView {
  rows: number;
  valid: number;
  invalid: number;
  blank: number;
  alreadyImported: number;
  flagged: number;
  duplicatesOfStored: number;
  duplicatesInFile: number;
}

/** A list file opened for import: how it was read and the mapping proposed. */
export interface ImportFileView {
  importId: string;
  fileName: string;
  sha256: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  encodingGuess: { encoding: string; confidence: number } | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  /** rows below the header row */
  dataRows: number;
  /** the first rows of the file, header row included, for choosing the header row */
  top: string[][];
  header: string[];
  mapping: ImportMappingView;
  mappingName: string | null;
  savedMappings: string[];
  /**
   * When a saved mapping was laid over the file: columns it does not name that
   * were left unmapped (they are not imported), and saved columns this file
   * does not have (their fields stay empty). Worth a look before the check.
   */
  savedMappingFit: { unmatched: { column: number; header: string }[]; missing: { header: string; field: string }[] } | null;
  /** earlier imports of this same file (same content) */
  previousImports: { batchId: string; importedAt: string; importedBy: string; created: number }[];
  issues: string[];
}

export interface ImportProgressView {
  checked: number;
  total: number;
  done: boolean;
  summary: ImportSummaryView | null;
}

export interface ImportRowView {
  row: number;
  status: 'valid' | 'invalid' | 'already_imported';
  /** the record as it will be registered (valid rows) */
  person: {
    familyName: string | null;
    givenNames: string | null;
    nativeName: string | null;
    aliases: string[];
    sex: Sex;
    birthDate: string | null;
    estimatedAge: number | null;
    claimedNationality: string | null;
    phone: string | null;
    documents: { type: DocumentType; number: string | null }[];
    rescueDate: string | null;
    rescueSite: string | null;
  } | null;
  /** the row's cells as in the file (invalid rows, to see what to fix) */
  cells: string[] | null;
  problems: { field: string; column: number | null; reason: string }[];
  remarks: string[];
  stored: DuplicateHitView[];
  inFile: { row: number; score: number; reasons: string[] }[];
  /** for an already imported row: the live record, and the earlier import it was recognised by */
  existing: AlreadyImported | null;
}

export interface ImportRowsView {
  total: number;
  rows: ImportRowView[];
}

export interface ImportOutcome {
  batchId: string;
  summary: ImportSummaryView;
  created: number;
  firstCaseNumber: string | null;
  lastCaseNumber: string | null;
  queued: number;
  errorFile: { fileName: string; mime: string; data: string; rows: number } | null;
}

export interface ImportBatchView {
  id: string;
  fileName: string;
  fileSha256: string;
  format: 'csv' | 'xlsx';
  mappingName: string | null;
  rows: number;
  created: number;
  alreadyImported: number;
  rejected: number;
  flagged: number;
  importedAt: string;
  importedBy: string;
}

export interface SavedMappingView {
  name: string;
  mapping: ImportMappingView;
  updatedAt: string;
  createdBy: string;
}
