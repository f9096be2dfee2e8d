import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HomewardError } from '../../src/domain/errors';
import {
  generateSigningKey,
  minisignKeyId,
  minisignPublicKeyFile,
  minisignPublicKeyString,
  parseMinisignPublicKey,
  signMinisign,
  verifyMinisign,
} from '../../src/crypto/minisign';

/**
 * A receiving authority checks Homeward's manifest signatures with Debian's
 * `minisign` alone, and Homeward checks what `minisign` signs. Synthetic files
 * only, in a temp dir.
 */

const dir = mkdtempSync(join(tmpdir(), 'homeward-minisign-interop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

function minisign(args: string[]): SpawnSyncReturns<string> {
  const result = spawnSync('minisign', args, { encoding: 'utf8', timeout: 60_000, env: { ...process.env, MINISIGN_CONFIG_DIR: dir } });
  if (result.error) throw new Error(`minisign could not run (${result.error.message}): install Debian's minisign package.`);
  return result;
}

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof HomewardError) return String((e.details as { reason?: unknown }).reason);
    throw e;
  }
  return 'none';
}

const office = generateSigningKey();
const manifest = Buffer.from(JSON.stringify({ handover: 'MSO-2026-H-0007', receiving: 'VN', people: ['MSO-2026-000123', 'MSO-2026-000124'] }));
writeFileSync(at('manifest.json'), manifest);
const trustedComment = 'handover MSO-2026-H-0007 to VN, 2 people';
const signature = signMinisign(manifest, office, { trustedComment, untrustedComment: 'Homeward handover manifest' });
writeFileSync(at('manifest.json.minisig'), signature);
writeFileSync(at('office.pub'), minisignPublicKeyFile(office));

