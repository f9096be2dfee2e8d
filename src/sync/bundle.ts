/**
 * The sync bundle file: what one office sends others.
 *
 * On disk a bundle is an age file, encrypted to the receiving offices' X25519
 * keys. Inside is a ZIP holding:
 *
 *   header.json          canonical JSON: id, from, to, schema version, the
 *                        sender's watermarks, counts and the SHA-256 of every
 *                        other entry
 *   header.json.minisig  the sending office's minisign signature of header.json
 *   changes.jsonl        one write per line: {"hlc", "rows"} as in the change log
 *   events.jsonl         audit events, one per line
 *   blobs.bin            attachment bytes, one after another, in header order
 *
 * Opening one checks, in order: that it is an age file meant for this office,
 * that the ZIP is sound and within size caps, that the header is signed by a
 * peer this office trusts under the office the header names, that every
 * entry has the hash the header gives, and that the header, every change and
 * every audit event has the shape Homeward writes (bundle-shape.ts). Each
 * failure says which check failed and what to do; nothing is applied before
 * all of them pass.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { ageDecrypt, ageEncrypt } from '../crypto/age';
import { canonicalJson } from '../crypto/canonical-json';
import { verifyMinisign } from '../crypto/minisign';
import { HomewardError } from '../domain/errors';
import type { AuditEventTable, ChangedRow } from '../db/schema';
import { readZip, writeZip, type ZipLimits } from '../services/zip';
import { bundleChangeShape, bundleEventShape, bundleHeaderShape, firstIssue } from './bundle-shape';

export const BUNDLE_FORMAT = 'homeward-sync-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
/** Files a sync folder pass reads; anything else there (partial copies, Syncthing's temp files) is left alone. */
export const BUNDLE_EXTENSION = '.hwsync';

/** Per writing device (office.device): the highest change stamp held with nothing missing below it. */
export type Watermarks = Record<string, string>;

export interface BundleHeader {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  id: string;
  from: string;
  to: string[];
  createdAt: string;
  /** the sender's database schema (migration) version */
  schemaVersion: number;
  /** what the sender holds: every change of each device up to this stamp */
  watermarks: Watermarks;
  /** what the sender knew the receivers to hold; the bundle carries every change above it */
  base: Watermarks;
  counts: { changes: number; events: number; blobs: number };
  sha256: { changes: string; events: string; blobs: string };
  /** attachment bytes in blobs.bin, in order: [sha256, size] */
  blobs: [string, number][];
}

export interface BundleChange {
  hlc: string;
  rows: ChangedRow[];
}

export type BundleEvent = Omit<AuditEventTable, 'seq'>;

export interface BundleBlob {
  sha256: string;
  bytes: Uint8Array;
}

export type BundleRefusal =
  | 'not-a-bundle'
  | 'incomplete'
  | 'not-for-this-office'
  | 'damaged'
  | 'too-large'
  | 'unsigned'
  | 'unknown-office'
  | 'bad-signature'
  | 'header-mismatch'
  | 'newer-format'
  /** signed by a trusted peer, but not what Homeward writes: its contents, or a row this database cannot store */
  | 'malformed';

export function refused(reason: BundleRefusal, message: string): HomewardError {
  return new HomewardError('BUNDLE_REFUSED', message, { reason });
}

