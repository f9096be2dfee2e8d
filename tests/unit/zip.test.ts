import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip, writeZip, type ZipFileInput } from '../../src/services/zip';
import { refusal } from '../helpers';

/**
 * Rescue lists arrive as XLSX (a ZIP) from police and militias, and manifest
 * packages will travel between offices as ZIPs. The reader must give back
 * exactly what was packed, and refuse damaged or hostile archives with a
 * sentence the coordinator can act on, before they cost memory.
 */

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const utf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Incompressible bytes from a seeded xorshift, so every run packs the same. */
function noise(length: number, seed = 2463534242): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}


/** Offsets of every 4-byte little-endian `signature` in the archive. */
function offsetsOf(zip: Uint8Array, signature: number): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const found: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === signature) found.push(i);
  return found;
}
const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

function view(zip: Uint8Array): DataView {
  return new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
}

/** Replaces an entry's name bytes (same length) in both tables of contents. */
function renameInPlace(zip: Uint8Array, from: string, to: string, where: 'both' | 'local' = 'both'): Uint8Array {
  const out = new Uint8Array(zip);
  const a = text(from);
  const b = text(to);
  expect(b.length).toBe(a.length);
  const headers = [...offsetsOf(out, LOCAL).map((o) => o + 30), ...(where === 'both' ? offsetsOf(out, CENTRAL).map((o) => o + 46) : [])];
  let replaced = 0;
  for (const start of headers) {
    if (a.every((byte, i) => out[start + i] === byte)) {
      out.set(b, start);
      replaced++;
    }
  }
  expect(replaced).toBeGreaterThan(0);
  return out;
}

const multilingual: ZipFileInput[] = [
  { name: 'ข้อมูล/รายชื่อผู้ได้รับการช่วยเหลือ.txt', data: text('นายสมชาย ใจดี, 34\n'.repeat(50)) },
  { name: '名单/被救人员.csv', data: text('张伟,男,28\n李娜,女,31\n'.repeat(40)) },
  { name: 'မြန်မာ/အမည်စာရင်း.txt', data: text('မောင်အောင်အောင်\n') },
  { name: 'Việt Nam/danh sách.txt', data: text('Nguyễn Văn An\n') },
  { name: 'empty.txt', data: new Uint8Array() },
  { name: 'folder/', data: new Uint8Array() },
];

