import { describe, expect, it } from 'vitest';
import { iteratePeople } from '../../src/domain/demo';
import { HomewardError } from '../../src/domain/errors';
import { decodeText, detectEncoding } from '../../src/services/import/decode';
import { parseCsv } from '../../src/services/import/csv';

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
    expect(() => decodeText(bytes, 'utf-16le')).toThrow(/odd number of bytes.*Choose another encoding/);
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

  it('read as UTF-8 on purpose it is refused, naming the encodings to try', () => {
    let error: unknown;
    try {
      decodeText(bytes, 'utf-8');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HomewardError);
    expect((error as HomewardError).code).toBe('FILE_UNREADABLE');
    expect((error as HomewardError).message).toBe(
      'This file cannot be read as UTF-8 (Unicode): some bytes are not valid in that encoding. ' +
        'Choose another encoding in the preview (UTF-16 LE (Excel "Unicode text"), UTF-16 BE, Windows-874 (Thai Excel), GB18030 / GBK (Chinese Excel)), ' +
        'or open the file in Excel and save it as "CSV UTF-8".',
    );
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
  it('is detected from a sample and decoded quickly', () => {
    const names = chineseNames;
    const rows = Array.from({ length: 10_000 }, (_, i) => `${names[i % names.length]},M,${20 + (i % 40)}`);
    const bytes = gb18030(['name,sex,age', ...rows].join('\n'));
    const started = performance.now();
    expect(detectEncoding(bytes).encoding).toBe('gb18030');
    expect(decodeText(bytes).split('\n')).toHaveLength(10_001);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
