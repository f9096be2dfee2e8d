/**
 * QR codes for paper: case numbers on person cards, the manifest's SHA-256 on
 * handover documents. The SVG is built from the module matrix (no text from
 * the payload ends up in the markup), scales to any print size, and carries
 * its own white quiet zone so it scans on tinted paper or next to a border.
 */
import encodeQR from 'qr';
import { HomewardError } from '../../domain/errors';

export type QrErrorCorrection = 'low' | 'medium' | 'quartile' | 'high';

export interface QrSvgOptions {
  /**
   * Error correction. Default 'quartile' (25 % of the code may be lost):
   * paper gets folded, stamped and smudged at border posts.
   */
  ecc?: QrErrorCorrection;
  /** quiet zone in modules; the standard asks for 4 */
  border?: number;
  /** printed edge length as a CSS length (e.g. '30mm'); without it the SVG fills its container */
  size?: string;
}

const CSS_LENGTH = /^\d+(\.\d+)?(mm|cm|in|pt|px|em|rem|%)$/;

export function qrSvg(text: string, opts: QrSvgOptions = {}): string {
  if (text.length === 0) throw new HomewardError('BAD_USAGE', 'A QR code needs some text to encode; it was given an empty string.');
  const border = opts.border ?? 4;
  if (!Number.isInteger(border) || border < 0 || border > 16) {
    throw new HomewardError('BAD_USAGE', `A QR quiet zone is 0–16 whole modules (4 is standard); ${border} was given.`);
  }
  if (opts.size !== undefined && !CSS_LENGTH.test(opts.size)) {
    throw new HomewardError('BAD_USAGE', `The QR size must be a CSS length such as "30mm"; "${opts.size}" was given.`);
  }
  let matrix: boolean[][];
  try {
    // The encoder wants a border of at least one module; ours is drawn below.
    matrix = encodeQR(text, 'raw', { ecc: opts.ecc ?? 'quartile', border: 1 })
      .slice(1, -1)
      .map((row) => row.slice(1, -1));
  } catch (e) {
    throw new HomewardError('BAD_USAGE', `This text does not fit in a QR code (${text.length} characters); encode a shorter reference such as a case number or a hash.`, {
      cause: e instanceof Error ? e.message : String(e),
    });
  }
  const n = matrix.length;
  const full = n + 2 * border;
  // One path of horizontal runs: a few hundred segments instead of a rect per module.
  let d = '';
  matrix.forEach((row, y) => {
    for (let x = 0; x < n; ) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && row[x]) x++;
      d += `M${start + border} ${y + border}h${x - start}v1h${start - x}z`;
    }
  });
  const size = opts.size ? ` width="${opts.size}" height="${opts.size}"` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}"${size} shape-rendering="crispEdges" role="img">` +
    `<rect width="${full}" height="${full}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}
