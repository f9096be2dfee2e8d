import { describe, expect, it } from 'vitest';
import { iteratePeople } from '../../src/domain/demo';
import { HomewardError } from '../../src/domain/errors';
import { buildRescueList } from '../../src/domain/demo/rescue-list';
import { decodeText, detectEncoding, readText, type EncodingRefusal } from '../../src/services/import/decode';
import { parseCsv } from '../../src/services/import/csv';
import { encodeText, toCsv } from '../fixtures/encode';

/**
 * A coordinator in Mae Sot receives the same rescue list from three agencies:
 * the shelter's laptop saved it as UTF-8, the Thai police Excel as Windows-874,
 * the Chinese liaison's Excel as GB18030, someone else as "Unicode text".
 * Each file must open with the names intact, or be refused with advice.
 */

// ── hand-written encoders, so the fixtures do not depend on the code under test ──

/** Windows-874: ASCII as is, Thai U+0E01–U+0E5B at 0xA1–0xFB. */
function windows874(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) return c;
    if (c >= 0x0e01 && c <= 0x0e5b) return c - 0x0e01 + 0xa1;
    throw new Error(`not in Windows-874: ${ch}`);
  }));
}

/** GB18030 two-byte table, built once by decoding every two-byte sequence. */
const gbTable = (() => {
  const table = new Map<string, [number, number]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
})();

function gb18030(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const pair = gbTable.get(ch);
      if (!pair) throw new Error(`not in the GB18030 two-byte table: ${ch}`);
      out.push(...pair);
    }
  }
  return Uint8Array.from(out);
}

function utf16(text: string, order: 'le' | 'be', bom = true): Uint8Array {
  const units = bom ? '\ufeff' + text : text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[order === 'le' ? 2 * i : 2 * i + 1] = u & 0xff;
    out[order === 'le' ? 2 * i + 1 : 2 * i] = u >> 8;
  }
  return out;
}

const utf8 = (text: string, bom = false) => new TextEncoder().encode(bom ? '\ufeff' + text : text);

// ── synthetic rescue lists ──

const people = [...iteratePeople({ count: 400, seed: 20251 })].map((p) => p.input);
const nativeNames = (code: string) =>
  people.filter((p) => p.claimedNationality === code && p.nativeName).map((p) => p.nativeName!).slice(0, 20);
const thaiNames = nativeNames('TH');
const chineseNames = nativeNames('CN');
const burmeseNames = nativeNames('MM');

/** The refusal `fn` throws. */
function refusalOf(fn: () => unknown): HomewardError & { details: EncodingRefusal } {
  try {
    fn();
  } catch (e) {
    if (e instanceof HomewardError) return e as HomewardError & { details: EncodingRefusal };
    throw e;
  }
  throw new Error('expected a refusal');
}

const list = (names: string[]) => ['name,sex,age', ...names.map((n, i) => `${n},${i % 2 ? 'F' : 'M'},${20 + i}`)].join('\r\n') + '\r\n';

describe('the rescue lists have enough synthetic names to be meaningful', () => {
  it('has Thai, Chinese and Burmese native names', () => {
    expect(thaiNames.length).toBeGreaterThanOrEqual(5);
    expect(chineseNames.length).toBeGreaterThanOrEqual(10);
    expect(burmeseNames.length).toBeGreaterThanOrEqual(5);
  });
});

describe('the shelter saved the list as UTF-8', () => {
  const text = list([...burmeseNames.slice(0, 5), ...chineseNames.slice(0, 5), 'Nguyễn Văn An']);

  it('without a BOM: detected by strict decoding, names intact', () => {
    expect(detectEncoding(utf8(text))).toEqual({ encoding: 'utf-8', confidence: 0.99, bom: false });
    expect(decodeText(utf8(text))).toBe(text);
  });

  it('with a BOM: the BOM decides and is not part of the first header', () => {
    expect(detectEncoding(utf8(text, true))).toEqual({ encoding: 'utf-8', confidence: 1, bom: true });
    const decoded = decodeText(utf8(text, true));
    expect(decoded).toBe(text);
    expect(parseCsv(decoded).rows[0]).toEqual(['name', 'sex', 'age']);
  });

  it('plain ASCII is UTF-8 with full confidence', () => {
    expect(detectEncoding(utf8('name,sex\nAung Aung,M\n'))).toEqual({ encoding: 'utf-8', confidence: 1, bom: false });
  });
});

