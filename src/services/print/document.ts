/**
 * Printable HTML documents — rosters, person cards, embassy lists, handover
 * manifests — built from small parts. Everything a caller interpolates goes
 * through the `html` tag, which escapes strings: names are untrusted input
 * and must print as text, never act as markup.
 *
 * The page furniture (A4, margins, running header and "page X of Y" footer)
 * lives in CSS @page margin boxes, so it is set in the document's own fonts;
 * Chromium's headerTemplate/footerTemplate would fall back to system fonts
 * and refuse a template carrying the fonts inline.
 */
import { HomewardError } from '../../domain/errors';
import { FONT_BASE_URL, fontFaceCss, printFontStack } from './fonts';
import { qrSvg, type QrSvgOptions } from './qr';

let wrap: (markup: string) => SafeHtml;

/** Markup that is safe to place in a document as is. Only this module and `trustedHtml` make one. */
export class SafeHtml {
  readonly #markup: string;
  private constructor(markup: string) {
    this.#markup = markup;
  }
  static {
    wrap = (markup) => new SafeHtml(markup);
  }
  toString(): string {
    return this.#markup;
  }
}

/** Marks markup that code (never data) produced, e.g. an SVG from qrSvg, as safe. */
export function trustedHtml(markup: string): SafeHtml {
  return wrap(markup);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** What may be interpolated into `html`: text is escaped, SafeHtml kept, lists joined, null/undefined/false dropped. */
export type HtmlValue = SafeHtml | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (value === null || value === undefined || value === false || value === true) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template for markup: html`<td>${person.name}</td>`. Put
 * interpolations only in element content or in quoted attribute values.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return wrap(out);
}

/** A CSS string literal; every character outside a small safe set becomes a hex escape, so nothing can close the string or the style element. */
function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    out += /^[A-Za-z0-9 .,:;_()#+\-/]$/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  }
  return `${out}"`;
}

/** A label with {page} and {pages} as CSS content: "Page {page} of {pages}" → "Page " counter(page) " of " counter(pages). */
function pageCounterContent(label: string): string {
  const parts = label.split(/(\{page\}|\{pages\})/).filter((p) => p !== '');
  return parts.map((p) => (p === '{page}' ? 'counter(page)' : p === '{pages}' ? 'counter(pages)' : cssString(p))).join(' ') || 'counter(page)';
}

/** BCP 47 for the lang attribute of a name in a native script, so line breaking and glyph choice follow the script. */
export function scriptLang(text: string): string | undefined {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x0e00 && cp <= 0x0e7f) return 'th';
    if (cp >= 0x0e80 && cp <= 0x0eff) return 'lo';
    if ((cp >= 0x1000 && cp <= 0x109f) || (cp >= 0xa9e0 && cp <= 0xa9ff) || (cp >= 0xaa60 && cp <= 0xaa7f)) return 'my';
    if ((cp >= 0x1780 && cp <= 0x17ff) || (cp >= 0x19e0 && cp <= 0x19ff)) return 'km';
    if ((cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f)) return 'zh-Hans';
    if (cp >= 0xac00 && cp <= 0xd7af) return 'ko';
    if (cp >= 0x0d80 && cp <= 0x0dff) return 'si';
  }
  return undefined;
}

export interface PrintDocumentInput {
  /** BCP 47 language of the document's labels, e.g. 'en', 'th' */
  lang: string;
  title: string;
  body: SafeHtml;
  pageSize?: 'A4';
  landscape?: boolean;
  /** running header, right side: e.g. office code and print time */
  headerNote?: string;
  /** running footer, left side: e.g. "manifest SHA-256 3f2a…" */
  footerNote?: string;
  /** page number label with {page} and {pages}; default "Page {page} of {pages}" */
  pageLabel?: string;
  /** where the document fetches its fonts; the print host serves readFontFile() under it */
  fontBaseUrl?: string;
}

/** A complete document, ready for PdfPrinter.print or Electron's printToPDF. */
export interface PrintableDocument {
  html: string;
  landscape: boolean;
}

