/**
 * Turning the bytes of an uploaded list into text.
 *
 * Rescue lists come from police, militias and shelters on whatever computer
 * was at hand: Excel on Thai Windows saves CSV as Windows-874, Excel on Chinese
 * Windows as GBK/GB18030, "Unicode text" exports are UTF-16 with a BOM, and
 * everything newer is UTF-8 with or without a BOM. Nothing in a CSV says which
 * it is, so we guess from the bytes, say how sure we are, and let the
 * coordinator override the guess. A wrong guess must never silently turn
 * names into mojibake: decoding is strict, and a refusal lists the encodings
 * tried (EncodingRefusal) so the import wizard can offer the others.
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
  /** 0..1: 1 for a BOM or pure ASCII, lower when two legacy encodings competed, 0 when no candidate reads the file. */
  confidence: number;
  bom: boolean;
}

/** Why one encoding could not read the file; the wizard translates these. */
export type DecodeProblem = 'invalid-bytes' | 'odd-length' | 'unassigned-bytes';

export interface EncodingAttempt {
  encoding: TextEncodingName;
  problem: DecodeProblem;
}

/**
 * The details of a FILE_UNREADABLE refusal to read a list's text, so the
 * import wizard can show what was tried and offer the encodings to pick from.
 */
export interface EncodingRefusal {
  reason: 'encoding';
  /** the encoding the coordinator asked for; null when Homeward was guessing */
  chosen: TextEncodingName | null;
  /** every encoding tried, in order, and why it could not read the file */
  tried: EncodingAttempt[];
  /** encodings not tried that do decode every byte, likeliest first: worth picking, though not proven right */
  readable: TextEncodingName[];
}

export interface DecodedText {
  text: string;
  /** the encoding the text was read with */
  encoding: TextEncodingName;
  guess: EncodingGuess;
}

/** The code pages tried when neither a BOM nor NUL bytes say which encoding a file is in. */
const LEGACY: readonly ('windows-874' | 'gb18030')[] = ['windows-874', 'gb18030'];

type Attempt = { encoding: TextEncodingName; text: string; problem?: undefined } | { encoding: TextEncodingName; text?: undefined; problem: DecodeProblem };

/**
 * What the bytes say about their encoding, from the whole file: a list can
 * start with thousands of ASCII rows (Latin names, case numbers) and reach its
 * Thai or Chinese names only at the end, so a sample from the start is not
 * enough. Every candidate is decoded strictly; only one that reads every byte
 * can be the guess. About 70 ms for a 5 MB list with late Thai rows, about
 * 100 ms for 4 MB of Thai names (tests/unit/import-decode.test.ts).
 */
function inspect(bytes: Uint8Array): { guess: EncodingGuess; reading: Attempt | null; tried: Attempt[] } {
  // 1. A byte-order mark is the file telling us; believe it. A body that is not
  // valid in it is more likely damaged than in another encoding, so Homeward does
  // not guess past the mark: the coordinator chooses (see `readable`).
  const bom = bomOf(bytes);
  if (bom) {
    const reading = attempt(bytes, bom);
    return { guess: { encoding: bom, confidence: reading.problem ? 0 : 1, bom: true }, reading: reading.problem ? null : reading, tried: [reading] };
  }

  // 2. UTF-16 without a BOM: the ASCII parts of a CSV (commas, digits, Latin
  // names, line breaks) have a NUL as one byte of every code unit. Legacy
  // 8-bit encodings and UTF-8 never contain NUL in text. Any even number of
  // bytes decodes as UTF-16, so it is never tried without this evidence.
  const utf16 = guessUtf16ByNuls(bytes);
  if (utf16) {
    const reading = attempt(bytes, utf16.encoding);
    return { guess: reading.problem ? { ...utf16, confidence: 0 } : utf16, reading: reading.problem ? null : reading, tried: [reading] };
  }

  // 3. Strictly valid UTF-8 is almost never an accident for non-ASCII text:
  // Thai or GBK bytes practically never form valid multi-byte sequences.
  const utf8 = attempt(bytes, 'utf-8');
  if (!utf8.problem) return { guess: { encoding: 'utf-8', confidence: utf8.text.length === bytes.length ? 1 : 0.99, bom: false }, reading: utf8, tried: [utf8] };

  // 4. A legacy code page: of those that read every byte, the one whose text reads like its script.
  const legacy = LEGACY.map((e) => attempt(bytes, e));
  const valid = legacy.filter((a) => !a.problem);
  if (valid.length === 0) {
    // Nothing reads the file; the guess is only what the loose readings look most like.
    const thai = scoreThai(decodeLoose(bytes, 'windows-874'));
    const chinese = scoreChinese(decodeLoose(bytes, 'gb18030'));
    return { guess: { encoding: thai > chinese ? 'windows-874' : 'gb18030', confidence: 0, bom: false }, reading: null, tried: [utf8, ...legacy] };
  }
  const [thai, chinese] = legacy.map(scoreFor) as [number, number];
  const best = valid.length === 1 ? valid[0]! : thai > chinese ? legacy[0]! : legacy[1]!;
  const top = Math.max(thai, chinese);
  // A competitor that cannot read the file is no competition: the margin is the whole score.
  const margin = valid.length === 1 ? 1 : Math.abs(thai - chinese);
  const confidence = top <= 0 ? 0.1 : round2(Math.min(0.95, Math.max(0.1, top * Math.min(1, margin * 2))));
  return { guess: { encoding: best.encoding, confidence, bom: false }, reading: best, tried: [utf8, ...legacy] };
}