describe('someone exported "Unicode text" (UTF-16)', () => {
  const text = list([...thaiNames.slice(0, 3), ...chineseNames.slice(0, 3)]);

  it('UTF-16LE with a BOM', () => {
    expect(detectEncoding(utf16(text, 'le'))).toEqual({ encoding: 'utf-16le', confidence: 1, bom: true });
    expect(decodeText(utf16(text, 'le'))).toBe(text);
  });

  it('UTF-16BE with a BOM', () => {
    expect(detectEncoding(utf16(text, 'be'))).toEqual({ encoding: 'utf-16be', confidence: 1, bom: true });
    expect(decodeText(utf16(text, 'be'))).toBe(text);
  });

  it('UTF-16 without a BOM is recognised by its NUL bytes', () => {
    expect(detectEncoding(utf16(text, 'le', false))).toEqual({ encoding: 'utf-16le', confidence: 0.9, bom: false });
    expect(detectEncoding(utf16(text, 'be', false))).toEqual({ encoding: 'utf-16be', confidence: 0.9, bom: false });
    expect(decodeText(utf16(text, 'be', false))).toBe(text);
  });

  it('an odd number of bytes cannot be UTF-16, and the refusal says what to choose', () => {
    const bytes = utf16(text, 'le').subarray(0, 11);
    expect(() => decodeText(bytes, 'utf-16le')).toThrow(/odd number of bytes.*Choose the encoding the list was saved in/);
    expect(refusalOf(() => decodeText(bytes, 'utf-16le')).details).toMatchObject({ chosen: 'utf-16le', tried: [{ encoding: 'utf-16le', problem: 'odd-length' }] });
  });
});

describe('the Thai police saved the list from Thai Excel (Windows-874)', () => {
  const text = list(thaiNames);
  const bytes = windows874(text);

  it('is detected as Windows-874, not GB18030, and decodes to the same Thai names', () => {
    const guess = detectEncoding(bytes);
    expect(guess.encoding).toBe('windows-874');
    expect(guess.bom).toBe(false);
    expect(guess.confidence).toBeGreaterThanOrEqual(0.9);
    expect(decodeText(bytes)).toBe(text);
    expect(parseCsv(decodeText(bytes)).rows[1]?.[0]).toBe(thaiNames[0]);
  });

  it('read as UTF-8 on purpose it is refused, naming the encoding that does read it', () => {
    const error = refusalOf(() => decodeText(bytes, 'utf-8'));
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.message).toBe(
      'This file cannot be read as UTF-8 (Unicode): some bytes are not valid in that encoding. ' +
        'It does read as Windows-874 (Thai Excel). ' +
        'Choose the encoding the list was saved in and read the file again, or open it in Excel and save it as "CSV UTF-8".',
    );
    // Odd runs of Thai bytes are not valid GB18030, so Windows-874 is the only suggestion; UTF-16 is never suggested blind.
    expect(error.details).toEqual({ reason: 'encoding', chosen: 'utf-8', tried: [{ encoding: 'utf-8', problem: 'invalid-bytes' }], readable: ['windows-874'] });
  });
});

describe('the Chinese liaison saved the list from Chinese Excel (GB18030)', () => {
  const text = list(chineseNames);
  const bytes = gb18030(text);

  it('is detected as GB18030, not Windows-874, and decodes to the same Chinese names', () => {
    const guess = detectEncoding(bytes);
    expect(guess.encoding).toBe('gb18030');
    expect(guess.bom).toBe(false);
    expect(guess.confidence).toBeGreaterThanOrEqual(0.9);
    expect(decodeText(bytes)).toBe(text);
  });

  it('forced to Windows-874 it is refused instead of turning names into Thai mojibake', () => {
    // 张 is D5 C5 in GB18030; 0xDB–0xDE and 0xFC–0xFF are unassigned in Windows-874.
    const withUnassigned = gb18030('name\n张伟\n王芳\n李娜\n刘洋\n陈静\n杨帆\n黄磊\n赵敏\n周杰\n吴昊\n');
    expect(() => decodeText(withUnassigned, 'windows-874')).toThrow(/cannot be read as Windows-874/);
  });

  it("the coordinator's override always wins over the guess", () => {
    // Mis-declared bytes that happen to be valid in both code pages decode as asked.
    const ascii = utf8('name\nAung\n');
    expect(decodeText(ascii, 'windows-874')).toBe('name\nAung\n');
    expect(decodeText(ascii, 'gb18030')).toBe('name\nAung\n');
  });
});