const style = (fontStack: string) => `
html { font-family: ${fontStack}; font-size: 9.5pt; line-height: 1.35; color: #111;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; font-kerning: normal; }
body { margin: 0; }
h1 { font-size: 15pt; margin: 0 0 2mm; line-height: 1.2; }
h2 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; }
p { margin: 0 0 2mm; }
.muted { color: #555; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(55mm, 1fr)); gap: 1.5mm 6mm; margin: 0 0 4mm; }
.facts div { break-inside: avoid; }
.facts dt { font-size: 7.5pt; color: #555; text-transform: uppercase; letter-spacing: 0.03em; }
.facts dd { margin: 0; font-weight: 700; }
table.people { width: 100%; border-collapse: collapse; font-size: 8.5pt; }
table.people caption { caption-side: top; text-align: start; font-weight: 700; padding: 0 0 1.5mm; }
table.people thead { display: table-header-group; }
table.people tfoot { display: table-footer-group; }
table.people tr { break-inside: avoid; }
table.people th { text-align: start; font-size: 7.5pt; font-weight: 700; color: #333; background: #ececec;
  border-bottom: 0.8pt solid #444; padding: 1.2mm 1.5mm; vertical-align: bottom; }
table.people td { border-bottom: 0.4pt solid #9a9a9a; padding: 1.2mm 1.5mm; vertical-align: top; }
table.people .end { text-align: end; }
table.people .center { text-align: center; }
table.people td.number, table.people td.code { font-variant-numeric: tabular-nums; white-space: nowrap; }
table.people td.photo { width: 12mm; padding: 0.8mm 1.5mm; }
.name-latin { font-weight: 700; }
.name-native { font-size: 10pt; line-height: 1.6; }
img.photo, .photo-none { display: block; width: 11mm; height: 14mm; object-fit: cover; border: 0.4pt solid #777; box-sizing: border-box; }
.photo-none { background: #f2f2f2; }
.photo-none svg { display: block; width: 100%; height: 100%; }
figure.qr { margin: 0; display: inline-block; break-inside: avoid; text-align: center; }
figure.qr svg { display: block; margin: 0 auto; }
figure.qr figcaption { font-size: 7pt; color: #333; margin-top: 1mm; }
figure.qr .qr-text { display: block; font-size: 6.5pt; overflow-wrap: anywhere; font-variant-numeric: tabular-nums; }
.signatures { display: grid; grid-template-columns: repeat(auto-fit, minmax(50mm, 1fr)); gap: 5mm; margin-top: 5mm; break-inside: avoid; }
.signature { break-inside: avoid; border: 0.6pt solid #444; padding: 2mm 3mm 2.5mm; }
.signature h3 { font-size: 8.5pt; margin: 0 0 1mm; text-transform: uppercase; letter-spacing: 0.03em; }
.signature dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 1.2mm 2mm; align-items: end; }
.signature dt { font-size: 7.5pt; color: #555; }
.signature dd { margin: 0; min-height: 4.5mm; border-bottom: 0.4pt solid #777; }
.signature dd.sign { min-height: 13mm; }
.keep { break-inside: avoid; }
`;

