import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { HomewardError } from '../domain/errors';

/**
 * minisign-compatible Ed25519 signatures (https://jedisct1.github.io/minisign/),
 * so a receiver checks a manifest with `minisign -Vm manifest -P RW…`.
 *
 * Signature file:
 *   untrusted comment: <free text, not signed>
 *   base64("ED" ‖ key id (8) ‖ Ed25519(BLAKE2b-512(message)))
 *   trusted comment: <text>
 *   base64(Ed25519(signature ‖ trusted comment))   — the "global" signature
 */

const ALG_PREHASHED = 'ED';
const ALG_LEGACY = 'Ed';
const KEY_ID_BYTES = 8;
const UNTRUSTED_PREFIX = 'untrusted comment: ';
const TRUSTED_PREFIX = 'trusted comment: ';
// minisign reads comment lines into fixed buffers (1024 and 8192 bytes, with "\n" and NUL).
const MAX_UNTRUSTED_LINE = 1024 - 2;
const MAX_TRUSTED_LINE = 8192 - 2;
const DEFAULT_UNTRUSTED = 'signature from minisign secret key';

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface MinisignPublicKey {
  keyId: Buffer;
  publicKey: Buffer;
}

/**
 * An office's signing key as Homeward stores it (inside the encrypted
 * database): the 8-byte key id, the 32-byte public key and the 32-byte
 * Ed25519 seed. `signingKeyFromSeed` rebuilds it from the stored id and seed.
 */
export interface SigningKey extends MinisignPublicKey {
  secretKey: Buffer;
}

export type MinisignFailure =
  | 'malformed-public-key'
  | 'malformed-signature'
  | 'unsupported-algorithm'
  | 'key-id-mismatch'
  | 'bad-signature'
  | 'bad-global-signature';

function failure(reason: MinisignFailure, message: string): HomewardError {
  return new HomewardError('VALIDATION_FAILED', message, { reason });
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

export function signingKeyFromSeed(keyId: Uint8Array, secretKey: Uint8Array): SigningKey {
  if (keyId.length !== KEY_ID_BYTES || secretKey.length !== 32) {
    throw new HomewardError('VALIDATION_FAILED', 'A signing key needs an 8-byte key id and a 32-byte secret seed.', { reason: 'malformed-secret-key' });
  }
  const publicKey = createPublicKey(privateKeyObject(secretKey)).export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length);
  return { keyId: Buffer.from(keyId), publicKey, secretKey: Buffer.from(secretKey) };
}

export function generateSigningKey(): SigningKey {
  return signingKeyFromSeed(randomBytes(KEY_ID_BYTES), randomBytes(32));
}

/** The key id as minisign prints it: the 8 bytes read little-endian, in uppercase hex. */
export function minisignKeyId(keyId: Uint8Array): string {
  return Buffer.from(keyId).reverse().toString('hex').toUpperCase();
}

/** The one-line `RW…` form, for `minisign -P`. */
export function minisignPublicKeyString(key: MinisignPublicKey): string {
  return Buffer.concat([Buffer.from(ALG_LEGACY, 'latin1'), key.keyId, key.publicKey]).toString('base64');
}

/** The two-line `.pub` file, for `minisign -p`. */
export function minisignPublicKeyFile(key: MinisignPublicKey, comment = `minisign public key ${minisignKeyId(key.keyId)}`): string {
  return `${UNTRUSTED_PREFIX}${oneLine(comment, 'comment', MAX_UNTRUSTED_LINE - UNTRUSTED_PREFIX.length)}\n${minisignPublicKeyString(key)}\n`;
}

/** Strict standard base64 (with padding), as minisign writes it. */
function decodeBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** Accepts the `RW…` string or the whole `.pub` file. */
export function parseMinisignPublicKey(text: string): MinisignPublicKey {
  const lines = text.trim().split(/\r?\n/).map((l) => l.trim());
  const keyLine = lines.length === 2 && lines[0]!.startsWith(UNTRUSTED_PREFIX) ? lines[1]! : lines.length === 1 ? lines[0]! : '';
  const bytes = decodeBase64(keyLine);
  if (!bytes || bytes.length !== 2 + KEY_ID_BYTES + 32) {
    throw failure(
      'malformed-public-key',
      'That is not a minisign public key. Paste either the line that starts with "RW" (56 characters), or the whole minisign.pub file ' +
        '(an "untrusted comment:" line followed by the RW… line).',
    );
  }
  if (bytes.toString('latin1', 0, 2) !== ALG_LEGACY) {
    throw failure('unsupported-algorithm', 'This minisign public key is not an Ed25519 key, the only kind minisign and Homeward use.');
  }
  return { keyId: bytes.subarray(2, 2 + KEY_ID_BYTES), publicKey: bytes.subarray(2 + KEY_ID_BYTES) };
}

function oneLine(comment: string, what: string, maxBytes: number): string {
  if (/[\r\n\0]/.test(comment)) throw new HomewardError('VALIDATION_FAILED', `The ${what} must be a single line.`, { reason: 'comment-not-one-line' });
  if (Buffer.byteLength(comment) > maxBytes) {
    throw new HomewardError('VALIDATION_FAILED', `The ${what} is too long: minisign reads at most ${maxBytes} bytes.`, { reason: 'comment-too-long' });
  }
  return comment;
}

