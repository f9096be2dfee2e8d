import type { BatchView, TransferMemberView } from '../../api/journey-views';
import { prepare, type Sqlite } from '../../db/query';
import { facts, html, nameBlock, peopleTable, photoThumbnail, printDocument, qrFigure, signatureBlocks, type PrintableDocument } from '../print/document';
import { latinName, nativeIfDifferent } from '../manifest/print';

/**
 * What goes on paper for a border crossing: the roster the escort carries,
 * with a box per person for boarding and arrival, and a card per person with
 * a QR code of the case number for the check-off screen's scanner.
 */

function photoBytes(db: Sqlite, ids: readonly (string | null)[]): Map<string, Buffer> {
  const stmt = prepare(db, 'SELECT b.bytes FROM attachment a JOIN attachment_blob b ON b.sha256 = a.sha256 WHERE a.id = ?');
  const out = new Map<string, Buffer>();
  for (const id of ids) {
    if (!id) continue;
    const row = stmt.get(id) as { bytes: Buffer } | undefined;
    if (row) out.set(id, row.bytes);
  }
  return out;
}

const route = (b: BatchView) => `${b.fromSite} → ${b.crossingPoint} → ${b.toSite}`;

export function rosterPrintable(db: Sqlite, b: BatchView): PrintableDocument {
  const going = b.members.filter((m) => m.status !== 'removed');
  const photos = photoBytes(db, going.map((m) => m.photoId));
  const body = html`
<header style="display:flex;justify-content:space-between;gap:8mm;align-items:flex-start">
  <div style="flex:1">
    <h1>Transfer roster ${b.code}</h1>
    ${facts([
      { label: 'Route', value: route(b) },
      { label: 'Date', value: b.plannedDate },
      { label: 'Vehicle', value: b.vehicle ?? '—' },
      { label: 'Escort', value: b.escort ?? '—' },
      { label: 'People', value: `${going.length} of ${b.capacity} seats` },
      { label: 'Status', value: b.status.replace(/_/g, ' ') },
    ])}
  </div>
  ${qrFigure({ text: b.code, caption: 'Batch', size: '24mm' })}
</header>
${peopleTable<TransferMemberView>(
  [
    { header: '#', cell: (_m, i) => i + 1, width: '7mm', kind: 'number', align: 'end' },
    { header: 'Photo', cell: (m) => photoThumbnail(m.photoId ? photos.get(m.photoId) : null, { alt: `Photo of ${m.caseNumber}` }), kind: 'photo' },
    { header: 'Case number', cell: (m) => m.caseNumber, kind: 'code', width: '32mm' },
    { header: 'Name', cell: (m) => nameBlock({ latin: latinName(m), native: nativeIfDifferent(m) }) },
    { header: 'Sex', cell: (m) => m.sex.slice(0, 1).toUpperCase(), width: '9mm', align: 'center' },
    { header: 'Age', cell: (m) => m.age ?? '', width: '10mm', align: 'end', kind: 'number' },
    { header: 'Nationality', cell: (m) => m.confirmedNationality ?? '', width: '18mm', align: 'center' },
    { header: 'Boarded', cell: () => '☐', width: '16mm', align: 'center' },
    { header: 'Arrived', cell: () => '☐', width: '16mm', align: 'center' },
  ],
  going,
)}
${signatureBlocks([
  { heading: 'Escort at departure', name: b.escort },
  { heading: 'Received at arrival', name: null },
])}`;
  return printDocument({ lang: 'en', title: `Transfer roster ${b.code}`, body, landscape: true, headerNote: `${b.plannedDate} · ${route(b)}` });
}

/** One card per person, eight to a page, each with the case number as a QR code. */
export function cardsPrintable(db: Sqlite, b: BatchView): PrintableDocument {
  const going = b.members.filter((m) => m.status !== 'removed');
  const photos = photoBytes(db, going.map((m) => m.photoId));
  const cards = going.map(
    (m) => html`<section class="keep" style="border:0.8pt solid #333;padding:3mm;display:grid;grid-template-columns:auto 1fr auto;gap:3mm;align-items:start;height:58mm;box-sizing:border-box">
  ${photoThumbnail(m.photoId ? photos.get(m.photoId) : null, { alt: `Photo of ${m.caseNumber}` })}
  <div>
    <div style="font-size:13pt;font-weight:700;font-variant-numeric:tabular-nums">${m.caseNumber}</div>
    ${nameBlock({ latin: latinName(m), native: nativeIfDifferent(m) })}
    <div class="muted">${m.confirmedNationality ?? ''} · ${m.sex} · ${m.age === null ? '' : `${m.age} y`}</div>
    <div class="muted" style="margin-top:2mm">${b.code} · ${b.plannedDate}</div>
  </div>
  ${qrFigure({ text: m.caseNumber, size: '26mm', showText: false })}
</section>`,
  );
  const body = html`<div style="display:grid;grid-template-columns:1fr 1fr;gap:5mm">${cards}</div>`;
  return printDocument({ lang: 'en', title: `Cards for transfer ${b.code}`, body, headerNote: route(b) });
}