export function refusalOf(error: unknown): BundleRefusal | null {
  if (error instanceof HomewardError && error.code === 'BUNDLE_REFUSED') return (error.details as { reason: BundleRefusal }).reason;
  return null;
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const MB = 1024 * 1024;

/** A bundle may be large (a first sync of 100,000 people), but never a zip bomb. */
export const BUNDLE_ZIP_LIMITS: ZipLimits = { maxEntries: 8, maxEntryBytes: 1536 * MB, maxTotalBytes: 2000 * MB };
/** Largest bundle file read at all. */
export const MAX_BUNDLE_FILE_BYTES = 2000 * MB;

export interface WriteBundleInput {
  header: Omit<BundleHeader, 'format' | 'formatVersion' | 'counts' | 'sha256' | 'blobs'>;
  /** each change as one JSON line (the change log's rows column is already JSON) */
  changeLines: string[];
  events: BundleEvent[];
  blobs: BundleBlob[];
  sign: (message: Uint8Array, trustedComment: string) => string;
  /** age recipients (age1…) of the receiving offices */
  recipients: string[];
}

export function bundleFileName(header: Pick<BundleHeader, 'id' | 'from' | 'to'>): string {
  return `${header.from}-to-${header.to.join('+')}-${header.id}${BUNDLE_EXTENSION}`;
}

export function trustedCommentOf(header: Pick<BundleHeader, 'id' | 'from'>): string {
  return `homeward sync bundle ${header.id} from ${header.from}`;
}

export function writeBundle(input: WriteBundleInput): { bytes: Buffer; header: BundleHeader } {
  const changes = Buffer.from(input.changeLines.length ? `${input.changeLines.join('\n')}\n` : '', 'utf8');
  const events = Buffer.from(input.events.map((e) => JSON.stringify(e)).join('\n') + (input.events.length ? '\n' : ''), 'utf8');
  const blobs = Buffer.concat(input.blobs.map((b) => b.bytes));
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    ...input.header,
    counts: { changes: input.changeLines.length, events: input.events.length, blobs: input.blobs.length },
    sha256: { changes: sha256(changes), events: sha256(events), blobs: sha256(blobs) },
    blobs: input.blobs.map((b) => [b.sha256, b.bytes.length]),
  };
  const headerBytes = Buffer.from(canonicalJson(header), 'utf8');
  const signature = input.sign(headerBytes, trustedCommentOf(header));
  const zip = writeZip([
    { name: 'header.json', data: headerBytes },
    { name: 'header.json.minisig', data: Buffer.from(signature, 'utf8') },
    { name: 'changes.jsonl', data: changes },
    { name: 'events.jsonl', data: events },
    { name: 'blobs.bin', data: blobs },
  ]);
  if (input.recipients.length === 0) throw new HomewardError('BAD_USAGE', 'A bundle needs at least one receiving office.');
  const bytes = ageEncrypt(zip, input.recipients.map((recipient) => ({ kind: 'x25519' as const, recipient })));
  return { bytes, header };
}

export interface PeerKey {
  office: string;
  signingPublicKey: string;
  signingKeyId: string | null;
}

export interface OpenBundleOptions {
  /** this office's age identity */
  identity: string;
  /** this office's code: the bundle must be addressed to it */
  self: string;
  /** the trusted key of an office, or null when it is not a trusted peer */
  peerKey: (office: string) => PeerKey | null;
  limits?: Partial<ZipLimits>;
}

export interface OpenedBundle {
  header: BundleHeader;
  /** SHA-256 of the bundle file as received */
  fileSha256: string;
  changeCount: number;
  /**
   * The changes, each parsed again as it is reached: a first sync carries
   * hundreds of thousands, and holding them all as objects would take
   * gigabytes. Every line was read and checked when the bundle was opened.
   */
  changes: Iterable<BundleChange>;
  events: BundleEvent[];
  blobs: BundleBlob[];
}

