/**
 * Building printable documents, without a browser: escaping, the page CSS,
 * the building blocks, QR codes, the font catalogue and finding Chromium.
 * Every name here is invented.
 */
import { createHash } from 'node:crypto';
import decodeQR from 'qr/decode.js';
import { describe, expect, it } from 'vitest';
import { generatePeople } from '../../src/domain/demo';
import { HomewardError } from '../../src/domain/errors';
import {
  escapeHtml,
  facesFor,
  facts,
  findChromium,
  FONT_BASE_URL,
  fontCatalogue,
  fontFaceCss,
  fontFileForUrl,
  html,
  imageMime,
  nameBlock,
  openChromiumPrinter,
  peopleTable,
  photoThumbnail,
  printDocument,
  printFontStack,
  qrFigure,
  qrSvg,
  readFontFile,
  scriptLang,
  signatureBlock,
  signatureBlocks,
  trustedHtml,
  type TableColumn,
} from '../../src/services/print';

const NAMES = {
  thai: 'ณัฐวุฒิ',
  chinese: '张伟',
  burmese: 'အောင်ကျော်',
  vietnamese: 'Nguyễn Thị Hồng',
  khmer: 'សុខ ចាន់',
  lao: 'ສົມພອນ',
};
const HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "' onmouseover='alert(1)", '</style><script>x</script>', '&amp;'];

/** Draws qrSvg's path (runs of "M x y h w v1 h-w z") into RGB pixels for the decoder. */
function rasterizeQr(svg: string, scale = 6): { width: number; height: number; data: Uint8Array } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const width = size * scale;
  const data = new Uint8Array(width * width * 3).fill(255);
  for (const m of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let py = y * scale; py < (y + 1) * scale; py++) data.fill(0, (py * width + x * scale) * 3, (py * width + (x + w) * scale) * 3);
  }
  return { width, height: width, data };
}

describe('escaping: names are untrusted input and print as text', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('the html tag escapes text, keeps trusted markup, joins lists and drops empty values', () => {
    const name = '<b>ZHANG</b>';
    const out = html`<p title="${name}">${name} ${[1, html`<i>${'&'}</i>`, null]}${undefined}${false}${trustedHtml('<br>')}</p>`.toString();
    expect(out).toBe('<p title="&lt;b&gt;ZHANG&lt;/b&gt;">&lt;b&gt;ZHANG&lt;/b&gt; 1<i>&amp;</i><br></p>');
  });

  it('no hostile name becomes markup anywhere in a document', () => {
    type Row = { name: string };
    const columns: TableColumn<Row>[] = [
      { header: 'Name', cell: (r) => nameBlock({ latin: r.name, native: r.name }) },
      { header: 'Photo', cell: (r) => photoThumbnail(null, { alt: r.name }), kind: 'photo' },
    ];
    const hostile = HOSTILE.join(' ');
    const doc = printDocument({
      lang: 'en" onload="x',
      title: hostile,
      headerNote: hostile,
      footerNote: hostile,
      pageLabel: `${hostile} {page}/{pages}`,
      body: html`${facts([{ label: hostile, value: hostile }])}${peopleTable(
        columns,
        HOSTILE.map((name) => ({ name })),
        { caption: hostile },
      )}${signatureBlock({ heading: hostile, name: hostile, role: hostile, idNumber: hostile, date: hostile })}${qrFigure({ text: hostile, caption: hostile })}`,
    }).html;
    // Only the elements the building blocks make, and no event-handler attribute on any of them.
    const tags = [...doc.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase());
    const ours = 'html head meta title style body div b dl dt dd table caption colgroup col thead tbody tr th td section h3 figure figcaption span svg rect path circle';
    expect([...new Set(tags)].filter((t) => !ours.split(' ').includes(t))).toEqual([]);
    // (Quoted values cannot hide a quote: it is escaped, so dropping them leaves only attribute names.)
    for (const tag of doc.match(/<[a-zA-Z][^>]*>/g)!) expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son\w+\s*=/i);
    // The style element is closed once, by us: the title in the running header cannot end it early.
    expect(doc.match(/<\/style>/g)).toHaveLength(1);
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc).toContain('lang="en&quot; onload=&quot;x"');
  });
});

