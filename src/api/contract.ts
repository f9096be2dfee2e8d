import { z } from 'zod';
import { countryCode, personInputSchema, personPatchSchema } from '../domain/person';
import { holdKindSchema, stageSchema } from '../domain/stages';
import { mergeInputSchema } from '../domain/merge';
import { listInputSchema, verificationInputSchema, type VerificationOutcome } from '../domain/verification';
import { batchInputSchema, BATCH_STATUSES, MEMBER_MARKS } from '../domain/transfer';
import { acknowledgementSchema, handoverInputSchema } from '../domain/handover';
import { recipientInputSchema } from '../domain/recipient';
import { TEXT_ENCODINGS } from '../services/import/decode';
import { importMappingSchema } from '../services/import/mapping';
import type { BundleExportView, BundleImportView, ConflictView, FolderPassView, PeerCardPreview, PeerView, SyncStatusView } from './sync-views';
import type {
  AttachmentView,
  AuditVerification,
  DuplicateHitView,
  DuplicateList,
  DuplicatePair,
  ImportBatchView,
  ImportFileView,
  ImportOutcome,
  ImportProgressView,
  ImportRowsView,
  MergeOutcome,
  NoteView,
  RecordedOn,
  PersonFacets,
  PersonList,
  PersonView,
  SavedMappingView,
  TimelineEntry,
  UndoMergeOutcome,
} from './views';
import type {
  BatchSummary,
  BatchView,
  ExportFile,
  HandoverSummary,
  HandoverView,
  KeyCardView,
  ManifestCheck,
  MarkOutcome,
  MemberView,
  MembersOutcome,
  OutcomeImportResult,
  RecipientView,
  VerificationListView,
} from './journey-views';
import type { RuleViolation } from '../domain/stages';

/**
 * Everything a user can do is one call here: a name, a zod schema for its
 * input and the type of its output. The Electron IPC host, the loopback
 * browser host and the CLI all send calls through the same dispatcher, so the
 * same validation and the same services serve every door. This file is pure
 * (no Node modules) so the renderer can import it for types.
 */

interface CallSpec<I extends z.ZodType, O> {
  input: I;
  /** phantom: carries the output type only */
  output: O;
  /** whether the call needs an unlocked office database */
  needsOffice: boolean;
  /** whether the call changes data (hosts may refuse writes for read-only sessions) */
  writes: boolean;
  summary: string;
}

function call<O>() {
  return <I extends z.ZodType>(spec: Omit<CallSpec<I, O>, 'output' | 'needsOffice' | 'writes'> & { needsOffice?: boolean; writes?: boolean }) =>
    ({ needsOffice: true, writes: false, ...spec, output: undefined as O }) satisfies CallSpec<I, O>;
}

const ref = z.string().trim().min(1, { error: 'Give a case number (e.g. MSO-2026-000123) or a person id.' });
const reason = z.string().trim().min(1, { error: 'Give a reason; it goes into the case timeline.' }).max(2000);
/** Optional where the host has chosen the database file (desktop app, browser host). */
const path = z.string().trim().min(1, { error: 'Give the path of the office database file.' }).optional();
const officeCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{1,7}$/, { error: 'Office code: 2 to 8 letters or digits starting with a letter, e.g. MSO.' });

export const unlockSchema = z.union(
  [z.object({ passphrase: z.string().min(1) }).strict(), z.object({ recoveryKey: z.string().min(1) }).strict()],
  { error: 'Unlock with the passphrase or the recovery key.' },
);

export interface OfficeInfo {
  code: string;
  name: string;
  country: string | null;
  device: string;
  path: string;
  schemaVersion: number;
  people: number;
}

