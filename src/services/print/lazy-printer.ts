import { HomewardError } from '../../domain/errors';
import type { PdfPrinter, PrintJob } from './chromium';

/** Debian's Chromium, started on the first print and kept for the next ones. */
export function lazyChromiumPrinter(): { print: (job: PrintJob) => Promise<Buffer>; close: () => Promise<void> } {
  let opening: Promise<PdfPrinter> | null = null;
  return {
    print: async (job) => {
      // Loaded on the first print: starting Chromium costs a second, and most sessions never print.
      opening ??= import('./chromium').then((m) => m.openChromiumPrinter());
      let printer;
      try {
        printer = await opening;
      } catch (e) {
        opening = null;
        throw e instanceof HomewardError ? e : new HomewardError('INTERNAL', `Chromium could not be started to print: ${(e as Error).message}`);
      }
      return printer.print(job);
    },
    close: async () => {
      const p = opening;
      opening = null;
      if (p) await (await p.catch(() => null))?.close();
    },
  };
}
