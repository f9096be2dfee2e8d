/**
 * Turning the bytes of an uploaded list into text.
 *
 * Rescue lists come from police, militias and shelters on whatever computer
 * was at hand: Excel on Thai Windows saves CSV as Windows-874, Excel on Chinese
 * Windows as GBK/GB18030, "Unicode text" exports are UTF-16 with a BOM, and
 * everything newer is UTF-8 with or without a BOM. Nothing in a CSV says which
 * it is, so we guess from the bytes, say how sure we are, and let the
 * coordinator override the guess in the preview. A wrong guess must never
 * silently turn names into mojibake: decoding is strict and refuses with a
 * sentence that tells the coordinator which encoding to pick instead.
 */
import { HomewardError } from '../../domain/errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-874' | 'gb18030';

export const TEXT_ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-874', 'gb18030'];

/** What the preview shows in the encoding picker. */
export const ENCODING_LABELS: Readonly<Record<TextEncodingName, string>> = {
  'utf-8': 'UTF-8 (Unicode)',
  'utf-16le': 'UTF-16 LE (Excel "Unicode text")',
  'utf-16be': 'UTF-16 BE',
  'windows-874': 'Windows-874 (Thai Excel)',
  gb18030: 'GB18030 / GBK (Chinese Excel)',
};

export interface EncodingGuess {
  encoding: TextEncodingName;
  /** 0..1: 1 for a BOM or pure ASCII, lower when two legacy encodings competed. */
  confidence: number;
  bom: boolean;
}

/** How many bytes the guess looks at: enough for a few hundred rows, fast on a 10,000-row file. */
const SAMPLE_BYTES = 64 * 1024;

export function detectEncoding(bytes: Uint8Array): EncodingGuess {
  // 1. A byte-order mark is the file telling us; believe it.
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', confidence: 1, bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', confidence: 1, bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', confidence: 1, bom: true };

  const sample = bytes.subarray(0, SAMPLE_BYTES);

  // 2. UTF-16 without a BOM: the ASCII parts of a CSV (commas, digits, Latin
  // names, line breaks) have a NUL as one byte of every code unit. Legacy
  // 8-bit encodings and UTF-8 never contain NUL in text.
  const utf16 = guessUtf16ByNuls(sample);
  if (utf16) return utf16;

  // 3. Strictly valid UTF-8 is almost never an accident for non-ASCII text:
  // Thai or GBK bytes practically never form valid multi-byte sequences.
  if (isValidUtf8(sample, sample.length < bytes.length)) {
    return { encoding: 'utf-8', confidence: isAscii(sample) ? 1 : 0.99, bom: false };
  }

  // 4. A legacy code page: decode both ways and score which reads like text.
  const thai = scoreThai(decodeLoose(sample, 'windows-874'));
  const chinese = scoreChinese(decodeLoose(sample, 'gb18030'));
  const best = thai > chinese ? 'windows-874' : 'gb18030';
  const top = Math.max(thai, chinese);
  const margin = Math.abs(thai - chinese);
  const confidence = top <= 0 ? 0.1 : round2(Math.min(0.95, Math.max(0.1, top * Math.min(1, margin * 2))));
  return { encoding: best, confidence, bom: false };
}

/**
 * The file as text, without its BOM. `encoding` is the coordinator's choice in
 * the preview and always wins over the guess. Throws FILE_UNREADABLE when the
 * bytes are not valid in the encoding, naming the encodings worth trying.
 */
export function decodeText(bytes: Uint8Array, encoding?: TextEncodingName): string {
  const chosen = encoding ?? detectEncoding(bytes).encoding;
  const body = stripBom(bytes, chosen);
  if ((chosen === 'utf-16le' || chosen === 'utf-16be') && body.length % 2 !== 0) {
    throw unreadable(chosen, 'it has an odd number of bytes, so it cannot be UTF-16');
  }
  let text: string;
  try {
    text = new TextDecoder(chosen, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw unreadable(chosen, 'some bytes are not valid in that encoding');
  }
  // ICU's Windows-874 does not fail on the code page's unassigned bytes: it
  // maps them to private-use or C1 control characters. Text never contains
  // those, so they mean the file is in another encoding.
  if (chosen === 'windows-874' && /[\u0080-\u009f\uf700-\uf8ff]/.test(text)) {
    throw unreadable(chosen, 'it contains bytes that Thai text never uses');
  }
  return text;
}

function unreadable(encoding: TextEncodingName, why: string): HomewardError {
  const others = TEXT_ENCODINGS.filter((e) => e !== encoding).map((e) => ENCODING_LABELS[e]);
  return new HomewardError(
    'FILE_UNREADABLE',
    `This file cannot be read as ${ENCODING_LABELS[encoding]}: ${why}. ` +
      `Choose another encoding in the preview (${others.join(', ')}), ` +
      'or open the file in Excel and save it as "CSV UTF-8".',
    { encoding },
  );
}

function stripBom(bytes: Uint8Array, encoding: TextEncodingName): Uint8Array {
  if (encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3);
  if (encoding === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2);
  if (encoding === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2);
  return bytes;
}

function guessUtf16ByNuls(sample: Uint8Array): EncodingGuess | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  // Even a file of Thai or Chinese names has delimiters and line breaks in
  // ASCII, so a fifth of the code units with a NUL on one side is plenty.
  if (oddNul >= pairs * 0.2 && evenNul <= pairs * 0.02) return { encoding: 'utf-16le', confidence: 0.9, bom: false };
  if (evenNul >= pairs * 0.2 && oddNul <= pairs * 0.02) return { encoding: 'utf-16be', confidence: 0.9, bom: false };
  return null;
}