export const listFiltersSchema = z
  .object({
    stage: stageSchema.optional(),
    nationality: countryCode.optional(),
    site: z.string().trim().min(1).optional(),
    hold: z.union([holdKindSchema, z.literal('any')]).optional(),
    vulnerability: z.string().trim().min(1).optional(),
    search: z.string().trim().max(200).optional(),
    sort: z.enum(['case_number', 'name', 'updated', 'age']).optional(),
    descending: z.boolean().optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();

export interface OfficeStatus {
  /** the database file this host opens by default, if it has one */
  path: string | null;
  exists: boolean;
  office: OfficeInfo | null;
  /**
   * This computer's key store (desktop app only): 'enabled' — this database
   * can be opened with it (office.unlockWithThisComputer); 'available' — it
   * could be (office.rememberOnThisComputer after unlocking); 'unavailable' —
   * no secure key store here (browser host, CLI, Linux without a keyring):
   * only the passphrase or the recovery key.
   */
  osKeystore: 'available' | 'enabled' | 'unavailable';
}

export const contract = {
  'office.status': call<OfficeStatus>()({
    input: z.object({}).strict(),
    needsOffice: false,
    summary: 'Whether an office database exists here and whether it is unlocked.',
  }),
  'office.create': call<OfficeInfo & { recoveryKey: string }>()({
    input: z
      .object({
        path,
        passphrase: z.string(),
        officeCode: officeCodeSchema,
        officeName: z.string().trim().min(1, { error: 'Give the office name, e.g. "Mae Sot coordination office".' }).max(200),
        country: countryCode.optional().nullable(),
        /** scrypt cost as log2(N); only tests lower it */
        kdfLogN: z.number().int().min(12).max(20).optional(),
      })
      .strict(),
    needsOffice: false,
    writes: true,
    summary: 'Create an encrypted office database; returns the recovery key, shown once.',
  }),
  'office.unlock': call<OfficeInfo>()({
    input: z.object({ path, unlock: unlockSchema }).strict(),
    needsOffice: false,
    summary: 'Open an office database with the passphrase or the recovery key.',
  }),
  'office.lock': call<{ locked: true }>()({ input: z.object({}).strict(), needsOffice: false, summary: 'Close the open office database.' }),
  'office.info': call<OfficeInfo>()({ input: z.object({}).strict(), summary: 'This office and its database.' }),
  'office.changePassphrase': call<{ changed: true }>()({
    input: z.object({ newPassphrase: z.string() }).strict(),
    writes: true,
    summary: 'Replace the office passphrase (the recovery key keeps working).',
  }),
  'office.rememberOnThisComputer': call<{ osKeystore: OfficeStatus['osKeystore'] }>()({
    input: z.object({ enabled: z.boolean() }).strict(),
    writes: true,
    summary: "Desktop app only: also let this computer's key store unlock the office (enabled), or forget it; the passphrase keeps working.",
  }),
  'office.unlockWithThisComputer': call<OfficeInfo>()({
    input: z.object({}).strict(),
    needsOffice: false,
    summary: "Desktop app only: open the office with the key this computer's key store remembers.",
  }),
  'person.add': call<PersonView>()({ input: personInputSchema, writes: true, summary: 'Register a person at intake.' }),
  'person.update': call<PersonView>()({
    input: z.object({ ref, patch: personPatchSchema, reason: z.string().trim().max(2000).optional() }).strict(),
    writes: true,
    summary: 'Change fields of a person record.',
  }),
  'person.get': call<PersonView>()({ input: z.object({ ref }).strict(), summary: 'One person with documents, holds, verifications and next steps.' }),
  'person.list': call<PersonList>()({ input: listFiltersSchema, summary: 'Find people: filters, search in any script, sort, page.' }),
  'person.timeline': call<TimelineEntry[]>()({ input: z.object({ ref }).strict(), summary: 'Every change and transition of a person.' }),
  'person.advance': call<PersonView>()({
    input: z.object({ ref, to: stageSchema, reason }).strict(),
    writes: true,
    summary: 'Move a case to another stage if the rules allow.',
  }),
  'hold.add': call<PersonView>()({ input: z.object({ ref, kind: holdKindSchema, reason }).strict(), writes: true, summary: 'Place a hold.' }),
  'hold.lift': call<PersonView>()({ input: z.object({ ref, kind: holdKindSchema, reason }).strict(), writes: true, summary: 'Lift an open hold.' }),
  'verification.record': call<PersonView>()({
    input: z.object({ ref, verification: verificationInputSchema }).strict(),
    writes: true,
    summary: "Record an authority's answer on nationality.",
  }),
  'note.add': call<NoteView & RecordedOn>()({ input: z.object({ ref, body: z.string() }).strict(), writes: true, summary: 'Append a note to a case.' }),
  'person.facets': call<PersonFacets>()({ input: z.object({}).strict(), summary: 'Rescue sites and nationalities present, for filters.' }),
  'attachment.add': call<AttachmentView & RecordedOn>()({
    input: z
      .object({
        ref,
        kind: z.enum(['photo', 'document_scan', 'signature', 'evidence', 'other']),
        filename: z.string().trim().max(255).nullable().optional(),
        /** the file's bytes, base64; the size limit itself is the service's, with its own message */
        data: z
          .string()
          .min(1, { error: 'The file is empty. Choose the photo or scan again.' })
          .max(30_000_000, { error: 'The file is over 20 MB; the limit is 15 MB. Scan at a lower resolution, or save the photo as JPEG.' }),
      })
      .strict(),
    writes: true,
    summary: 'Attach a photo or a document scan to a case (stored inside the encrypted database).',
  }),
  'attachment.get': call<AttachmentView & { data: string }>()({
    input: z.object({ id: z.string().min(1) }).strict(),
    summary: 'One attachment with its bytes (base64).',
  }),
  'audit.verify': call<AuditVerification>()({ input: z.object({}).strict(), summary: 'Check the audit hash chain; report the first broken link.' }),
  'person.findDuplicates': call<DuplicateHitView[]>()({
    input: z.object({ person: z.unknown(), exclude: z.string().optional() }).strict(),
    summary: 'Likely duplicates of a record among registered people (intake checks as the form is filled).',
  }),
  /** A refusal to read the file carries an ImportOpenRefusal in error.details, naming the encodings or sheets to try instead. */
  'import.open': call<ImportFileView>()({
    input: z
      .object({
        fileName: z.string().trim().min(1).max(255),
        /** the file's bytes, base64: up to 18 MB of file, within every host's request limit */
        data: z
          .string()
          .min(1)
          .max(24_000_000, { error: 'The list is larger than 18 MB. Split it into several files, or save it as CSV, which is smaller than XLSX.' }),
        format: z.enum(['csv', 'xlsx']).optional(),
        encoding: z.enum(TEXT_ENCODINGS as [string, ...string[]]).optional(),
        delimiter: z.enum([',', ';', '\t', '|']).optional(),
        sheet: z.union([z.string().min(1), z.number().int().min(0)]).optional(),
        headerRow: z.number().int().min(0).max(50).optional(),
        mappingName: z.string().trim().min(1).max(100).optional(),
      })
      .strict(),
    summary: 'Read a rescue list (CSV or XLSX) and propose a column mapping. Nothing is stored yet.',
  }),
  'import.map': call<ImportFileView>()({
    input: z.object({ importId: z.string().min(1), mapping: importMappingSchema, mappingName: z.string().trim().max(100).nullable().optional() }).strict(),
    summary: 'Use this column mapping for the open list; the check starts again.',
  }),
  'import.check': call<ImportProgressView>()({
    input: z.object({ importId: z.string().min(1), maxRows: z.number().int().min(1).max(1_000_000).optional() }).strict(),
    summary: 'Dry run: check the next rows (values, rules, duplicates); call again until done.',
  }),
  'import.rows': call<ImportRowsView>()({
    input: z
      .object({
        importId: z.string().min(1),
        filter: z.enum(['all', 'valid', 'invalid', 'flagged', 'already_imported']).default('all'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    summary: 'Checked rows of the open list, as they will be registered, with problems and likely duplicates.',
  }),
  'import.errorFile': call<{ fileName: string; mime: string; data: string; rows: number } | null>()({
    input: z.object({ importId: z.string().min(1) }).strict(),
    summary: 'The rows that cannot be imported, as a file to fix and import again (base64).',
  }),
  'import.apply': call<ImportOutcome>()({
    input: z.object({ importId: z.string().min(1) }).strict(),
    writes: true,
    summary: 'Register every valid row in one transaction (all or nothing), with provenance; queue likely duplicates.',
  }),
  'import.close': call<{ closed: boolean }>()({ input: z.object({ importId: z.string().min(1) }).strict(), summary: 'Forget an open list.' }),
  'import.batches': call<ImportBatchView[]>()({ input: z.object({}).strict(), summary: 'Lists imported so far, newest first.' }),
  'import.mappings': call<SavedMappingView[]>()({ input: z.object({}).strict(), summary: 'Saved column mappings.' }),
  'import.saveMapping': call<SavedMappingView>()({
    input: z.object({ name: z.string().trim().min(1).max(100), mapping: importMappingSchema }).strict(),
    writes: true,
    summary: 'Save a column mapping under a name, for the next list from the same source.',
  }),
  'import.deleteMapping': call<{ deleted: boolean }>()({
    input: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
    writes: true,
    summary: 'Delete a saved column mapping.',
  }),
  'duplicate.list': call<DuplicateList>()({
    input: z
      .object({
        status: z.enum(['open', 'merged', 'different']).default('open'),
        ref: z.string().trim().min(1).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    summary: 'The duplicate review queue, strongest first.',
  }),
  'duplicate.get': call<DuplicatePair>()({ input: z.object({ id: z.string().min(1) }).strict(), summary: 'One pair, both records in full, side by side.' }),
  'duplicate.different': call<DuplicatePair>()({
    input: z.object({ id: z.string().min(1), note: z.string().trim().max(2000).nullable().optional() }).strict(),
    writes: true,
    summary: 'Two different people: remembered, not asked again.',
  }),
  'duplicate.merge': call<MergeOutcome>()({
    input: mergeInputSchema,
    writes: true,
    summary: 'One person: merge the second record into the first, keeping the chosen value of each field.',
  }),
  'merge.undo': call<UndoMergeOutcome>()({
    input: z.object({ mergeId: z.string().min(1), reason: z.string().trim().max(2000).nullable().optional() }).strict(),
    writes: true,
    summary: 'Undo a merge: both records separate again, as they were.',
  }),
  'keys.show': call<KeyCardView>()({ input: z.object({}).strict(), summary: "This office's public key card: age recipient and minisign key, with fingerprints." }),
  'recipient.list': call<RecipientView[]>()({ input: z.object({}).strict(), summary: 'Embassies, authorities and offices that exports are encrypted to.' }),
  'recipient.preview': call<{ ageRecipient: string; fingerprint: string }>()({
    input: z.object({ ageRecipient: z.string().trim().min(1) }).strict(),
    summary: "A key's fingerprint, to compare with its owner's before adding it.",
  }),
  'recipient.add': call<RecipientView>()({
    input: recipientInputSchema,
    writes: true,
    summary: 'Add a recipient by its age1… key (with its fingerprint confirmed) or as a passphrase recipient.',
  }),
  'recipient.remove': call<{ removed: true }>()({
    input: z.object({ ref: z.string().trim().min(1), reason: z.string().trim().max(2000).nullable().optional() }).strict(),
    writes: true,
    summary: 'Remove a recipient: nothing more is encrypted to it.',
  }),
  'verificationList.awaiting': call<MemberView[]>()({
    input: z.object({ country: countryCode }).strict(),
    summary: 'People in verification claiming a nationality, not yet on a pending list.',
  }),
  'verificationList.create': call<VerificationListView>()({
    input: listInputSchema,
    writes: true,
    summary: "Put people awaiting verification on a list for an embassy; each gets a pending verification under the list's code.",
  }),
  'verificationList.list': call<VerificationListView[]>()({ input: z.object({}).strict(), summary: 'Verification lists sent, newest first.' }),
  'verificationList.get': call<VerificationListView & { members: (MemberView & { outcome: VerificationOutcome; reference: string | null })[] }>()({
    input: z.object({ ref: z.string().trim().min(1) }).strict(),
    summary: 'One verification list with its people.',
  }),
  'verificationList.export': call<ExportFile>()({
    input: z
      .object({ ref: z.string().trim().min(1), recipient: z.string().trim().min(1).optional(), passphrase: z.string().optional() })
      .strict(),
    writes: true,
    summary: "The list as CSV and PDF (with photos), zipped and age-encrypted to the embassy's key or a passphrase.",
  }),
  'verificationList.importOutcomes': call<OutcomeImportResult>()({
    input: z
      .object({
        ref: z.string().trim().min(1),
        fileName: z.string().trim().min(1).max(255),
        data: z.string().min(1).max(24_000_000),
        dryRun: z.boolean().optional(),
      })
      .strict(),
    writes: true,
    summary: "Record the embassy's answers from its returned list, matched by case number; all rows or none.",
  }),
  'batch.candidates': call<(MemberView & { ready: boolean; violations: RuleViolation[] })[]>()({
    input: z.object({ nationality: countryCode.optional(), site: z.string().trim().min(1).optional(), limit: z.number().int().min(1).max(5000).optional() }).strict(),
    summary: 'People in transfer on no active batch, for planning one.',
  }),
  'batch.create': call<MembersOutcome>()({
    input: z.object({ batch: batchInputSchema, people: z.array(z.string().trim().min(1)).max(2000).optional() }).strict(),
    writes: true,
    summary: 'Plan a transfer batch; people not ready are refused, each with the reason.',
  }),
  'batch.addMembers': call<MembersOutcome>()({
    input: z.object({ batch: z.string().trim().min(1), people: z.array(z.string().trim().min(1)).min(1).max(2000) }).strict(),
    writes: true,
    summary: 'List more people on a planned batch; those not ready are refused with the reason.',
  }),
  'batch.list': call<BatchSummary[]>()({
    input: z.object({ status: z.union([z.enum(BATCH_STATUSES), z.literal('active')]).optional() }).strict(),
    summary: 'Transfer batches with their counts.',
  }),
  'batch.get': call<BatchView>()({ input: z.object({ batch: z.string().trim().min(1) }).strict(), summary: 'One batch: members, counts, next statuses.' }),
  'batch.mark': call<MarkOutcome>()({
    input: z
      .object({
        batch: z.string().trim().min(1),
        person: z.string().trim().min(1, { error: 'Type or scan a case number.' }),
        mark: z.enum(MEMBER_MARKS),
        note: z.string().trim().max(2000).nullable().optional(),
      })
      .strict(),
    writes: true,
    summary: 'Check a person off: boarded, arrived, missing (with an incident note) or removed (with a reason).',
  }),
  'batch.setStatus': call<BatchView>()({
    input: z.object({ batch: z.string().trim().min(1), to: z.enum(BATCH_STATUSES), reason: z.string().trim().max(2000).nullable().optional() }).strict(),
    writes: true,
    summary: 'Move a batch: planned → boarding → in transit → arrived, or cancelled.',
  }),
  'batch.print': call<{ fileName: string; data: string }>()({
    input: z.object({ batch: z.string().trim().min(1), what: z.enum(['roster', 'cards']) }).strict(),
    summary: 'The printable roster or the per-person cards (QR of each case number), as PDF (base64).',
  }),
  'handover.candidates': call<(MemberView & { eligible: boolean; violations: RuleViolation[] })[]>()({
    input: z.object({ batch: z.string().trim().min(1), country: countryCode }).strict(),
    summary: 'Arrived members of a batch and whether each can be handed to a country now.',
  }),
  'handover.create': call<HandoverView>()({
    input: handoverInputSchema,
    writes: true,
    summary: 'Hand arrived people to their confirmed country: builds and signs the manifest, moves the cases to handover.',
  }),
  'handover.list': call<HandoverSummary[]>()({ input: z.object({}).strict(), summary: 'Handovers, newest first.' }),
  'handover.get': call<HandoverView>()({ input: z.object({ handover: z.string().trim().min(1) }).strict(), summary: 'One handover with its people.' }),
  'handover.export': call<ExportFile>()({
    input: z
      .object({ handover: z.string().trim().min(1), recipient: z.string().trim().min(1).optional(), passphrase: z.string().optional() })
      .strict(),
    writes: true,
    summary: 'The manifest package (JSON, CSV, PDF, signature, photos), zipped and age-encrypted to the receiver.',
  }),
  'handover.acknowledge': call<HandoverView>()({
    input: acknowledgementSchema,
    writes: true,
    summary: "Record the receiver's countersignature or signed scan; the cases close.",
  }),
  'manifest.verify': call<ManifestCheck>()({
    input: z
      .object({
        data: z.string().min(1).max(700_000_000),
        passphrase: z.string().optional(),
        identity: z.string().optional(),
        publicKey: z.string().optional(),
      })
      .strict(),
    summary: 'Check a handover package: decryption, structure, signature, hash, CSV and photos; says exactly what is wrong.',
  }),
  'htcds.export': call<ExportFile & { records: number }>()({
    input: z
      .object({ people: z.array(z.string().trim().min(1)).min(1).max(20_000), recipient: z.string().trim().min(1).optional(), passphrase: z.string().optional() })
      .strict(),
    writes: true,
    summary: 'Selected cases in the fields of the Human Trafficking Case Data Standard (HTCDS), as JSON and CSV, zipped and age-encrypted to a recipient or a passphrase.',
  }),
  'demo.generate': call<{ created: number; first: string | null; last: string | null }>()({
    input: z.object({ people: z.number().int().min(1).max(200_000), seed: z.number().int() }).strict(),
    writes: true,
    summary: 'Add seeded synthetic people for demos, tests and benchmarks.',
  }),
  'peer.list': call<PeerView[]>()({ input: z.object({}).strict(), summary: 'Peer offices this office syncs with, with their key fingerprints and last bundles in and out.' }),
  'peer.preview': call<PeerCardPreview>()({
    input: z.object({ card: z.string().min(1).max(100_000) }).strict(),
    summary: "Read an office's key card and show its fingerprints, to compare with the ones read out by that office.",
  }),
  'peer.add': call<PeerView>()({
    input: z
      .object({
        card: z.string().min(1).max(100_000),
        ageFingerprint: z.string().trim().optional(),
        signingFingerprint: z.string().trim().optional(),
        replace: z.boolean().optional(),
      })
      .strict(),
    writes: true,
    summary: 'Trust a peer office from its key card, with both fingerprints confirmed (or replace the keys of one that made new keys).',
  }),
  'peer.remove': call<PeerView>()({
    input: z.object({ office: z.string().trim().min(2), reason: z.string().trim().min(1).max(2000) }).strict(),
    writes: true,
    summary: 'Stop trusting a peer office: its bundles are refused and nothing more is sent to it.',
  }),
  'sync.status': call<SyncStatusView>()({ input: z.object({}).strict(), summary: 'Peers, the last bundles in and out, open conflicts and parked changes.' }),
  'sync.export': call<BundleExportView & { data: string | null }>()({
    input: z.object({ to: z.array(z.string().trim().min(2)).min(1).max(20), folder: z.string().trim().min(1).optional(), always: z.boolean().optional() }).strict(),
    writes: true,
    summary: 'One bundle of everything the named offices have not yet seen, signed and encrypted to them; written to a folder or returned.',
  }),
  'sync.import': call<BundleImportView>()({
    input: z.object({ data: z.string().min(1).max(2_800_000_000), fileName: z.string().max(500).optional(), allowDeletes: z.boolean().optional() }).strict(),
    writes: true,
    summary: 'Check and apply a bundle from a peer office in one transaction; the same bundle twice changes nothing.',
  }),
  'sync.folderPass': call<FolderPassView>()({
    input: z.object({ folder: z.string().trim().min(1).optional(), allowDeletes: z.boolean().optional() }).strict(),
    writes: true,
    summary: "One pass over the sync folder: import the bundles addressed to this office, write this office's bundles for its peers.",
  }),
  'sync.setFolder': call<SyncStatusView>()({
    input: z.object({ folder: z.string().trim().min(1).max(4000).nullable() }).strict(),
    writes: true,
    summary: 'Remember the sync folder (a Syncthing folder, a shared drive, a USB stick) for passes from the sync screen.',
  }),
  'sync.conflicts': call<ConflictView[]>()({
    input: z.object({ status: z.enum(['open', 'all']).optional(), personId: z.string().trim().min(1).optional() }).strict(),
    summary: 'The sync review queue: concurrent identity edits, stages to check, clocks far off (and, with status all, every value that lost).',
  }),
  'sync.resolveConflict': call<ConflictView>()({
    input: z
      .object({
        id: z.number().int().positive(),
        choice: z.enum(['keep', 'other', 'value', 'reviewed']),
        value: z.union([z.string(), z.number(), z.null(), z.array(z.string())]).optional(),
        note: z.string().trim().max(2000).optional(),
      })
      .strict(),
    writes: true,
    summary: 'Settle a conflict: keep the applied value, take the other, type the right one, or mark a stage or clock flag reviewed.',
  }),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type CallArgs<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = Contract[K]['output'];

export type { ErrorBody } from '../domain/errors';
/** What a refused import.open says in error.details: the encodings tried and those that read the file, or the workbook's sheets. */
export type { ReadRefusal as ImportOpenRefusal } from '../services/import/result';
export type Result<T> = { ok: true; value: T } | { ok: false; error: import('../domain/errors').ErrorBody };

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Every call name, for hosts that build a bridge or route requests. */
export const CALL_NAMES = Object.keys(contract) as CallName[];
