import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  randomBytes,
  scryptSync,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { HomewardError } from '../domain/errors';
import { bech32Decode, bech32Encode } from './bech32';

/**
 * The age v1 file format (https://age-encryption.org/v1), written with
 * node:crypto alone so that a receiving authority opens a Homeward export
 * with the stock `age` command and nothing else.
 *
 * File = text header (one stanza per recipient, each wrapping the same random
 * 16-byte file key; then an HMAC over the header) + 16-byte nonce + payload
 * in 64 KiB ChaCha20-Poly1305 chunks (STREAM).
 */

// ─── Keys ────────────────────────────────────────────────────────────────────

const RECIPIENT_HRP = 'age';
const IDENTITY_HRP = 'age-secret-key-';
// age lifted BIP-173's 90-character limit (plugin and post-quantum keys are longer).
const AGE_BECH32 = { maxLength: Infinity };
const EXAMPLE_RECIPIENT = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';

// DER wrappers that let node:crypto take raw 32-byte X25519 keys.
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export interface AgeKeyPair {
  /** `AGE-SECRET-KEY-1…`: opens files; stays inside the encrypted database. */
  identity: string;
  /** `age1…`: the public key senders encrypt to. */
  recipient: string;
}

export interface AgeRecipient {
  /** Canonical (lowercase) `age1…` text. */
  recipient: string;
  publicKey: Buffer;
}

function x25519Private(secret: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, secret]), format: 'der', type: 'pkcs8' });
}