/** The whole document: fonts, print CSS, running header and footer, body. */
export function printDocument(input: PrintDocumentInput): PrintableDocument {
  const landscape = input.landscape ?? false;
  const fontBase = input.fontBaseUrl ?? FONT_BASE_URL;
  // It goes unquoted into CSS url() and the CSP, so only a plain address will do.
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s"'()<>\\;,]+\/$/i.test(fontBase)) {
    throw new HomewardError('BAD_USAGE', `The font address must be an absolute URL ending in "/", such as ${FONT_BASE_URL}; "${fontBase}" was given.`);
  }
  const fontStack = printFontStack();
  const furniture = `font-family: ${fontStack}; font-size: 7.5pt; color: #444;`;
  const page =
    `@page { size: ${input.pageSize ?? 'A4'} ${landscape ? 'landscape' : 'portrait'}; margin: 16mm 12mm 15mm 12mm;\n` +
    `  @top-left { content: ${cssString(input.title)}; ${furniture} font-weight: 700; vertical-align: bottom; padding-bottom: 3mm; }\n` +
    (input.headerNote ? `  @top-right { content: ${cssString(input.headerNote)}; ${furniture} vertical-align: bottom; padding-bottom: 3mm; }\n` : '') +
    (input.footerNote ? `  @bottom-left { content: ${cssString(input.footerNote)}; ${furniture} vertical-align: top; padding-top: 3mm; }\n` : '') +
    `  @bottom-right { content: ${pageCounterContent(input.pageLabel ?? 'Page {page} of {pages}')}; ${furniture} vertical-align: top; padding-top: 3mm; white-space: nowrap; }\n}`;
  // Margin boxes are laid out only while printing, after fonts.ready: their
  // text is also set, invisibly, in the page so every glyph it needs is loaded.
  const furnitureText = [input.title, input.headerNote, input.footerNote, input.pageLabel ?? 'Page {page} of {pages}', '0123456789'].filter(Boolean).join(' ');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src ${fontBase} data:`;
  const doc = html`<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${input.title}</title>
<style>${trustedHtml(fontFaceCss({ baseUrl: fontBase }))}
${trustedHtml(page)}
${trustedHtml(style(fontStack))}
</style>
</head>
<body>
<div aria-hidden="true" style="position:absolute;visibility:hidden;height:0;overflow:hidden;white-space:nowrap"><b>${furnitureText}</b> ${furnitureText}</div>
${input.body}
</body>
</html>
`;
  return { html: doc.toString(), landscape };
}

export type CellContent = HtmlValue;

export interface TableColumn<Row> {
  header: string | SafeHtml;
  cell: (row: Row, index: number) => CellContent;
  /** CSS width, e.g. '14mm' or '20%' */
  width?: string;
  align?: 'start' | 'center' | 'end';
  /** styling hint: photo thumbnails, numbers and codes (no wrapping) */
  kind?: 'photo' | 'number' | 'code' | 'text';
}

const WIDTH = /^\d+(\.\d+)?(mm|cm|pt|%|em)$/;

/** A table of people whose header row repeats on every page and whose rows never split across pages. */
export function peopleTable<Row>(columns: readonly TableColumn<Row>[], rows: Iterable<Row>, opts: { caption?: string } = {}): SafeHtml {
  const cls = (c: TableColumn<Row>) => [c.kind && c.kind !== 'text' ? c.kind : '', c.align && c.align !== 'start' ? c.align : ''].filter(Boolean).join(' ');
  const colgroup = columns.some((c) => c.width)
    ? html`<colgroup>${columns.map((c) => (c.width && WIDTH.test(c.width) ? html`<col style="width:${c.width}">` : html`<col>`))}</colgroup>`
    : '';
  const head = columns.map((c) => html`<th scope="col" class="${cls(c)}">${c.header}</th>`);
  const body: SafeHtml[] = [];
  let i = 0;
  for (const row of rows) {
    const index = i++;
    body.push(html`<tr>${columns.map((c) => html`<td class="${cls(c)}">${c.cell(row, index)}</td>`)}</tr>\n`);
  }
  return html`<table class="people">${opts.caption ? html`<caption>${opts.caption}</caption>` : ''}${colgroup}<thead><tr>${head}</tr></thead><tbody>
