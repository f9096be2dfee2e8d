/**
 * Printing real PDFs with Debian's Chromium and reading them back with
 * poppler (pdffonts, pdftotext, pdftoppm). Every name here is invented.
 *
 * System fonts are hidden from Chromium for this whole file (an empty
 * fontconfig), so every glyph in these PDFs must come from Homeward's own
 * @fontsource files — a system fallback would show up as a missing glyph or a
 * foreign font in pdffonts.
 *
 * PDFs go to the poppler tools through stdin; nothing but the sample page
 * PNG (synthetic) is written to disk.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import decodeQR from 'qr/decode.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePeople } from '../../src/domain/demo';
import {
  facts,
  html,
  nameBlock,
  openChromiumPrinter,
  peopleTable,
  photoThumbnail,
  printDocument,
  qrFigure,
  signatureBlocks,
  type PdfPrinter,
  type PrintRequestEvent,
  trustedHtml,
  type TableColumn,
} from '../../src/services/print';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE_PNG = join(ROOT, 'tests', 'artifacts', 'screens', 'print-sample.png');
/** Debian's fonts-dejavu-core (a fontconfig dependency): Latin and maths, none of the six scripts. */
const DECOY_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf';

// ---------------------------------------------------------------- PNG in memory

/**
 * A synthetic "photo": a head-and-shoulders shape drawn pixel by pixel. With
 * `grain`, seeded noise makes each one distinct and about as heavy as a real
 * JPEG thumbnail (~15–20 kB), for timing.
 */
function syntheticPhotoPng(width: number, height: number, hue: [number, number, number], grain = 0): Buffer {
  let seed = grain * 2654435761;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return grain ? ((seed >>> 16) % 24) - 12 : 0;
  };
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const head = (x - width / 2) ** 2 + (y - height * 0.38) ** 2 < (width * 0.22) ** 2;
      const shoulders = y > height * 0.68 && Math.abs(x - width / 2) < width * 0.42 - (height - y) * 0.3;
      const shade = head || shoulders ? 0.45 : 0.9 - (y / height) * 0.15;
      const o = y * (width * 3 + 1) + 1 + x * 3;
      const n = noise();
      raw[o] = Math.max(0, Math.round(hue[0] * shade) + n);
      raw[o + 1] = Math.max(0, Math.round(hue[1] * shade) + n);
      raw[o + 2] = Math.max(0, Math.round(hue[2] * shade) + n);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Just enough PNG decoding for pdftoppm's output: 8-bit grey, RGB or RGBA, not interlaced. Returns RGB. */
function decodePng(png: Buffer): { width: number; height: number; data: Uint8Array } {
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
      channels = ({ 0: 1, 2: 3, 6: 4 } as Record<number, number>)[data[9]!] ?? 0;
      if (!channels) throw new Error(`PNG colour type ${data[9]} not handled`);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? px[y * stride + i - channels]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + i]! : 0;
      const c = i >= channels && y > 0 ? px[(y - 1) * stride + i - channels]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const pred = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      px[y * stride + i] = (line[i]! + pred) & 0xff;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < 3; k++) rgb[i * 3 + k] = px[i * channels + (channels === 1 ? 0 : k)]!;
  }
  return { width, height, data: rgb };
}

function crop(img: { width: number; height: number; data: Uint8Array }, x0: number, y0: number, w: number, h: number) {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) data.set(img.data.subarray(((y0 + y) * img.width + x0) * 3, ((y0 + y) * img.width + x0 + w) * 3), y * w * 3);
  return { width: w, height: h, data };
}

// ---------------------------------------------------------------- poppler

