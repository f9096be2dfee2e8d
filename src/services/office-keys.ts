import type { KeyCardView } from '../api/journey-views';
import { ageRecipientOf, generateAgeIdentity } from '../crypto/age';
import { ageRecipientFingerprint, minisignKeyFingerprint } from '../crypto/fingerprint';
import { generateSigningKey, minisignKeyId, minisignPublicKeyString, signingKeyFromSeed, signMinisign, type SigningKey } from '../crypto/minisign';
import { HomewardError } from '../domain/errors';
import { prepare, type Sqlite } from '../db/query';
import type { OfficeSecretTable, OfficeTable } from '../db/schema';
import type { OfficeStore } from '../db/store';

/**
 * Each office has an age X25519 key pair (others encrypt to it) and an
 * Ed25519 key pair (it signs manifests and bundles). The secret halves stay
 * inside the encrypted database, in a table the change log never carries;
 * the public halves are on the office row and on the key card.
 */

export const KEY_CARD_FORMAT = 'homeward-office-card';

function selfOffice(db: Sqlite): OfficeTable {
  const row = prepare(db, 'SELECT * FROM office WHERE is_self = 1').get() as OfficeTable | undefined;
  if (!row) throw new HomewardError('INTERNAL', 'This database has no office of its own. It was not created by Homeward.');
  return row;
}

function secrets(db: Sqlite): OfficeSecretTable {
  const office = selfOffice(db);
  const row = prepare(db, 'SELECT * FROM office_secret WHERE office = ?').get(office.code) as OfficeSecretTable | undefined;
  if (!row) throw new HomewardError('INTERNAL', 'This office has no keys yet. Unlock it again: Homeward creates them on opening.');
  return row;
}

/** Creates the office's keys if it has none (new offices, and offices made before keys existed). */
export function ensureOfficeKeys(store: OfficeStore, actor: string): boolean {
  const office = selfOffice(store.db);
  if (prepare(store.db, 'SELECT 1 FROM office_secret WHERE office = ?').get(office.code)) return false;
  const age = generateAgeIdentity();
  const signing = generateSigningKey();
  const signingPublicKey = minisignPublicKeyString(signing);
  const keyId = minisignKeyId(signing.keyId);
  store.write(actor, (tx) => {
    // Plain SQL on purpose: tx.insert would put the secrets in the change log that sync sends to other offices.
    prepare(tx.db, 'INSERT INTO office_secret (office, age_identity, signing_key_id, signing_seed, created_at) VALUES (?, ?, ?, ?, ?)').run(
      office.code,
      age.identity,
      signing.keyId.toString('base64'),
      signing.secretKey.toString('base64'),
      tx.at,
    );
    tx.update('office', office.code, { age_recipient: age.recipient, signing_public_key: signingPublicKey, signing_key_id: keyId }, { key: 'code' });
    tx.audit({
      action: 'office.keys_created',
      entityType: 'office',
      entityId: office.code,
      after: { ageRecipient: age.recipient, signingPublicKey, signingKeyId: keyId },
    });
  });
  return true;
}

export interface OfficeSigner {
  keyId: string;
  publicKey: string;
  sign(message: Uint8Array, trustedComment: string): string;
}

function signingKey(db: Sqlite): SigningKey {
  const s = secrets(db);
  return signingKeyFromSeed(Buffer.from(s.signing_key_id, 'base64'), Buffer.from(s.signing_seed, 'base64'));
}

export function officeSigner(db: Sqlite): OfficeSigner {
  const key = signingKey(db);
  return {
    keyId: minisignKeyId(key.keyId),
    publicKey: minisignPublicKeyString(key),
    sign: (message, trustedComment) => signMinisign(message, key, { trustedComment, untrustedComment: 'signature from Homeward office key' }),
  };
}

/** The office's age identity, to open what was encrypted to it. */
export function officeAgeIdentity(db: Sqlite): string {
  return secrets(db).age_identity;
}

export function keyCard(db: Sqlite): KeyCardView {
  const office = selfOffice(db);
  const s = secrets(db);
  const ageRecipient = ageRecipientOf(s.age_identity);
  const key = signingKey(db);
  const signingPublicKey = minisignPublicKeyString(key);
  const card = {
    format: KEY_CARD_FORMAT,
    version: 1,
    office: office.code,
    name: office.name,
    country: office.country,
    ageRecipient,
    signingPublicKey,
    signingKeyId: minisignKeyId(key.keyId),
  };
  return {
    office: office.code,
    name: office.name,
    country: office.country,
    ageRecipient,
    ageFingerprint: ageRecipientFingerprint(ageRecipient),
    signingPublicKey,
    signingKeyId: card.signingKeyId,
    signingFingerprint: minisignKeyFingerprint(signingPublicKey),
    card: `${JSON.stringify(card, null, 2)}\n`,
  };
}

/** Public signing keys this office trusts for manifests: its own and its peers'. */
export function knownSigningKeys(db: Sqlite): { office: string; keyId: string; publicKey: string; self: boolean }[] {
  return (
    prepare(db, `SELECT code, signing_public_key, signing_key_id, is_self FROM office WHERE signing_public_key IS NOT NULL AND trust <> 'revoked'`).all() as {
      code: string;
      signing_public_key: string;
      signing_key_id: string | null;
      is_self: number;
    }[]
  ).map((r) => ({ office: r.code, keyId: r.signing_key_id ?? '', publicKey: r.signing_public_key, self: r.is_self === 1 }));
}