describe('a package written by Homeward', () => {
  it('reads back byte for byte, names in Thai, Chinese, Burmese and Vietnamese, in the order given', () => {
    const entries = [...multilingual, { name: 'photo.bin', data: noise(4096) }];
    const read = readZip(writeZip(entries));
    expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    read.forEach((entry, i) => {
      expect(entry.size).toBe(entries[i]!.data.length);
      expect(Array.from(entry.read())).toEqual(Array.from(entries[i]!.data));
    });
    expect(read.map((e) => e.isDirectory)).toEqual([false, false, false, false, false, true, false]);
  });

  it('deflates what compresses and stores what does not (method in the local header)', () => {
    const zip = writeZip([
      { name: 'list.csv', data: text('a,b,c\n'.repeat(500)) },
      { name: 'noise.bin', data: noise(1000) },
    ]);
    const [first, second] = offsetsOf(zip, LOCAL);
    expect(view(zip).getUint16(first! + 8, true)).toBe(8);
    expect(view(zip).getUint16(second! + 8, true)).toBe(0);
    expect(zip.length).toBeLessThan(1000 + 300); // 3,000 bytes of CSV became a few dozen
  });

  it('is deterministic: the same entries give the same bytes, dated 1980-01-01 unless told otherwise', () => {
    const a = writeZip(multilingual);
    const b = writeZip(multilingual.map((e) => ({ name: e.name, data: new Uint8Array(e.data) })));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const local = offsetsOf(a, LOCAL)[0]!;
    expect(view(a).getUint16(local + 10, true)).toBe(0); // 00:00:00
    expect(view(a).getUint16(local + 12, true)).toBe((0 << 9) | (1 << 5) | 1); // 1980-01-01

    const dated = writeZip(multilingual, { date: new Date(Date.UTC(2025, 2, 5, 14, 30, 20)) });
    const at = offsetsOf(dated, LOCAL)[0]!;
    expect(view(dated).getUint16(at + 10, true)).toBe((14 << 11) | (30 << 5) | 10);
    expect(view(dated).getUint16(at + 12, true)).toBe((45 << 9) | (3 << 5) | 5);
  });

  it('marks every name as UTF-8 (flag bit 11) in both tables of contents', () => {
    const zip = writeZip(multilingual);
    for (const o of offsetsOf(zip, LOCAL)) expect(view(zip).getUint16(o + 6, true) & 0x0800).toBe(0x0800);
    for (const o of offsetsOf(zip, CENTRAL)) expect(view(zip).getUint16(o + 8, true) & 0x0800).toBe(0x0800);
  });

  it('hands out a copy, so changing what was read does not change the archive', () => {
    const entry = readZip(writeZip([{ name: 'a.bin', data: new Uint8Array([9, 8, 7]) }]))[0]!;
    entry.read()[0] = 0;
    expect(Array.from(entry.read())).toEqual([9, 8, 7]);
  });

  it('refuses to write names that could escape a folder, duplicates, and folders with data', () => {
    for (const name of ['../evil.txt', '/etc/passwd', 'a\\b.txt', 'C:/x.txt', '']) {
      expect(refusal(() => writeZip([{ name, data: text('x') }])).code).toBe('BAD_USAGE');
    }
    const dup = refusal(() => writeZip([{ name: 'a.txt', data: text('1') }, { name: 'a.txt', data: text('2') }]));
    expect(dup.message).toMatch(/two entries named "a.txt"/);
    expect(refusal(() => writeZip([{ name: 'dir/', data: text('x') }])).message).toMatch(/marks a folder/);
  });

  const hasUnzip = (() => {
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasUnzip)('passes `unzip -t` (Info-ZIP), the reference other programs follow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'homeward-zip-'));
    try {
      const file = join(dir, 'package.zip');
      writeFileSync(file, writeZip(multilingual, { date: new Date(Date.UTC(2025, 2, 5, 14, 30, 20)) }));
      const out = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
      expect(out).toMatch(/No errors detected/);
      expect(out.match(/ OK/g)).toHaveLength(multilingual.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an archive Homeward did not make', () => {
  it('reads a name without the UTF-8 flag as code page 437, as old Windows zip tools wrote it', () => {
    const zip = writeZip([{ name: 'aX.txt', data: text('hi') }]);
    for (const o of offsetsOf(zip, LOCAL)) {
      zip[o + 31] = 0x81;
      view(zip).setUint16(o + 6, 0, true);
    }
    for (const o of offsetsOf(zip, CENTRAL)) {
      zip[o + 47] = 0x81;
      view(zip).setUint16(o + 8, 0, true);
    }
    expect(readZip(zip)[0]!.name).toBe('aü.txt');
    // With the UTF-8 flag, the same byte is a lie about the encoding.
    for (const o of offsetsOf(zip, CENTRAL)) view(zip).setUint16(o + 8, 0x0800, true);
    const e = refusal(() => readZip(zip));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/says its name is UTF-8 but it is not/);
  });
});

describe('a damaged archive is refused with FILE_UNREADABLE and a sentence saying what to do', () => {
  const sample = writeZip([
    { name: 'names.txt', data: text('Aung Aung\nMa Hla\n') }, // too short to deflate: stored
    { name: 'notes.txt', data: text('moved to shelter B. '.repeat(200)) },
  ]);

  it('refuses bytes that are not a ZIP at all', () => {
    const e = refusal(() => readZip(text('name,age\nAung,25\n'), { label: 'This workbook' }));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/^This workbook is not a ZIP archive, or it is cut short/);
    expect(e.message).toMatch(/ask for it to be sent again/);
  });

  it('refuses an archive cut short in transit', () => {
    const e = refusal(() => readZip(sample.subarray(0, sample.length - 30)));
    expect(e.code).toBe('FILE_UNREADABLE');
  });

  it('refuses an entry whose bytes do not match its CRC-32, when it is read', () => {
    const broken = new Uint8Array(sample);
    const data = offsetsOf(broken, LOCAL)[0]! + 30 + 'names.txt'.length;
    broken[data] = broken[data]! ^ 0xff; // the "A" of "Aung" flipped: same size, wrong checksum
    const [names, notes] = readZip(broken);
    expect(utf8(notes!.read())).toMatch(/^moved to shelter B/);
    const e = refusal(() => names!.read());
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toBe(
      'This ZIP file is damaged: "names.txt" does not match its checksum (CRC-32). Ask for the file to be sent again, or open it in the program that made it and save a new copy.',
    );
  });

  it('refuses a deflated entry whose stream is broken', () => {
    const broken = new Uint8Array(sample);
    const data = offsetsOf(broken, LOCAL)[1]! + 30 + 'notes.txt'.length;
    broken.fill(0xff, data, data + 8);
    const e = refusal(() => readZip(broken)[1]!.read());
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/"notes.txt" cannot be unpacked/);
  });

  it('refuses when the two tables of contents disagree about a name', () => {
    const e = refusal(() => readZip(renameInPlace(sample, 'notes.txt', 'nopes.txt', 'local')));
    expect(e.message).toMatch(/disagree about the name of "notes.txt"/);
  });

  it('refuses entries that overlap (the trick of the smallest zip bombs)', () => {
    const overlapping = new Uint8Array(sample);
    const [first, second] = offsetsOf(overlapping, CENTRAL);
    view(overlapping).setUint32(second! + 42, view(overlapping).getUint32(first! + 42, true), true);
    const e = refusal(() => readZip(overlapping));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/overlaps another entry/);
  });

  it('refuses password protection, unknown compression, ZIP64 and split archives, naming each', () => {
    const patched = (fn: (v: DataView, central: number, end: number) => void): Uint8Array => {
      const copy = new Uint8Array(sample);
      fn(view(copy), offsetsOf(copy, CENTRAL)[0]!, offsetsOf(copy, END)[0]!);
      return copy;
    };
    const cases: [Uint8Array, RegExp][] = [
      [patched((v, c) => v.setUint16(c + 8, v.getUint16(c + 8, true) | 1, true)), /protected with a password/],
      [patched((v, c) => v.setUint16(c + 10, 12, true)), /compresses "names.txt" with method 12 \(not the standard "deflate"\).*standard ZIP compression/],
      [patched((v, _c, end) => v.setUint16(end + 10, 0xffff, true)), /ZIP64/],
      [patched((v, _c, end) => v.setUint16(end + 4, 1, true)), /split \(multi-volume\) archive.*Join the parts/],
    ];
    for (const [zip, message] of cases) {
      const e = refusal(() => readZip(zip));
      expect(e.code).toBe('FILE_UNREADABLE');
      expect(e.message).toMatch(message);
    }
  });
});

