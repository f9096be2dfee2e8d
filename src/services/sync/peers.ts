import { z } from 'zod';
import type { PeerCardPreview, PeerView } from '../../api/sync-views';
import { parseAgeRecipient } from '../../crypto/age';
import { ageRecipientFingerprint, fingerprintsMatch, minisignKeyFingerprint } from '../../crypto/fingerprint';
import { minisignKeyId, minisignPublicKeyString, parseMinisignPublicKey } from '../../crypto/minisign';
import { HomewardError } from '../../domain/errors';
import { prepare, type Sqlite } from '../../db/query';
import type { OfficeTable, SyncPeerTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import { KEY_CARD_FORMAT } from '../office-keys';
import type { PeerKey } from '../../sync/bundle';

/**
 * Peer offices: the offices this one exchanges bundles with. A peer is added
 * from its key card (`homeward keys show --card`), and only with both of its
 * fingerprints read back by someone at that office over another channel (a
 * phone call): the age key decides who can read what we send, the signing key
 * whose bundles we accept. Removing a peer keeps its row, marked revoked, so
 * its history still reads; its bundles are refused from then on.
 */

const cardSchema = z.object({
  format: z.literal(KEY_CARD_FORMAT, { error: `This is not a Homeward office key card (its "format" is not "${KEY_CARD_FORMAT}"). Ask the office for the file written by "homeward keys show --card".` }),
  version: z.number().int().min(1),
  office: z.string().regex(/^[A-Z0-9]{2,8}$/, 'The card names no valid office code (2–8 capital letters or digits).'),
  name: z.string().min(1),
  country: z.string().nullable().optional(),
  ageRecipient: z.string(),
  signingPublicKey: z.string(),
  signingKeyId: z.string().optional(),
});

export type OfficeCard = z.infer<typeof cardSchema>;


/** Reads a key card (the JSON text) and works out what to compare. */
export function previewPeerCard(text: string): PeerCardPreview {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HomewardError('VALIDATION_FAILED', 'This key card is not valid JSON. Use the card file exactly as "homeward keys show --card" wrote it.');
  }
  const parsed = cardSchema.safeParse(json);
  if (!parsed.success) throw new HomewardError('VALIDATION_FAILED', `This key card cannot be used: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const card = parsed.data;
  const age = parseAgeRecipient(card.ageRecipient);
  const signing = parseMinisignPublicKey(card.signingPublicKey);
  const signingPublicKey = minisignPublicKeyString(signing);
  return {
    office: card.office,
    name: card.name,
    country: card.country ?? null,
    ageRecipient: age.recipient,
    ageFingerprint: ageRecipientFingerprint(age.recipient),
    signingPublicKey,
    signingKeyId: minisignKeyId(signing.keyId),
    signingFingerprint: minisignKeyFingerprint(signingPublicKey),
  };
}

export interface AddPeerInput {
  card: string;
  ageFingerprint?: string | undefined;
  signingFingerprint?: string | undefined;
  /** replace the keys of a peer already added (it made new ones) */
  replace?: boolean | undefined;
}

function confirmFingerprints(preview: PeerCardPreview, input: AddPeerInput): void {
  const both = `age key ${preview.ageFingerprint}, signing key ${preview.signingFingerprint}`;
  if (!input.ageFingerprint || !input.signingFingerprint) {
    throw new HomewardError(
      'VALIDATION_FAILED',
      `Confirm both fingerprints before trusting office ${preview.office}: call someone at ${preview.name} and have them read out the fingerprints "homeward keys show" prints there. This card's fingerprints: ${both}.`,
      { ageFingerprint: preview.ageFingerprint, signingFingerprint: preview.signingFingerprint },
    );
  }
  const wrong = [
    !fingerprintsMatch(input.ageFingerprint, preview.ageFingerprint) ? `the age key fingerprint given (${input.ageFingerprint}) is not the card's (${preview.ageFingerprint})` : null,
    !fingerprintsMatch(input.signingFingerprint, preview.signingFingerprint) ? `the signing key fingerprint given (${input.signingFingerprint}) is not the card's (${preview.signingFingerprint})` : null,
  ].filter((w): w is string => w !== null);
  if (wrong.length) {
    throw new HomewardError(
      'VALIDATION_FAILED',
      `Not added: ${wrong.join('; ')}. The card may not be ${preview.name}'s. Ask them to send it again and read the fingerprints once more.`,
      { ageFingerprint: preview.ageFingerprint, signingFingerprint: preview.signingFingerprint },
    );
  }
}