function poppler(tool: string, args: string[], pdf: Buffer): Buffer {
  const r = spawnSync(tool, [...args], { input: pdf, maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${r.stderr.toString()}`);
  return r.stdout;
}
const pdfText = (pdf: Buffer, ...args: string[]) => poppler('pdftotext', ['-enc', 'UTF-8', ...args, '-', '-'], pdf).toString('utf8');
const pdfPages = (pdf: Buffer) => Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', ['-'], pdf).toString())?.[1]);
function pdfFonts(pdf: Buffer): { name: string; embedded: boolean; unicode: boolean }[] {
  return poppler('pdffonts', ['-'], pdf)
    .toString()
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name … emb sub uni object-id generation
      return { name: cols[0]!, embedded: cols.at(-5) === 'yes', unicode: cols.at(-3) === 'yes' };
    });
}

/** Whitespace does not count: poppler places spaces by glyph geometry (see the tests below). */
const squeeze = (s: string) => s.replace(/\s+/g, '');

/**
 * The /ActualText of every marked span in the PDF's content streams. Chromium
 * writes one around each glyph cluster that does not map one glyph to one
 * character — what a shaper produces for reordered and stacked marks.
 */
function actualTexts(pdf: Buffer): string[] {
  const out: string[] = [];
  const latin = pdf.toString('latin1');
  for (const m of latin.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = latin.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // not a Flate stream (images, fonts are fine to skip)
    }
    for (const a of content.matchAll(/\/ActualText <FEFF([0-9A-F]*)>/g)) out.push(Buffer.from(a[1]!, 'hex').swap16().toString('utf16le'));
  }
  return out;
}

// ---------------------------------------------------------------- the sample

interface Row {
  latin: string;
  native: string | null;
  sex: string;
  born: string;
  document: string;
  caseNumber: string;
  photo: Buffer | null;
}

const NAMES = {
  thai: 'ณัฐวุฒิ',
  chinese: '张伟',
  burmese: 'အောင်ကျော်',
  vietnamese: 'Nguyễn Thị Hồng',
  khmer: 'សុខ ចាន់',
  lao: 'ສົມພອນ',
};
const SCRIPT_TAG = '<script>alert(1)</script>';
const IMG_TAG = '<img src=x onerror=alert(1)>';

const photo = syntheticPhotoPng(88, 112, [120, 150, 190]);
const sampleRows: Row[] = [
  { latin: 'NATTAWUT Somsak', native: `${NAMES.thai} สมศักดิ์`, sex: 'M', born: '1998-03-14', document: 'TH passport — lost', caseNumber: 'MSO-2026-000101', photo },
  { latin: 'ZHANG Wei', native: NAMES.chinese, sex: 'M', born: 'age ~27', document: 'CN passport E1234567 (compound)', caseNumber: 'MSO-2026-000102', photo: null },
  { latin: 'AUNG Kyaw', native: NAMES.burmese, sex: 'M', born: '2001', document: 'none', caseNumber: 'MSO-2026-000103', photo },
  { latin: 'NGUYEN Thi Hong', native: NAMES.vietnamese, sex: 'F', born: '1995-07', document: 'VN passport C7654321 (person)', caseNumber: 'MSO-2026-000104', photo },
  { latin: 'SOK Chan', native: NAMES.khmer, sex: 'F', born: '1999-12-01', document: 'KH ID card (authority)', caseNumber: 'MSO-2026-000105', photo: null },
  { latin: 'SOMPHONE Keo', native: NAMES.lao, sex: 'M', born: 'age ~31', document: 'LA passport P0012345 (lost)', caseNumber: 'MSO-2026-000106', photo },
  { latin: SCRIPT_TAG, native: IMG_TAG, sex: 'M', born: '2000', document: '"><b>bold</b>', caseNumber: 'MSO-2026-000107', photo: null },
];

const columns: TableColumn<Row>[] = [
  { header: '#', cell: (_, i) => i + 1, width: '7mm', kind: 'number', align: 'end' },
  { header: 'Photo', cell: (r) => photoThumbnail(r.photo, { alt: `Photo of ${r.latin}` }), width: '14mm', kind: 'photo' },
  { header: 'Name (Latin / native script)', cell: (r) => nameBlock({ latin: r.latin, native: r.native }) },
  { header: 'Sex', cell: (r) => r.sex, width: '9mm', align: 'center' },
  { header: 'Born / age', cell: (r) => r.born, width: '20mm', kind: 'code' },
  { header: 'Document', cell: (r) => r.document, width: '40mm' },
  { header: 'Case number', cell: (r) => r.caseNumber, width: '30mm', kind: 'code' },
];

const MANIFEST_HASH = createHash('sha256').update('synthetic manifest for the print test').digest('hex');

function sampleDocument(rows: readonly Row[] = sampleRows) {
  const body = html`<h1>Handover manifest MSO-H-2026-0007</h1>
${facts([
  { label: 'Office', value: 'MSO — Mae Sot Office (synthetic)' },
  { label: 'Route', value: 'Myawaddy → Friendship Bridge II → Mae Sot' },
  { label: 'Receiving party', value: 'Synthetic Receiving Agency, official Chanthavy S. (ID LA-0000-TEST)' },
  { label: 'Handover date', value: '2026-11-01 09:30' },
  { label: 'People', value: String(rows.length) },
])}
${peopleTable(columns, rows)}
<div class="keep" style="display:flex;gap:8mm;align-items:flex-start;margin-top:6mm">
${qrFigure({ text: MANIFEST_HASH, caption: 'SHA-256 of manifest.json', size: '30mm' })}
<p class="muted" style="flex:1">Scan the code or compare the printed hash with the one shown by
<b>sha256sum manifest.json</b> to confirm this paper matches the signed file.</p>
</div>
${signatureBlocks([
  { heading: 'Handed over by', name: 'Officer Example One', role: 'Handover officer, MSO', idNumber: 'MSO-STAFF-0001' },
  { heading: 'Received by', name: null, role: null, idNumber: null },
  { heading: 'Witness' },
])}`;
  return printDocument({
    lang: 'en',
    title: 'Handover manifest MSO-H-2026-0007',
    headerNote: 'MSO · printed 2026-11-01 09:41',
    footerNote: `manifest SHA-256 ${MANIFEST_HASH.slice(0, 16)}…`,
    body,
  });
}

/** Rows from the demo generator; with photos, four in five people have their own distinct thumbnail. */
function demoRows(count: number, withPhotos: boolean): Row[] {
  const hues: [number, number, number][] = [[120, 150, 190], [190, 150, 120], [140, 180, 140]];
  return generatePeople({ count, seed: 7, duplicateRate: 0 }).map(({ input }, i) => ({
    latin: [input.familyName, input.givenNames].filter(Boolean).join(' ') || '—',
    native: input.nativeName ?? null,
    sex: input.sex === 'female' ? 'F' : 'M',
    born: input.birthDate ?? (input.estimatedAge != null ? `age ~${input.estimatedAge}` : '—'),
    document: input.documents?.[0] ? `${input.documents[0].type} ${input.documents[0].number ?? ''}` : 'none',
    caseNumber: `MSO-2026-${String(i + 1).padStart(6, '0')}`,
    photo: withPhotos && i % 5 !== 0 ? syntheticPhotoPng(96, 120, hues[i % 3]!, i + 1) : null,
  }));
}

// ---------------------------------------------------------------- the tests

let printer: PdfPrinter;
let events: PrintRequestEvent[] = [];
let fontconfigDir: string;
let samplePdf: Buffer;
let sampleEvents: PrintRequestEvent[];

beforeAll(async () => {
  // Hide the system's fonts from Chromium (this test file runs in its own
  // process). Blink needs at least one font to start, so fontconfig sees a
  // single decoy with none of the six scripts: a fallback would show up as
  // DejaVuMathTeXGyre in pdffonts, or as missing glyphs.
  fontconfigDir = mkdtempSync(join(tmpdir(), 'homeward-print-fontconfig-'));
  mkdirSync(join(fontconfigDir, 'decoy'));
  copyFileSync(DECOY_FONT, join(fontconfigDir, 'decoy', 'decoy.ttf'));
  writeFileSync(
    join(fontconfigDir, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${join(fontconfigDir, 'decoy')}</dir><cachedir>${join(fontconfigDir, 'cache')}</cachedir></fontconfig>\n`,
  );
  process.env.FONTCONFIG_FILE = join(fontconfigDir, 'fonts.conf');
  printer = await openChromiumPrinter({ observe: (e) => events.push(e) });
  events = [];
  samplePdf = await printer.print(sampleDocument());
  sampleEvents = events;
});

