import type { RecipientView } from '../api/journey-views';
import { parseAgeRecipient } from '../crypto/age';
import { ageRecipientFingerprint, fingerprintsMatch } from '../crypto/fingerprint';
import { minisignPublicKeyString, parseMinisignPublicKey } from '../crypto/minisign';
import { HomewardError, validationError } from '../domain/errors';
import { recipientInputSchema } from '../domain/recipient';
import { UUID_PATTERN, uuidv7 } from '../db/ids';
import { prepare, type Sqlite } from '../db/query';
import type { RecipientTable } from '../db/schema';
import type { OfficeStore } from '../db/store';

/**
 * Embassies, receiving authorities and peer offices that exports are
 * encrypted to. A key is added only with its fingerprint confirmed, read
 * back from the owner over a channel other than the one the key came by.
 */


export function recipientView(r: RecipientTable): RecipientView {
  return {
    id: r.id,
    name: r.name,
    country: r.country,
    agency: r.agency,
    kind: r.kind,
    ageRecipient: r.age_recipient,
    fingerprint: r.fingerprint,
    signingPublicKey: r.signing_public_key,
    note: r.note,
    createdAt: r.created_at,
    createdBy: r.created_by,
    removed: r.deleted === 1,
  };
}

export function recipientRow(db: Sqlite, ref: string): RecipientTable {
  const t = ref.trim();
  const row = (
    UUID_PATTERN.test(t)
      ? prepare(db, 'SELECT * FROM recipient WHERE id = ? AND deleted = 0').get(t)
      : prepare(db, 'SELECT * FROM recipient WHERE name = ? COLLATE NOCASE AND deleted = 0').get(t)
  ) as RecipientTable | undefined;
  if (!row) throw new HomewardError('NOT_FOUND', `No recipient "${t}". Add it first with its age key or as a passphrase recipient.`);
  return row;
}

/**
 * The recipient a list, handover or acknowledgement names by its stored id,
 * removed ones included (deleted = 1): what was sent to whom stays readable
 * after the key is taken out of use. Exporting anew needs recipientRow.
 */
export function recipientById(db: Sqlite, id: string): RecipientTable | undefined {
  return prepare(db, 'SELECT * FROM recipient WHERE id = ?').get(id) as RecipientTable | undefined;
}

/**
 * The entry that stands for a stored recipient today: itself while in use,
 * else the one added again under its name (a key is replaced by removing
 * and adding again). Undefined when it was removed and not added again.
 */
export function currentRecipient(db: Sqlite, id: string): RecipientTable | undefined {
  const row = recipientById(db, id);
  if (!row || row.deleted === 0) return row;
  return prepare(db, 'SELECT * FROM recipient WHERE name = ? COLLATE NOCASE AND deleted = 0').get(row.name) as RecipientTable | undefined;
}

export function listRecipients(db: Sqlite): RecipientView[] {
  return (prepare(db, 'SELECT * FROM recipient WHERE deleted = 0 ORDER BY country, name').all() as RecipientTable[]).map(recipientView);
}

/** What adding this key would store, so the person can compare fingerprints before confirming. */
export function previewRecipientKey(ageRecipient: string): { ageRecipient: string; fingerprint: string } {
  const key = parseAgeRecipient(ageRecipient);
  return { ageRecipient: key.recipient, fingerprint: ageRecipientFingerprint(key.recipient) };
}

export function addRecipient(store: OfficeStore, actor: string, input: unknown): RecipientView {
  const parsed = recipientInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues, 'The recipient');
  const a = parsed.data;
  let age: { ageRecipient: string; fingerprint: string } | null = null;
  if (a.ageRecipient) {
    age = previewRecipientKey(a.ageRecipient);
    if (!a.fingerprint) {
      throw new HomewardError(
        'VALIDATION_FAILED',
        `Confirm the key's fingerprint: ask ${a.name} to read theirs out (by phone or in person) and give it with the key. This key's fingerprint is ${age.fingerprint}.`,
        { fingerprint: age.fingerprint },
      );
    }
    if (!fingerprintsMatch(a.fingerprint, age.fingerprint)) {
      throw new HomewardError(
        'VALIDATION_FAILED',
        `The fingerprint given (${a.fingerprint}) is not this key's (${age.fingerprint}). Do not add the key: it may not be ${a.name}'s. Ask them for the key again.`,
        { fingerprint: age.fingerprint },
      );
    }
  }
  const signingPublicKey = a.signingPublicKey ? minisignPublicKeyString(parseMinisignPublicKey(a.signingPublicKey)) : null;
  const existing = prepare(store.db, 'SELECT id FROM recipient WHERE name = ? COLLATE NOCASE AND deleted = 0').get(a.name);
  if (existing) throw new HomewardError('ALREADY_EXISTS', `A recipient named "${a.name}" exists. Remove it first to replace its key, or use another name.`);
  const id = uuidv7();
  store.write(actor, (tx) => {
    tx.insert('recipient', {
      id,
      name: a.name,
      country: a.country ?? null,
      agency: a.agency || null,
      kind: age ? 'x25519' : 'passphrase',
      age_recipient: age?.ageRecipient ?? null,
      fingerprint: age?.fingerprint ?? null,
      signing_public_key: signingPublicKey,
      note: a.note || null,
      created_by: tx.actor,
      created_at: tx.at,
      updated_at: tx.at,
      deleted: 0,
    });
    tx.audit({
      action: 'recipient.added',
      entityType: 'recipient',
      entityId: id,
      after: { name: a.name, country: a.country ?? null, kind: age ? 'x25519' : 'passphrase', fingerprint: age?.fingerprint ?? null },
    });
  });
  return recipientView(recipientRow(store.db, id));
}

export function removeRecipient(store: OfficeStore, actor: string, ref: string, reason: string | null): { removed: true } {
  const r = recipientRow(store.db, ref);
  store.write(actor, (tx) => {
    tx.tombstone('recipient', r.id);
    tx.audit({ action: 'recipient.removed', entityType: 'recipient', entityId: r.id, before: { name: r.name, fingerprint: r.fingerprint }, reason });
  });
  return { removed: true };
}
