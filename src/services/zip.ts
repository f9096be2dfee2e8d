/**
 * ZIP archives, read and written without dependencies.
 *
 * Homeward opens ZIP files it did not make: XLSX rescue lists handed over by
 * police and militias, and later manifest packages from other offices. Any of
 * them may be damaged in transit or built to hurt the reader, so the reader
 * trusts nothing it has not checked:
 *
 *  - Only the central directory is used to find entries; each entry's local
 *    header must agree with it (same name), and entries may not overlap (the
 *    trick behind the smallest zip bombs).
 *  - The entry count, each entry's declared size and the total declared size
 *    are capped before anything is inflated, and inflating stops at the
 *    declared size, so a header that lies about its size cannot make us
 *    allocate more than the caps.
 *  - Every read checks the CRC-32.
 *  - Entry names that could escape a folder if a caller ever extracted them
 *    (`..` segments, absolute paths, drive letters, backslashes, NUL) make the
 *    whole archive refused, not just flagged: no file we expect (XLSX parts,
 *    our own packages) ever has such a name, so one is a sign of tampering,
 *    and refusing means no caller can forget to check. Duplicate names are
 *    refused for the same reason: two readers could pick different copies.
 *  - ZIP64, split archives, encryption and compression methods other than
 *    stored (0) and deflate (8) are refused with a sentence saying so.
 *
 * The writer is deterministic: same entries and date in, same bytes out, so
 * a package's hash can be compared between offices.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { HomewardError } from '../domain/errors';

const MB = 1024 * 1024;

export interface ZipLimits {
  /** Most entries an archive may list. */
  maxEntries: number;
  /** Most bytes one entry may unpack to. */
  maxEntryBytes: number;
  /** Most bytes all entries together may unpack to. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxEntries: 10_000,
  maxEntryBytes: 100 * MB,
  maxTotalBytes: 200 * MB,
};

export interface ZipReadOptions extends Partial<ZipLimits> {
  /** How messages name the file, e.g. "This workbook". Default "This ZIP file". */
  label?: string;
}

export interface ZipEntry {
  /** Path inside the archive, `/`-separated; known to be relative and free of `..`. */
  name: string;
  /** Unpacked size as the archive declares it; `read()` refuses data that disagrees. */
  size: number;
  /** A folder entry (name ends in `/`); `read()` gives no bytes. */
  isDirectory: boolean;
  /** Unpacks the entry and checks its CRC-32. Throws FILE_UNREADABLE when it is damaged. */
  read(): Uint8Array;
}

export interface ZipFileInput {
  name: string;
  data: Uint8Array;
}

export interface ZipWriteOptions {
  /** Timestamp of every entry, read in UTC. Default 1980-01-01 00:00, the earliest ZIP can hold. */
  date?: Date;
}

// ───────────────────────────── format constants ─────────────────────────────

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const LOCAL_SIZE = 30;
const CENTRAL_SIZE = 46;
const END_SIZE = 22;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATE = 8;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const METHOD_AES = 99;
/** What 32-bit fields hold when the real value is in a ZIP64 record. */
const ZIP64_MARK_16 = 0xffff;
const ZIP64_MARK_32 = 0xffffffff;

// ───────────────────────────── reading ─────────────────────────────

interface CentralRecord {
  name: string;
  nameBytes: Uint8Array;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  dataStart: number;
}

