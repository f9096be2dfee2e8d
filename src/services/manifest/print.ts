import { prepare, type Sqlite } from '../../db/query';
import type { HandoverTable } from '../../db/schema';
import { countryName } from '../../domain/reference/countries';
import { facts, html, nameBlock, peopleTable, photoThumbnail, printDocument, qrFigure, signatureBlocks, type PrintableDocument } from '../print/document';
import type { Manifest, ManifestPerson } from './model';
import { counted } from '../../domain/text';

/**
 * The printable manifest: the same people as manifest.json, with photos,
 * both scripts of every name, signature boxes for both sides, and a QR code
 * of the SHA-256 of manifest.json so paper and file can be checked against
 * each other.
 */

const SEX = { female: 'F', male: 'M', other: 'X', unknown: '?' } as const;

export function birthOrAge(p: { birthDate: string | null; estimatedAge: number | null }): string {
  if (p.birthDate) return p.birthDate;
  return p.estimatedAge === null ? '' : `~${p.estimatedAge} y`;
}

/** Family name in capitals first, as on every list the office prints. */
export function latinName(p: { familyName: string | null; givenNames: string | null }): string | null {
  return [p.familyName?.toUpperCase(), p.givenNames].filter(Boolean).join(' ') || null;
}

/**
 * The name as the person writes it, unless it only repeats the Latin name
 * (Vietnamese names are their own Latin script), which would print twice.
 */
export function nativeIfDifferent(p: { familyName: string | null; givenNames: string | null; nativeName: string | null }): string | null {
  if (!p.nativeName) return null;
  const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
  const native = fold(p.nativeName);
  const parts = [p.familyName, p.givenNames].filter(Boolean) as string[];
  return [parts.join(' '), [...parts].reverse().join(' ')].some((l) => fold(l) === native) ? null : p.nativeName;
}

/** A time as printed on forms: date and hour in UTC, said so. */
export function printedTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function documentLine(d: { type: string; number: string | null; issuingCountry: string | null }): string {
  return [d.type.replace(/_/g, ' '), d.number, d.issuingCountry && `(${d.issuingCountry})`].filter(Boolean).join(' ');
}

function photos(db: Sqlite, m: Manifest): Map<string, Buffer> {
  const stmt = prepare(db, 'SELECT bytes FROM attachment_blob WHERE sha256 = ?');
  const out = new Map<string, Buffer>();
  for (const p of m.people) {
    if (!p.photo) continue;
    const row = stmt.get(p.photo.sha256) as { bytes: Buffer } | undefined;
    if (row) out.set(p.caseNumber, row.bytes);
  }
  return out;
}

export function manifestPrintable(db: Sqlite, h: HandoverTable): PrintableDocument {
  const m = JSON.parse(h.manifest) as Manifest;
  const pictures = photos(db, m);
  const country = `${countryName(m.handover.receivingCountry)} (${m.handover.receivingCountry})`;
  const body = html`
<header style="display:flex;justify-content:space-between;gap:8mm;align-items:flex-start">
  <div style="flex:1">
    <h1>Handover manifest ${m.handover.code}</h1>
    ${facts([
      { label: 'Handed over by', value: `${m.office.name} (${m.office.code})` },
      { label: 'Received by', value: `${m.handover.agency}, ${country}` },
      { label: 'Receiving official', value: `${m.handover.official.name}, ID ${m.handover.official.id}` },
      { label: 'Place and time', value: `${m.handover.place}, ${printedTime(m.handover.handedAt)}` },
      ...(m.transfer
        ? [{ label: 'Transfer', value: `${m.transfer.batch}: ${m.transfer.fromSite} → ${m.transfer.crossingPoint} → ${m.transfer.toSite}, ${m.transfer.date}` }]
        : []),
      { label: 'People', value: m.count },
      { label: 'Signed with key', value: m.office.signingKeyId },
    ])}
  </div>
  ${qrFigure({ text: `sha256:${h.manifest_sha256}`, caption: 'SHA-256 of manifest.json', size: '30mm' })}
</header>
${peopleTable<ManifestPerson>(
  [
    { header: '#', cell: (_p, i) => i + 1, width: '7mm', kind: 'number', align: 'end' },
    { header: 'Photo', cell: (p) => photoThumbnail(pictures.get(p.caseNumber), { alt: `Photo of ${p.caseNumber}` }), kind: 'photo' },
    { header: 'Case number', cell: (p) => p.caseNumber, kind: 'code', width: '32mm' },
    { header: 'Name', cell: (p) => nameBlock({ latin: latinName(p), native: nativeIfDifferent(p) }) },
    { header: 'Sex', cell: (p) => SEX[p.sex], width: '9mm', align: 'center' },
    { header: 'Born / age', cell: (p) => birthOrAge(p), kind: 'code', width: '22mm' },
    { header: 'Nationality', cell: (p) => p.nationality, width: '18mm', align: 'center' },
    { header: 'Documents', cell: (p) => p.documents.map((d) => html`<div>${documentLine(d)}</div>`), width: '52mm' },
    { header: 'Received ✓', cell: () => '', width: '18mm' },
  ],
  m.people,
)}
${signatureBlocks([
  { heading: 'Handed over by', name: null, role: `for ${m.office.name}`, date: m.handover.handedAt.slice(0, 10) },
  { heading: 'Received by', name: m.handover.official.name, role: m.handover.agency, idNumber: m.handover.official.id, date: m.handover.handedAt.slice(0, 10) },
  { heading: 'Witness', name: null, role: null },
])}
<p class="muted" style="margin-top:4mm">This manifest lists ${counted(m.count, 'person', 'people')}. Its file manifest.json is signed by office ${m.office.code} (minisign key ${m.office.signingKeyId}); the QR code holds its SHA-256.</p>`;
  return printDocument({
    lang: 'en',
    title: `Handover manifest ${m.handover.code}`,
    body,
    landscape: true,
    headerNote: `${m.office.code} → ${m.handover.agency}`,
    footerNote: `manifest.json SHA-256 ${h.manifest_sha256}`,
  });
}
