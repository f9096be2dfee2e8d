import { HomewardError } from '../domain/errors';

/**
 * Bech32 (BIP-173; not the bech32m variant) — the text form of age keys.
 * age keeps BIP-173's checksum and case rules but lifts its 90-character
 * limit, so the limit is a parameter here: BIP-173 callers keep the default,
 * age passes `maxLength: Infinity`.
 */

export const BIP173_MAX_LENGTH = 90;

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const CHECKSUM_LENGTH = 6;

export type Bech32Problem =
  | 'too-long'
  | 'mixed-case'
  | 'no-separator'
  | 'empty-prefix'
  | 'prefix-character'
  | 'data-character'
  | 'too-short'
  | 'checksum'
  | 'padding';

export interface Bech32Decoded {
  /** Human-readable part, lowercase. */
  hrp: string;
  data: Buffer;
}

function problem(reason: Bech32Problem, message: string): HomewardError {
  return new HomewardError('VALIDATION_FAILED', message, { reason });
}

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ GENERATOR[i]!) >>> 0;
  }
  return chk;
}

function hrpExpand(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)];
}

function checksum(hrp: string, words: readonly number[]): number[] {
  const mod = polymod([...hrpExpand(hrp), ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  return Array.from({ length: CHECKSUM_LENGTH }, (_, p) => (mod >>> (5 * (5 - p))) & 31);
}

/** Regroups bits; `pad` on the way out (8→5), strict zero padding on the way back (5→8). */
function convertBits(data: ArrayLike<number>, from: number, to: number, pad: boolean): number[] | null {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const max = (1 << to) - 1;
  for (let i = 0; i < data.length; i++) {
    acc = ((acc << from) | data[i]!) & 0xffffff;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >> bits) & max);
    }
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & max);
  } else if (bits >= from || ((acc << (to - bits)) & max) !== 0) {
    return null;
  }
  return out;
}

function checkHrp(hrp: string): void {
  if (hrp.length === 0) throw problem('empty-prefix', 'The text has nothing before its separator "1".');
  for (const c of hrp) {
    const code = c.charCodeAt(0);
    if (code < 33 || code > 126) throw problem('prefix-character', `The prefix contains a character that is not allowed (code ${code}).`);
  }
}

/** Encodes in the case of `hrp`: age writes recipients lowercase and identities uppercase. */
export function bech32Encode(hrp: string, data: Uint8Array, options: { maxLength?: number } = {}): string {
  const upper = hrp === hrp.toUpperCase() && hrp !== hrp.toLowerCase();
  if (!upper && hrp !== hrp.toLowerCase()) throw problem('mixed-case', `The prefix "${hrp}" mixes upper and lower case.`);
  checkHrp(hrp);
  const lowerHrp = hrp.toLowerCase();
  const words = convertBits(data, 8, 5, true)!;
  const text = `${lowerHrp}1${[...words, ...checksum(lowerHrp, words)].map((w) => CHARSET[w]).join('')}`;
  const maxLength = options.maxLength ?? BIP173_MAX_LENGTH;
  if (text.length > maxLength) throw problem('too-long', `The encoded text would be ${text.length} characters, over the limit of ${maxLength}.`);
  return upper ? text.toUpperCase() : text;
}

export function bech32Decode(text: string, options: { maxLength?: number } = {}): Bech32Decoded {
  const maxLength = options.maxLength ?? BIP173_MAX_LENGTH;
  if (text.length > maxLength) throw problem('too-long', `The text is ${text.length} characters long, over the limit of ${maxLength}.`);
  const lower = text.toLowerCase();
  if (text !== lower && text !== text.toUpperCase()) throw problem('mixed-case', 'The text mixes upper and lower case; it must be all one case.');
  const separator = lower.lastIndexOf('1');
  if (separator === -1) throw problem('no-separator', 'The text has no separator "1".');
  const hrp = lower.slice(0, separator);
  checkHrp(hrp);
  const dataPart = lower.slice(separator + 1);
  if (dataPart.length < CHECKSUM_LENGTH) throw problem('too-short', 'The text is too short to carry a checksum.');
  const words: number[] = [];
  for (const c of dataPart) {
    const w = CHARSET.indexOf(c);
    if (w === -1) throw problem('data-character', `The character "${c}" cannot appear in this text (bech32 never uses 1, b, i or o after the separator).`);
    words.push(w);
  }
  if (polymod([...hrpExpand(hrp), ...words]) !== 1) {
    throw problem('checksum', 'The checksum does not match: a character was mistyped, swapped or lost.');
  }
  const bytes = convertBits(words.slice(0, -CHECKSUM_LENGTH), 5, 8, false);
  if (!bytes) throw problem('padding', 'The text does not encode whole bytes (invalid padding).');
  return { hrp, data: Buffer.from(bytes) };
}
