import { createHash } from 'node:crypto';
import type { AttachmentView } from '../api/views';
import { HomewardError } from '../domain/errors';
import { uuidv7 } from '../db/ids';
import { prepare } from '../db/query';
import type { AttachmentTable } from '../db/schema';
import type { OfficeStore } from '../db/store';
import { liveWriteTarget, type RecordedOn } from './person-record';

export const ATTACHMENT_KINDS = ['photo', 'document_scan', 'signature', 'evidence', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024;

/** What a file's first bytes say it is; a photo must really be an image. */
export function sniffMime(bytes: Buffer): string | null {
  if (bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

export function attachmentView(a: AttachmentTable & { size: number }): AttachmentView {
  return { id: a.id, kind: a.kind, filename: a.filename, mime: a.mime, size: a.size, createdAt: a.created_at, createdBy: a.created_by };
}

/**
 * Stores the bytes once by their SHA-256 inside the encrypted database (never
 * as a loose file) and links them to the person. Attachments are append-only.
 */
export function addAttachment(
  store: OfficeStore,
  actor: string,
  ref: string,
  input: { kind: AttachmentKind; filename: string | null; data: Buffer },
): AttachmentView & RecordedOn {
  const { data } = input;
  if (data.length === 0) throw new HomewardError('VALIDATION_FAILED', 'The file is empty. Choose the photo or scan again.');
  if (data.length > MAX_ATTACHMENT_BYTES) {
    throw new HomewardError('VALIDATION_FAILED', `The file is ${(data.length / 2 ** 20).toFixed(1)} MB; the limit is 15 MB. Scan at a lower resolution.`);
  }
  const mime = sniffMime(data);
  if (!mime) throw new HomewardError('VALIDATION_FAILED', 'Only JPEG, PNG or WebP images and PDF documents can be attached.');
  if (input.kind === 'photo' && !mime.startsWith('image/')) {
    throw new HomewardError('VALIDATION_FAILED', 'A photo must be a JPEG, PNG or WebP image.');
  }
  const { id: personId, caseNumber, addressedAs } = liveWriteTarget(store.db, ref);
  const sha256 = createHash('sha256').update(data).digest('hex');
  return store.write(actor, (tx) => {
    prepare(tx.db, 'INSERT OR IGNORE INTO attachment_blob (sha256, size, bytes) VALUES (?, ?, ?)').run(sha256, data.length, data);
    const row = {
      id: uuidv7(),
      person_id: personId,
      sha256,
      kind: input.kind,
      filename: input.filename,
      mime,
      created_by: tx.actor,
      created_at: tx.at,
      deleted: 0,
    };
    tx.insert('attachment', row);
    tx.audit({
      action: 'attachment.added',
      entityType: 'attachment',
      entityId: row.id,
      personId,
      after: { kind: row.kind, filename: row.filename, mime, sha256, size: data.length, ...(addressedAs ? { addressedAs } : {}) },
    });
    return { ...attachmentView({ ...row, size: data.length }), recordedOn: { id: personId, caseNumber } };
  });
}

export function readAttachment(store: OfficeStore, id: string): { view: AttachmentView; data: Buffer } {
  const row = prepare(store.db, `SELECT a.*, b.size, b.bytes FROM attachment a JOIN attachment_blob b ON b.sha256 = a.sha256 WHERE a.id = ? AND a.deleted = 0`).get(id) as
    | (AttachmentTable & { size: number; bytes: Buffer })
    | undefined;
  if (!row) throw new HomewardError('NOT_FOUND', `No attachment with id ${id}.`);
  return { view: attachmentView(row), data: row.bytes };
}