export function readZip(bytes: Uint8Array, options: ZipReadOptions = {}): ZipEntry[] {
  const limits: ZipLimits = {
    maxEntries: options.maxEntries ?? DEFAULT_ZIP_LIMITS.maxEntries,
    maxEntryBytes: options.maxEntryBytes ?? DEFAULT_ZIP_LIMITS.maxEntryBytes,
    maxTotalBytes: options.maxTotalBytes ?? DEFAULT_ZIP_LIMITS.maxTotalBytes,
  };
  const label = options.label ?? 'This ZIP file';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = (why: string): HomewardError =>
    new HomewardError(
      'FILE_UNREADABLE',
      `${label} is damaged: ${why}. Ask for the file to be sent again, or open it in the program that made it and save a new copy.`,
    );
  const unsupported = (what: string, todo: string): HomewardError =>
    new HomewardError('FILE_UNREADABLE', `${label} ${what}, which Homeward cannot open. ${todo}`);

  const end = findEndRecord(view);
  if (end < 0) {
    throw new HomewardError(
      'FILE_UNREADABLE',
      `${label} is not a ZIP archive, or it is cut short (its table of contents at the end is missing). Check that the whole file was copied, or ask for it to be sent again.`,
    );
  }
  const disk = view.getUint16(end + 4, true);
  const cdDisk = view.getUint16(end + 6, true);
  const diskEntries = view.getUint16(end + 8, true);
  const count = view.getUint16(end + 10, true);
  const cdSize = view.getUint32(end + 12, true);
  const cdOffset = view.getUint32(end + 16, true);

  const zip64 =
    (end >= 20 && view.getUint32(end - 20, true) === SIG_ZIP64_LOCATOR) ||
    count === ZIP64_MARK_16 ||
    cdSize === ZIP64_MARK_32 ||
    cdOffset === ZIP64_MARK_32;
  if (zip64) throw unsupported('is a ZIP64 archive (made for files over 4 GB)', 'Re-create it as an ordinary ZIP file, or split the contents into smaller files.');
  if (disk !== 0 || cdDisk !== 0 || diskEntries !== count) {
    throw unsupported('is one part of a split (multi-volume) archive', 'Join the parts into one ZIP file and import that.');
  }
  if (count > limits.maxEntries) {
    throw new HomewardError(
      'FILE_TOO_LARGE',
      `${label} holds ${count.toLocaleString('en')} files; Homeward opens archives of at most ${limits.maxEntries.toLocaleString('en')}. Check that this is the file you meant to import, or split it into smaller archives.`,
      { entries: count, maxEntries: limits.maxEntries },
    );
  }
  if (cdOffset + cdSize > end) throw damaged('its table of contents points past the end of the file');

  const records: CentralRecord[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_SIZE > cdOffset + cdSize || view.getUint32(p, true) !== SIG_CENTRAL) {
      throw damaged(`entry ${i + 1} of ${count} in its table of contents is missing or broken`);
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const next = p + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > cdOffset + cdSize) throw damaged(`entry ${i + 1} of ${count} runs past the end of its table of contents`);
    const nameBytes = bytes.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLength);
    const name = decodeName(nameBytes, (flags & FLAG_UTF8) !== 0);
    if (name === null) throw damaged(`entry ${i + 1} says its name is UTF-8 but it is not`);
    p = next;

    const unsafe = unsafeNameReason(name);
    if (unsafe) {
      throw new HomewardError(
        'FILE_UNREADABLE',
        `${label} contains an entry named ${quoteName(name)}, which ${unsafe}. Files we expect never have such names, so the archive was refused; ask the sender for a clean copy.`,
      );
    }
    if (seen.has(name)) {
      throw new HomewardError(
        'FILE_UNREADABLE',
        `${label} contains two entries named ${quoteName(name)}, so it is unclear which one is meant. Ask the sender for a clean copy.`,
      );
    }
    seen.add(name);
    if (size === ZIP64_MARK_32 || compressedSize === ZIP64_MARK_32 || localOffset === ZIP64_MARK_32) {
      throw unsupported(`stores ${quoteName(name)} in ZIP64 form (made for files over 4 GB)`, 'Re-create it as an ordinary ZIP file.');
    }
    if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0 || method === METHOD_AES) {
      throw unsupported('is protected with a password', 'Ask the sender for a copy without a password, or unpack it yourself and import the files inside.');
    }
    if (method !== STORED && method !== DEFLATE) {
      throw unsupported(
        `compresses ${quoteName(name)} with method ${method} (not the standard "deflate")`,
        'Re-create the archive with standard ZIP compression, which every ZIP program offers.',
      );
    }
    if (method === STORED && compressedSize !== size) throw damaged(`${quoteName(name)} is stored uncompressed but its two sizes differ`);
    if (size > limits.maxEntryBytes) {
      throw new HomewardError(
        'FILE_TOO_LARGE',
        `${label} contains ${quoteName(name)}, which unpacks to ${formatBytes(size)}; Homeward unpacks at most ${formatBytes(limits.maxEntryBytes)} per file. A genuine list that large should be split into smaller files; otherwise the archive is damaged or built to exhaust memory.`,
        { entry: name, size, maxEntryBytes: limits.maxEntryBytes },
      );
    }
    total += size;
    if (total > limits.maxTotalBytes) {
      throw new HomewardError(
        'FILE_TOO_LARGE',
        `${label} unpacks to more than ${formatBytes(limits.maxTotalBytes)}, the most Homeward unpacks from one archive. A genuine list that large should be split into smaller files; otherwise the archive is damaged or built to exhaust memory.`,
        { maxTotalBytes: limits.maxTotalBytes },
      );
    }
    records.push({ name, nameBytes, method, crc, compressedSize, size, localOffset, dataStart: 0 });
  }

  // Local headers: must be where the directory says, carry the same name, and not overlap.
  const byOffset = [...records].sort((a, b) => a.localOffset - b.localOffset);
  let previousEnd = 0;
  for (const r of byOffset) {
    const at = r.localOffset;
    if (at < previousEnd) throw damaged(`${quoteName(r.name)} overlaps another entry`);
    if (at + LOCAL_SIZE > cdOffset || view.getUint32(at, true) !== SIG_LOCAL) throw damaged(`the data of ${quoteName(r.name)} is not where its table of contents says`);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const localName = bytes.subarray(at + LOCAL_SIZE, at + LOCAL_SIZE + nameLength);
    if (!sameBytes(localName, r.nameBytes)) throw damaged(`the two tables of contents disagree about the name of ${quoteName(r.name)}`);
    r.dataStart = at + LOCAL_SIZE + nameLength + extraLength;
    previousEnd = r.dataStart + r.compressedSize;
    if (previousEnd > cdOffset) throw damaged(`${quoteName(r.name)} runs into the table of contents`);
  }

  return records.map((r) => ({
    name: r.name,
    size: r.size,
    isDirectory: r.name.endsWith('/'),
    read: () => {
      const data = bytes.subarray(r.dataStart, r.dataStart + r.compressedSize);
      const out = r.method === STORED ? new Uint8Array(data) : inflateEntry(data, r, damaged);
      if (crc32(out) >>> 0 !== r.crc) throw damaged(`${quoteName(r.name)} does not match its checksum (CRC-32)`);
      return out;
    },
  }));
}

