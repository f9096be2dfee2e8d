/** What the sync calls return: plain data, shared by the CLI, the hosts and the renderer. */
import type { KeyCardView } from './journey-views';

/** A key card as read, with what to compare before trusting it: the card's keys and fingerprints. */
export type PeerCardPreview = Omit<KeyCardView, 'card'>;

export interface PeerView {
  office: string;
  name: string;
  country: string | null;
  /** false once removed: its bundles are refused */
  trusted: boolean;
  ageRecipient: string | null;
  ageFingerprint: string | null;
  signingKeyId: string | null;
  signingFingerprint: string | null;
  lastIn: { bundle: string; at: string } | null;
  lastOut: { bundle: string; at: string } | null;
  addedAt: string;
}

export interface BundleExportView {
  bundleId: string;
  fileName: string;
  /** where it was written, when written to a folder */
  path: string | null;
  to: string[];
  changes: number;
  events: number;
  attachments: number;
  bytes: number;
  /** true when nothing was new for the receivers: no file was written */
  empty: boolean;
}

export interface ConflictView {
  id: number;
  kind: 'identity' | 'stage' | 'clock' | 'lost';
  table: string;
  rowId: string;
  personId: string | null;
  caseNumber: string | null;
  personName: string | null;
  field: string | null;
  /** values as stored (JSON text decoded) */
  winnerValue: unknown;
  winnerAt: string | null;
  winnerOffice: string | null;
  loserValue: unknown;
  loserAt: string | null;
  loserOffice: string | null;
  /** the current value of the field, which a resolution replaces */
  currentValue: unknown;
  detail: string | null;
  bundleId: string | null;
  status: 'open' | 'resolved' | 'superseded' | 'recorded';
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  createdAt: string;
}

export interface BundleImportView {
  bundleId: string;
  from: string;
  fileName: string | null;
  /** 'applied', or 'already imported' when this bundle had been applied before (nothing changed) */
  status: 'applied' | 'already-imported';
  changes: { received: number; applied: number; alreadyHeld: number; parked: number };
  rows: { inserted: number; updated: number; deleted: number; unchanged: number };
  events: { received: number; added: number };
  attachments: { received: number; added: number };
  people: number;
  /** questions for a person (identity, stage, clock, and changes kept out), and values that lost to a newer edit (recorded) */
  conflicts: { identity: number; stage: number; clock: number; lost: number; keptOut: number };
  /** parked changes from earlier bundles that applied this time */
  unparked: number;
  /** the far-off clock warning, when the sender's stamps were far ahead */
  clockWarning: string | null;
  /**
   * people new to this office looked up among those it held: likely duplicates queued for review (skipped for a first sync of thousands);
   * `queued` also counts this office's pairs with records merged away elsewhere, asked again with the record kept
   */
  duplicates: { checked: number; queued: number; skipped: boolean };
}

export interface FolderPassView {
  folder: string;
  written: BundleExportView[];
  imported: BundleImportView[];
  skipped: { file: string; reason: string }[];
  /** bundles that need a person's decision (too many deletions), were refused, or failed to apply: the pass goes on with the others */
  problems: { file: string; code: string; message: string }[];
}

export interface SyncStatusView {
  office: string;
  /** the sync folder remembered for passes from the sync screen */
  folder: string | null;
  node: string;
  peers: PeerView[];
  openConflicts: number;
  parked: number;
  lastBundles: { id: string; direction: 'in' | 'out'; from: string; to: string[]; at: string; changes: number; fileName: string | null }[];
  /** the share of records one import may tombstone before it stops and asks */
  maxDeleteShare: number;
}