function x25519Public(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

function publicKeyOf(secret: Uint8Array): Buffer {
  return createPublicKey(x25519Private(secret)).export({ format: 'der', type: 'spki' }).subarray(X25519_SPKI_PREFIX.length);
}

function encodeRecipient(publicKey: Uint8Array): string {
  return bech32Encode(RECIPIENT_HRP, publicKey, AGE_BECH32);
}

export function generateAgeIdentity(): AgeKeyPair {
  // age draws the scalar as 32 random bytes and clamps it when used; so does OpenSSL.
  const secret = randomBytes(32);
  return { identity: bech32Encode(IDENTITY_HRP.toUpperCase(), secret, AGE_BECH32), recipient: encodeRecipient(publicKeyOf(secret)) };
}

function keyProblem(reason: string, message: string): HomewardError {
  return new HomewardError('VALIDATION_FAILED', message, { reason });
}

/** Why a bech32 text failed, in words a coordinator can act on. */
function bech32Complaint(e: unknown): { reason: string; what: string } {
  const reason = e instanceof HomewardError ? (e.details as { reason?: string } | undefined)?.reason : undefined;
  switch (reason) {
    case 'checksum':
      return { reason: 'checksum', what: 'its checksum does not match, so a character was mistyped, swapped or lost' };
    case 'mixed-case':
      return { reason: 'mixed-case', what: 'it mixes upper- and lowercase letters' };
    case 'data-character':
    case 'prefix-character':
      return { reason: 'characters', what: 'it contains characters that never appear in age keys (such as b, i, o, 1 after the start, spaces or punctuation)' };
    default:
      return { reason: 'not-age-key', what: 'it is not in the age key format' };
  }
}

/** Validates an age public key given by a receiver; returns it in canonical form. */
export function parseAgeRecipient(text: string): AgeRecipient {
  const key = text.trim();
  const invalid = (reason: string, what: string) =>
    keyProblem(
      reason,
      `That is not a valid age public key: ${what}. An age public key starts with "age1" and is 62 letters and digits long, ` +
        `for example ${EXAMPLE_RECIPIENT}. Ask the receiver to copy it again from the "Public key:" line that age-keygen printed.`,
    );
  if (key === '') throw invalid('empty', 'nothing was entered');
  if (/^age-secret-key-/i.test(key)) {
    throw keyProblem(
      'secret-key',
      'That is an age SECRET key (AGE-SECRET-KEY-…), not a public key. It must never be shared: ask the receiver to destroy it, ' +
        'make a new key pair, and send only the public key, which starts with "age1".',
    );
  }
  if (/^(ssh-|ecdsa-)/.test(key)) throw invalid('ssh-key', 'it is an SSH key, which Homeward does not encrypt to');
  if (/\s/.test(key)) throw invalid('whitespace', 'it contains spaces or line breaks');
  let decoded;
  try {
    decoded = bech32Decode(key, AGE_BECH32);
  } catch (e) {
    const { reason, what } = bech32Complaint(e);
    throw invalid(reason, what);
  }
  if (decoded.hrp !== RECIPIENT_HRP) throw invalid('not-age-key', `it starts with "${decoded.hrp}1" instead of "age1"`);
  if (decoded.data.length !== 32) throw invalid('length', `it holds ${decoded.data.length} bytes instead of 32, so part of it is missing or extra`);
  return { recipient: encodeRecipient(decoded.data), publicKey: decoded.data };
}

/** Decodes an `AGE-SECRET-KEY-1…`. Messages never quote the key: errors get logged. */
function parseAgeIdentity(text: string): { secret: Buffer; publicKey: Buffer } {
  const key = text.trim();
  const invalid = (reason: string, what: string) =>
    keyProblem(reason, `That is not a valid age secret key: ${what}. An age secret key starts with "AGE-SECRET-KEY-1" and is 74 characters long.`);
  if (/^age1/i.test(key)) throw invalid('public-key', 'it is a public key (age1…); opening a file needs the matching secret key');
  let decoded;
  try {
    decoded = bech32Decode(key, AGE_BECH32);
  } catch (e) {
    const { reason, what } = bech32Complaint(e);
    throw invalid(reason, what);
  }
  if (decoded.hrp !== IDENTITY_HRP) throw invalid('not-age-key', 'it does not start with "AGE-SECRET-KEY-1"');
  if (decoded.data.length !== 32) throw invalid('length', 'part of it is missing or extra');
  return { secret: decoded.data, publicKey: publicKeyOf(decoded.data) };
}

export function ageRecipientOf(identity: string): string {
  return encodeRecipient(parseAgeIdentity(identity).publicKey);
}

// ─── Header ──────────────────────────────────────────────────────────────────

const INTRO = 'age-encryption.org/v1\n';
const INTRO_FAMILY = 'age-encryption.org/';
const FILE_KEY_BYTES = 16;
const WRAPPED_KEY_BYTES = FILE_KEY_BYTES + 16;
const BODY_COLUMNS = 64;
const BODY_LINE_BYTES = 48;
// Every stanza costs key agreement before the header can be authenticated; bound a hostile file.
const MAX_STANZAS = 256;
const X25519_LABEL = 'age-encryption.org/v1/X25519';
const SCRYPT_LABEL = 'age-encryption.org/v1/scrypt';
const ZERO_NONCE = Buffer.alloc(12);

interface Stanza {
  args: string[];
  body: Buffer;
}

interface Header {
  stanzas: Stanza[];
  mac: Buffer;
  /** The header up to and including "---": what the MAC covers. */
  macInput: Buffer;
  payloadStart: number;
}

export type AgeFailure =
  | 'not-age'
  | 'unsupported-version'
  | 'armor-malformed'
  | 'header-malformed'
  | 'truncated'
  | 'no-matching-key'
  | 'wrong-passphrase'
  | 'work-factor-too-high'
  | 'header-mac'
  | 'payload-corrupt'
  | 'empty-last-chunk';

const ASK_AGAIN = 'Do not trust this copy; ask the sender for a new one.';

function failure(reason: AgeFailure, message: string): HomewardError {
  return new HomewardError(reason === 'wrong-passphrase' ? 'WRONG_PASSPHRASE' : 'FILE_UNREADABLE', message, { reason });
}

function headerMalformed(what: string): HomewardError {
  return failure('header-malformed', `The header of this age file is damaged: ${what}. ${ASK_AGAIN}`);
}

function truncated(where: string): HomewardError {
  return failure('truncated', `This age file is incomplete: it ends ${where}. The copy was cut short; copy it again from the original.`);
}

const rawBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

/** age's base64: no padding, and only the one canonical spelling of each value. */
function decodeRawBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64');
  return rawBase64(bytes) === text ? bytes : null;
}

function encodeStanza({ args, body }: Stanza): string {
  const b64 = rawBase64(body);
  let text = `-> ${args.join(' ')}\n`;
  // The body always ends with a line shorter than 64 columns, empty if need be.
  for (let i = 0; i <= b64.length; i += BODY_COLUMNS) text += `${b64.slice(i, i + BODY_COLUMNS)}\n`;
  return text;
}