describe('the printable document', () => {
  const doc = printDocument({ lang: 'th', title: 'รายชื่อส่งตัว', body: html`<p>${NAMES.thai}</p>` });

  it('is a complete A4 portrait HTML document in the given language, with the title as its running header', () => {
    expect(doc.html).toMatch(/^<!doctype html>\n<html lang="th">/);
    expect(doc.html).toContain('<meta charset="utf-8">');
    expect(doc.html).toContain('<title>รายชื่อส่งตัว</title>');
    expect(doc.html).toContain('size: A4 portrait');
    expect(doc.html).toMatch(/@top-left \{ content: "\\e23 /); // ร, hex-escaped in the CSS string
    expect(doc.html).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages)');
    expect(doc.landscape).toBe(false);
  });

  it('can be landscape and can number pages in the reader’s language', () => {
    const l = printDocument({ lang: 'th', title: 'T', body: html``, landscape: true, pageLabel: 'หน้า {page}/{pages}' });
    expect(l.landscape).toBe(true);
    expect(l.html).toContain('size: A4 landscape');
    expect(l.html).toContain('counter(page) "/" counter(pages)');
    expect(l.html).toContain('content: "\\e2b \\e19 \\e49 \\e32  " counter(page)');
  });

  it('forbids scripts and remote content by its own Content-Security-Policy', () => {
    expect(doc.html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:; font-src ${FONT_BASE_URL} data:">`,
    );
  });

  it('keeps table rows whole and repeats the header row on every page', () => {
    expect(doc.html).toContain('table.people thead { display: table-header-group; }');
    expect(doc.html).toContain('table.people tr { break-inside: avoid; }');
  });

  it('declares every print font by URL and sets the text in them, Latin first', () => {
    const faces = fontCatalogue().faces;
    for (const f of faces) expect(doc.html).toContain(`src:url(${FONT_BASE_URL}${f.file}) format('woff2')`);
    expect(printFontStack()).toMatch(/^'Noto Sans', 'Noto Sans Thai', 'Noto Sans Myanmar', 'Noto Sans Khmer', 'Noto Sans Lao', 'Noto Sans SC'/);
    expect(doc.html).toContain(`html { font-family: ${printFontStack()};`);
  });

  it('a different font address (for the Electron protocol handler) is used for fonts and allowed by the CSP', () => {
    const d = printDocument({ lang: 'en', title: 'T', body: html``, fontBaseUrl: 'homeward-print://fonts/' });
    expect(d.html).toContain("src:url(homeward-print://fonts/noto-sans-latin-400-normal.woff2) format('woff2')");
    expect(d.html).toContain('font-src homeward-print://fonts/ data:');
    expect(d.html).not.toContain(FONT_BASE_URL);
    for (const bad of ['fonts/', 'https://x.invalid/a b/', 'https://x.invalid/f', "https://x.invalid/');x/"]) {
      expect(() => printDocument({ lang: 'en', title: 'T', body: html``, fontBaseUrl: bad })).toThrow(/font address/);
    }
  });
});

describe('building blocks', () => {
  it('a people table: caller-given columns, widths, classes, one row per person in order', () => {
    type Row = { n: string; c: string };
    const t = peopleTable<Row>(
      [
        { header: '#', cell: (_, i) => i + 1, width: '7mm', kind: 'number', align: 'end' },
        { header: 'Name', cell: (r) => r.n },
        { header: 'Case number', cell: (r) => r.c, width: 'calc(1px); x', kind: 'code' },
      ],
      [
        { n: 'ZHANG Wei', c: 'MSO-2026-000001' },
        { n: 'SOK Chan', c: 'MSO-2026-000002' },
      ],
    ).toString();
    expect(t).toContain('<thead><tr><th scope="col" class="number end">#</th><th scope="col" class="">Name</th><th scope="col" class="code">Case number</th></tr></thead>');
    expect(t).toContain('<col style="width:7mm"><col><col>'); // a width that is not a plain length is ignored
    expect(t.indexOf('ZHANG Wei')).toBeLessThan(t.indexOf('SOK Chan'));
    expect(t).toContain('<td class="number end">2</td>');
    expect(t.match(/<tr>/g)).toHaveLength(3);
  });

  it('a name in Latin over the native script, tagged with the script’s language and direction', () => {
    expect(nameBlock({ latin: 'AUNG Kyaw', native: NAMES.burmese }).toString()).toBe(
      `<div class="name-latin">AUNG Kyaw</div><div class="name-native" dir="auto" lang="my">${NAMES.burmese}</div>`,
    );
    expect(nameBlock({ latin: null, native: 'سلیم' }).toString()).toBe('<div class="name-native" dir="auto">سلیم</div>');
    expect(nameBlock({ latin: 'Nabila', native: '  ' }).toString()).toBe('<div class="name-latin">Nabila</div>');
    expect([NAMES.thai, NAMES.chinese, NAMES.burmese, NAMES.khmer, NAMES.lao, NAMES.vietnamese].map(scriptLang)).toEqual(['th', 'zh-Hans', 'my', 'km', 'lo', undefined]);
  });

  it('a signature block prints what is known and leaves lines for the rest', () => {
    const s = signatureBlock({ heading: 'Received by', name: 'Officer Example Two' }).toString();
    expect(s).toContain('<h3>Received by</h3>');
    expect(s).toContain('<dt>Name</dt><dd>Officer Example Two</dd>');
    expect(s).toContain('<dt>ID no.</dt><dd></dd>');
    expect(s).toContain('<dt>Signature</dt><dd class="sign"></dd>');
    const thai = signatureBlock({ heading: 'ผู้รับ' }, { name: 'ชื่อ', role: 'ตำแหน่ง', id: 'เลขประจำตัว', signature: 'ลายมือชื่อ', date: 'วันที่' }).toString();
    expect(thai).toContain('<dt>ลายมือชื่อ</dt>');
    expect(signatureBlocks([{ heading: 'A' }, { heading: 'B' }]).toString().match(/class="signature"/g)).toHaveLength(2);
  });

  it('a photo thumbnail: JPEG, PNG and WebP bytes become data: URLs; anything else a neutral placeholder', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
    expect(imageMime(jpeg)).toBe('image/jpeg');
    expect(imageMime(png)).toBe('image/png');
    expect(imageMime(webp)).toBe('image/webp');
    expect(imageMime(Buffer.from('%PDF-1.7'))).toBeUndefined();
    expect(photoThumbnail(jpeg).toString()).toBe(`<img class="photo" alt="" src="data:image/jpeg;base64,${jpeg.toString('base64')}">`);
    expect(photoThumbnail(new Uint8Array(png), { alt: 'Photo of ZHANG Wei' }).toString()).toContain('alt="Photo of ZHANG Wei" src="data:image/png;base64,');
    // A view into a larger buffer encodes only its own bytes.
    const pool = Buffer.concat([Buffer.from('xxxx'), webp, Buffer.from('yyyy')]);
    expect(photoThumbnail(pool.subarray(4, 4 + webp.length)).toString()).toContain(`data:image/webp;base64,${webp.toString('base64')}"`);
    for (const none of [null, undefined, Buffer.alloc(0), Buffer.from('%PDF-1.7 not a photo')]) {
      const p = photoThumbnail(none).toString();
      expect(p).toMatch(/^<div class="photo-none" role="img" aria-label="No photo"><svg /);
      expect(p).not.toContain('data:');
    }
  });

  it('a QR figure carries the code, a caption and the text for reading by eye', () => {
    const f = qrFigure({ text: 'MSO-2026-000123', caption: 'Case number' }).toString();
    expect(f).toMatch(/^<figure class="qr" style="width:28mm" aria-label="Case number"><svg /);
    expect(f).toContain('<figcaption>Case number<span class="qr-text">MSO-2026-000123</span></figcaption>');
    expect(qrFigure({ text: 'X', showText: false }).toString()).not.toContain('figcaption');
  });
});