${body}</tbody></table>`;
}

/** A person's name in Latin script over the name as they write it (right-to-left scripts run right to left). */
export function nameBlock(name: { latin?: string | null; native?: string | null }): SafeHtml {
  const native = name.native?.trim();
  const lang = native ? scriptLang(native) : undefined;
  return html`${name.latin ? html`<div class="name-latin">${name.latin}</div>` : ''}${
    native
      ? lang
        ? html`<div class="name-native" dir="auto" lang="${lang}">${native}</div>`
        : html`<div class="name-native" dir="auto">${native}</div>`
      : ''
  }`;
}

/** Key–value facts for the top of a document: office, route, receiving party… */
export function facts(items: readonly { label: string; value: HtmlValue }[]): SafeHtml {
  return html`<dl class="facts">${items.map((f) => html`<div><dt>${f.label}</dt><dd>${f.value}</dd></div>`)}</dl>`;
}

export interface SignatureParty {
  /** what this party does, e.g. "Handed over by" */
  heading: string;
  name?: string | null;
  role?: string | null;
  idNumber?: string | null;
  date?: string | null;
}

export interface SignatureLabels {
  name: string;
  role: string;
  id: string;
  signature: string;
  date: string;
}

export const ENGLISH_SIGNATURE_LABELS: SignatureLabels = { name: 'Name', role: 'Role', id: 'ID no.', signature: 'Signature', date: 'Date' };

/** A box to sign by hand: known fields printed, the rest left as lines to fill in. */
export function signatureBlock(party: SignatureParty, labels: SignatureLabels = ENGLISH_SIGNATURE_LABELS): SafeHtml {
  return html`<section class="signature"><h3>${party.heading}</h3><dl>
<dt>${labels.name}</dt><dd>${party.name ?? ''}</dd>
<dt>${labels.role}</dt><dd>${party.role ?? ''}</dd>
<dt>${labels.id}</dt><dd>${party.idNumber ?? ''}</dd>
<dt>${labels.signature}</dt><dd class="sign"></dd>
<dt>${labels.date}</dt><dd>${party.date ?? ''}</dd>
</dl></section>`;
}

/** Signature boxes side by side, kept together on one page. */
export function signatureBlocks(parties: readonly SignatureParty[], labels: SignatureLabels = ENGLISH_SIGNATURE_LABELS): SafeHtml {
  return html`<div class="signatures">${parties.map((p) => signatureBlock(p, labels))}</div>`;
}

/** A QR code with a caption and, by default, the encoded text in small print for reading by eye. */
export function qrFigure(input: { text: string; caption?: string; showText?: boolean; size?: string; ecc?: QrSvgOptions['ecc'] }): SafeHtml {
  const size = input.size ?? '28mm';
  const svg = trustedHtml(qrSvg(input.text, { size, ...(input.ecc ? { ecc: input.ecc } : {}) }));
  const showText = input.showText ?? true;
  return html`<figure class="qr" style="width:${size}" aria-label="${input.caption ?? input.text}">${svg}${
    input.caption || showText
      ? html`<figcaption>${input.caption ?? ''}${showText ? html`<span class="qr-text">${input.text}</span>` : ''}</figcaption>`
      : ''
  }</figure>`;
}

/** What image bytes are, from their first bytes; only formats every Chromium decodes. */
export function imageMime(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | undefined {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) {
    return 'image/png';
  }
  if (b.length >= 12 && Buffer.from(b.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

// A neutral head-and-shoulders outline: the same for everyone, no colour, no gender.
const NO_PHOTO = trustedHtml(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 44 56" aria-hidden="true">' +
    '<circle cx="22" cy="21" r="8.5" fill="none" stroke="#b5b5b5" stroke-width="1.6"/>' +
    '<path d="M8 50c1.5-9 7-13.5 14-13.5S34.5 41 36 50" fill="none" stroke="#b5b5b5" stroke-width="1.6" stroke-linecap="round"/></svg>',
);

/**
 * A photo thumbnail from image bytes (JPEG, PNG or WebP) as a data: URL, or a
 * neutral placeholder when there is no photo or the bytes are not an image.
 * Pass a thumbnail, not the full photo: the PDF embeds the bytes as given.
 */
export function photoThumbnail(bytes: Uint8Array | null | undefined, opts: { alt?: string } = {}): SafeHtml {
  const mime = bytes && bytes.length > 0 ? imageMime(bytes) : undefined;
  if (!bytes || !mime) return html`<div class="photo-none" role="img" aria-label="${opts.alt ?? 'No photo'}">${NO_PHOTO}</div>`;
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return html`<img class="photo" alt="${opts.alt ?? ''}" src="${trustedHtml(`data:${mime};base64,${data}`)}">`;
}
