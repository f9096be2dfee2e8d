/**
 * PDF printing outside Electron (CLI, browser host, tests): Debian's Chromium
 * driven by playwright-core. Electron's main process prints the same
 * documents with webContents.printToPDF.
 *
 * Personal data stays in memory: the document and its fonts are answered
 * from memory by request interception, images are data: URLs, and
 * the PDF comes back base64 in the DevTools reply. (Playwright's page.pdf()
 * asks for a stream, which Chromium backs with a temporary file — so it is
 * not used.) Each document gets a fresh incognito context with page
 * JavaScript off and every request that is not one of our fonts refused.
 */
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Route } from 'playwright-core';
import { HomewardError } from '../../domain/errors';
import { FONT_BASE_URL, fontFileForUrl, readFontFile } from './fonts';

export interface PrintJob {
  html: string;
  /**
   * Chromium headerTemplate/footerTemplate. Chromium sets these in system
   * fonts and drops templates that carry fonts inline; documents from
   * printDocument put their running header and footer in @page margin boxes
   * instead and leave these empty.
   */
  header?: string;
  footer?: string;
  landscape?: boolean;
}

export interface PdfPrinter {
  print(doc: PrintJob): Promise<Buffer>;
  close(): Promise<void>;
}

/** What the printer did with a request from a page: for diagnostics and tests. */
export type PrintRequestEvent = { kind: 'font'; file: string } | { kind: 'blocked'; url: string };

export interface ChromiumPrinterOptions {
  executablePath?: string;
  /** must match the documents' fontBaseUrl */
  fontBaseUrl?: string;
  /** per document, for loading and for printing; default 120 s */
  timeoutMs?: number;
  observe?: (event: PrintRequestEvent) => void;
}

/** Where the page loads its document from; answered from memory, like the fonts. */
const DOCUMENT_URL = 'https://print.homeward.invalid/document.html';

export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'] as const;

const INSTALL_ADVICE =
  'Install Chromium (Debian/Ubuntu: "sudo apt-get install chromium") or set HOMEWARD_CHROMIUM to the full path of a Chromium or Google Chrome executable.';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to print with: the option, then HOMEWARD_CHROMIUM, then the usual install paths. */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = CHROMIUM_PATHS): string {
  // A path someone chose on purpose is used or reported, never silently replaced.
  if (explicit) {
    if (executable(explicit)) return explicit;
    throw new HomewardError('BAD_USAGE', `Printing to PDF needs Chromium, but ${explicit} (the executable path given) is missing or not executable. ${INSTALL_ADVICE}`, {
      missing: 'chromium',
      tried: [explicit],
    });
  }
  const fromEnv = env.HOMEWARD_CHROMIUM;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    throw new HomewardError('BAD_USAGE', `Printing to PDF needs Chromium, but HOMEWARD_CHROMIUM points to ${fromEnv}, which is missing or not executable. ${INSTALL_ADVICE}`, {
      missing: 'chromium',
      tried: [fromEnv],
    });
  }
  const found = candidates.find(executable);
  if (found) return found;
  throw new HomewardError('INTERNAL', `Printing to PDF needs Chromium, and none was found (looked for ${candidates.join(', ')}). ${INSTALL_ADVICE}`, {
    missing: 'chromium',
    tried: [...candidates],
  });
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').slice(0, 300);
}

async function launch(executablePath: string): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-crash-reporter'],
      // Playwright's default moves shared memory from /dev/shm (RAM) to /tmp (disk); page content must not go there.
      ignoreDefaultArgs: ['--disable-dev-shm-usage'],
    });
  } catch (e) {
    throw new HomewardError('INTERNAL', `Chromium at ${executablePath} did not start (${firstLine(e)}). Check that "${executablePath} --version" runs. ${INSTALL_ADVICE}`, {
      cause: firstLine(e),
    });
  }
}

interface AssetState {
  failedFonts: string[];
  brokenImages: number;
}

/**
 * Waits until every font the layout asked for and every image is ready, and
 * reports what failed. A string, so no bundler helper leaks into the page.
 */
const ASSETS_READY = `(async () => {
  void document.body.offsetHeight;
  await document.fonts.ready;
  const images = Array.from(document.images);
  await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
  await document.fonts.ready;
  return {
    failedFonts: [...new Set(Array.from(document.fonts).filter((f) => f.status === 'error').map((f) => f.family))],
    brokenImages: images.filter((img) => img.complete && img.naturalWidth === 0).length,
  };
})()`;

