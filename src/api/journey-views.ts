/**
 * What the API returns for the rest of the way home: keys and recipients,
 * verification lists, transfer batches, handovers. Plain data, safe to import
 * from the renderer (types only).
 */
import type { Sex } from '../domain/person';
import type { RuleViolation, Stage, HoldKind } from '../domain/stages';
import type { BatchStatus, MemberStatus } from '../domain/transfer';

export interface KeyCardView {
  office: string;
  name: string;
  country: string | null;
  /** age X25519 recipient (age1…): what others encrypt to this office */
  ageRecipient: string;
  ageFingerprint: string;
  /** minisign public key (RW…), for `minisign -Vm FILE -P KEY` */
  signingPublicKey: string;
  signingKeyId: string;
  signingFingerprint: string;
  /** the card as a file others can import (text) */
  card: string;
}

export interface RecipientView {
  id: string;
  name: string;
  country: string | null;
  agency: string | null;
  kind: 'x25519' | 'passphrase';
  ageRecipient: string | null;
  fingerprint: string | null;
  /** minisign key of the receiver, to check a countersignature */
  signingPublicKey: string | null;
  note: string | null;
  createdAt: string;
  createdBy: string;
  /** taken out of use: what was sent to it stays readable, nothing new goes to it */
  removed: boolean;
}

/** A person as the transfer and handover screens show them. */
export interface MemberView {
  personId: string;
  caseNumber: string;
  familyName: string | null;
  givenNames: string | null;
  nativeName: string | null;
  sex: Sex;
  age: number | null;
  confirmedNationality: string | null;
  stage: Stage;
  openHolds: HoldKind[];
  /** attachment id of the latest photo */
  photoId: string | null;
}

export interface TransferMemberView extends MemberView {
  status: MemberStatus;
  listedAt: string;
  boardedAt: string | null;
  arrivedAt: string | null;
  missingAt: string | null;
  removedAt: string | null;
  incident: string | null;
}

export interface BatchCounts {
  listed: number;
  boarded: number;
  arrived: number;
  missing: number;
  removed: number;
  /** everyone on the batch except those removed */
  total: number;
}

export interface BatchSummary {
  id: string;
  code: string;
  fromSite: string;
  crossingPoint: string;
  toSite: string;
  plannedDate: string;
  vehicle: string | null;
  escort: string | null;
  capacity: number;
  status: BatchStatus;
  statusChangedAt: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
  counts: BatchCounts;
}

export interface BatchView extends BatchSummary {
  members: TransferMemberView[];
  /** each status the batch may move to next, allowed or with the rules that block it */
  nextStatuses: { to: BatchStatus; allowed: boolean; violations: RuleViolation[] }[];
  /** handovers made from this batch */
  handovers: { id: string; code: string; receivingCountry: string; people: number }[];
}

export interface Refusal {
  ref: string;
  caseNumber: string | null;
  violations: RuleViolation[];
}

export interface MembersOutcome {
  batch: BatchView;
  added: string[];
  refused: Refusal[];
}

export interface MarkOutcome {
  batch: BatchView;
  member: TransferMemberView;
}

export interface HandoverSummary {
  id: string;
  code: string;
  batchCode: string | null;
  receivingCountry: string;
  agency: string;
  officialName: string;
  officialId: string;
  place: string;
  handedAt: string;
  manifestSha256: string;
  people: number;
  acknowledged: boolean;
  createdAt: string;
  createdBy: string;
}

export interface HandoverView extends HandoverSummary {
  recipient: RecipientView | null;
  members: MemberView[];
  acknowledgement: {
    kind: 'countersignature' | 'scan';
    sha256: string;
    mime: string | null;
    filename: string | null;
    signer: string | null;
    at: string;
    by: string;
    note: string | null;
  } | null;
  signingKeyId: string;
}

export interface VerificationListView {
  id: string;
  code: string;
  country: string;
  authority: string;
  recipient: RecipientView | null;
  people: number;
  pending: number;
  createdAt: string;
  createdBy: string;
}

/** An encrypted file made for someone outside the office. */
export interface ExportFile {
  fileName: string;
  /** base64 */
  data: string;
  sha256: string;
  /** who can open it */
  encryptedTo: string[];
}

export interface OutcomeImportRow {
  row: number;
  caseNumber: string | null;
  outcome: string | null;
  /** ready: valid, recorded when the file is applied without invalid rows */
  status: 'recorded' | 'ready' | 'unchanged' | 'invalid';
  problems: string[];
}

export interface OutcomeImportResult {
  recorded: number;
  unchanged: number;
  invalid: number;
  dryRun: boolean;
  rows: OutcomeImportRow[];
}

export interface ManifestCheck {
  ok: boolean;
  handover: string | null;
  office: string | null;
  people: number | null;
  manifestSha256: string | null;
  signedBy: { office: string; keyId: string } | null;
  /** every problem found, in plain words, empty when ok */
  problems: string[];
  /** what was checked, in order */
  checks: { name: string; ok: boolean; detail: string }[];
}