/** Inflates at most the declared size: a header that understates it cannot make us allocate more. */
function inflateEntry(data: Uint8Array, r: CentralRecord, damaged: (why: string) => HomewardError): Uint8Array {
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, r.size) });
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw damaged(`${quoteName(r.name)} unpacks to more than the ${formatBytes(r.size)} it declares (a sign of a zip bomb)`);
    }
    throw damaged(`${quoteName(r.name)} cannot be unpacked (${(e as Error).message})`);
  }
  if (out.length !== r.size) throw damaged(`${quoteName(r.name)} unpacks to ${formatBytes(out.length)}, not the ${formatBytes(r.size)} it declares`);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** The end-of-central-directory record, searched backwards past a comment of up to 64 KB. */
function findEndRecord(view: DataView): number {
  const last = view.byteLength - END_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let i = last; i >= first; i--) {
    if (view.getUint32(i, true) === SIG_END && i + END_SIZE + view.getUint16(i + 20, true) <= view.byteLength) return i;
  }
  return -1;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Bytes 0x80–0xFF of IBM code page 437, the ZIP default when the UTF-8 flag is not set. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/**
 * Without the UTF-8 flag the spec says CP437, but many tools write UTF-8
 * anyway; valid UTF-8 is practically never an accident, so it wins.
 * Null when the flag promises UTF-8 and the bytes are not.
 */
function decodeName(nameBytes: Uint8Array, utf8Flag: boolean): string | null {
  try {
    return UTF8.decode(nameBytes);
  } catch {
    if (utf8Flag) return null;
    let s = '';
    for (const b of nameBytes) s += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
    return s;
  }
}