function parseHeader(file: Buffer): Header {
  let pos = INTRO.length;
  const nextLine = (): { start: number; text: string } => {
    const end = file.indexOf(0x0a, pos);
    if (end === -1) throw truncated('inside its header');
    const line = { start: pos, text: file.toString('latin1', pos, end) };
    pos = end + 1;
    return line;
  };
  const stanzas: Stanza[] = [];
  for (;;) {
    const { start, text } = nextLine();
    if (text.startsWith('---')) {
      const mac = text.startsWith('--- ') ? decodeRawBase64(text.slice(4)) : null;
      if (!mac || mac.length !== 32) throw headerMalformed('its closing "---" line is malformed');
      if (stanzas.length === 0) throw headerMalformed('it has no recipient stanzas');
      return { stanzas, mac, macInput: file.subarray(0, start + 3), payloadStart: pos };
    }
    if (!text.startsWith('-> ')) throw headerMalformed('it has a line that is neither a stanza nor the closing line');
    const args = text.slice(3).split(' ');
    if (!args.every((a) => /^[\x21-\x7e]+$/.test(a))) throw headerMalformed('a stanza line has empty or non-ASCII arguments');
    if (stanzas.length === MAX_STANZAS) throw headerMalformed(`it has more than ${MAX_STANZAS} stanzas`);
    const body: Buffer[] = [];
    for (;;) {
      const line = decodeRawBase64(nextLine().text);
      if (!line || line.length > BODY_LINE_BYTES) throw headerMalformed('a stanza body line is not valid base64 or does not end with a short line');
      body.push(line);
      if (line.length < BODY_LINE_BYTES) break;
    }
    stanzas.push({ args, body: Buffer.concat(body) });
  }
}

function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
}

function headerMac(fileKey: Buffer, macInput: Buffer): Buffer {
  return createHmac('sha256', hkdf(fileKey, Buffer.alloc(0), 'header')).update(macInput).digest();
}