describe('Homeward signs, minisign verifies', () => {
  it('`minisign -Vm manifest.json -P RW…` accepts it and shows the trusted comment', () => {
    const result = minisign(['-Vm', at('manifest.json'), '-P', minisignPublicKeyString(office)]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`Signature and comment signature verified\nTrusted comment: ${trustedComment}\n`);
  });

  it('`minisign -V -p office.pub -x …` accepts it, even when prehashing is required (-H)', () => {
    const result = minisign(['-V', '-H', '-m', at('manifest.json'), '-p', at('office.pub'), '-x', at('manifest.json.minisig')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Trusted comment: ${trustedComment}`);
  });

  it('a trusted comment in several scripts survives byte for byte', () => {
    const names = 'Nguyễn Văn An · สมชาย · 张伟 · မောင်မောင် · សុខា · ສົມພອນ';
    writeFileSync(at('names.minisig'), signMinisign(manifest, office, { trustedComment: names }));
    const result = minisign(['-V', '-Q', '-m', at('manifest.json'), '-x', at('names.minisig'), '-P', minisignPublicKeyString(office)]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${names}\n`);
  });
});

describe('minisign signs, Homeward verifies', () => {
  let made: SpawnSyncReturns<string>;
  beforeAll(() => {
    made = minisign(['-G', '-W', '-p', at('minisign.pub'), '-s', at('minisign.key')]);
  });

  it('a key from `minisign -G -W` parses from its .pub file and its RW… line, with the same key id', () => {
    expect(made.status).toBe(0);
    const pubFile = readFileSync(at('minisign.pub'), 'utf8');
    const fromFile = parseMinisignPublicKey(pubFile);
    const line = pubFile.split('\n')[1]!;
    expect(parseMinisignPublicKey(line).publicKey.equals(fromFile.publicKey)).toBe(true);
    // minisign 0.12 pads the id to 16 digits, as Homeward does; Debian's 0.11 drops leading zeros.
    const [, printedId] = /^untrusted comment: minisign public key ([0-9A-F]+)\n/.exec(pubFile) ?? [];
    expect(BigInt(`0x${printedId}`)).toBe(BigInt(`0x${minisignKeyId(fromFile.keyId)}`));
    expect(minisignPublicKeyString(fromFile)).toBe(line);
    expect(made.stdout).toContain(`minisign -Vm <file> -P ${line}`);
  });

  it('a prehashed signature by `minisign -S` verifies, with its trusted comment', () => {
    const signed = minisign(['-S', '-s', at('minisign.key'), '-m', at('manifest.json'), '-x', at('by-minisign.minisig'), '-t', 'signed at the embassy']);
    expect(signed.status).toBe(0);
    const sig = readFileSync(at('by-minisign.minisig'));
    const key = parseMinisignPublicKey(readFileSync(at('minisign.pub'), 'utf8'));
    expect(verifyMinisign(manifest, sig, key)).toEqual({ trustedComment: 'signed at the embassy', keyId: minisignKeyId(key.keyId) });
  });

  it('a legacy signature by `minisign -S -l` verifies', () => {
    const signed = minisign(['-S', '-l', '-s', at('minisign.key'), '-m', at('manifest.json'), '-x', at('legacy.minisig'), '-t', 'legacy format']);
    expect(signed.status).toBe(0);
    const sig = readFileSync(at('legacy.minisig'), 'utf8');
    expect(Buffer.from(sig.split('\n')[1]!, 'base64').toString('latin1', 0, 2)).toBe('Ed');
    expect(verifyMinisign(manifest, sig, readFileSync(at('minisign.pub'), 'utf8')).trustedComment).toBe('legacy format');
  });
});

describe('both Homeward and minisign refuse', () => {
  const pub = minisignPublicKeyString(office);

  function minisignRefuses(file: string, sigFile: string): string {
    const result = minisign(['-V', '-m', file, '-x', sigFile, '-P', pub]);
    expect(result.status).not.toBe(0);
    return result.stderr;
  }

  it('a manifest changed after signing', () => {
    const altered = Buffer.from(manifest.toString().replace('"VN"', '"KH"'));
    writeFileSync(at('altered.json'), altered);
    expect(reasonOf(() => verifyMinisign(altered, signature, pub))).toBe('bad-signature');
    expect(minisignRefuses(at('altered.json'), at('manifest.json.minisig'))).toMatch(/Signature verification failed/);
  });

  it('a trusted comment changed after signing', () => {
    const forged = signature.replace('2 people', '3 people');
    writeFileSync(at('forged-comment.minisig'), forged);
    expect(reasonOf(() => verifyMinisign(manifest, forged, pub))).toBe('bad-global-signature');
    expect(minisignRefuses(at('manifest.json'), at('forged-comment.minisig'))).toMatch(/Comment signature verification failed/);
  });

  it('a signature swapped for one by another key, naming the same key ids minisign names', () => {
    const impostor = generateSigningKey();
    const swapped = signMinisign(manifest, impostor, { trustedComment });
    writeFileSync(at('swapped.minisig'), swapped);
    const error = (() => {
      try {
        verifyMinisign(manifest, swapped, pub);
      } catch (e) {
        return e as HomewardError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error.details).toEqual({ reason: 'key-id-mismatch' });
    const stderr = minisignRefuses(at('manifest.json'), at('swapped.minisig'));
    // Debian's minisign 0.11 drops leading zeros here (not in .pub files), so compare as numbers.
    const [, signedBy, expected] = /key id in .* is ([0-9A-F]+)\nbut the key id in the public key is ([0-9A-F]+)/.exec(stderr) ?? [];
    expect(BigInt(`0x${signedBy}`)).toBe(BigInt(`0x${minisignKeyId(impostor.keyId)}`));
    expect(BigInt(`0x${expected}`)).toBe(BigInt(`0x${minisignKeyId(office.keyId)}`));
    expect(error.message).toContain(`key id ${minisignKeyId(impostor.keyId)}, expected ${minisignKeyId(office.keyId)}`);
  });
});