afterAll(async () => {
  await printer?.close();
  rmSync(fontconfigDir, { recursive: true, force: true });
});

describe('a handover manifest printed to PDF', () => {
  it('is a PDF', () => {
    expect(samplePdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("embeds Homeward's own Noto fonts for Latin, Vietnamese, Thai, Chinese, Burmese, Khmer and Lao — and nothing else", () => {
    const fonts = pdfFonts(samplePdf);
    const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    for (const expected of [/^NotoSans-Regular$/, /^NotoSans-Bold$/, /^NotoSansThai-/, /^NotoSansSC/, /^NotoSansMyanmar-/, /^NotoSansKhmer-/, /^NotoSansLao-/]) {
      expect(names.some((n) => expected.test(n)), `${expected} in ${names.join(', ')}`).toBe(true);
    }
    // No system fallback (DejaVu, Liberation, Noto CJK from fonts-noto-cjk…): only the families we ship.
    for (const n of names) expect(n).toMatch(/^NotoSans(Thai|SC|SCThin|Myanmar|Khmer|Lao)?-(Regular|Bold)$/);
    for (const f of fonts) {
      expect(f.embedded).toBe(true);
      expect(f.unicode).toBe(true);
    }
  });

  it('loads only the font subsets the text uses, from memory, and makes no other request', () => {
    const files = sampleEvents.filter((e) => e.kind === 'font').map((e) => (e as { file: string }).file);
    const han = files.filter((f) => f.startsWith('noto-sans-sc-'));
    // 张伟 and the arrow → live in a few of Noto Sans SC's ~100 subsets; the rest never load.
    expect(han.length).toBeGreaterThanOrEqual(1);
    expect(han.length).toBeLessThanOrEqual(4);
    expect(files).toEqual(
      expect.arrayContaining([
        'noto-sans-thai-thai-400-normal.woff2',
        'noto-sans-myanmar-myanmar-400-normal.woff2',
        'noto-sans-khmer-khmer-400-normal.woff2',
        'noto-sans-lao-lao-400-normal.woff2',
        'noto-sans-vietnamese-400-normal.woff2',
      ]),
    );
    expect(new Set(files).size).toBe(files.length);
    expect(files.length).toBeLessThan(20);
    // The escaped <img src=x> never became an element, so nothing asked for "x".
    expect(sampleEvents.filter((e) => e.kind === 'blocked')).toEqual([]);
  });

  // About reading text back: Chromium writes every glyph, spaces included,
  // and wraps each shaped cluster whose glyphs do not map one-to-one onto
  // characters (Thai ั + ณ, Vietnamese ị drawn as ı + dot, Burmese ေ drawn
  // before its consonant, Khmer ុ, Lao ົ) in an /ActualText span holding the
  // cluster's code points in logical order. pdftotext honours those spans
  // but ignores space glyphs and decides word gaps from geometry, so next to
  // such a span it may drop a real space ("ThịHồng") or add one ("ສົ ມພອນ").
  // So: Latin, Chinese and the single-cluster-free strings are compared
  // exactly; every native-script name is compared code point for code point
  // with whitespace ignored, which still catches any reordering, missing
  // mark or substituted character.
  it('gives back Latin, Chinese and the case numbers exactly as written', () => {
    const text = pdfText(samplePdf);
    for (const s of ['NATTAWUT Somsak', 'ZHANG Wei', NAMES.chinese, 'NGUYEN Thi Hong', 'MSO-2026-000106', 'Friendship Bridge II', 'CN passport E1234567', 'MSO · printed 2026-11-01 09:41']) {
      expect(text).toContain(s);
    }
  });

  it('gives back every native-script name in logical order, code point for code point (whitespace aside)', () => {
    const text = squeeze(pdfText(samplePdf));
    for (const name of [NAMES.thai, 'สมศักดิ์', NAMES.chinese, NAMES.burmese, NAMES.vietnamese, NAMES.khmer, NAMES.lao]) {
      expect(text).toContain(squeeze(name));
    }
    // The words of the Vietnamese name, diacritics and all, come back exactly.
    for (const word of NAMES.vietnamese.split(' ')) expect(pdfText(samplePdf)).toContain(word);
    expect(text).not.toMatch(/[\u25a1\ufffd]/);
  });

  it('was shaped: the reordered and stacked clusters of Thai, Vietnamese, Burmese, Khmer and Lao are there as clusters', () => {
    const clusters = actualTexts(samplePdf);
    // ေ (U+1031) is stored after its consonant but drawn before it; ် and ျ attach to it.
    expect(clusters).toEqual(expect.arrayContaining(['အော', 'ကျော်', 'ณั', 'ดิ์', 'ị', 'សុ', 'ន់', 'ສົ']));
  });

  it('prints names containing markup as text', () => {
    const text = pdfText(samplePdf);
    expect(text).toContain(SCRIPT_TAG);
    expect(text).toContain(IMG_TAG);
    expect(text).toContain('"><b>bold</b>');
  });

  it('carries a running header and a "page X of Y" footer in the same fonts', () => {
    const text = pdfText(samplePdf);
    expect(text).toContain('MSO · printed 2026-11-01 09:41');
    const pages = pdfPages(samplePdf);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`manifest SHA-256 ${MANIFEST_HASH.slice(0, 16)}…`);
  });

  it('sets the running header and footer in our fonts even when their script appears nowhere else', async () => {
    // Margin boxes are laid out only at print time; printDocument sets their
    // text invisibly in the page too, so the fonts they need are loaded first.
    const pdf = await printer.print(
      printDocument({ lang: 'km', title: `Roster ${NAMES.khmer}`, headerNote: NAMES.chinese, footerNote: NAMES.lao, body: html`<p>Latin only body</p>` }),
    );
    const text = squeeze(pdfText(pdf));
    for (const s of [`Roster${NAMES.khmer}`, NAMES.chinese, NAMES.lao, 'Page1of1']) expect(text).toContain(squeeze(s));
    const names = pdfFonts(pdf).map((f) => f.name);
    for (const family of ['NotoSansKhmer-Bold', 'NotoSansSC', 'NotoSansLao']) expect(names.some((n) => n.includes(family)), family).toBe(true);
  });

  it('has a QR code that decodes to the manifest hash', () => {
    const png = poppler('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', '-singlefile', '-'], samplePdf);
    const page = decodePng(png);
    // The QR sits in the lower part of the page, left: crop to that region so the decoder sees one code.
    let decoded: string | undefined;
    try {
      decoded = decodeQR(page);
    } catch {
      decoded = decodeQR(crop(page, 0, Math.floor(page.height / 3), Math.floor(page.width / 2), Math.floor((page.height * 2) / 3)));
    }
    expect(decoded).toBe(MANIFEST_HASH);
    // Printed under the code for reading by eye (wrapped over lines).
    expect(squeeze(pdfText(samplePdf))).toContain(MANIFEST_HASH);
  });

  it('renders the sample page for a person to look at (tests/artifacts/screens/print-sample.png)', () => {
    const png = poppler('pdftoppm', ['-r', '110', '-png', '-f', '1', '-l', '1', '-singlefile', '-'], samplePdf);
    mkdirSync(join(ROOT, 'tests', 'artifacts', 'screens'), { recursive: true });
    writeFileSync(SAMPLE_PNG, png);
    expect(decodePng(png).width).toBeGreaterThan(800);
  });
});

describe('a long transfer roster', () => {
  it('runs over several pages with the column headers and the running header on every page', async () => {
    const rows = demoRows(300, false);
    const pdf = await printer.print(
      printDocument({ lang: 'en', title: 'Transfer roster TB-2026-0042', headerNote: 'MSO', body: peopleTable(columns, rows, { caption: 'People listed for transfer' }) }),
    );
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThan(1);
    const perPage = pdfText(pdf).split('\f').filter((p) => p.trim());
    expect(perPage).toHaveLength(pages);
    perPage.forEach((text, i) => {
      expect(text).toContain('Case number');
      expect(text).toContain('Name (Latin / native script)');
      expect(text).toContain('Transfer roster TB-2026-0042');
      expect(text).toContain(`Page ${i + 1} of ${pages}`);
    });
    // Every row is there once: no row lost or doubled at a page break.
    const all = perPage.join('\n');
    for (const r of rows) expect(all.split(r.caseNumber).length - 1).toBe(1);
  });
});

describe('the printer', () => {
  it('prints many documents with one browser, each in a fresh context', async () => {
    const a = await printer.print(printDocument({ lang: 'th', title: 'บัตรประจำตัว', body: html`<h1>${NAMES.thai}</h1>${qrFigure({ text: 'MSO-2026-000101' })}` }));
    const b = await printer.print(printDocument({ lang: 'en', title: 'Card', body: html`<h1>${NAMES.chinese}</h1>`, landscape: true }));
    expect(pdfText(a)).toContain(NAMES.thai);
    expect(squeeze(pdfText(a))).toContain('บัตรประจำตัว');
    expect(pdfText(b)).toContain(NAMES.chinese);
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(poppler('pdfinfo', ['-'], b).toString())!;
    expect(Number(size[1])).toBeGreaterThan(Number(size[2])); // landscape
  });

  it('refuses remote content: a document that asks for a remote image fails loudly instead of printing without it', async () => {
    const seen: PrintRequestEvent[] = [];
    const p = await openChromiumPrinter({ observe: (e) => seen.push(e) });
    try {
      // A raw document (not from printDocument, which forbids remote images by CSP) that tries the network.
      const doc = `<!doctype html><html><body><p>x</p><img src="https://example.org/tracker.png"><link rel="stylesheet" href="https://example.org/a.css"></body></html>`;
      await expect(p.print({ html: doc })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('image') });
      expect(seen.filter((e) => e.kind === 'blocked').map((e) => (e as { url: string }).url)).toEqual(
        expect.arrayContaining(['https://example.org/tracker.png', 'https://example.org/a.css']),
      );
    } finally {
      await p.close();
    }
    await expect(p.print({ html: '<p>late</p>' })).rejects.toMatchObject({ code: 'BAD_USAGE' });
  });

  it("a printed document's own policy stops remote content before it leaves the page", async () => {
    const seen: PrintRequestEvent[] = [];
    const p = await openChromiumPrinter({ observe: (e) => seen.push(e) });
    try {
      // As if a caller had marked remote markup as trusted by mistake.
      const doc = printDocument({ lang: 'en', title: 'T', body: html`<p>${NAMES.khmer}</p>${trustedHtml('<img src="https://example.org/tracker.png">')}` });
      await expect(p.print(doc)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('1 image(s) could not be read') });
      expect(seen.some((e) => e.kind === 'blocked')).toBe(false); // refused by the CSP, not even asked for
      expect(seen.some((e) => e.kind === 'font')).toBe(true);
    } finally {
      await p.close();
    }
  });

  it("leaves nothing of the document in Chromium's profile or temporary folders", async () => {
    const marker = `ZZ${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16)}ZZ`;
    const before = new Set(readdirSync(tmpdir()));
    const p = await openChromiumPrinter();
    try {
      await p.print(printDocument({ lang: 'en', title: marker, body: html`${nameBlock({ latin: marker, native: NAMES.thai })}` }));
      await p.print(printDocument({ lang: 'en', title: 'second', body: html`<p>${marker}</p>` }));
      // Checked while the browser still runs (its profile folder goes when it closes).
      const fresh = readdirSync(tmpdir()).filter((d) => !before.has(d) && /chrom|playwright/i.test(d));
      expect(fresh.some((d) => d.startsWith('playwright_chromiumdev_profile-'))).toBe(true);
      const needles = [Buffer.from(marker), Buffer.from(marker, 'utf16le')];
      for (const d of fresh) {
        for (const entry of readdirSync(join(tmpdir(), d), { recursive: true, withFileTypes: true })) {
          if (!entry.isFile()) continue;
          let bytes: Buffer;
          try {
            bytes = readFileSync(join(entry.parentPath, entry.name));
          } catch {
            continue; // removed meanwhile
          }
          for (const needle of needles) expect(bytes.includes(needle), `${join(entry.parentPath, entry.name)} holds the document`).toBe(false);
        }
      }
    } finally {
      await p.close();
    }
  });

  it('times a 1,000-row roster with thumbnails (reported, not asserted)', async () => {
    const rows = demoRows(1000, true);
    const photoBytes = rows.reduce((n, r) => n + (r.photo?.length ?? 0), 0);
    const t0 = performance.now();
    const doc = printDocument({ lang: 'en', title: 'Transfer roster (timing)', body: peopleTable(columns, rows) });
    const t1 = performance.now();
    const pdf = await printer.print(doc);
    const t2 = performance.now();
    const pages = pdfPages(pdf);
    process.stdout.write(
      `print timing: 1,000 rows, ${rows.filter((r) => r.photo).length} distinct thumbnails (${(photoBytes / 1e6).toFixed(1)} MB) — build HTML ${(t1 - t0).toFixed(0)} ms (${(doc.html.length / 1e6).toFixed(1)} MB), ` +
        `print ${(t2 - t1).toFixed(0)} ms, ${pages} pages, PDF ${(pdf.length / 1e6).toFixed(1)} MB\n`,
    );
    expect(pages).toBeGreaterThan(10);
  }, 180_000);
});