function blake2b512(message: Uint8Array): Buffer {
  return createHash('blake2b512').update(message).digest();
}

export interface SignOptions {
  /** Signed along with the file: minisign shows it after verifying ("Trusted comment: …"). */
  trustedComment: string;
  /** Not signed; anyone can change it. */
  untrustedComment?: string;
}

/** Signs `message` and returns the `.minisig` file text (prehashed "ED" format). */
export function signMinisign(message: Uint8Array, key: SigningKey, options: SignOptions): string {
  const trusted = oneLine(options.trustedComment, 'trusted comment', MAX_TRUSTED_LINE - TRUSTED_PREFIX.length);
  const untrusted = oneLine(options.untrustedComment ?? DEFAULT_UNTRUSTED, 'untrusted comment', MAX_UNTRUSTED_LINE - UNTRUSTED_PREFIX.length);
  const privateKey = privateKeyObject(key.secretKey);
  const signature = sign(null, blake2b512(message), privateKey);
  const globalSignature = sign(null, Buffer.concat([signature, Buffer.from(trusted, 'utf8')]), privateKey);
  const sigLine = Buffer.concat([Buffer.from(ALG_PREHASHED, 'latin1'), key.keyId, signature]).toString('base64');
  return `${UNTRUSTED_PREFIX}${untrusted}\n${sigLine}\n${TRUSTED_PREFIX}${trusted}\n${globalSignature.toString('base64')}\n`;
}

interface ParsedSignature {
  algorithm: string;
  keyId: Buffer;
  signature: Buffer;
  trustedComment: Buffer;
  globalSignature: Buffer;
}

function parseSignature(sigFile: string | Uint8Array): ParsedSignature {
  const malformed = (what: string) =>
    failure('malformed-signature', `This is not a valid minisign signature file: ${what}. Use the .minisig file that came with the manifest, unchanged.`);
  // Read as bytes: the trusted comment is signed byte for byte, whatever its encoding.
  const bytes = typeof sigFile === 'string' ? Buffer.from(sigFile, 'utf8') : Buffer.from(sigFile);
  const lines = bytes.toString('latin1').split('\n').map((l) => l.replace(/\r$/, ''));
  while (lines.length > 4 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== 4) throw malformed('it should have exactly four lines');
  const [untrusted, sigLine, trusted, globalLine] = lines as [string, string, string, string];
  if (!untrusted.startsWith(UNTRUSTED_PREFIX)) throw malformed(`its first line should start with "${UNTRUSTED_PREFIX.trim()}"`);
  if (!trusted.startsWith(TRUSTED_PREFIX)) throw malformed(`its third line should start with "${TRUSTED_PREFIX.trim()}"`);
  const sig = decodeBase64(sigLine);
  if (!sig || sig.length !== 2 + KEY_ID_BYTES + 64) throw malformed('its second line is not a signature');
  const globalSignature = decodeBase64(globalLine);
  if (!globalSignature || globalSignature.length !== 64) throw malformed('its fourth line is not a signature');
  return {
    algorithm: sig.toString('latin1', 0, 2),
    keyId: sig.subarray(2, 2 + KEY_ID_BYTES),
    signature: sig.subarray(2 + KEY_ID_BYTES),
    trustedComment: Buffer.from(trusted.slice(TRUSTED_PREFIX.length), 'latin1'),
    globalSignature,
  };
}

export interface VerifiedSignature {
  trustedComment: string;
  /** As minisign prints it. */
  keyId: string;
}

/**
 * Checks a `.minisig` against the message and the signer's public key.
 * Accepts prehashed ("ED") and legacy ("Ed") signatures, as minisign does.
 */
export function verifyMinisign(message: Uint8Array, sigFile: string | Uint8Array, publicKey: string | MinisignPublicKey): VerifiedSignature {
  const key = typeof publicKey === 'string' ? parseMinisignPublicKey(publicKey) : publicKey;
  const sig = parseSignature(sigFile);
  if (sig.algorithm !== ALG_PREHASHED && sig.algorithm !== ALG_LEGACY) {
    throw failure('unsupported-algorithm', `This signature uses an algorithm minisign does not define ("${sig.algorithm}"); only Ed25519 signatures ("ED", "Ed") are accepted.`);
  }
  const signedBy = minisignKeyId(sig.keyId);
  const expected = minisignKeyId(key.keyId);
  if (!sig.keyId.equals(key.keyId)) {
    throw failure('key-id-mismatch', `This file was signed by a different key: key id ${signedBy}, expected ${expected}. Check that you have the public key of the office that sent it.`);
  }
  const keyObject = publicKeyObject(key.publicKey);
  const signed = sig.algorithm === ALG_PREHASHED ? blake2b512(message) : message;
  if (!verify(null, signed, keyObject, sig.signature)) {
    throw failure('bad-signature', `The signature does not match this file: the file was altered after it was signed (or is not the file that was signed). Do not trust it.`);
  }
  if (!verify(null, Buffer.concat([sig.signature, sig.trustedComment]), keyObject, sig.globalSignature)) {
    throw failure('bad-global-signature', 'The trusted comment of this signature was altered after signing. Do not trust this signature file.');
  }
  return { trustedComment: sig.trustedComment.toString('utf8'), keyId: signedBy };
}