export async function openChromiumPrinter(opts: ChromiumPrinterOptions = {}): Promise<PdfPrinter> {
  const executablePath = findChromium(opts.executablePath);
  const fontBase = opts.fontBaseUrl ?? FONT_BASE_URL;
  const timeout = opts.timeoutMs ?? 120_000;
  const observe = opts.observe ?? (() => undefined);
  let closed = false;
  let browser: Promise<Browser> | undefined;

  // One browser for many documents; a crashed one is replaced on the next print.
  const getBrowser = (): Promise<Browser> => {
    if (!browser) {
      const started = launch(executablePath);
      browser = started;
      started.then(
        (b) => b.on('disconnected', () => {
          if (browser === started) browser = undefined;
        }),
        () => {
          if (browser === started) browser = undefined;
        },
      );
    }
    return browser;
  };
  await getBrowser();

  async function answer(route: Route, html: string): Promise<void> {
    const url = route.request().url();
    try {
      if (url === DOCUMENT_URL) {
        await route.fulfill({ status: 200, body: html, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
        return;
      }
      const file = fontFileForUrl(url, fontBase);
      if (file) {
        observe({ kind: 'font', file });
        await route.fulfill({
          status: 200,
          body: readFontFile(file)!,
          headers: { 'content-type': 'font/woff2', 'access-control-allow-origin': '*', 'cache-control': 'no-store' },
        });
      } else {
        observe({ kind: 'blocked', url });
        await route.abort('blockedbyclient');
      }
    } catch {
      // The context closed while the request was in flight: nothing to answer.
    }
  }

  async function printIn(context: BrowserContext, job: PrintJob): Promise<Buffer> {
    await context.route('**/*', (route) => answer(route, job.html));
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    // Lay out for print from the start, so the fonts loaded are the ones the PDF uses.
    await page.emulateMedia({ media: 'print' });
    // The document is the answer to a navigation, from memory like the fonts
    // (as Electron serves it from a protocol handler); as fast as setContent.
    await page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout });
    const state = (await page.evaluate(ASSETS_READY)) as AssetState;
    if (state.failedFonts.length > 0) {
      throw new HomewardError('INTERNAL', `The document could not be printed: fonts failed to load (${state.failedFonts.join(', ')}). Reinstall Homeward and try again.`, {
        failedFonts: state.failedFonts,
      });
    }
    if (state.brokenImages > 0) {
      throw new HomewardError('INTERNAL', `The document could not be printed: ${state.brokenImages} image(s) could not be read. Check the photos attached to the people listed.`, {
        brokenImages: state.brokenImages,
      });
    }
    const cdp = await context.newCDPSession(page);
    const headerFooter = Boolean(job.header || job.footer);
    const result = (await cdp.send('Page.printToPDF', {
      transferMode: 'ReturnAsBase64',
      printBackground: true,
      preferCSSPageSize: true,
      landscape: job.landscape ?? false,
      // A4, for documents without an @page size
      paperWidth: 8.27,
      paperHeight: 11.69,
      displayHeaderFooter: headerFooter,
      headerTemplate: job.header ?? '<span></span>',
      footerTemplate: job.footer ?? '<span></span>',
    })) as { data: string };
    return Buffer.from(result.data, 'base64');
  }

  return {
    async print(job) {
      if (closed) throw new HomewardError('BAD_USAGE', 'This PDF printer was closed; open a new one to print.');
      const b = await getBrowser();
      let context: BrowserContext | undefined;
      try {
        // An incognito context: cache and storage live in memory and die with it.
        context = await b.newContext({ javaScriptEnabled: false, serviceWorkers: 'block', acceptDownloads: false });
        return await printIn(context, job);
      } catch (e) {
        if (e instanceof HomewardError) throw e;
        throw new HomewardError('INTERNAL', `Chromium could not print the document (${firstLine(e)}). Try again; if it keeps failing, restart Homeward.`, {
          cause: firstLine(e),
        });
      } finally {
        await context?.close().catch(() => undefined);
      }
    },
    async close() {
      closed = true;
      const b = browser;
      browser = undefined;
      if (b) await (await b.catch(() => undefined))?.close();
    },
  };
}
