/**
 * The receiver's acknowledgement closes a handover's cases for good, so only
 * the receiver's own signature may do it: not the office's signature that
 * travels in every package, not a peer office's, not a stranger's key given
 * in place of the one confirmed with the embassy. And a handover stays
 * readable, and can be closed, after its recipient is removed.
 * Keys and signatures are made with the real minisign.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAgeIdentity } from '../../src/crypto/age';
import { ageRecipientFingerprint } from '../../src/crypto/fingerprint';
import { minisignPublicKeyString, parseMinisignPublicKey } from '../../src/crypto/minisign';
import { prepare } from '../../src/db/query';
import type { OfficeStore } from '../../src/db/store';
import { acknowledgeHandover } from '../../src/services/handover/acknowledge';
import { handoverView } from '../../src/services/handover/handovers';
import { handoverPackageFiles } from '../../src/services/manifest/package';
import { ensureOfficeKeys, keyCard, officeSigner } from '../../src/services/office-keys';
import { getPerson } from '../../src/services/people';
import { addRecipient, removeRecipient } from '../../src/services/recipients';
import { ACTOR, newOffice, refusal, tempDir } from '../helpers';
import { EMBASSY, handOverOnePerson } from '../handover-fixtures';
import { syncOffices } from '../sync-helpers';

const PDF = Buffer.from('%PDF-1.7 test');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);

function office(): OfficeStore {
  const { store } = newOffice();
  ensureOfficeKeys(store, 'admin@test');
  return store;
}

function minisign(args: string[]): void {
  const r = spawnSync('minisign', args, { timeout: 60_000 });
  if (r.error) throw new Error(`minisign could not run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`minisign ${args.join(' ')} failed: ${r.stderr.toString()}`);
}

/** A minisign key pair made by minisign itself; signs like a receiving official would. */
function minisignKey(dir: string, name: string): { publicKey: string; sign: (manifest: string) => Buffer } {
  minisign(['-G', '-W', '-p', join(dir, `${name}.pub`), '-s', join(dir, `${name}.key`)]);
  return {
    publicKey: readFileSync(join(dir, `${name}.pub`), 'utf8'),
    sign: (manifest) => {
      writeFileSync(join(dir, 'manifest.json'), manifest);
      minisign(['-S', '-s', join(dir, `${name}.key`), '-m', join(dir, 'manifest.json'), '-x', join(dir, `${name}.minisig`), '-t', 'received, MPS-44817']);
      return readFileSync(join(dir, `${name}.minisig`));
    },
  };
}

/** A person with a confirmed Vietnamese nationality, on an arrived batch, handed over. */
function handedOver(store: OfficeStore, recipient?: string): { code: string; caseNumber: string; manifest: string } {
  const { handover, caseNumber } = handOverOnePerson(store, recipient);
  const { manifest } = prepare(store.db, 'SELECT manifest FROM handover WHERE id = ?').get(handover.id) as { manifest: string };
  return { code: handover.code, caseNumber, manifest };
}

function addEmbassy(store: OfficeStore, signingPublicKey: string): string {
  const age = generateAgeIdentity();
  return addRecipient(store, ACTOR, { name: EMBASSY, country: 'VN', ageRecipient: age.recipient, fingerprint: ageRecipientFingerprint(age.recipient), signingPublicKey }).id;
}

/** The manifest.json.minisig that comes in the handover package. */
function packageSignature(store: OfficeStore, code: string): Buffer {
  return Buffer.from(handoverPackageFiles(store.db, code, PDF, 'key').find((f) => f.name === 'manifest.json.minisig')!.data);
}

function countersign(store: OfficeStore, code: string, signature: Buffer, signerKey?: string) {
  return acknowledgeHandover(store, ACTOR, { handover: code, kind: 'countersignature', data: signature.toString('base64'), signerKey: signerKey ?? null });
}

function stillOpen(store: OfficeStore, h: { code: string; caseNumber: string }): void {
  expect(getPerson(store, h.caseNumber).stage).toBe('handover');
  expect(handoverView(store.db, h.code).acknowledgement).toBeNull();
}

