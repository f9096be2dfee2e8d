import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { acknowledgementSchema } from '../../domain/handover';
import type { HandoverView } from '../../api/journey-views';
import { minisignKeyId, parseMinisignPublicKey, verifyMinisign, type MinisignPublicKey } from '../../crypto/minisign';
import { HomewardError } from '../../domain/errors';
import { prepare, type Sqlite } from '../../db/query';
import type { HandoverTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import { sniffMime } from '../attachments';
import { moveStage } from '../cases';
import { signingKeyIdOf } from '../manifest/verify';
import { handoverMemberIds, handoverRow, handoverView } from './handovers';
import { currentRecipient, recipientById } from '../recipients';

/**
 * The receiver's acknowledgement closes a handover's cases: either their
 * countersignature (a minisign signature of manifest.json by their key), or a
 * scan of the signed paper manifest. It is stored inside the encrypted
 * database with the handover. Closing is final, so a countersignature is
 * checked against the key confirmed for the receiver when there is one, and
 * never against a Homeward office's key: the office's own signature travels
 * in every package.
 */


const MAX_SCAN = 20 * 1024 * 1024;
const SCAN_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
const SCAN_INSTEAD = 'Or record a scan of the manifest they signed on paper instead.';

function refused(reason: string, message: string): HomewardError {
  return new HomewardError('VALIDATION_FAILED', message, { reason });
}

/** The office (this one or a peer) whose signing key has this key id or these public key bytes. */
function officeWithKey(db: Sqlite, keyId: string, publicKey?: Buffer): { code: string; self: boolean } | null {
  const offices = prepare(db, 'SELECT code, is_self, signing_public_key FROM office WHERE signing_public_key IS NOT NULL').all() as {
    code: string;
    is_self: number;
    signing_public_key: string;
  }[];
  for (const o of offices) {
    const key = parseMinisignPublicKey(o.signing_public_key);
    if (minisignKeyId(key.keyId) === keyId || publicKey?.equals(key.publicKey)) return { code: o.code, self: o.is_self === 1 };
  }
  return null;
}

function officeKeyRefusal(office: { code: string; self: boolean }, keyId: string, what: string): HomewardError {
  return refused(
    'office-key',
    `${what} ${office.self ? 'this office\u2019s own signing key' : `the signing key of office ${office.code}`} (key id ${keyId}), not the receiver\u2019s: ` +
      'the manifest.json.minisig in every handover package is signed with it, so it proves nothing about receipt. ' +
      `Ask the receiver to sign manifest.json with their own minisign key and send you that signature. ${SCAN_INSTEAD}`,
  );
}

function refuseOfficeKey(db: Sqlite, key: MinisignPublicKey, what: string): void {
  const keyId = minisignKeyId(key.keyId);
  const office = officeWithKey(db, keyId, key.publicKey);
  if (office) throw officeKeyRefusal(office, keyId, what);
}

const sameKey = (a: MinisignPublicKey, b: MinisignPublicKey) => a.keyId.equals(b.keyId) && a.publicKey.equals(b.publicKey);

/**
 * The key a countersignature must verify with: the one confirmed for the
 * handover's recipient when it has one (a key given alongside may only
 * repeat it), else the key given.
 */
function receiverKey(db: Sqlite, h: HandoverTable, signerKey: string | null | undefined): { key: MinisignPublicKey; receiver: string | null; confirmed: boolean } {
  const given = signerKey ? parseMinisignPublicKey(signerKey) : null;
  if (given) refuseOfficeKey(db, given, 'The signer key given is');
  const stored = h.recipient_id ? recipientById(db, h.recipient_id) : undefined;
  const recipient = h.recipient_id ? currentRecipient(db, h.recipient_id) : undefined;
  if (stored?.signing_public_key && !recipient) {
    throw refused(
      'recipient-removed',
      `${stored.name}, the receiver of handover ${h.code}, was removed from the recipients, so the signing key confirmed for them is no longer used. ` +
        `Add ${stored.name} again with the signing key they confirm to you, then record the countersignature. ${SCAN_INSTEAD}`,
    );
  }
  if (recipient?.signing_public_key) {
    const confirmed = parseMinisignPublicKey(recipient.signing_public_key);
    if (given && !sameKey(given, confirmed)) {
      throw refused(
        'not-confirmed-key',
        `The countersignature is checked against the signing key confirmed for ${recipient.name} (key id ${minisignKeyId(confirmed.keyId)}), ` +
          `not against the key given (key id ${minisignKeyId(given.keyId)}). Leave the signer key out. If ${recipient.name} now signs with another key, ` +
          `confirm it with them, then remove ${recipient.name} from the recipients and add it again with the new signing key. ${SCAN_INSTEAD}`,
      );
    }
    refuseOfficeKey(db, confirmed, `The signing key confirmed for ${recipient.name} is`);
    return { key: confirmed, receiver: recipient.name, confirmed: true };
  }
  if (!given) {
    throw new HomewardError(
      'VALIDATION_FAILED',
      'To check the countersignature Homeward needs the receiver\u2019s minisign public key: give it, or add it to their recipient entry. Or record a scan of the signed paper manifest instead.',
    );
  }
  return { key: given, receiver: recipient?.name ?? null, confirmed: false };
}

/** Checks the countersignature; returns who signed it, as stored with the acknowledgement. */
function checkCountersignature(db: Sqlite, h: HandoverTable, bytes: Buffer, signerKey: string | null | undefined): string {
  const signedBy = signingKeyIdOf(bytes);
  const office = signedBy ? officeWithKey(db, signedBy) : null;
  if (office) throw officeKeyRefusal(office, signedBy!, 'This signature was made with');
  const { key, receiver, confirmed } = receiverKey(db, h, signerKey);
  try {
    const verified = verifyMinisign(Buffer.from(h.manifest), bytes, key);
    return `minisign key ${verified.keyId}${receiver ? ` (${receiver})` : ''}`;
  } catch (e) {
    const reason = ((e as HomewardError).details as { reason?: string } | undefined)?.reason;
    if (reason !== 'key-id-mismatch') throw e; // another manifest, a damaged file: the exact reason
    const expected = minisignKeyId(key.keyId);
    throw refused(
      'key-id-mismatch',
      confirmed
        ? `This countersignature was made with key ${signedBy}, but the signing key confirmed for ${receiver} is ${expected}. Ask ${receiver} to sign manifest.json with that key; ` +
            `if they now use another key, confirm it with them, then remove ${receiver} from the recipients and add it again with the new signing key. ${SCAN_INSTEAD}`
        : `This countersignature was made with key ${signedBy}, not with the key given (${expected}). Give the public key of the receiver who signed it.`,
    );
  }
}

export function acknowledgeHandover(store: OfficeStore, actor: string, input: z.output<typeof acknowledgementSchema>): HandoverView {
  const h = handoverRow(store.db, input.handover);
  if (h.ack_at) throw new HomewardError('ALREADY_EXISTS', `Handover ${h.code} was acknowledged on ${h.ack_at.slice(0, 10)} by ${h.ack_by}. Its cases are closed.`);
  const bytes = Buffer.from(input.data, 'base64');
  let mime: string;
  let signer: string | null = null;
  if (input.kind === 'countersignature') {
    signer = checkCountersignature(store.db, h, bytes, input.signerKey);
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