describe('a hostile archive is refused before it costs memory', () => {
  it('refuses names that would escape a folder: "..", absolute, backslash, drive letter', () => {
    const zip = writeZip([{ name: 'aa/evil.txt', data: text('x') }]);
    const cases: [string, RegExp][] = [
      ['../evil.txt', /climbs out of its folder/],
      ['/a/evil.txt', /is an absolute path/],
      ['aa\\evil.txt', /contains a backslash/],
      ['C:/evil.txt', /starts with a drive letter/],
    ];
    for (const [name, reason] of cases) {
      const e = refusal(() => readZip(renameInPlace(zip, 'aa/evil.txt', name)));
      expect(e.code).toBe('FILE_UNREADABLE');
      expect(e.message).toMatch(reason);
      expect(e.message).toMatch(/ask the sender for a clean copy/);
    }
  });

  it('refuses two entries with the same name', () => {
    const zip = renameInPlace(writeZip([{ name: 'a.txt', data: text('1') }, { name: 'b.txt', data: text('2') }]), 'b.txt', 'a.txt');
    expect(refusal(() => readZip(zip)).message).toMatch(/two entries named "a.txt"/);
  });

  it('refuses a small deflated entry that would inflate past the per-file limit, without inflating it', () => {
    const bomb = writeZip([{ name: 'list.xml', data: new Uint8Array(10 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(20_000); // 10 MB of zeros packs into ~10 KB
    const e = refusal(() => readZip(bomb, { maxEntryBytes: 1024 * 1024 }));
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.message).toBe(
      'This ZIP file contains "list.xml", which unpacks to 10 MB; Homeward unpacks at most 1 MB per file. A genuine list that large should be split into smaller files; otherwise the archive is damaged or built to exhaust memory.',
    );
    expect(e.details).toEqual({ entry: 'list.xml', size: 10 * 1024 * 1024, maxEntryBytes: 1024 * 1024 });
  });

  it('refuses when the entries together would inflate past the total limit', () => {
    const zip = writeZip([
      { name: 'a.xml', data: new Uint8Array(600 * 1024) },
      { name: 'b.xml', data: new Uint8Array(600 * 1024) },
    ]);
    expect(readZip(zip, { maxTotalBytes: 2 * 1024 * 1024 })).toHaveLength(2);
    const e = refusal(() => readZip(zip, { maxTotalBytes: 1024 * 1024 }));
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.message).toMatch(/unpacks to more than 1 MB, the most Homeward unpacks from one archive/);
  });

  it('refuses by default an entry declaring more than 100 MB', () => {
    const zip = writeZip([{ name: 'sheet.xml', data: new Uint8Array(1000) }]);
    view(zip).setUint32(offsetsOf(zip, CENTRAL)[0]! + 24, 300 * 1024 * 1024, true);
    const e = refusal(() => readZip(zip));
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.message).toMatch(/unpacks to 300 MB; Homeward unpacks at most 100 MB per file/);
  });

  it('stops inflating at the declared size when a header understates it', () => {
    const zip = writeZip([{ name: 'sheet.xml', data: new Uint8Array(5 * 1024 * 1024) }]);
    view(zip).setUint32(offsetsOf(zip, CENTRAL)[0]! + 24, 1000, true);
    const entry = readZip(zip)[0]!;
    expect(entry.size).toBe(1000);
    const e = refusal(() => entry.read());
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/"sheet.xml" unpacks to more than the 1000 bytes it declares \(a sign of a zip bomb\)/);
  });

  it('refuses an archive with more entries than allowed: 10,000 by default', () => {
    const many = (n: number): ZipFileInput[] => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, data: new Uint8Array() }));
    expect(readZip(writeZip(many(10_000)))).toHaveLength(10_000);
    const e = refusal(() => readZip(writeZip(many(10_001))));
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.message).toBe(
      'This ZIP file holds 10,001 files; Homeward opens archives of at most 10,000. Check that this is the file you meant to import, or split it into smaller archives.',
    );
    expect(refusal(() => readZip(writeZip(many(11)), { maxEntries: 10 })).code).toBe('FILE_TOO_LARGE');
  });

  it('finds the table of contents behind a trailing archive comment', () => {
    const zip = writeZip([{ name: 'a.txt', data: text('PK\u0005\u0006 looks like an end record') }]);
    const commented = new Uint8Array(zip.length + 5);
    commented.set(zip);
    commented.set(text('hello'), zip.length);
    view(commented).setUint16(offsetsOf(commented, END).at(-1)! + 20, 5, true);
    expect(utf8(readZip(commented)[0]!.read())).toMatch(/end record$/);
  });
});