/** Why a name could escape the folder it is unpacked into, or null when it is safe. */
function unsafeNameReason(name: string): string | null {
  if (name === '') return 'is empty';
  if (name.includes('\0')) return 'contains a NUL character';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  if (name.split('/').includes('..')) return 'climbs out of its folder with ".."';
  return null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A name from a possibly hostile archive, quoted, control characters visible, length capped. */
function quoteName(name: string): string {
  const short = name.length > 80 ? `${name.slice(0, 77)}...` : name;
  return JSON.stringify(short);
}

function formatBytes(n: number): string {
  if (n >= MB) return `${Number((n / MB).toFixed(1)).toLocaleString('en')} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1)).toLocaleString('en')} KB`;
  return `${n} bytes`;
}

// ───────────────────────────── writing ─────────────────────────────

const DEFAULT_DATE = new Date(Date.UTC(1980, 0, 1));
const VERSION = 20; // 2.0: deflate, folders
const UTF8_ENCODER = new TextEncoder();

/**
 * A ZIP of `entries` in the given order. Each entry is deflated unless that
 * would not make it smaller (then stored). Names are UTF-8 (flag bit 11).
 */
export function writeZip(entries: readonly ZipFileInput[], options: ZipWriteOptions = {}): Uint8Array {
  const [dosTime, dosDate] = dosDateTime(options.date ?? DEFAULT_DATE);
  if (entries.length > ZIP64_MARK_16 - 1) {
    throw new HomewardError('FILE_TOO_LARGE', `A ZIP file can hold at most 65,534 entries without ZIP64, and ${entries.length.toLocaleString('en')} were given. Split them into several archives.`);
  }

  const seen = new Set<string>();
  const prepared = entries.map((e) => {
    const unsafe = unsafeNameReason(e.name);
    if (unsafe) throw new HomewardError('BAD_USAGE', `Cannot put an entry named ${quoteName(e.name)} into a ZIP file: the name ${unsafe}. Use a relative path with "/" between folders.`);
    if (seen.has(e.name)) throw new HomewardError('BAD_USAGE', `Cannot put two entries named ${quoteName(e.name)} into one ZIP file. Give each entry its own name.`);
    seen.add(e.name);
    if (e.name.endsWith('/') && e.data.length > 0) throw new HomewardError('BAD_USAGE', `The ZIP entry ${quoteName(e.name)} ends in "/", which marks a folder, but has data. Drop the "/" or the data.`);
    if (e.data.length >= ZIP64_MARK_32) throw new HomewardError('FILE_TOO_LARGE', `The ZIP entry ${quoteName(e.name)} is 4 GB or larger, which needs ZIP64. Split it into smaller files.`);
    const nameBytes = UTF8_ENCODER.encode(e.name);
    if (nameBytes.length > ZIP64_MARK_16) throw new HomewardError('BAD_USAGE', `The ZIP entry name ${quoteName(e.name)} is longer than 65,535 bytes. Use a shorter name.`);
    const deflated = e.data.length > 0 ? deflateRawSync(e.data) : null;
    const useDeflate = deflated !== null && deflated.length < e.data.length;
    return {
      nameBytes,
      method: useDeflate ? DEFLATE : STORED,
      body: useDeflate ? deflated : e.data,
      size: e.data.length,
      crc: crc32(e.data) >>> 0,
      offset: 0,
    };
  });

  let localTotal = 0;
  let centralTotal = 0;
  for (const e of prepared) {
    e.offset = localTotal;
    localTotal += LOCAL_SIZE + e.nameBytes.length + e.body.length;
    centralTotal += CENTRAL_SIZE + e.nameBytes.length;
  }
  if (localTotal + centralTotal >= ZIP64_MARK_32) throw new HomewardError('FILE_TOO_LARGE', 'These entries make a ZIP file of 4 GB or more, which needs ZIP64. Split them into several archives.');

  const out = new Uint8Array(localTotal + centralTotal + END_SIZE);
  const view = new DataView(out.buffer);
  let p = 0;
  const header = (signature: number, e: (typeof prepared)[number], central: boolean): void => {
    view.setUint32(p, signature, true);
    p += 4;
    if (central) {
      view.setUint16(p, VERSION, true); // made by: MS-DOS attributes, spec 2.0
      p += 2;
    }
    view.setUint16(p, VERSION, true);
    view.setUint16(p + 2, FLAG_UTF8, true);
    view.setUint16(p + 4, e.method, true);
    view.setUint16(p + 6, dosTime, true);
    view.setUint16(p + 8, dosDate, true);
    view.setUint32(p + 10, e.crc, true);
    view.setUint32(p + 14, e.body.length, true);
    view.setUint32(p + 18, e.size, true);
    view.setUint16(p + 22, e.nameBytes.length, true);
    view.setUint16(p + 24, 0, true); // no extra field
    p += 26;
    if (central) {
      // comment length, disk, internal and external attributes: all zero.
      view.setUint32(p + 10, e.offset, true);
      p += 14;
    }
    out.set(e.nameBytes, p);
    p += e.nameBytes.length;
  };
  for (const e of prepared) {
    header(SIG_LOCAL, e, false);
    out.set(e.body, p);
    p += e.body.length;
  }
  for (const e of prepared) header(SIG_CENTRAL, e, true);
  view.setUint32(p, SIG_END, true);
  view.setUint16(p + 8, prepared.length, true);
  view.setUint16(p + 10, prepared.length, true);
  view.setUint32(p + 12, centralTotal, true);
  view.setUint32(p + 16, localTotal, true);
  return out;
}

/** MS-DOS time and date words (2-second resolution, years 1980–2107), from the UTC fields. */
function dosDateTime(date: Date): [number, number] {
  if (Number.isNaN(date.getTime())) throw new HomewardError('BAD_USAGE', 'The date for the ZIP entries is not a valid date. Pass a real Date or leave it out.');
  if (date.getUTCFullYear() < 1980) return dosDateTime(DEFAULT_DATE);
  if (date.getUTCFullYear() > 2107) return dosDateTime(new Date(Date.UTC(2107, 11, 31, 23, 59, 58)));
  const year = date.getUTCFullYear();
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return [time, day];
}