/** Reads and checks a bundle; throws BUNDLE_REFUSED with the reason when any check fails. */
export function openBundle(bytes: Uint8Array, options: OpenBundleOptions): OpenedBundle {
  const fileSha256 = sha256(bytes);
  if (bytes.length > MAX_BUNDLE_FILE_BYTES) {
    throw refused('too-large', `This bundle is ${Math.round(bytes.length / MB)} MB, more than the ${MAX_BUNDLE_FILE_BYTES / MB} MB Homeward reads. Ask the sending office to export in smaller steps.`);
  }
  let zipBytes: Buffer;
  try {
    zipBytes = ageDecrypt(bytes, [{ kind: 'x25519', identity: options.identity }]);
  } catch (e) {
    const reason = (e as HomewardError).details as { reason?: string } | undefined;
    switch (reason?.reason) {
      case 'no-matching-key':
        throw refused('not-for-this-office', `This bundle was not encrypted for office ${options.self}: none of its recipients is this office's key. It is meant for another office; leave it for them.`);
      case 'truncated':
        throw refused('incomplete', 'This bundle file is incomplete (it ends too early): it is still being copied, or the copy was cut short. Wait for the copy to finish, or copy it again.');
      case 'not-age':
      case 'armor-malformed':
      case 'unsupported-version':
        throw refused('not-a-bundle', 'This file is not a Homeward sync bundle (it is not an age-encrypted file). Choose a .hwsync file written by "sync export" or a sync folder pass.');
      default:
        throw refused('damaged', `This bundle cannot be decrypted: it is incomplete (still being copied, or cut short) or damaged (${(e as Error).message}). Wait for the copy to finish or copy it again; if it still fails, ask the sending office to export again.`);
    }
  }

  let entries: Map<string, Uint8Array>;
  try {
    const list = readZip(zipBytes, { ...BUNDLE_ZIP_LIMITS, ...options.limits, label: 'This bundle' });
    entries = new Map(list.filter((e) => !e.isDirectory).map((e) => [e.name, e.read()] as const));
  } catch (e) {
    const err = e as HomewardError;
    if (err.code === 'FILE_TOO_LARGE') throw refused('too-large', `${err.message} A real bundle never unpacks to that much; this one is refused.`);
    throw refused('damaged', `The contents of this bundle are damaged: ${err.message}`);
  }
  const entry = (name: string): Uint8Array => {
    const data = entries.get(name);
    if (!data) throw refused(name.endsWith('.minisig') ? 'unsigned' : 'damaged', name.endsWith('.minisig') ? 'This bundle carries no signature, so nobody can tell which office wrote it. It is refused; ask the sending office to export again with Homeward.' : `This bundle has no ${name}. It was not written by Homeward or was altered.`);
    return data;
  };

  const headerBytes = entry('header.json');
  let header: BundleHeader;
  try {
    header = JSON.parse(Buffer.from(headerBytes).toString('utf8')) as BundleHeader;
  } catch {
    throw refused('damaged', 'The header of this bundle is not valid JSON. It was altered or damaged; ask the sending office to export again.');
  }
  if (header?.format !== BUNDLE_FORMAT) throw refused('not-a-bundle', 'This file is encrypted to this office but is not a Homeward sync bundle (for example a handover package). Open it where it belongs.');
  if (typeof header.formatVersion !== 'number' || header.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw refused('newer-format', `This bundle was written in bundle format ${String(header.formatVersion)}, newer than this version of Homeward reads (${BUNDLE_FORMAT_VERSION}). Update Homeward, then import it again; nothing was changed.`);
  }
  const signature = entry('header.json.minisig');
  const from = typeof header.from === 'string' ? header.from : '?';
  if (from === options.self) throw refused('not-for-this-office', `This bundle was written by this office (${from}) for ${Array.isArray(header.to) ? header.to.join(', ') : 'its peers'}; there is nothing in it to import here.`);
  const peer = options.peerKey(from);
  if (!peer) {
    throw refused('unknown-office', `This bundle says it comes from office ${from}, which is not a peer of this office (or its keys were removed). Add the office from its key card with "homeward peer add" after confirming its fingerprint, then import again.`);
  }
  try {
    const verified = verifyMinisign(headerBytes, signature, peer.signingPublicKey);
    if (verified.trustedComment !== trustedCommentOf(header)) {
      throw refused('header-mismatch', 'The signature of this bundle belongs to a different bundle: its signed comment does not name this bundle. It was tampered with; it is refused.');
    }
  } catch (e) {
    if (e instanceof HomewardError && e.code === 'BUNDLE_REFUSED') throw e;
    const reason = (e as HomewardError).details as { reason?: string } | undefined;
    if (reason?.reason === 'key-id-mismatch') {
      throw refused('unknown-office', `This bundle names office ${from} but is signed by a key this office does not hold for ${from}. If ${from} replaced its keys, replace them here from its new key card; otherwise do not trust this file.`);
    }
    throw refused('bad-signature', `The signature on this bundle does not match its header: the header was altered after office ${from} signed it. It is refused; nothing was changed.`);
  }
  if (!Array.isArray(header.to) || !header.to.includes(options.self)) {
    throw refused('not-for-this-office', `This bundle is addressed to ${Array.isArray(header.to) ? header.to.join(', ') : '?'}, not to office ${options.self}.`);
  }
  const headerShape = bundleHeaderShape.safeParse(header);
  if (!headerShape.success) throw malformed(from, `The header of this bundle is not one Homeward writes (${firstIssue(headerShape.error)})`);

  const changesBytes = entry('changes.jsonl');
  const eventsBytes = entry('events.jsonl');
  const blobBytes = entry('blobs.bin');
  for (const [name, bytesOf, expected] of [
    ['changes.jsonl', changesBytes, header.sha256.changes],
    ['events.jsonl', eventsBytes, header.sha256.events],
    ['blobs.bin', blobBytes, header.sha256.blobs],
  ] as const) {
    if (sha256(bytesOf) !== expected) throw refused('header-mismatch', `${name} in this bundle is not the one its signed header lists: the bundle was altered. It is refused.`);
  }

  const changeLines = splitLines(changesBytes);
  changeLines.forEach((line, i) => checkedLine(line, i, 'changes.jsonl', bundleChangeShape, from));
  const changes: Iterable<BundleChange> = {
    *[Symbol.iterator]() {
      for (const line of changeLines) yield JSON.parse(line) as BundleChange;
    },
  };
  const events: BundleEvent[] = splitLines(eventsBytes).map((line, i) => checkedLine(line, i, 'events.jsonl', bundleEventShape, from));
  if (changeLines.length !== header.counts.changes || events.length !== header.counts.events) {
    throw refused('header-mismatch', 'This bundle holds a different number of changes or events than its header says. It is refused.');
  }
  const blobs: BundleBlob[] = [];
  let offset = 0;
  for (const [hash, size] of header.blobs) {
    const bytesOfBlob = blobBytes.subarray(offset, offset + size);
    offset += size;
    if (bytesOfBlob.length !== size || sha256(bytesOfBlob) !== hash) throw refused('header-mismatch', `An attachment in this bundle (${hash.slice(0, 12)}…) does not match its hash. The bundle is refused.`);
    blobs.push({ sha256: hash, bytes: bytesOfBlob });
  }
  if (offset !== blobBytes.length) throw refused('header-mismatch', 'blobs.bin holds more bytes than the header lists. The bundle is refused.');
  return { header, fileSha256, changeCount: changeLines.length, changes, events, blobs };
}

function splitLines(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A bundle whose signed contents are not what Homeward writes. The hashes
 * matched, so it arrived as the sender wrote it: the sender must write it
 * again, and nothing here gets better by trying it again.
 */
export function malformed(from: string, what: string): HomewardError {
  return refused(
    'malformed',
    `${what}. Office ${from} signed this bundle, so its copy of Homeward wrote it wrongly or was altered. The bundle is refused and nothing was changed. Ask ${from} to update Homeward and export again, and keep this file for whoever looks into it.`,
  );
}

/** One line of changes.jsonl or events.jsonl, parsed and checked against its shape. */
function checkedLine<T>(line: string, index: number, name: string, shape: z.ZodType<T>, from: string): T {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw malformed(from, `Line ${index + 1} of ${name} in this bundle is not valid JSON`);
  }
  const checked = shape.safeParse(json);
  if (!checked.success) throw malformed(from, `Line ${index + 1} of ${name} in this bundle is not ${name === 'changes.jsonl' ? 'a change' : 'an audit event'} Homeward writes (${firstIssue(checked.error)})`);
  return checked.data;
}
