import { useMemo } from 'react';
import encodeQR from 'qr';

/**
 * A QR code drawn as one SVG path from the encoder's module matrix (no
 * markup from the payload), with the standard four-module white quiet zone.
 */
export function QrCode({ text, label, size = 180, ecc = 'medium' }: { text: string; label: string; size?: number; ecc?: 'low' | 'medium' | 'quartile' }) {
  const { d, full } = useMemo(() => {
    const matrix = encodeQR(text, 'raw', { ecc, border: 1 })
      .slice(1, -1)
      .map((row) => row.slice(1, -1));
    const border = 4;
    let path = '';
    matrix.forEach((row, y) => {
      for (let x = 0; x < row.length; ) {
        if (!row[x]) {
          x++;
          continue;
        }
        const start = x;
        while (x < row.length && row[x]) x++;
        path += `M${start + border} ${y + border}h${x - start}v1h${start - x}z`;
      }
    });
    return { d: path, full: matrix.length + 2 * border };
  }, [text, ecc]);
  return (
    <svg className="j-qr" viewBox={`0 0 ${full} ${full}`} width={size} height={size} shapeRendering="crispEdges" role="img" aria-label={label}>
      <rect width={full} height={full} fill="#fff" />
      <path fill="#000" d={d} />
    </svg>
  );
}