export function detectEncoding(bytes: Uint8Array): EncodingGuess {
  return inspect(bytes).guess;
}

/**
 * The file as text, without its BOM, and the encoding it was read with.
 * `encoding` is the coordinator's choice and always wins over the guess.
 * Decoding is strict: a character is never replaced. Throws FILE_UNREADABLE
 * with an EncodingRefusal when the chosen encoding, or every candidate when
 * guessing, cannot read every byte.
 */
export function readText(bytes: Uint8Array, encoding?: TextEncodingName): DecodedText {
  const { guess, reading, tried } = encoding ? inspectChosen(bytes, encoding) : inspect(bytes);
  if (reading?.text !== undefined) return { text: reading.text, encoding: reading.encoding, guess };
  throw unreadable(bytes, encoding ?? null, tried as EncodingAttempt[]);
}

/** The file as text, without its BOM (see readText). */
export function decodeText(bytes: Uint8Array, encoding?: TextEncodingName): string {
  return readText(bytes, encoding).text;
}

function inspectChosen(bytes: Uint8Array, encoding: TextEncodingName): { guess: EncodingGuess; reading: Attempt | null; tried: Attempt[] } {
  const reading = attempt(bytes, encoding);
  // The guess is still worth showing ("Homeward guessed …") next to the choice; it costs a second pass only then.
  return { guess: reading.problem ? { encoding, confidence: 0, bom: false } : inspect(bytes).guess, reading: reading.problem ? null : reading, tried: [reading] };
}

/** Decodes strictly, or says why it cannot. */
function attempt(bytes: Uint8Array, encoding: TextEncodingName): Attempt {
  const body = stripBom(bytes, encoding);
  if ((encoding === 'utf-16le' || encoding === 'utf-16be') && body.length % 2 !== 0) return { encoding, problem: 'odd-length' };
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return { encoding, problem: 'invalid-bytes' };
  }
  // ICU's Windows-874 does not fail on the code page's unassigned bytes: it
  // maps them to private-use or C1 control characters. Text never contains
  // those, so they mean the file is in another encoding.
  if (encoding === 'windows-874' && /[\u0080-\u009f\uf700-\uf8ff]/.test(text)) return { encoding, problem: 'unassigned-bytes' };
  return { encoding, text };
}

const WHY: Readonly<Record<DecodeProblem, string>> = {
  'invalid-bytes': 'some bytes are not valid in that encoding',
  'odd-length': 'it has an odd number of bytes, so it cannot be UTF-16',
  'unassigned-bytes': 'it contains bytes that Thai text never uses',
};

