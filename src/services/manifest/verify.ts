import { createHash } from 'node:crypto';
import type { ManifestCheck } from '../../api/journey-views';
import { ageDecrypt, type AgeIdentitySpec } from '../../crypto/age';
import { canonicalJson } from '../../crypto/canonical-json';
import { minisignKeyId, minisignPublicKeyString, parseMinisignPublicKey, verifyMinisign } from '../../crypto/minisign';
import { HomewardError } from '../../domain/errors';
import { prepare, type Sqlite } from '../../db/query';
import { neutraliseFormula } from '../import/formula';
import { readListTable } from '../import/table';
import { knownSigningKeys, officeAgeIdentity } from '../office-keys';
import { readZip } from '../zip';
import { manifestCsvRows, manifestSchema, MANIFEST_FORMAT, MANIFEST_SCHEMA_VERSION, type Manifest } from './model';
import { counted } from '../../domain/text';

/**
 * Checks a handover package as a receiver would, and says exactly what is
 * wrong: the encryption, the zip, the manifest's structure and canonical
 * form, the signature and whose key made it, the hash against this office's
 * record, and the CSV and photos against the manifest.
 */

export interface VerifyOptions {
  /** for packages sealed with a passphrase */
  passphrase?: string | null;
  /** an extra age identity (AGE-SECRET-KEY-1…), e.g. a receiver's */
  identity?: string | null;
  /** a signing key to accept besides this office's and its peers' (RW…) */
  publicKey?: string | null;
}

const AGE_MAGIC = 'age-encryption.org/v1\n';
const AGE_ARMOR = '-----BEGIN AGE ENCRYPTED FILE-----';
const EXPECTED = new Set(['README.txt', 'manifest.json', 'manifest.json.minisig', 'manifest.csv', 'manifest.pdf']);

type Files = Map<string, Uint8Array>;

class Report {
  readonly checks: ManifestCheck['checks'] = [];
  pass(name: string, detail: string): void {
    this.checks.push({ name, ok: true, detail });
  }
  fail(name: string, detail: string): void {
    this.checks.push({ name, ok: false, detail });
  }
  get problems(): string[] {
    return this.checks.filter((c) => !c.ok).map((c) => c.detail);
  }
}

/** Whether the bytes are an age file, or the start of one cut short before its first line ends. */
function looksLikeAge(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  return head.startsWith(AGE_MAGIC) || head.startsWith(AGE_ARMOR) || (head.length > 0 && head.length < AGE_MAGIC.length && AGE_MAGIC.startsWith(head));
}

/**
 * Tries each way this office may hold to open the package, its own key first
 * (a package it sealed to a receiver is sealed to it too), and says which
 * one did. Only "not this key" moves on to the next; a damaged file stops.
 */
function decrypt(db: Sqlite, bytes: Uint8Array, options: VerifyOptions, report: Report): Uint8Array | null {
  const ways: { by: string; identity: AgeIdentitySpec }[] = [{ by: 'this office\u2019s key', identity: { kind: 'x25519', identity: officeAgeIdentity(db) } }];
  if (options.identity) ways.push({ by: 'the key given', identity: { kind: 'x25519', identity: options.identity.trim() } });
  if (options.passphrase) ways.push({ by: 'the passphrase', identity: { kind: 'passphrase', passphrase: options.passphrase } });
  for (const way of ways) {
    try {
      const zip = ageDecrypt(bytes, [way.identity]);
      report.pass('decrypt', `Opened with ${way.by}.`);
      return zip;
    } catch (e) {
      const reason = ((e as HomewardError).details as { reason?: string } | undefined)?.reason;
      if (reason !== 'no-matching-key') {
        report.fail('decrypt', (e as Error).message);
        return null;
      }
    }
  }
  report.fail(
    'decrypt',
    options.passphrase
      ? `Neither ${ways.map((w) => w.by).join(' nor ')} opens the package: it was sealed for someone else. Check that this is the package you meant, and ask its sender how it was sealed.`
      : 'The package is not encrypted to this office (nor to the key given). It may be a foreign file; if it was sealed with a passphrase, give the passphrase.',
  );
  return null;
}

