/**
 * Checking a handover package as the office holds it: whichever of its key,
 * a receiver's key or an export passphrase opens it, the check says which;
 * a copy cut short is called cut short. And a handover whose recipient was
 * removed is sealed only to someone chosen anew. Packages are sealed and
 * opened with the real `age` as well.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageDecrypt, ageEncrypt, generateAgeIdentity } from '../../src/crypto/age';
import { ageRecipientFingerprint } from '../../src/crypto/fingerprint';
import type { OfficeStore } from '../../src/db/store';
import { exportHandover } from '../../src/services/manifest/package';
import { verifyManifestPackage } from '../../src/services/manifest/verify';
import { ensureOfficeKeys, keyCard, officeAgeIdentity } from '../../src/services/office-keys';
import { addRecipient, removeRecipient } from '../../src/services/recipients';
import { EMBASSY, handOverOnePerson } from '../handover-fixtures';
import { ACTOR, newOffice, refusal, tempDir } from '../helpers';

const PDF = Buffer.from('%PDF-1.7 test');
const EXPORT_PASSPHRASE = 'orange tractor seventeen lanterns';

/** An office with one handover to the embassy, whose age key it holds. */
function handedOver(): { store: OfficeStore; code: string; recipient: string; embassy: { identity: string; recipient: string } } {
  const { store } = newOffice();
  ensureOfficeKeys(store, 'admin@test');
  const embassy = generateAgeIdentity();
  const recipient = addRecipient(store, ACTOR, { name: EMBASSY, country: 'VN', ageRecipient: embassy.recipient, fingerprint: ageRecipientFingerprint(embassy.recipient) }).id;
  const h = handOverOnePerson(store, recipient).handover;
  return { store, code: h.code, recipient, embassy };
}

function age(args: string[], input?: Buffer): Buffer {
  const r = spawnSync('age', args, { input, timeout: 60_000 });
  if (r.error) throw new Error(`age could not run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`age ${args.join(' ')} failed: ${r.stderr.toString()}`);
  return r.stdout;
}

const decryptCheck = (check: ReturnType<typeof verifyManifestPackage>) => check.checks.find((c) => c.name === 'decrypt');

describe('manifest verify opens a package with whatever this office holds', () => {
  it('a package sealed to the office key verifies while an export passphrase is set, and says the office key opened it', () => {
    const { store, code } = handedOver();
    const sealed = Buffer.from(exportHandover(store, ACTOR, code, { pdf: PDF }).data, 'base64');
    // The same package sealed to the office's key by age itself.
    const dir = tempDir();
    writeFileSync(join(dir, 'office.txt'), `${officeAgeIdentity(store.db)}\n`);
    const zip = age(['-d', '-i', join(dir, 'office.txt')], sealed);
    const byAge = age(['-r', keyCard(store.db).ageRecipient], zip);
    for (const bytes of [sealed, byAge]) {
      const check = verifyManifestPackage(store.db, bytes, { passphrase: EXPORT_PASSPHRASE });
      expect(check.problems).toEqual([]);
      expect(check).toMatchObject({ ok: true, handover: code });
      expect(decryptCheck(check)).toMatchObject({ ok: true, detail: 'Opened with this office\u2019s key.' });
    }
  });

  it("a passphrase package says the passphrase opened it, a receiver's key says the key given; when nothing opens it, it says what was tried", () => {
    const { store, code, embassy } = handedOver();
    const dir = tempDir();
    writeFileSync(join(dir, 'embassy.txt'), `${embassy.identity}\n`);
    const zip = age(['-d', '-i', join(dir, 'embassy.txt')], Buffer.from(exportHandover(store, ACTOR, code, { pdf: PDF }).data, 'base64'));
    const byPassphrase = ageEncrypt(zip, [{ kind: 'passphrase', passphrase: EXPORT_PASSPHRASE, logN: 12 }]);
    // Only the embassy's key opens this one: age seals what the embassy received to it alone.
    const embassyOnly = age(['-r', embassy.recipient], zip);

    expect(decryptCheck(verifyManifestPackage(store.db, byPassphrase, { passphrase: EXPORT_PASSPHRASE }))).toMatchObject({ ok: true, detail: 'Opened with the passphrase.' });
    expect(decryptCheck(verifyManifestPackage(store.db, embassyOnly, { identity: embassy.identity, passphrase: EXPORT_PASSPHRASE }))).toMatchObject({
      ok: true,
      detail: 'Opened with the key given.',
    });
    const neither = verifyManifestPackage(store.db, embassyOnly, { passphrase: EXPORT_PASSPHRASE });
    expect(neither.ok).toBe(false);
    expect(decryptCheck(neither)?.detail).toContain('Neither this office\u2019s key nor the passphrase opens the package');
    const wrong = verifyManifestPackage(store.db, byPassphrase, { passphrase: 'orange tractor eighteen lanterns' });
    expect(decryptCheck(wrong)?.detail).toContain('The passphrase is wrong');
  });
});

describe('a package that is not whole', () => {
  it('an age file cut before the end of its first line is called cut short, to be copied again', () => {
    const { store, code } = handedOver();
    const sealed = Buffer.from(exportHandover(store, ACTOR, code, { pdf: PDF }).data, 'base64');
    const firstLine = sealed.indexOf(0x0a) + 1;
    for (let cut = 1; cut < firstLine; cut++) {
      const check = verifyManifestPackage(store.db, sealed.subarray(0, cut));
      expect(check.ok).toBe(false);
      expect(check.problems[0]).toMatch(/cut short/);
      expect(check.problems[0]).toMatch(/copy it again/i);
      expect(check.problems.join(' ')).not.toContain('not a zip archive');
    }
  });

  it('a file that is neither age nor zip is said not to be a Homeward package', () => {
    const { store } = handedOver();
    const check = verifyManifestPackage(store.db, Buffer.from('hello, this is a note and not a package'));
    expect(check.problems).toEqual([expect.stringContaining('not a Homeward handover package')]);
    expect(check.problems[0]).toMatch(/copy it again/i);
  });
});

describe('exporting a handover whose recipient was removed', () => {
  it('asks who to seal it to, and seals it with a passphrase when one is given', () => {
    const { store, code, recipient } = handedOver();
    removeRecipient(store, ACTOR, recipient, 'Embassy sent a new key');
    const refused = refusal(() => exportHandover(store, ACTOR, code, { pdf: PDF }));
    expect(refused.code).toBe('PASSPHRASE_REQUIRED');
    expect(refused.message).toContain(`made for ${EMBASSY}, who has since been removed`);
    const file = exportHandover(store, ACTOR, code, { pdf: PDF, passphrase: EXPORT_PASSPHRASE });
    expect(file.encryptedTo).toEqual(['passphrase']);
    expect(ageDecrypt(Buffer.from(file.data, 'base64'), [{ kind: 'passphrase', passphrase: EXPORT_PASSPHRASE }]).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
