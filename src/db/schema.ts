/** Row types of the database, as Kysely sees them (see migrations/). */

export interface MetaTable { key: string; value: string }

export interface OfficeTable {
  code: string;
  name: string;
  country: string | null;
  is_self: number;
  age_recipient: string | null;
  signing_public_key: string | null;
  /** minisign key id (16 hex digits) of signing_public_key */
  signing_key_id: string | null;
  trust: 'self' | 'trusted' | 'revoked';
  created_at: string;
  updated_at: string;
}

export interface CaseCounterTable { office: string; year: number; last: number }

export interface PersonTable {
  id: string;
  case_number: string;
  office: string;
  family_name: string | null;
  given_names: string | null;
  native_name: string | null;
  aliases: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  birth_date: string | null;
  estimated_age: number | null;
  age_estimated_on: string | null;
  claimed_nationality: string | null;
  confirmed_nationality: string | null;
  languages: string;
  phone: string | null;
  rescue_date: string | null;
  rescue_site: string | null;
  rescue_operation: string | null;
  rescue_group: string | null;
  consent_status: 'given' | 'refused' | 'overridden' | null;
  consent_reason: string | null;
  stage: string;
  stage_changed_at: string;
  merged_into: string | null;
  assigned_coordinator: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  deleted: number;
}

