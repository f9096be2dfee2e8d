/**
 * Printing in the desktop app, with Electron mocked: the hidden print window
 * gets the document and the bundled fonts from memory and nothing else, is
 * sandboxed in a private session, and is destroyed after every print.
 */
import { describe, expect, it, vi } from 'vitest';
import { electronPrinter, PRINT_DOCUMENT_URL, PRINT_PARTITION, printResponse } from '../../main/print';
import { FONT_BASE_URL, fontCatalogue } from '../../src/services/print/fonts';

const HTML = '<!doctype html><p>Roster MSO-T-2026-0001</p>';

describe('what the print session answers', () => {
  it('the document and the bundled fonts, from memory', () => {
    expect(printResponse(PRINT_DOCUMENT_URL, HTML)).toEqual({ status: 200, body: HTML, type: 'text/html; charset=utf-8' });
    const face = fontCatalogue().faces.find((f) => f.family.includes('Myanmar'))!;
    const font = printResponse(`${FONT_BASE_URL}${face.file}`, HTML);
    expect(font).toMatchObject({ status: 200, type: 'font/woff2' });
    expect((font.body as Buffer).subarray(0, 4).toString('latin1')).toBe('wOF2');
  });

  it('nothing else: no other site, no path outside the font catalogue', () => {
    for (const url of ['https://example.org/track.png', `${FONT_BASE_URL}../../etc/passwd`, `${FONT_BASE_URL}nope.woff2`, 'https://print.homeward.invalid/other.html']) {
      expect(printResponse(url, HTML)).toEqual({ status: 403 });
    }
  });
});

describe('electronPrinter', () => {
  function fakeElectron() {
    const handlers = new Map<string, (request: { url: string }) => Response>();
    const printSession = {
      protocol: { handle: vi.fn((scheme: string, fn: (request: { url: string }) => Response) => handlers.set(scheme, fn)) },
      setPermissionRequestHandler: vi.fn(),
    };
    const windows: { options: unknown; destroyed: boolean; loaded: string | null }[] = [];
    class BrowserWindow {
      private readonly record: (typeof windows)[number];
      readonly webContents = {
        on: vi.fn(),
        setWindowOpenHandler: vi.fn(),
        executeJavaScript: vi.fn(async () => []),
        printToPDF: vi.fn(async (options: { landscape: boolean }) => {
          // What the page would fetch while printing: the document, then everything else is refused.
          const doc = await handlers.get('https')!({ url: PRINT_DOCUMENT_URL }).text();
          const remote = handlers.get('https')!({ url: 'https://example.org/x.png' }).status;
          return Buffer.from(`%PDF-1.7 ${options.landscape ? 'landscape' : 'portrait'} ${doc.length} ${remote}`);
        }),
      };
      constructor(options: unknown) {
        this.record = { options, destroyed: false, loaded: null };
        windows.push(this.record);
      }
      async loadURL(url: string) {
        this.record.loaded = url;
      }
      isDestroyed() {
        return this.record.destroyed;
      }
      destroy() {
        this.record.destroyed = true;
      }
    }
    const session = { fromPartition: vi.fn(() => printSession) };
    return { electron: { BrowserWindow, session } as never, windows, session, printSession, handlers };
  }

  it('prints in a hidden sandboxed window of the in-memory print session, then destroys it', async () => {
    const fake = fakeElectron();
    const print = electronPrinter(fake.electron);
    const pdf = await print({ html: HTML, landscape: true });
    expect(pdf.toString()).toBe(`%PDF-1.7 landscape ${HTML.length} 403`);
    expect(fake.session.fromPartition).toHaveBeenCalledWith(PRINT_PARTITION, { cache: false });
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]).toMatchObject({
      loaded: PRINT_DOCUMENT_URL,
      destroyed: true,
      options: { show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } },
    });
    for (const scheme of ['http', 'file', 'ws', 'wss']) expect(fake.handlers.get(scheme)!({ url: `${scheme}://x/` }).status).toBe(403);
  });

  it('prints one document at a time, and a failed print still closes its window', async () => {
    const fake = fakeElectron();
    const print = electronPrinter(fake.electron);
    const [a, b] = await Promise.all([print({ html: '<p>a</p>' }), print({ html: '<p>bb</p>' })]);
    expect([a.toString(), b.toString()]).toEqual(['%PDF-1.7 portrait 8 403', '%PDF-1.7 portrait 9 403']);
    expect(fake.session.fromPartition).toHaveBeenCalledTimes(1);
    const broken = fakeElectron();
    const original = broken.electron as unknown as { BrowserWindow: new (o: unknown) => { webContents: { executeJavaScript: () => Promise<string[]> } } };
    const Base = original.BrowserWindow;
    (broken.electron as unknown as { BrowserWindow: unknown }).BrowserWindow = class extends Base {
      constructor(o: unknown) {
        super(o);
        this.webContents.executeJavaScript = async () => ['Noto Sans Myanmar'];
      }
    };
    await expect(electronPrinter(broken.electron)({ html: HTML })).rejects.toThrow('fonts failed to load (Noto Sans Myanmar)');
    expect(broken.windows).toHaveLength(1);
    expect(broken.windows.every((w) => w.destroyed)).toBe(true);
  });
});