function openPackage(db: Sqlite, bytes: Uint8Array, options: VerifyOptions, report: Report): Files | null {
  let zip: Uint8Array | null = bytes;
  if (looksLikeAge(bytes)) zip = decrypt(db, bytes, options, report);
  else report.pass('decrypt', 'Not encrypted: checking the files as given.');
  if (!zip) return null;
  if (!(zip[0] === 0x50 && zip[1] === 0x4b)) {
    report.fail(
      'zip',
      zip === bytes
        ? 'This file is not a Homeward handover package: it is neither an age-encrypted file nor a zip archive, or it was cut short. Copy it again from the original, and choose the .age file Homeward wrote.'
        : 'The package opens, but what is inside is not a zip archive, so it is not a Homeward handover package (a zip of manifest.json, its signature, the CSV and the PDF). Ask the sender for the package again.',
    );
    return null;
  }
  try {
    const files: Files = new Map();
    for (const entry of readZip(zip, { label: 'This package', maxTotalBytes: 500 * 1024 * 1024 })) {
      if (!entry.isDirectory) files.set(entry.name, entry.read());
    }
    const extra = [...files.keys()].filter((n) => !EXPECTED.has(n) && !/^photos\/[A-Z0-9-]+\.(jpg|png|webp|bin)$/.test(n));
    if (extra.length) report.fail('zip', `The package holds files a handover package does not have: ${extra.join(', ')}.`);
    else report.pass('zip', `${counted(files.size, 'file')}.`);
    return files;
  } catch (e) {
    report.fail('zip', (e as Error).message);
    return null;
  }
}

/** The key id a minisign signature names (as minisign prints it), or null if it is not one. */
export function signingKeyIdOf(sig: Uint8Array): string | null {
  const line = Buffer.from(sig).toString('latin1').split('\n')[1]?.trim() ?? '';
  const bytes = Buffer.from(line, 'base64');
  return bytes.length === 74 ? Buffer.from(bytes.subarray(2, 10)).reverse().toString('hex').toUpperCase() : null;
}

