import type { ExportFile } from '../api/journey-views';
import { HomewardError } from '../domain/errors';
import { countryName } from '../domain/reference/countries';
import type { RecipientTable, VerificationListTable } from '../db/schema';
import type { OfficeStore } from '../db/store';
import type { Sqlite } from '../db/query';
import { csvBytes } from './import/error-file';
import { exportFile, resolveTarget, seal, type SealTarget } from './manifest/package';
import { latinName, nativeIfDifferent } from './manifest/print';
import { facts, html, nameBlock, peopleTable, photoThumbnail, printDocument, type PrintableDocument } from './print/document';
import { recipientById, recipientRow } from './recipients';
import { checkListRecipient, documentsHeld, listCsvRows, listPeople, listRow, type ListPerson } from './verification-lists';

/**
 * A verification list as the embassy receives it: a CSV with empty outcome
 * columns for them to fill in and send back, a PDF with photos for the
 * officer who interviews, both sealed with age to the embassy.
 */

const names = (p: ListPerson) => ({ familyName: p.person.family_name, givenNames: p.person.given_names, nativeName: p.person.native_name });

export function listPrintable(db: Sqlite, ref: string): PrintableDocument {
  const list = listRow(db, ref);
  const people = listPeople(db, list.code);
  const body = html`
<h1>Nationality verification list ${list.code}</h1>
${facts([
  { label: 'To', value: list.authority },
  { label: 'Claimed nationality', value: `${countryName(list.country)} (${list.country})` },
  { label: 'People', value: people.length },
  { label: 'Sent', value: list.created_at.slice(0, 10) },
])}
<p class="muted">Please return the CSV file with the outcome columns filled in (confirmed, not confirmed, or other nationality), with your reference and the date of decision. Case numbers identify the people.</p>
${peopleTable<ListPerson>(
  [
    { header: '#', cell: (_p, i) => i + 1, width: '7mm', kind: 'number', align: 'end' },
    { header: 'Photo', cell: (p) => photoThumbnail(p.photo?.bytes, { alt: `Photo of ${p.person.case_number}` }), kind: 'photo' },
    { header: 'Case number', cell: (p) => p.person.case_number, kind: 'code', width: '32mm' },
    { header: 'Name', cell: (p) => nameBlock({ latin: latinName(names(p)), native: nativeIfDifferent(names(p)) }) },
    { header: 'Sex', cell: (p) => p.person.sex.slice(0, 1).toUpperCase(), width: '9mm', align: 'center' },
    { header: 'Born / age', cell: (p) => p.person.birth_date ?? (p.person.estimated_age === null ? '' : `~${p.person.estimated_age} y`), width: '22mm', kind: 'code' },
    { header: 'Claimed', cell: (p) => p.person.claimed_nationality ?? '', width: '16mm', align: 'center' },
    { header: 'Documents held', cell: (p) => documentsHeld(p.documents), width: '60mm' },
    { header: 'Outcome', cell: () => '', width: '28mm' },
  ],
  people,
)}`;
  return printDocument({ lang: 'en', title: `Verification list ${list.code}`, body, landscape: true, headerNote: list.authority });
}

/** The recipient the list was made for, refused once removed: its key is out of use, perhaps replaced. */
function namedRecipient(db: Sqlite, list: VerificationListTable, id: string): RecipientTable {
  const r = recipientById(db, id);
  if (!r || r.deleted) {
    throw new HomewardError(
      'NOT_FOUND',
      `List ${list.code} was made for ${r ? `the recipient ${r.name}, which was removed` : 'a recipient this office does not have'}. Add the embassy's current key (or a passphrase recipient) as a recipient, then export the list to it.`,
    );
  }
  return r;
}

/**
 * Who the list is sealed to: the recipient chosen now, else the one the list
 * was made for, either of the list's country only; or a passphrase.
 */
export function listExportTarget(db: Sqlite, ref: string, recipient: string | null | undefined, passphrase: string | null | undefined): SealTarget {
  const list = listRow(db, ref);
  const to = recipient ? recipientRow(db, recipient) : list.recipient_id ? namedRecipient(db, list, list.recipient_id) : null;
  if (to) checkListRecipient(to, list.country);
  return resolveTarget(db, to?.id, passphrase);
}

export function exportVerificationList(
  store: OfficeStore,
  actor: string,
  ref: string,
  options: { pdf: Uint8Array; recipient?: string | null; passphrase?: string | null },
): ExportFile {
  const list = listRow(store.db, ref);
  const target = listExportTarget(store.db, list.id, options.recipient, options.passphrase);
  const csv = csvBytes(listCsvRows(listPeople(store.db, list.code)));
  const sealed = seal(
    store.db,
    [
      { name: `${list.code}.csv`, data: csv },
      { name: `${list.code}.pdf`, data: options.pdf },
    ],
    target,
  );
  const file = exportFile(`${list.code}.verification.age`, sealed.bytes, sealed.encryptedTo);
  store.write(actor, (tx) => {
    tx.update('verification_list', list.id, { file_sha256: file.sha256 });
    tx.audit({ action: 'verification_list.exported', entityType: 'verification_list', entityId: list.id, after: { code: list.code, encryptedTo: sealed.encryptedTo, sha256: file.sha256 } });
  });
  return file;
}