export function addPeer(store: OfficeStore, actor: string, input: AddPeerInput): PeerView {
  const preview = previewPeerCard(input.card);
  confirmFingerprints(preview, input);
  if (preview.office === store.office) throw new HomewardError('VALIDATION_FAILED', `This is the card of office ${store.office} itself. Add the cards of the other offices you sync with.`);
  store.write(actor, (tx) => {
    const existing = prepare(tx.db, 'SELECT * FROM office WHERE code = ?').get(preview.office) as OfficeTable | undefined;
    const keys = { age_recipient: preview.ageRecipient, signing_public_key: preview.signingPublicKey, signing_key_id: preview.signingKeyId };
    if (!existing) {
      tx.insert('office', { code: preview.office, name: preview.name, country: preview.country, is_self: 0, ...keys, trust: 'trusted', created_at: tx.at, updated_at: tx.at }, { key: 'code' });
      tx.audit({ action: 'peer.added', entityType: 'office', entityId: preview.office, after: { name: preview.name, ageFingerprint: preview.ageFingerprint, signingFingerprint: preview.signingFingerprint } });
      return;
    }
    const sameKeys = existing.age_recipient === keys.age_recipient && existing.signing_public_key === keys.signing_public_key;
    if (existing.trust === 'trusted' && !sameKeys && !input.replace) {
      throw new HomewardError('ALREADY_EXISTS', `Office ${preview.office} is already a peer, with other keys. If it made new keys, replace them (--replace), after confirming the new fingerprints.`);
    }
    if (existing.trust === 'trusted' && sameKeys) throw new HomewardError('ALREADY_EXISTS', `Office ${preview.office} is already a peer with these keys.`);
    tx.update('office', preview.office, { name: preview.name, country: preview.country, ...keys, trust: 'trusted' }, { key: 'code' });
    tx.audit({
      action: existing.trust === 'revoked' ? 'peer.readded' : 'peer.keys_replaced',
      entityType: 'office',
      entityId: preview.office,
      before: { ageRecipient: existing.age_recipient, signingPublicKey: existing.signing_public_key, trust: existing.trust },
      after: { ageFingerprint: preview.ageFingerprint, signingFingerprint: preview.signingFingerprint },
    });
  });
  return peerView(store.db, peerRow(store.db, preview.office));
}

export function removePeer(store: OfficeStore, actor: string, code: string, reason: string): PeerView {
  if (!reason.trim()) throw new HomewardError('VALIDATION_FAILED', 'Say why the peer is removed (keys lost, office closed…); it goes into the audit trail.');
  const row = peerRow(store.db, code);
  if (row.trust === 'revoked') throw new HomewardError('CONFLICT', `Office ${row.code} is already removed.`);
  store.write(actor, (tx) => {
    tx.update('office', row.code, { trust: 'revoked' }, { key: 'code' });
    tx.audit({ action: 'peer.removed', entityType: 'office', entityId: row.code, reason });
  });
  return peerView(store.db, peerRow(store.db, row.code));
}

export function peerRow(db: Sqlite, code: string): OfficeTable {
  const row = prepare(db, 'SELECT * FROM office WHERE code = ? AND is_self = 0').get(code.trim().toUpperCase()) as OfficeTable | undefined;
  if (!row) throw new HomewardError('NOT_FOUND', `Office ${code} is not a peer of this office. Add it from its key card first ("homeward peer add").`);
  return row;
}

/** The keys to check a bundle from `office` with, or null when it is not a trusted peer. */
export function trustedPeerKey(db: Sqlite, office: string): PeerKey | null {
  const row = prepare(db, `SELECT * FROM office WHERE code = ? AND is_self = 0 AND trust = 'trusted' AND signing_public_key IS NOT NULL`).get(office) as OfficeTable | undefined;
  return row ? { office: row.code, signingPublicKey: row.signing_public_key!, signingKeyId: row.signing_key_id } : null;
}

export function peerView(db: Sqlite, row: OfficeTable): PeerView {
  const state = prepare(db, 'SELECT * FROM sync_peer WHERE office = ?').get(row.code) as SyncPeerTable | undefined;
  return {
    office: row.code,
    name: row.name,
    country: row.country,
    trusted: row.trust === 'trusted',
    ageRecipient: row.age_recipient,
    ageFingerprint: row.age_recipient ? ageRecipientFingerprint(row.age_recipient) : null,
    signingKeyId: row.signing_key_id,
    signingFingerprint: row.signing_public_key ? minisignKeyFingerprint(row.signing_public_key) : null,
    lastIn: state?.last_in_bundle ? { bundle: state.last_in_bundle, at: state.last_in_at! } : null,
    lastOut: state?.last_out_bundle ? { bundle: state.last_out_bundle, at: state.last_out_at! } : null,
    addedAt: row.created_at,
  };
}

export function listPeers(db: Sqlite): PeerView[] {
  return (prepare(db, 'SELECT * FROM office WHERE is_self = 0 ORDER BY trust DESC, code').all() as OfficeTable[]).map((r) => peerView(db, r));
}