describe('a 10,000-row list', () => {
  it('is detected from the whole file and decoded quickly', () => {
    const names = chineseNames;
    const rows = Array.from({ length: 10_000 }, (_, i) => `${names[i % names.length]},M,${20 + (i % 40)}`);
    const bytes = gb18030(['name,sex,age', ...rows].join('\n'));
    const started = performance.now();
    expect(detectEncoding(bytes).encoding).toBe('gb18030');
    expect(decodeText(bytes).split('\n')).toHaveLength(10_001);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

// ── lists whose first rows say nothing about the encoding ──

const isAsciiRow = (row: readonly string[]) => row.every((c) => /^[\x00-\x7f]*$/.test(c));

/**
 * A police list from Thai Excel that starts with hundreds of rows of people
 * written in Latin letters only, and reaches the Thai names (native script)
 * at the end: the first 64 KB are plain ASCII.
 */
function lateThaiList(minAsciiBytes: number): { text: string; bytes: Uint8Array; thaiRows: string[][] } {
  const list = buildRescueList({ seed: 5, count: 900, scripts: 'thai', today: '2026-11-01' });
  const latin = list.rows.filter(isAsciiRow);
  const thaiRows = list.rows.filter((r) => !isAsciiRow(r));
  const first: string[][] = [];
  for (let size = 0; size < minAsciiBytes; ) {
    const row = latin[first.length % latin.length]!;
    first.push(row);
    size += toCsv([], [row]).length - 2; // less the empty header line
  }
  const text = toCsv(list.header, [...first, ...thaiRows]);
  return { text, bytes: encodeText(text, 'windows-874'), thaiRows };
}

describe('a Thai list whose Thai names come only after 64 KB of Latin-letter rows', () => {
  const { text, bytes, thaiRows } = lateThaiList(70_000);

  it('is detected as Windows-874 from its late Thai rows, not as UTF-8', () => {
    expect(thaiRows.length).toBeGreaterThanOrEqual(20);
    // The trap: nothing in the first 64 KB is outside ASCII.
    expect(bytes.subarray(0, 64 * 1024).every((b) => b < 0x80)).toBe(true);
    const guess = detectEncoding(bytes);
    expect(guess.encoding).toBe('windows-874');
    expect(guess.confidence).toBeGreaterThanOrEqual(0.9);
    const read = readText(bytes);
    expect(read.encoding).toBe('windows-874');
    expect(read.text).toBe(text);
    const rows = parseCsv(read.text).rows;
    expect(rows[rows.length - 1]).toEqual(thaiRows[thaiRows.length - 1]);
    expect(rows.some((r) => r[2] === thaiRows[0]![2])).toBe(true);
  });

  it('a 5 MB list of that kind is detected and decoded in a fraction of a second', () => {
    const big = lateThaiList(5 * 1024 * 1024);
    expect(big.bytes.length).toBeGreaterThan(5 * 1024 * 1024);
    const started = performance.now();
    const guess = detectEncoding(big.bytes);
    const detected = performance.now();
    const read = readText(big.bytes);
    const ended = performance.now();
    expect(guess.encoding).toBe('windows-874');
    expect(read.text.length).toBe(big.text.length);
    // On the shared 2-core test machine: about 70 ms to detect, and as much again for readText (which detects as it decodes).
    console.info(`5 MB late-Thai list: detection ${Math.round(detected - started)} ms, detection and decoding ${Math.round(ended - detected)} ms`);
    expect(ended - started).toBeLessThan(3000);
  });

  it('a Chinese list whose Chinese names come late is still GB18030', () => {
    const names = chineseNames;
    const latin = Array.from({ length: 3000 }, (_, i) => `Person ${i} MAUNG,M,${20 + (i % 40)}`);
    const late = names.map((n, i) => `${n},F,${30 + i}`);
    const chinese = ['name,sex,age', ...latin, ...late].join('\r\n');
    const encoded = gb18030(chinese);
    expect(encoded.subarray(0, 64 * 1024).every((b) => b < 0x80)).toBe(true);
    expect(detectEncoding(encoded).encoding).toBe('gb18030');
    expect(decodeText(encoded)).toBe(chinese);
  });
});

describe('whole-file detection still recognises the other agencies\' lists', () => {
  it('a Chinese liaison\'s 300-row list with Chinese headers is GB18030', () => {
    const list = buildRescueList({ seed: 83, count: 300, headerStyle: 'zh', scripts: 'chinese', today: '2026-11-01' });
    const text = toCsv(list.header, list.rows);
    const guess = detectEncoding(encodeText(text, 'gb18030'));
    expect(guess).toMatchObject({ encoding: 'gb18030', bom: false });
    expect(guess.confidence).toBeGreaterThanOrEqual(0.9);
    expect(readText(encodeText(text, 'gb18030'))).toMatchObject({ encoding: 'gb18030', text });
  });

  it('a list in every script saved as "Unicode text" is UTF-16, with or without the mark', () => {
    const list = buildRescueList({ seed: 84, count: 300, headerStyle: 'mixed', scripts: 'all', today: '2026-11-01' });
    const text = toCsv(list.header, list.rows);
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      expect(readText(encodeText(text, encoding))).toMatchObject({ encoding, text, guess: { confidence: 1, bom: true } });
      expect(readText(encodeText(text, encoding, { bom: false }))).toMatchObject({ encoding, text, guess: { confidence: 0.9, bom: false } });
    }
  });
});

describe('a file that no encoding reads', () => {
  // Thai text with a byte that is unassigned in Windows-874, invalid UTF-8 and invalid GB18030 (0xFF is never valid in either).
  const thai = windows874(list(thaiNames.slice(0, 8)));
  const damaged = Uint8Array.from([...thai.subarray(0, 40), 0xff, ...thai.subarray(40)]);

  it('is refused with every encoding tried and why, and no character replaced', () => {
    const error = refusalOf(() => readText(damaged));
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.details).toEqual({
      reason: 'encoding',
      chosen: null,
      tried: [
        { encoding: 'utf-8', problem: 'invalid-bytes' },
        { encoding: 'windows-874', problem: 'unassigned-bytes' },
        { encoding: 'gb18030', problem: 'invalid-bytes' },
      ],
      readable: [],
    });
    expect(error.message).toBe(
      'Homeward could not read this file as UTF-8 (Unicode), Windows-874 (Thai Excel) or GB18030 / GBK (Chinese Excel): it may be damaged, or saved in another encoding. ' +
        'Choose the encoding the list was saved in and read the file again, or open it in Excel and save it as "CSV UTF-8".',
    );
    expect(detectEncoding(damaged).confidence).toBe(0);
  });

  it('the same file without the bad byte reads as Windows-874', () => {
    expect(readText(thai).encoding).toBe('windows-874');
  });
});

describe('a police system that writes the UTF-8 mark in front of Thai code-page rows', () => {
  const text = list(thaiNames);
  const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...windows874(text)]);

  it('is not guessed past its mark: refused, with Windows-874 named as the encoding that reads it', () => {
    const error = refusalOf(() => readText(bytes));
    expect(error.details).toEqual({ reason: 'encoding', chosen: null, tried: [{ encoding: 'utf-8', problem: 'invalid-bytes' }], readable: ['windows-874'] });
    expect(error.message).toMatch(/^This file cannot be read as UTF-8 \(Unicode\), although it starts with the mark of that encoding: .* It does read as Windows-874 \(Thai Excel\)\./);
  });

  it('chosen as Windows-874 it reads with the Thai names intact and without the mark in the first header', () => {
    const read = readText(bytes, 'windows-874');
    expect(read.encoding).toBe('windows-874');
    expect(read.text).toBe(text);
    expect(parseCsv(read.text).rows[0]?.[0]).toBe('name');
  });
});
