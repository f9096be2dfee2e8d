import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions, Session } from 'electron';
import type { PrintJob } from '../src/services/print/chromium';
import { FONT_BASE_URL, fontFileForUrl, readFontFile } from '../src/services/print/fonts';

/**
 * Printing in the desktop app: Electron's own Chromium lays the document out
 * in a hidden, sandboxed window of a private in-memory session, and
 * printToPDF returns the bytes. The document and its fonts are answered from
 * memory by a protocol handler, so no page content ever touches the disk, and
 * every other request is refused.
 */

export const PRINT_PARTITION = 'homeward-print'; // no "persist:": cache and storage live in memory only
export const PRINT_DOCUMENT_URL = 'https://print.homeward.invalid/document.html';
const PRINT_TIMEOUT_MS = 120_000;

export interface PrintAnswer {
  status: number;
  body?: Buffer | string;
  type?: string;
}

/** What the print session answers to a request: the document, a bundled font, or a refusal. */
export function printResponse(url: string, html: string): PrintAnswer {
  if (url === PRINT_DOCUMENT_URL) return { status: 200, body: html, type: 'text/html; charset=utf-8' };
  const font = fontFileForUrl(url, FONT_BASE_URL);
  const bytes = font ? readFontFile(font) : undefined;
  if (bytes) return { status: 200, body: bytes, type: 'font/woff2' };
  return { status: 403 };
}

export function printWindowOptions(printSession: Session): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 1123,
    height: 794,
    webPreferences: {
      session: printSession,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      // The document carries no script (its CSP says so); main waits for fonts through executeJavaScript.
      javascript: true,
      webSecurity: true,
      spellcheck: false,
    },
  };
}

const ASSETS_READY = `(async () => {
  await document.fonts.ready;
  await Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => undefined)));
  await document.fonts.ready;
  return Array.from(document.fonts).filter((f) => f.status === 'error').map((f) => f.family);
})()`;

interface ElectronForPrint {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowType;
  session: { fromPartition(partition: string, options?: { cache?: boolean }): Session };
}

/** The printPdf the engine asks for (startEngine's host services). One document at a time. */
export function electronPrinter(electron: ElectronForPrint): (job: PrintJob) => Promise<Buffer> {
  let current: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let printSession: Session | null = null;

  const sessionForPrint = (): Session => {
    if (printSession) return printSession;
    const s = electron.session.fromPartition(PRINT_PARTITION, { cache: false });
    s.protocol.handle('https', (request) => {
      const answer = printResponse(request.url, current ?? '');
      const body = typeof answer.body === 'string' ? answer.body : answer.body ? new Uint8Array(answer.body) : null;
      return new Response(body, { status: answer.status, headers: answer.type ? { 'content-type': answer.type, 'cache-control': 'no-store' } : {} });
    });
    for (const scheme of ['http', 'file', 'ws', 'wss']) s.protocol.handle(scheme, () => new Response(null, { status: 403 }));
    s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    printSession = s;
    return s;
  };

  const printOne = async (job: PrintJob): Promise<Buffer> => {
    current = job.html;
    const window = new electron.BrowserWindow(printWindowOptions(sessionForPrint()));
    const timer = setTimeout(() => window.destroy(), PRINT_TIMEOUT_MS);
    try {
      window.webContents.on('will-navigate', (event) => event.preventDefault());
      window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      await window.loadURL(PRINT_DOCUMENT_URL);
      const failedFonts = (await window.webContents.executeJavaScript(ASSETS_READY)) as string[];
      if (failedFonts.length) throw new Error(`fonts failed to load (${failedFonts.join(', ')}); reinstall Homeward`);
      return await window.webContents.printToPDF({ landscape: job.landscape ?? false, printBackground: true, preferCSSPageSize: true, pageSize: 'A4' });
    } finally {
      clearTimeout(timer);
      current = null;
      if (!window.isDestroyed()) window.destroy();
    }
  };

  return (job) => {
    const next = queue.then(() => printOne(job));
    queue = next.catch(() => undefined);
    return next;
  };
}