export function verifyManifestPackage(db: Sqlite, bytes: Uint8Array, options: VerifyOptions = {}): ManifestCheck {
  const report = new Report();
  const result = (m: Manifest | null, sha: string | null, signedBy: ManifestCheck['signedBy']): ManifestCheck => ({
    ok: report.problems.length === 0,
    handover: m?.handover.code ?? null,
    office: m?.office.code ?? null,
    people: m?.count ?? null,
    manifestSha256: sha,
    signedBy,
    problems: report.problems,
    checks: report.checks,
  });
  const files = openPackage(db, bytes, options, report);
  if (!files) return result(null, null, null);

  const jsonBytes = files.get('manifest.json');
  const sig = files.get('manifest.json.minisig');
  if (!jsonBytes) {
    report.fail('manifest', 'manifest.json is missing.');
    return result(null, null, null);
  }
  const sha = createHash('sha256').update(jsonBytes).digest('hex');
  const text = Buffer.from(jsonBytes).toString('utf8');
  let manifest: Manifest | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    const kind = parsed as { format?: unknown; schemaVersion?: unknown };
    if (kind.format !== MANIFEST_FORMAT) report.fail('structure', `manifest.json is not a Homeward handover manifest (format ${JSON.stringify(kind.format)}).`);
    else if (kind.schemaVersion !== MANIFEST_SCHEMA_VERSION) {
      report.fail('structure', `manifest.json has schema version ${String(kind.schemaVersion)}; this version of Homeward reads version ${MANIFEST_SCHEMA_VERSION}. Update Homeward.`);
    } else {
      const checked = manifestSchema.safeParse(parsed);
      if (checked.success) {
        manifest = checked.data;
        report.pass('structure', `Schema version ${MANIFEST_SCHEMA_VERSION}, ${counted(manifest.count, 'person', 'people')}.`);
      } else {
        report.fail('structure', `manifest.json does not have the manifest's structure: ${checked.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`).join('; ')}.`);
      }
    }
    if (canonicalJson(parsed) !== text) report.fail('canonical', 'manifest.json is not in canonical form: it was re-saved or edited after signing.');
    else report.pass('canonical', 'Canonical JSON.');
  } catch {
    report.fail('structure', 'manifest.json is not valid JSON: it is damaged or was edited.');
  }

  let signedBy: ManifestCheck['signedBy'] = null;
  if (!sig) report.fail('signature', 'manifest.json.minisig is missing: the manifest is unsigned and cannot be trusted.');
  else {
    const keyId = signingKeyIdOf(sig);
    const keys = knownSigningKeys(db);
    const given = options.publicKey ? parseMinisignPublicKey(options.publicKey) : null;
    const extra = given ? [{ office: 'given key', keyId: minisignKeyId(given.keyId), publicKey: minisignPublicKeyString(given), self: false }] : [];
    const key = [...keys, ...extra].find((k) => k.keyId === keyId) ?? extra[0];
    if (!keyId) report.fail('signature', 'manifest.json.minisig is not a minisign signature.');
    else if (!key) report.fail('signature', `Signed by key ${keyId}, which is neither this office's nor a known peer office's. Do not trust this manifest unless you can check that key with its owner.`);
    else {
      try {
        const verified = verifyMinisign(jsonBytes, sig, key.publicKey);
        signedBy = { office: key.office, keyId: verified.keyId };
        report.pass('signature', `Signed by ${key.self ? 'this office' : key.office} (key ${verified.keyId}).`);
        if (manifest && !verified.trustedComment.includes(`sha256 ${sha}`)) {
          report.fail('signature', 'The signature\u2019s trusted comment names another manifest hash: the signature belongs to a different manifest.');
        }
        if (manifest && key.office !== 'given key' && manifest.office.code !== key.office) {
          report.fail('signature', `The manifest says it is from office ${manifest.office.code}, but it is signed by ${key.office}'s key.`);
        }
      } catch (e) {
        report.fail('signature', (e as Error).message);
      }
    }
  }

  if (manifest) {
    const stored = prepare(db, 'SELECT manifest_sha256 FROM handover WHERE code = ? AND deleted = 0').get(manifest.handover.code) as { manifest_sha256: string } | undefined;
    if (stored && stored.manifest_sha256 !== sha) {
      report.fail('record', `This office recorded handover ${manifest.handover.code} with manifest hash ${stored.manifest_sha256}, not ${sha}: the manifest was changed.`);
    } else if (stored) report.pass('record', `Matches this office's record of ${manifest.handover.code}.`);
    checkCsv(files.get('manifest.csv'), manifest, report);
    checkPhotos(files, manifest, report);
  }
  const pdf = files.get('manifest.pdf');
  if (!pdf) report.fail('pdf', 'manifest.pdf is missing.');
  else if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') report.fail('pdf', 'manifest.pdf is not a PDF.');
  else report.pass('pdf', 'Present.');
  return result(manifest, sha, signedBy);
}

function checkCsv(csv: Uint8Array | undefined, m: Manifest, report: Report): void {
  if (!csv) {
    report.fail('csv', 'manifest.csv is missing.');
    return;
  }
  const rows = readListTable(csv, 'manifest.csv', { format: 'csv' }).rows;
  // Cells are compared as written: a value starting with a formula character carries its neutralising quote.
  const expected = manifestCsvRows(m).map((r) => r.map(neutraliseFormula));
  const differs = rows.length !== expected.length || rows.some((r, i) => r.length !== expected[i]!.length || r.some((c, j) => c !== expected[i]![j]));
  if (differs) report.fail('csv', 'manifest.csv does not list the same people and values as manifest.json.');
  else report.pass('csv', `${counted(rows.length - 1, 'row')}, as in manifest.json.`);
}

function checkPhotos(files: Files, m: Manifest, report: Report): void {
  const bad: string[] = [];
  let n = 0;
  for (const p of m.people) {
    if (!p.photo) continue;
    n += 1;
    const bytes = files.get(p.photo.file);
    if (!bytes) bad.push(`${p.photo.file} is missing`);
    else if (createHash('sha256').update(bytes).digest('hex') !== p.photo.sha256) bad.push(`${p.photo.file} is not the photo the manifest lists`);
  }
  if (bad.length) report.fail('photos', `${bad.join('; ')}.`);
  else report.pass('photos', `${n} photos match their hashes.`);
}
