/** Printing documents to PDF: HTML building blocks, fonts, QR codes and the Chromium printer. */
export {
  SafeHtml,
  escapeHtml,
  html,
  trustedHtml,
  printDocument,
  peopleTable,
  nameBlock,
  facts,
  signatureBlock,
  signatureBlocks,
  ENGLISH_SIGNATURE_LABELS,
  qrFigure,
  photoThumbnail,
  imageMime,
  scriptLang,
} from './document';
export type { HtmlValue, CellContent, PrintDocumentInput, PrintableDocument, TableColumn, SignatureParty, SignatureLabels } from './document';
export { qrSvg } from './qr';
export type { QrSvgOptions, QrErrorCorrection } from './qr';
export { FONT_BASE_URL, printFontStack, fontCatalogue, fontFaceCss, facesFor, fontFileForUrl, readFontFile } from './fonts';
export type { FontFace, FontSource, FontWeight } from './fonts';
export { CHROMIUM_PATHS, findChromium, openChromiumPrinter } from './chromium';
export type { ChromiumPrinterOptions, PdfPrinter, PrintJob, PrintRequestEvent } from './chromium';
