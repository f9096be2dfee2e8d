import { createHash } from 'node:crypto';
import type { ExportFile } from '../../api/journey-views';
import { ageEncrypt, type AgeRecipientSpec } from '../../crypto/age';
import { HomewardError } from '../../domain/errors';
import { prepare, type Sqlite } from '../../db/query';
import type { HandoverTable, RecipientTable } from '../../db/schema';
import { csvBytes } from '../import/error-file';
import { writeZip, type ZipFileInput } from '../zip';
import { officeAgeIdentity, officeSigner } from '../office-keys';
import { ageRecipientOf } from '../../crypto/age';
import { recipientById, recipientRow } from '../recipients';
import { MIN_EXPORT_PASSPHRASE } from '../../domain/recipient';
import type { OfficeStore } from '../../db/store';
import { handoverRow } from '../handover/handovers';
import { manifestCsvRows, packageReadme, type Manifest } from './model';

/**
 * Sealing a package for someone outside the office: a zip of its files,
 * age-encrypted to the recipient's key (and to this office's own key, so the
 * office can open and check what it sent) or to a passphrase alone, as age
 * requires of passphrases.
 */

export interface SealTarget {
  recipient: RecipientTable | null;
  passphrase: string | null;
}


export function resolveTarget(db: Sqlite, recipientRef: string | null | undefined, passphrase: string | null | undefined): SealTarget {
  const recipient = recipientRef ? recipientRow(db, recipientRef) : null;
  if (recipient?.kind === 'x25519') return { recipient, passphrase: null };
  if (!passphrase) {
    throw new HomewardError(
      'PASSPHRASE_REQUIRED',
      recipient
        ? `${recipient.name} receives files by passphrase. Give the passphrase agreed with them; it is not stored.`
        : 'Choose a recipient with a key, or give a passphrase agreed with the receiver (it is not stored).',
    );
  }
  if ([...passphrase].length < MIN_EXPORT_PASSPHRASE) {
    throw new HomewardError('PASSPHRASE_TOO_WEAK', `The export passphrase must have at least ${MIN_EXPORT_PASSPHRASE} characters; anyone who finds the file can try to guess it.`);
  }
  return { recipient, passphrase };
}

export function seal(db: Sqlite, files: readonly ZipFileInput[], target: SealTarget): { bytes: Buffer; encryptedTo: string[] } {
  const zip = writeZip(files, { date: new Date() });
  const recipients: AgeRecipientSpec[] = [];
  const encryptedTo: string[] = [];
  if (target.recipient?.kind === 'x25519' && target.recipient.age_recipient) {
    recipients.push({ kind: 'x25519', recipient: target.recipient.age_recipient });
    recipients.push({ kind: 'x25519', recipient: ageRecipientOf(officeAgeIdentity(db)) });
    encryptedTo.push(`${target.recipient.name} (key ${target.recipient.fingerprint})`, 'this office');
  } else {
    recipients.push({ kind: 'passphrase', passphrase: target.passphrase! });
    encryptedTo.push(target.recipient ? `passphrase agreed with ${target.recipient.name}` : 'passphrase');
  }
  return { bytes: ageEncrypt(zip, recipients), encryptedTo };
}

export function exportFile(fileName: string, bytes: Buffer, encryptedTo: string[]): ExportFile {
  return { fileName, data: bytes.toString('base64'), sha256: createHash('sha256').update(bytes).digest('hex'), encryptedTo };
}

/** The files of a handover package, in the order a receiver reads them. */
export function handoverPackageFiles(db: Sqlite, ref: string, pdf: Uint8Array, encryptedTo: 'key' | 'passphrase'): ZipFileInput[] {
  const h = handoverRow(db, ref);
  const m = JSON.parse(h.manifest) as Manifest;
  const signer = officeSigner(db);
  const files: ZipFileInput[] = [
    { name: 'README.txt', data: Buffer.from(packageReadme(m, h.manifest_sha256, signer.publicKey, encryptedTo)) },
    { name: 'manifest.json', data: Buffer.from(h.manifest) },
    { name: 'manifest.json.minisig', data: Buffer.from(h.manifest_signature) },
    { name: 'manifest.csv', data: csvBytes(manifestCsvRows(m)) },
    { name: 'manifest.pdf', data: pdf },
  ];
  const blob = prepare(db, 'SELECT bytes FROM attachment_blob WHERE sha256 = ?');
  for (const p of m.people) {
    if (!p.photo) continue;
    const row = blob.get(p.photo.sha256) as { bytes: Buffer } | undefined;
    if (row) files.push({ name: p.photo.file, data: row.bytes });
  }
  return files;
}

/**
 * The recipient the handover was made for, to seal to when no other is chosen.
 * Once removed its key is out of use: a passphrase seals instead, or the
 * coordinator is told to choose.
 */
function storedRecipient(db: Sqlite, h: HandoverTable, passphrase: string | null | undefined): string | null {
  const stored = h.recipient_id ? recipientById(db, h.recipient_id) : undefined;
  if (!stored?.deleted) return stored?.id ?? null;
  if (passphrase) return null;
  throw new HomewardError(
    'PASSPHRASE_REQUIRED',
    `Handover ${h.code} was made for ${stored.name}, who has since been removed from the recipients. Choose a recipient to encrypt the package to, or give a passphrase agreed with the receiver (it is not stored).`,
  );
}

/** Who a handover package is sealed to: the recipient chosen, else the one it was made for while in use, else the passphrase. */
export function handoverTarget(db: Sqlite, h: HandoverTable, recipientRef: string | null | undefined, passphrase: string | null | undefined): SealTarget {
  return resolveTarget(db, recipientRef ?? storedRecipient(db, h, passphrase), passphrase);
}

/** The sealed handover package, and an audit event saying who exported it to whom. */
export function exportHandover(
  store: OfficeStore,
  actor: string,
  ref: string,
  options: { pdf: Uint8Array; recipient?: string | null; passphrase?: string | null },
): ExportFile {
  const h = handoverRow(store.db, ref);
  const target = handoverTarget(store.db, h, options.recipient, options.passphrase);
  const files = handoverPackageFiles(store.db, h.id, options.pdf, target.recipient?.kind === 'x25519' ? 'key' : 'passphrase');
  const sealed = seal(store.db, files, target);
  const file = exportFile(`${h.code}.handover.age`, sealed.bytes, sealed.encryptedTo);
  store.write(actor, (tx) =>
    tx.audit({
      action: 'handover.exported',
      entityType: 'handover',
      entityId: h.id,
      after: { code: h.code, encryptedTo: sealed.encryptedTo, packageSha256: file.sha256, manifestSha256: h.manifest_sha256 },
    }),
  );
  return file;
}