export interface IdentityDocumentTable {
  id: string;
  person_id: string;
  type: string;
  number: string | null;
  issuing_country: string | null;
  expiry: string | null;
  holder: 'person' | 'compound' | 'authority' | 'lost' | 'unknown';
  note: string | null;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface IndicatorTable {
  id: string;
  person_id: string;
  category: 'control' | 'vulnerability';
  code: string;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface HoldTable {
  id: string;
  person_id: string;
  kind: 'medical' | 'minor_without_guardian' | 'legal' | 'protection';
  reason: string;
  placed_by: string;
  placed_at: string;
  lifted_by: string | null;
  lifted_at: string | null;
  lift_reason: string | null;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface VerificationTable {
  id: string;
  person_id: string;
  method: 'document' | 'interview' | 'embassy_list';
  authority: string;
  country: string;
  submission_batch: string | null;
  outcome: 'pending' | 'confirmed' | 'not_confirmed' | 'other_nationality';
  confirmed_nationality: string | null;
  reference: string | null;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  /** JSON array of attachment ids */
  evidence: string;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface NoteTable { id: string; person_id: string; body: string; author: string; created_at: string }

export interface AttachmentBlobTable { sha256: string; size: number; bytes: Buffer }

export interface AttachmentTable {
  id: string;
  person_id: string;
  sha256: string;
  kind: 'photo' | 'document_scan' | 'signature' | 'evidence' | 'other';
  filename: string | null;
  mime: string;
  created_by: string;
  created_at: string;
  deleted: number;
}

export interface AuditEventTable {
  seq: number;
  id: string;
  chain: string;
  chain_index: number;
  at: string;
  hlc: string;
  office: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  person_id: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface ChangedRow {
  table: string;
  id: string;
  op: 'insert' | 'update' | 'delete';
  fields: Record<string, unknown>;
  /** for updates: what the changed fields held before, so a receiving office can tell a concurrent edit from a later one */
  prev?: Record<string, unknown>;
}

export interface ChangeTable {
  seq: number;
  /** one stamp per write; ends with the writing node */
  hlc: string;
  /** JSON of ChangedRow[] */
  rows: string;
  flagged: string | null;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  role: 'admin' | 'coordinator' | 'data_entry' | 'viewer';
  password_hash: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface PersonSearchTable { rowid: number; text: string }

export interface ImportBatchTable {
  id: string;
  file_name: string;
  file_sha256: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  sheet: string | null;
  /** JSON of ImportMapping */
  mapping: string;
  mapping_name: string | null;
  rows_total: number;
  created: number;
  already_imported: number;
  rejected: number;
  blank: number;
  flagged: number;
  imported_at: string;
  imported_by: string;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface PersonSourceTable {
  id: string;
  person_id: string;
  batch_id: string;
  file_sha256: string;
  row_number: number;
  /** the workbook's sheet; null for CSV */
  sheet: string | null;
  /** SHA-256 of the person's details as read from the row (null for rows imported before version 6) */
  row_fingerprint: string | null;
  /** for a row of an error file Homeward wrote: the original list's file, sheet and row */
  original_sha256: string | null;
  original_sheet: string | null;
  original_row: number | null;
  created_at: string;
  deleted: number;
}

export interface ImportMappingTable {
  id: string;
  name: string;
  mapping: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  deleted: number;
}

export interface DuplicateCandidateTable {
  id: string;
  person_a: string;
  person_b: string;
  score: number;
  /** JSON array of plain-words reasons */
  reasons: string;
  found_by: 'intake' | 'import' | 'edit';
  status: 'open' | 'merged' | 'different';
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  merge_id: string | null;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface PersonMergeTable {
  id: string;
  survivor_id: string;
  merged_id: string;
  candidate_id: string | null;
  survivor_changes: string;
  merged_stage_before: string;
  moved: string;
  reason: string | null;
  merged_at: string;
  merged_by: string;
  undone_at: string | null;
  undone_by: string | null;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface PersonKeyTable { key: number; person: number }
export interface NameTokenTable { token: string; n: number }
/** One per person (by rowid): what matching compares, names already normalised (src/domain/matching/card.ts). */
export interface PersonCardTable { person: number; card: string }

/** Never synced, never in the change log: written with plain SQL inside a write. */
export interface OfficeSecretTable {
  office: string;
  age_identity: string;
  signing_key_id: string;
  /** the Ed25519 seed, base64 */
  signing_seed: string;
  created_at: string;
}

export interface RecipientTable {
  id: string;
  name: string;
  country: string | null;
  agency: string | null;
  kind: 'x25519' | 'passphrase';
  age_recipient: string | null;
  fingerprint: string | null;
  signing_public_key: string | null;
  note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface VerificationListTable {
  id: string;
  code: string;
  country: string;
  authority: string;
  recipient_id: string | null;
  people: number;
  file_sha256: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export type BatchStatus = 'planned' | 'boarding' | 'in_transit' | 'arrived' | 'cancelled';
export type MemberStatus = 'listed' | 'boarded' | 'arrived' | 'missing' | 'removed';

export interface TransferBatchTable {
  id: string;
  code: string;
  from_site: string;
  crossing_point: string;
  to_site: string;
  planned_date: string;
  vehicle: string | null;
  escort: string | null;
  capacity: number;
  status: BatchStatus;
  status_changed_at: string;
  note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface TransferMemberTable {
  id: string;
  batch_id: string;
  person_id: string;
  status: MemberStatus;
  listed_at: string;
  listed_by: string;
  boarded_at: string | null;
  boarded_by: string | null;
  arrived_at: string | null;
  arrived_by: string | null;
  missing_at: string | null;
  missing_by: string | null;
  removed_at: string | null;
  removed_by: string | null;
  incident: string | null;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface HandoverTable {
  id: string;
  code: string;
  batch_id: string | null;
  receiving_country: string;
  agency: string;
  official_name: string;
  official_id: string;
  place: string;
  handed_at: string;
  recipient_id: string | null;
  manifest: string;
  manifest_sha256: string;
  manifest_signature: string;
  ack_kind: 'countersignature' | 'scan' | null;
  ack_sha256: string | null;
  ack_mime: string | null;
  ack_filename: string | null;
  ack_signer: string | null;
  ack_at: string | null;
  ack_by: string | null;
  ack_note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface HandoverMemberTable {
  id: string;
  handover_id: string;
  person_id: string;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface DB {
  meta: MetaTable;
  office: OfficeTable;
  case_counter: CaseCounterTable;
  person: PersonTable;
  identity_document: IdentityDocumentTable;
  indicator: IndicatorTable;
  hold: HoldTable;
  verification: VerificationTable;
  note: NoteTable;
  attachment_blob: AttachmentBlobTable;
  attachment: AttachmentTable;
  audit_event: AuditEventTable;
  change: ChangeTable;
  user: UserTable;
  person_search: PersonSearchTable;
  import_batch: ImportBatchTable;
  person_source: PersonSourceTable;
  import_mapping: ImportMappingTable;
  duplicate_candidate: DuplicateCandidateTable;
  person_merge: PersonMergeTable;
  person_key: PersonKeyTable;
  name_token: NameTokenTable;
  person_key_recent: PersonKeyTable;
  person_card: PersonCardTable;
  office_secret: OfficeSecretTable;
  recipient: RecipientTable;
  verification_list: VerificationListTable;
  transfer_batch: TransferBatchTable;
  transfer_member: TransferMemberTable;
  handover: HandoverTable;
  handover_member: HandoverMemberTable;
  sync_origin: SyncOriginTable;
  sync_peer: SyncPeerTable;
  sync_bundle: SyncBundleTable;
  row_clock: RowClockTable;
  sync_parked: SyncParkedTable;
  sync_conflict: SyncConflictTable;
}

export interface SyncOriginTable { node: string; hlc: string }
export interface SyncPeerTable {
  office: string;
  /** JSON: { node: hlc } */
  seen: string;
  /** JSON: what we last told it we hold */
  told: string;
  /** every change log entry up to this seq is one the peer holds */
  floor_seq: number;
  seen_bundle: string | null;
  seen_at: string | null;
  last_in_bundle: string | null;
  last_in_at: string | null;
  last_out_bundle: string | null;
  last_out_at: string | null;
}
export interface SyncBundleTable {
  id: string;
  direction: 'out' | 'in';
  from_office: string;
  to_offices: string;
  created_at: string;
  file_name: string | null;
  sha256: string;
  changes: number;
  events: number;
  blobs: number;
  outcome: string | null;
  handled_at: string;
  handled_by: string;
}
export interface RowClockTable { tbl: string; id: string; clocks: string }
export interface SyncParkedTable {
  seq: number;
  hlc: string;
  tbl: string;
  row_id: string;
  op: string;
  fields: string;
  prev: string | null;
  reason: string;
  bundle_id: string;
  parked_at: string;
}
export type SyncConflictKind = 'identity' | 'stage' | 'clock' | 'lost';
export type SyncConflictStatus = 'open' | 'resolved' | 'superseded' | 'recorded';
export interface SyncConflictTable {
  id: number;
  kind: SyncConflictKind;
  tbl: string;
  row_id: string;
  person_id: string | null;
  field: string | null;
  winner_value: string | null;
  winner_hlc: string | null;
  loser_value: string | null;
  loser_hlc: string | null;
  detail: string | null;
  bundle_id: string | null;
  status: SyncConflictStatus;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution: string | null;
  created_at: string;
}

/**
 * Tables sync carries, field by field under last-writer-wins. Notes and
 * sources are only ever inserted, so for them this is append-only. The
 * `office` table (this office and the peers it trusts) and local accounts are
 * each office's own decision and never travel; derived indexes are rebuilt
 * from the rows.
 */
export const SYNCED_TABLES = [
  'person',
  'identity_document',
  'indicator',
  'hold',
  'verification',
  'note',
  'attachment',
  'import_batch',
  'person_source',
  'import_mapping',
  'duplicate_candidate',
  'person_merge',
  'recipient',
  'verification_list',
  'transfer_batch',
  'transfer_member',
  'handover',
  'handover_member',
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];