describe('QR codes', () => {
  it('case numbers, hashes and native-script text decode back exactly', () => {
    const hash = createHash('sha256').update('synthetic manifest').digest('hex');
    for (const text of ['MSO-2026-000123', hash, hash.toUpperCase(), `${NAMES.thai} ${NAMES.chinese}`]) {
      expect(decodeQR(rasterizeQr(qrSvg(text)))).toBe(text);
    }
  });

  it('has a four-module quiet zone and quartile error correction by default, and a print size when asked', () => {
    const modules = (svg: string) => Number(/viewBox="0 0 (\d+) /.exec(svg)![1]);
    const svg = qrSvg('MSO-2026-000123', { size: '25mm' });
    // 15 alphanumeric characters fit version 1 (21 modules) at quartile level; + 2 × 4 quiet zone.
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 29 29" width="25mm" height="25mm" shape-rendering="crispEdges" role="img">/);
    expect(svg).toContain('<rect width="29" height="29" fill="#fff"/>');
    expect(Math.min(...[...svg.matchAll(/M(\d+) (\d+)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]))).toBe(4);
    expect(qrSvg('MSO-2026-000123', { border: 0 })).toMatch(/viewBox="0 0 21 21"/);
    // A SHA-256 in hex (64 bytes): version 6 (41 modules) at quartile, version 4 (33) at low.
    const hash = createHash('sha256').update('synthetic').digest('hex');
    expect(modules(qrSvg(hash))).toBe(41 + 8);
    expect(modules(qrSvg(hash, { ecc: 'low' }))).toBe(33 + 8);
  });

  it('refuses what it cannot encode, saying why', () => {
    expect(() => qrSvg('')).toThrow(HomewardError);
    expect(() => qrSvg('x', { size: '10mm;x:y' })).toThrow(/CSS length/);
    expect(() => qrSvg('x', { border: 1.5 })).toThrow(/quiet zone/);
    expect(() => qrSvg('x'.repeat(5000))).toThrow(/does not fit in a QR code/);
  });
});

describe('fonts', () => {
  it('every face in the catalogue is a woff2 file of the app’s own @fontsource packages', () => {
    const { faces, families } = fontCatalogue();
    expect(families.slice(0, 6)).toEqual(['Noto Sans', 'Noto Sans Thai', 'Noto Sans Myanmar', 'Noto Sans Khmer', 'Noto Sans Lao', 'Noto Sans SC']);
    expect(faces.filter((f) => f.family === 'Noto Sans SC').length).toBeGreaterThan(150); // ~100 subsets × 2 weights
    for (const f of faces) {
      const bytes = readFontFile(f.file)!;
      expect(bytes.subarray(0, 4).toString('latin1'), f.file).toBe('wOF2');
    }
  });

  it('serves only its own files, whatever a URL asks for', () => {
    expect(fontFileForUrl(`${FONT_BASE_URL}noto-sans-thai-thai-700-normal.woff2`)).toBe('noto-sans-thai-thai-700-normal.woff2');
    expect(fontFileForUrl(`${FONT_BASE_URL}../../package.json`)).toBeUndefined();
    expect(fontFileForUrl(`${FONT_BASE_URL}noto-sans-thai-thai-400-normal.woff`)).toBeUndefined();
    expect(fontFileForUrl('https://example.org/noto-sans-latin-400-normal.woff2')).toBeUndefined();
    expect(readFontFile('../package.json')).toBeUndefined();
    expect(readFontFile('/etc/passwd')).toBeUndefined();
  });

  it('covers every character of the names in the six scripts and Vietnamese, in regular and bold', () => {
    for (const name of Object.values(NAMES)) {
      for (const ch of name.replace(/\s/g, '')) {
        const weights = new Set(facesFor(ch).map((f) => f.weight));
        expect([...weights].sort(), `U+${ch.codePointAt(0)!.toString(16)} in ${name}`).toEqual([400, 700]);
      }
    }
  });

  it('covers every character the demo generator writes for Chinese, Vietnamese, Thai, Burmese, Khmer, Lao and Latin-script names', () => {
    // Bengali, Sinhala, Ethiopic, Urdu and Korean names need @fontsource
    // packages the project does not carry yet (fonts.ts picks them up once installed).
    const uncovered = new Set<string>();
    for (const { input } of generatePeople({ count: 5000, seed: 11, duplicateRate: 0 })) {
      if (!['CN', 'VN', 'TH', 'MM', 'KH', 'LA', 'ID', 'PH', 'BR', 'MY', 'KE', 'UG'].includes(input.claimedNationality ?? '')) continue;
      for (const s of [input.familyName, input.givenNames, input.nativeName, ...(input.aliases ?? [])]) {
        for (const ch of s ?? '') if (facesFor(ch).length === 0) uncovered.add(ch);
      }
    }
    expect([...uncovered]).toEqual([]);
  });

  it('chooses only the subsets a text needs for inline fonts, so a Chinese name pulls one Han subset, not a hundred', () => {
    const han = facesFor(NAMES.chinese).filter((f) => f.family === 'Noto Sans SC');
    expect(han.length).toBeGreaterThanOrEqual(2); // regular and bold
    expect(han.length).toBeLessThanOrEqual(4);
    const css = fontFaceCss({ inlineFor: NAMES.thai });
    expect(css.match(/@font-face/g)).toHaveLength(2);
    expect(css).toContain("font-family:'Noto Sans Thai'");
    expect(css).toContain('src:url(data:font/woff2;base64,d09GMg');
  });
});

describe('finding Chromium', () => {
  it('uses the path given, then HOMEWARD_CHROMIUM, then the usual install paths', () => {
    expect(findChromium(process.execPath, {})).toBe(process.execPath);
    expect(findChromium(undefined, { HOMEWARD_CHROMIUM: process.execPath }, ['/nonexistent/chromium'])).toBe(process.execPath);
    expect(findChromium(undefined, {}, ['/nonexistent/chromium', process.execPath])).toBe(process.execPath);
  });

  it('says what is missing and how to fix it', () => {
    const none = () => findChromium(undefined, {}, ['/nonexistent/chromium', '/nonexistent/google-chrome']);
    expect(none).toThrow(HomewardError);
    expect(none).toThrow(/Printing to PDF needs Chromium, and none was found \(looked for \/nonexistent\/chromium, \/nonexistent\/google-chrome\)\. Install Chromium .*apt-get install chromium.* HOMEWARD_CHROMIUM/);
    try {
      none();
    } catch (e) {
      expect((e as HomewardError).code).toBe('INTERNAL');
      expect((e as HomewardError).details).toEqual({ missing: 'chromium', tried: ['/nonexistent/chromium', '/nonexistent/google-chrome'] });
    }
  });

  it('reports a chosen path that does not work instead of quietly using another', async () => {
    expect(() => findChromium(undefined, { HOMEWARD_CHROMIUM: '/nonexistent/chrome' })).toThrow(/HOMEWARD_CHROMIUM points to \/nonexistent\/chrome/);
    await expect(openChromiumPrinter({ executablePath: '/nonexistent/chrome' })).rejects.toMatchObject({
      code: 'BAD_USAGE',
      message: expect.stringContaining('/nonexistent/chrome (the executable path given) is missing'),
    });
  });
});