describe("the receiver's countersignature", () => {
  it("the office's own signature from the package does not close the cases, whatever key is given", () => {
    const store = office();
    const ownKey = keyCard(store.db).signingPublicKey;
    const dir = tempDir();
    const withRecipient = handedOver(store, addEmbassy(store, minisignKey(dir, 'embassy').publicKey));
    const withoutRecipient = handedOver(store);
    for (const h of [withRecipient, withoutRecipient]) {
      const own = packageSignature(store, h.code);
      for (const signerKey of [ownKey, undefined]) {
        const refused = refusal(() => countersign(store, h.code, own, signerKey));
        expect(refused.details).toMatchObject({ reason: 'office-key' });
        expect(refused.message).toContain('this office\u2019s own signing key');
        expect(refused.message).toContain('Ask the receiver to sign manifest.json');
      }
      stillOpen(store, h);
    }
  });

  it("the office's signature with its key id altered, checked against the office's key under another id, is refused", () => {
    const store = office();
    const h = handedOver(store);
    const lines = packageSignature(store, h.code).toString('latin1').split('\n');
    const sig = Buffer.from(lines[1]!, 'base64');
    const otherId = Buffer.from('0123456789abcdef', 'hex');
    otherId.copy(sig, 2);
    lines[1] = sig.toString('base64');
    const own = parseMinisignPublicKey(keyCard(store.db).signingPublicKey);
    const disguised = minisignPublicKeyString({ keyId: otherId, publicKey: own.publicKey });
    const refused = refusal(() => countersign(store, h.code, Buffer.from(lines.join('\n'), 'latin1'), disguised));
    expect(refused.details).toMatchObject({ reason: 'office-key' });
    stillOpen(store, h);
  });

  it("a peer office's signature is not the receiver's", () => {
    const [mso, bkk] = syncOffices(['MSO', 'BKK']);
    const h = handedOver(mso!.store);
    const peerSignature = officeSigner(bkk!.store.db).sign(Buffer.from(h.manifest), 'received');
    const refused = refusal(() => countersign(mso!.store, h.code, Buffer.from(peerSignature), keyCard(bkk!.store.db).signingPublicKey));
    expect(refused.details).toMatchObject({ reason: 'office-key' });
    expect(refused.message).toContain('office BKK');
    stillOpen(mso!.store, h);
  });

  it("a stranger's key given does not replace the key confirmed for the embassy; the embassy's own signature closes the cases", () => {
    const store = office();
    const dir = tempDir();
    const embassy = minisignKey(dir, 'embassy');
    const stranger = minisignKey(dir, 'stranger');
    const h = handedOver(store, addEmbassy(store, embassy.publicKey));

    const given = refusal(() => countersign(store, h.code, stranger.sign(h.manifest), stranger.publicKey));
    expect(given.details).toMatchObject({ reason: 'not-confirmed-key' });
    expect(given.message).toContain(`signing key confirmed for ${EMBASSY}`);
    expect(given.message).toContain(`remove ${EMBASSY} from the recipients and add it again with the new signing key`);
    const alone = refusal(() => countersign(store, h.code, stranger.sign(h.manifest)));
    expect(alone.details).toMatchObject({ reason: 'key-id-mismatch' });
    expect(alone.message).toContain(`the signing key confirmed for ${EMBASSY} is`);
    stillOpen(store, h);

    // Giving the confirmed key itself is no conflict.
    const acked = countersign(store, h.code, embassy.sign(h.manifest), embassy.publicKey);
    expect(acked.acknowledgement).toMatchObject({ kind: 'countersignature', signer: expect.stringContaining(`(${EMBASSY})`) });
    expect(getPerson(store, h.caseNumber).stage).toBe('closed');
  });
});

describe('a handover whose recipient was removed', () => {
  it('stays readable, and a scan closes it once, reporting what it stored', () => {
    const store = office();
    const recipient = addEmbassy(store, minisignKey(tempDir(), 'embassy').publicKey);
    const h = handedOver(store, recipient);
    removeRecipient(store, ACTOR, recipient, 'Embassy sent a new key');
    expect(handoverView(store.db, h.code).recipient).toMatchObject({ id: recipient, name: EMBASSY });
    const acked = acknowledgeHandover(store, ACTOR, { handover: h.code, kind: 'scan', fileName: 'receipt.jpg', data: JPEG.toString('base64') });
    expect(acked.acknowledgement).toMatchObject({ kind: 'scan', mime: 'image/jpeg', filename: 'receipt.jpg' });
    expect(getPerson(store, h.caseNumber).stage).toBe('closed');
  });

  it("is countersigned with the key the embassy was added again with, never the removed one's", () => {
    const store = office();
    const dir = tempDir();
    const oldKey = minisignKey(dir, 'old');
    const newKey = minisignKey(dir, 'new');
    const recipient = addEmbassy(store, oldKey.publicKey);
    const h = handedOver(store, recipient);
    removeRecipient(store, ACTOR, recipient, 'Embassy sent a new key');
    const removed = refusal(() => countersign(store, h.code, oldKey.sign(h.manifest)));
    expect(removed.details).toMatchObject({ reason: 'recipient-removed' });
    expect(removed.message).toContain(`Add ${EMBASSY} again`);
    expect(refusal(() => countersign(store, h.code, oldKey.sign(h.manifest), oldKey.publicKey)).details).toMatchObject({ reason: 'recipient-removed' });
    stillOpen(store, h);

    addEmbassy(store, newKey.publicKey);
    expect(refusal(() => countersign(store, h.code, oldKey.sign(h.manifest))).details).toMatchObject({ reason: 'key-id-mismatch' });
    const acked = countersign(store, h.code, newKey.sign(h.manifest));
    expect(acked.acknowledgement?.signer).toContain(`(${EMBASSY})`);
    expect(acked.recipient).toMatchObject({ id: recipient });
    expect(getPerson(store, h.caseNumber).stage).toBe('closed');
  });
});