function isAscii(sample: Uint8Array): boolean {
  for (const b of sample) if (b >= 0x80) return false;
  return true;
}

/** Strict UTF-8 check; when the sample was cut, a sequence cut at its end is forgiven. */
function isValidUtf8(sample: Uint8Array, truncated: boolean): boolean {
  let end = sample.length;
  if (truncated) {
    // Step back over at most 3 continuation bytes and their lead byte.
    let i = end - 1;
    while (i >= 0 && end - i <= 4 && ((sample[i] ?? 0) & 0xc0) === 0x80) i--;
    if (i >= 0 && (sample[i] ?? 0) >= 0xc0) end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

function decodeLoose(sample: Uint8Array, encoding: 'windows-874' | 'gb18030'): string {
  // A sample cut mid-character costs one replacement character; harmless for scoring.
  return new TextDecoder(encoding).decode(sample);
}

const isThaiConsonant = (c: number) => c >= 0x0e01 && c <= 0x0e2e;
/** Vowel and tone marks written above or below a consonant: they cannot start a syllable. */
const isThaiMark = (c: number) => c === 0x0e31 || (c >= 0x0e34 && c <= 0x0e3a) || (c >= 0x0e47 && c <= 0x0e4e);
/** Vowels written after a consonant (ะ า ำ) and the repetition mark ๆ. */
const isThaiFollower = (c: number) => c === 0x0e30 || c === 0x0e32 || c === 0x0e33 || c === 0x0e45 || c === 0x0e46;
/** Vowels written before the consonant they are pronounced after (เ แ โ ใ ไ). */
const isThaiLeader = (c: number) => c >= 0x0e40 && c <= 0x0e44;
const isThaiDigit = (c: number) => c >= 0x0e50 && c <= 0x0e59;
const isThai = (c: number) => c >= 0x0e01 && c <= 0x0e5b;

/**
 * How much the text reads like Thai, -∞..1. Chinese bytes misread as
 * Windows-874 give Thai characters too, but not Thai spelling: marks floating
 * on nothing, a leading vowel before a non-consonant, Thai digits glued to
 * letters, the rare signs ฿ ๏ ๚ ๛, unassigned bytes. Each such slip costs more
 * than a well-placed letter earns.
 */
function scoreThai(text: string): number {
  let nonAscii = 0;
  let good = 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (isThaiMark(c) || isThaiFollower(c)) {
      if (isThaiConsonant(prev) || isThaiMark(prev) || (isThaiFollower(c) && isThaiFollower(prev))) good++;
      else bad += 2;
    } else if (isThaiLeader(c)) {
      if (isThaiConsonant(next) && !isThaiLeader(prev)) good++;
      else bad += 2;
    } else if (isThaiDigit(c)) {
      if (isThai(prev) && !isThaiDigit(prev)) bad += 2;
      else if (isThai(next) && !isThaiDigit(next)) bad += 2;
    } else if (isThaiConsonant(c)) good++;
    else if (c === 0x0e3f || c === 0x0e4f || c === 0x0e5a || c === 0x0e5b) bad += 2;
    else if (c === 0xfffd || (c >= 0x80 && c <= 0x9f) || (c >= 0xf700 && c <= 0xf8ff)) bad += 3;
    else bad++;
  }
  return nonAscii === 0 ? 0 : (good - bad) / nonAscii;
}

const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
/** CJK and full-width punctuation that Chinese spreadsheets really contain. */
const isCjkPunct = (c: number) => (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || c === 0x00b7;

/**
 * How much the text reads like Chinese, -∞..1. Thai bytes misread as GB18030
 * pair up into ideographs too, but odd runs leave replacement characters and
 * common Thai lead bytes (0xA1–0xAF) land on kana, Greek, Cyrillic, box
 * drawing or private-use characters, which a Chinese list does not contain.
 */
function scoreChinese(text: string): number {
  let nonAscii = 0;
  let good = 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (isHan(c) || isCjkPunct(c)) good++;
    else if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff)) bad += 3;
    else bad++;
  }
  return nonAscii === 0 ? 0 : (good - bad) / nonAscii;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