function unreadable(bytes: Uint8Array, chosen: TextEncodingName | null, tried: EncodingAttempt[]): HomewardError {
  const triedNames = new Set(tried.map((t) => t.encoding));
  // Encodings not tried that read every byte. UTF-16 only with its BOM or NUL
  // evidence (which would have made it the one tried): blind, it reads anything.
  const evidence = bomOf(bytes) ?? guessUtf16ByNuls(bytes)?.encoding;
  const others = TEXT_ENCODINGS.filter((e) => !triedNames.has(e) && (e === evidence || (e !== 'utf-16le' && e !== 'utf-16be')));
  const readable = others
    .map((e) => ({ e, a: attempt(bytes, e) }))
    // NUL bytes mean UTF-16 text, whatever else decodes them.
    .filter(({ a }) => a.text !== undefined && !a.text.includes('\0'))
    .sort((x, y) => scoreFor(y.a) - scoreFor(x.a))
    .map(({ e }) => e);
  const details: EncodingRefusal = { reason: 'encoding', chosen, tried, readable };
  const first = tried[0]!;
  const opening =
    chosen !== null || tried.length === 1
      ? `This file cannot be read as ${ENCODING_LABELS[first.encoding]}${!chosen && first.encoding === bomOf(bytes) ? ', although it starts with the mark of that encoding' : ''}: ${WHY[first.problem]}.`
      : `Homeward could not read this file as ${listOr(tried.map((t) => ENCODING_LABELS[t.encoding]))}: it may be damaged, or saved in another encoding.`;
  const hint = readable.length ? ` It does read as ${listOr(readable.map((e) => ENCODING_LABELS[e]))}.` : '';
  return new HomewardError(
    'FILE_UNREADABLE',
    `${opening}${hint} Choose the encoding the list was saved in and read the file again, or open it in Excel and save it as "CSV UTF-8".`,
    details,
  );
}

/** How much a reading looks like text in its script; UTF-8 and UTF-16 readings are as good as it gets. */
function scoreFor(a: Attempt): number {
  if (a.text === undefined) return -Infinity;
  if (a.encoding === 'windows-874') return scoreThai(a.text);
  if (a.encoding === 'gb18030') return scoreChinese(a.text);
  return 1;
}

function listOr(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function bomOf(bytes: Uint8Array): TextEncodingName | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function stripBom(bytes: Uint8Array, encoding: TextEncodingName): Uint8Array {
  const bom = bomOf(bytes);
  if (bom === 'utf-8' && encoding !== 'utf-16le' && encoding !== 'utf-16be') {
    // A UTF-8 mark in front of a legacy code page is an exporter's leftover
    // (it adds the mark for Excel, then writes the rows as they are stored):
    // read as Thai it would become ๏ปฟ in front of the first header.
    return bytes.subarray(3);
  }
  if (bom === encoding) return bytes.subarray(2);
  return bytes;
}

function guessUtf16ByNuls(bytes: Uint8Array): EncodingGuess | null {
  const pairs = Math.floor(bytes.length / 2);
  if (pairs < 2 || bytes.indexOf(0) < 0) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  // Even a file of Thai or Chinese names has delimiters and line breaks in
  // ASCII, so a fifth of the code units with a NUL on one side is plenty.
  if (oddNul >= pairs * 0.2 && evenNul <= pairs * 0.02) return { encoding: 'utf-16le', confidence: 0.9, bom: false };
  if (evenNul >= pairs * 0.2 && oddNul <= pairs * 0.02) return { encoding: 'utf-16be', confidence: 0.9, bom: false };
  return null;
}

function decodeLoose(bytes: Uint8Array, encoding: 'windows-874' | 'gb18030'): string {
  return new TextDecoder(encoding).decode(bytes);
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
  for (const run of nonAsciiRuns(text)) {
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      nonAscii++;
      const prev = i > 0 ? run.charCodeAt(i - 1) : 0;
      const next = i + 1 < run.length ? run.charCodeAt(i + 1) : 0;
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
  }
  return nonAscii === 0 ? 0 : (good - bad) / nonAscii;
}

/**
 * The stretches of non-ASCII text. Only they are scored, and an ASCII
 * neighbour counts as no letter at all, so a long list of Latin-letter rows
 * costs one native regular-expression scan instead of a loop per character.
 */
function* nonAsciiRuns(text: string): Generator<string> {
  for (const m of text.matchAll(/[^\x00-\x7f]+/g)) yield m[0];
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
  for (const run of nonAsciiRuns(text)) {
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      nonAscii++;
      if (isHan(c) || isCjkPunct(c)) good++;
      else if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff)) bad += 3;
      else bad++;
    }
  }
  return nonAscii === 0 ? 0 : (good - bad) / nonAscii;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
