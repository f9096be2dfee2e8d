import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { acknowledgementSchema } from '../../domain/handover';
import type { HandoverView } from '../../api/journey-views';
import { verifyMinisign } from '../../crypto/minisign';
import { HomewardError } from '../../domain/errors';
import { prepare } from '../../db/query';
import type { OfficeStore } from '../../db/store';
import { sniffMime } from '../attachments';
import { moveStage } from '../cases';
import { handoverMemberIds, handoverRow, handoverView } from './handovers';
import { recipientRow } from '../recipients';

/**
 * The receiver's acknowledgement closes a handover's cases: either their
 * countersignature (a minisign signature of manifest.json by their key), or a
 * scan of the signed paper manifest. It is stored inside the encrypted
 * database with the handover.
 */


const MAX_SCAN = 20 * 1024 * 1024;
const SCAN_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);

export function acknowledgeHandover(store: OfficeStore, actor: string, input: z.output<typeof acknowledgementSchema>): HandoverView {
  const h = handoverRow(store.db, input.handover);
  if (h.ack_at) throw new HomewardError('ALREADY_EXISTS', `Handover ${h.code} was acknowledged on ${h.ack_at.slice(0, 10)} by ${h.ack_by}. Its cases are closed.`);
  const bytes = Buffer.from(input.data, 'base64');
  let mime: string;
  let signer: string | null = null;
  if (input.kind === 'countersignature') {
    const recipient = h.recipient_id ? recipientRow(store.db, h.recipient_id) : null;
    const key = input.signerKey || recipient?.signing_public_key;
    if (!key) {
      throw new HomewardError(
        'VALIDATION_FAILED',
        'To check the countersignature Homeward needs the receiver\u2019s minisign public key: give it, or add it to their recipient entry. Or record a scan of the signed paper manifest instead.',
      );
    }
    // Throws with the exact reason: another manifest, another key, a damaged file.
    const verified = verifyMinisign(Buffer.from(h.manifest), bytes, key);
    signer = `minisign key ${verified.keyId}${recipient ? ` (${recipient.name})` : ''}`;
    mime = 'text/plain';
  } else {
    if (bytes.length > MAX_SCAN) throw new HomewardError('FILE_TOO_LARGE', 'The scan is larger than 20 MB. Scan at 200 dpi, or save it as JPEG.');
    mime = sniffMime(bytes) ?? '';
    if (!SCAN_TYPES.has(mime)) throw new HomewardError('VALIDATION_FAILED', 'A scan must be a PDF, JPEG, PNG or WebP file.');
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  store.write(actor, (tx) => {
    prepare(tx.db, 'INSERT INTO attachment_blob (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING').run(sha256, bytes.length, bytes);
    tx.update('handover', h.id, {
      ack_kind: input.kind,
      ack_sha256: sha256,
      ack_mime: mime,
      ack_filename: input.fileName ?? null,
      ack_signer: signer,
      ack_at: tx.at,
      ack_by: tx.actor,
      ack_note: input.note || null,
    });
    tx.audit({ action: 'handover.acknowledged', entityType: 'handover', entityId: h.id, after: { code: h.code, kind: input.kind, sha256, signer } });
    for (const personId of handoverMemberIds(tx.db, h.id)) moveStage(tx, personId, 'closed', `Handover ${h.code} acknowledged by the receiver`);
  });
  return handoverView(store.db, h.id);
}