function seal(key: Buffer, nonce: Buffer, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** null when the tag does not authenticate. */
function open(key: Buffer, nonce: Buffer, sealed: Uint8Array): Buffer | null {
  if (sealed.length < 16) return null;
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const plaintext = decipher.update(sealed.subarray(0, sealed.length - 16));
  try {
    decipher.final();
  } catch {
    return null;
  }
  return plaintext;
}

// ─── Recipient stanzas ──────────────────────────────────────────────────────

export const AGE_DEFAULT_SCRYPT_LOG_N = 18;
/**
 * age accepts up to 2^22 (4 GiB with r = 8); a border-site laptop cannot
 * spare that, and age itself writes 2^18, so refuse beyond 2^20 unless asked.
 */
export const AGE_MAX_SCRYPT_LOG_N = 20;
const MAX_ACCEPTED_LOG_N = 22;

function scryptKey(passphrase: string, salt: Buffer, logN: number): Buffer {
  const N = 2 ** logN;
  // age hashes the passphrase bytes as typed, without Unicode normalization.
  return scryptSync(Buffer.from(passphrase, 'utf8'), Buffer.concat([Buffer.from(SCRYPT_LABEL), salt]), 32, {
    N,
    r: 8,
    p: 1,
    maxmem: 2 * 128 * 8 * N,
  });
}

/** null for a low-order point: its shared secret is all zeros, which anyone could compute. */
function x25519Shared(secret: Uint8Array, publicKey: Uint8Array): Buffer | null {
  try {
    const shared = diffieHellman({ privateKey: x25519Private(secret), publicKey: x25519Public(publicKey) });
    return shared.every((b) => b === 0) ? null : shared;
  } catch {
    return null; // OpenSSL refuses the all-zero result itself
  }
}

function wrapX25519(fileKey: Buffer, recipient: AgeRecipient): Stanza {
  const ephemeral = randomBytes(32);
  const share = publicKeyOf(ephemeral);
  const shared = x25519Shared(ephemeral, recipient.publicKey);
  if (!shared) {
    throw keyProblem('unusable-key', `The age public key ${recipient.recipient} is not a usable key (it is a degenerate point). Ask the receiver for the key age-keygen printed.`);
  }
  const wrapKey = hkdf(shared, Buffer.concat([share, recipient.publicKey]), X25519_LABEL);
  return { args: ['X25519', rawBase64(share)], body: seal(wrapKey, ZERO_NONCE, fileKey) };
}

function wrapScrypt(fileKey: Buffer, passphrase: string, logN: number): Stanza {
  const salt = randomBytes(16);
  return { args: ['scrypt', rawBase64(salt), String(logN)], body: seal(scryptKey(passphrase, salt, logN), ZERO_NONCE, fileKey) };
}

function unwrapX25519(stanza: Stanza, identity: { secret: Buffer; publicKey: Buffer }): Buffer | null {
  const share = decodeRawBase64(stanza.args[1]!)!;
  const shared = x25519Shared(identity.secret, share);
  if (!shared) throw headerMalformed('an X25519 stanza carries an invalid public key');
  return open(hkdf(shared, Buffer.concat([share, identity.publicKey]), X25519_LABEL), ZERO_NONCE, stanza.body);
}

function checkKnownStanzas(stanzas: Stanza[]): void {
  for (const s of stanzas) {
    if (s.args[0] === 'X25519') {
      const share = s.args.length === 2 ? decodeRawBase64(s.args[1]!) : null;
      if (share?.length !== 32 || s.body.length !== WRAPPED_KEY_BYTES) throw headerMalformed('an X25519 stanza is malformed');
    } else if (s.args[0] === 'scrypt') {
      const salt = s.args.length === 3 ? decodeRawBase64(s.args[1]!) : null;
      if (salt?.length !== 16 || !/^[1-9][0-9]?$/.test(s.args[2]!) || s.body.length !== WRAPPED_KEY_BYTES) {
        throw headerMalformed('its passphrase (scrypt) stanza is malformed');
      }
      if (stanzas.length !== 1) throw headerMalformed('a passphrase (scrypt) stanza must be the only stanza, and it is not');
    }
  }
}

// ─── Payload (STREAM) ────────────────────────────────────────────────────────

const CHUNK = 64 * 1024;
const TAG = 16;
const SEALED_CHUNK = CHUNK + TAG;
const PAYLOAD_NONCE_BYTES = 16;

/** 11-byte big-endian chunk counter, then 1 on the last chunk. */
function chunkNonce(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeUIntBE(index, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function sealedPayloadLength(plaintextLength: number): number {
  return plaintextLength + TAG * Math.max(1, Math.ceil(plaintextLength / CHUNK));
}

/** Seals straight into `out` at `offset`: one pass, no growing buffers. */
function sealPayload(key: Buffer, plaintext: Uint8Array, out: Buffer, offset: number): void {
  const chunks = Math.max(1, Math.ceil(plaintext.length / CHUNK));
  for (let i = 0; i < chunks; i++) {
    const cipher = createCipheriv('chacha20-poly1305', key, chunkNonce(i, i === chunks - 1), { authTagLength: TAG });
    offset += cipher.update(plaintext.subarray(i * CHUNK, (i + 1) * CHUNK)).copy(out, offset);
    cipher.final();
    offset += cipher.getAuthTag().copy(out, offset);
  }
}

function openPayload(key: Buffer, sealed: Buffer): Buffer {
  if (sealed.length === 0) throw truncated('right after its header, before any content');
  const chunks = Math.ceil(sealed.length / SEALED_CHUNK);
  const lastLength = sealed.length - (chunks - 1) * SEALED_CHUNK;
  if (lastLength < TAG) throw truncated('in the middle of its last chunk');
  const out = Buffer.allocUnsafe(sealed.length - chunks * TAG);
  let written = 0;
  for (let i = 0; i < chunks; i++) {
    const chunk = sealed.subarray(i * SEALED_CHUNK, (i + 1) * SEALED_CHUNK);
    const last = i === chunks - 1;
    const plaintext = open(key, chunkNonce(i, last), chunk);
    if (!plaintext) {
      // A full chunk that is not marked last means the chunks after it are missing.
      if (last && chunk.length === SEALED_CHUNK && open(key, chunkNonce(i, false), chunk)) throw truncated('after a complete chunk, with the rest missing');
      throw failure(
        'payload-corrupt',
        `The encrypted content of this age file is damaged, altered or cut short (chunk ${i + 1} of ${chunks} fails its integrity check). ${ASK_AGAIN}`,
      );
    }
    if (last && i > 0 && plaintext.length === 0) {
      throw failure('empty-last-chunk', `This age file ends with an empty chunk, which the age format forbids: it was altered or made by faulty software. ${ASK_AGAIN}`);
    }
    written += plaintext.copy(out, written);
  }
  return out;
}

// ─── ASCII armor ─────────────────────────────────────────────────────────────

const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const ARMOR_END = '-----END AGE ENCRYPTED FILE-----';

/** The `age -a` text form: PEM with 64-column strict base64, for pasting into e-mail. */
export function ageArmor(file: Uint8Array): string {
  const b64 = Buffer.from(file).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += BODY_COLUMNS) lines.push(b64.slice(i, i + BODY_COLUMNS));
  return `${ARMOR_BEGIN}\n${lines.join('\n')}\n${ARMOR_END}\n`;
}

function startsArmored(file: Buffer): boolean {
  const head = file.toString('latin1', 0, Math.min(file.length, 1024)).trimStart();
  return head.startsWith(ARMOR_BEGIN);
}

function dearmor(file: Buffer): Buffer {
  const damaged = (what: string) =>
    failure('armor-malformed', `This text-armored age file is damaged: ${what}. Copy it again in full, from the BEGIN line to the END line.`);
  const lines = file.toString('latin1').trimStart().split('\n').map((l) => l.replace(/[ \t\r]+$/, ''));
  if (lines[0] !== ARMOR_BEGIN) throw damaged('its BEGIN line has extra text');
  const end = lines.indexOf(ARMOR_END);
  if (end === -1) throw truncated('before its "-----END AGE ENCRYPTED FILE-----" line');
  if (lines.slice(end + 1).some((l) => l.trim() !== '')) throw damaged('there is text after its END line');
  const body = lines.slice(1, end);
  if (body.length === 0) throw damaged('it holds no data');
  body.forEach((line, i) => {
    const full = line.length === BODY_COLUMNS;
    if (!/^[A-Za-z0-9+/=]+$/.test(line) || line.length > BODY_COLUMNS || (!full && i !== body.length - 1)) {
      throw damaged(`line ${i + 2} is not a 64-column base64 line`);
    }
  });
  const b64 = body.join('');
  const bytes = Buffer.from(b64, 'base64');
  if (b64.length % 4 !== 0 || bytes.toString('base64') !== b64) throw damaged('its base64 is not canonical');
  return bytes;
}

// ─── Encrypt / decrypt ───────────────────────────────────────────────────────

export type AgeRecipientSpec = { kind: 'x25519'; recipient: string } | { kind: 'passphrase'; passphrase: string; logN?: number };
export type AgeIdentitySpec = { kind: 'x25519'; identity: string } | { kind: 'passphrase'; passphrase: string; maxLogN?: number };

function checkRecipients(recipients: readonly AgeRecipientSpec[]): void {
  if (recipients.length === 0) throw keyProblem('no-recipients', 'Choose at least one receiver key or a passphrase to encrypt to.');
  const passphrase = recipients.find((r) => r.kind === 'passphrase');
  if (!passphrase) return;
  if (recipients.length > 1) {
    throw keyProblem('passphrase-not-alone', 'A passphrase cannot be combined with other receivers in one age file: encrypt to the passphrase alone, or to keys only.');
  }
  if (passphrase.passphrase === '') throw keyProblem('empty-passphrase', 'The passphrase is empty: enter the passphrase the receiver will type to open the file.');
  const logN = passphrase.logN ?? AGE_DEFAULT_SCRYPT_LOG_N;
  if (!Number.isInteger(logN) || logN < 1 || logN > MAX_ACCEPTED_LOG_N) {
    throw keyProblem('work-factor', `The scrypt work factor must be a whole number from 1 to ${MAX_ACCEPTED_LOG_N}; age uses ${AGE_DEFAULT_SCRYPT_LOG_N}.`);
  }
}

/** Encrypts to age keys (any number) or to one passphrase; returns the binary age file. */
export function ageEncrypt(plaintext: Uint8Array, recipients: readonly AgeRecipientSpec[]): Buffer {
  checkRecipients(recipients);
  const fileKey = randomBytes(FILE_KEY_BYTES);
  const stanzas = recipients.map((r) =>
    r.kind === 'x25519' ? wrapX25519(fileKey, parseAgeRecipient(r.recipient)) : wrapScrypt(fileKey, r.passphrase, r.logN ?? AGE_DEFAULT_SCRYPT_LOG_N),
  );
  const macInput = Buffer.from(`${INTRO}${stanzas.map(encodeStanza).join('')}---`, 'latin1');
  const header = Buffer.concat([macInput, Buffer.from(` ${rawBase64(headerMac(fileKey, macInput))}\n`, 'latin1')]);
  const nonce = randomBytes(PAYLOAD_NONCE_BYTES);
  const out = Buffer.allocUnsafe(header.length + PAYLOAD_NONCE_BYTES + sealedPayloadLength(plaintext.length));
  header.copy(out, 0);
  nonce.copy(out, header.length);
  sealPayload(hkdf(fileKey, nonce, 'payload'), plaintext, out, header.length + PAYLOAD_NONCE_BYTES);
  return out;
}

function checkIntro(file: Buffer): void {
  const start = file.toString('latin1', 0, Math.min(file.length, INTRO.length));
  if (start === INTRO) return;
  if (INTRO.startsWith(start)) throw truncated('before the end of its first line');
  if (start.startsWith(INTRO_FAMILY)) {
    const version = file.toString('latin1', INTRO_FAMILY.length, Math.min(file.length, 64)).split('\n')[0];
    throw failure('unsupported-version', `This age file uses format version "${version}", which Homeward cannot read; only age v1 files are supported.`);
  }
  throw failure(
    'not-age',
    'This is not an age-encrypted file: it does not start with "age-encryption.org/v1". Check that you chose the .age file that Homeward or age produced.',
  );
}

function unwrapFileKey(stanzas: Stanza[], identities: readonly AgeIdentitySpec[]): Buffer {
  const scrypt = stanzas.find((s) => s.args[0] === 'scrypt');
  const passphrases = identities.filter((i): i is Extract<AgeIdentitySpec, { kind: 'passphrase' }> => i.kind === 'passphrase');
  if (scrypt) {
    if (passphrases.length === 0) {
      throw failure('no-matching-key', 'This file is protected by a passphrase, not encrypted to a key: open it with its passphrase.');
    }
    const salt = decodeRawBase64(scrypt.args[1]!)!;
    const logN = Number(scrypt.args[2]);
    for (const { passphrase, maxLogN: asked = AGE_MAX_SCRYPT_LOG_N } of passphrases) {
      const maxLogN = Math.min(asked, MAX_ACCEPTED_LOG_N);
      if (logN > maxLogN) {
        throw failure(
          'work-factor-too-high',
          `This file's passphrase protection asks for scrypt work factor 2^${logN}, above the 2^${maxLogN} Homeward accepts: opening it would take too much memory and time. ` +
            'If the sender is known, ask them to encrypt it again with age\'s default setting.',
        );
      }
      const fileKey = open(scryptKey(passphrase, salt, logN), ZERO_NONCE, scrypt.body);
      if (fileKey) return fileKey;
    }
    throw failure('wrong-passphrase', 'The passphrase is wrong: it does not open this file. Check for typing mistakes, letter case and keyboard layout, then try again.');
  }
  const keys = identities.flatMap((i) => (i.kind === 'x25519' ? [parseAgeIdentity(i.identity)] : []));
  for (const key of keys) {
    for (const stanza of stanzas) {
      const fileKey = stanza.args[0] === 'X25519' ? unwrapX25519(stanza, key) : null;
      if (fileKey) return fileKey;
    }
  }
  throw failure(
    'no-matching-key',
    keys.length === 0
      ? 'This file is encrypted to age keys, not to a passphrase: open it with the matching secret key (AGE-SECRET-KEY-1…).'
      : 'None of the keys given opens this file: it was encrypted to other age keys (or its header was altered). Check that you chose the secret key of the office it was sent to.',
  );
}

/** Opens a binary or text-armored age file with keys and/or passphrases. */
export function ageDecrypt(ciphertext: Uint8Array, identities: readonly AgeIdentitySpec[]): Buffer {
  let file = Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength);
  if (startsArmored(file)) file = dearmor(file);
  checkIntro(file);
  const header = parseHeader(file);
  checkKnownStanzas(header.stanzas);
  const fileKey = unwrapFileKey(header.stanzas, identities);
  if (!timingSafeEqual(headerMac(fileKey, header.macInput), header.mac)) {
    throw failure('header-mac', `The header of this age file was altered after it was encrypted: its MAC does not match. ${ASK_AGAIN}`);
  }
  const nonceEnd = header.payloadStart + PAYLOAD_NONCE_BYTES;
  if (file.length < nonceEnd) throw truncated('right after its header');
  return openPayload(hkdf(fileKey, file.subarray(header.payloadStart, nonceEnd), 'payload'), file.subarray(nonceEnd));
}
