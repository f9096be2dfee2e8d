import { z } from 'zod';
import { prepare, type Sqlite } from '../../db/query';
import type { IdentityDocumentTable, PersonTable } from '../../db/schema';

/**
 * The handover manifest: what was handed to whom, person by person. Stored
 * and signed as canonical JSON (src/crypto/canonical-json.ts), so the same
 * manifest always has the same bytes, hash and signature. The schema is
 * versioned; a receiver's tools and `homeward manifest verify` check it.
 */

export const MANIFEST_FORMAT = 'homeward-handover-manifest';
export const MANIFEST_SCHEMA_VERSION = 1;

const nullableText = z.string().nullable();

export const manifestPersonSchema = z
  .object({
    caseNumber: z.string().min(1),
    familyName: nullableText,
    givenNames: nullableText,
    nativeName: nullableText,
    sex: z.enum(['female', 'male', 'other', 'unknown']),
    birthDate: nullableText,
    estimatedAge: z.number().int().nullable(),
    ageEstimatedOn: nullableText,
    nationality: z.string().length(2),
    documents: z.array(
      z.object({ type: z.string(), number: nullableText, issuingCountry: nullableText, holder: z.string() }).strict(),
    ),
    /** the photo in the package (photos/…), by hash, or null */
    photo: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), mime: z.string() }).strict().nullable(),
    arrivedAt: nullableText,
  })
  .strict();
export type ManifestPerson = z.infer<typeof manifestPersonSchema>;

export const manifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
    handover: z
      .object({
        code: z.string().min(1),
        receivingCountry: z.string().length(2),
        agency: z.string().min(1),
        official: z.object({ name: z.string().min(1), id: z.string().min(1) }).strict(),
        place: z.string().min(1),
        handedAt: z.string().min(1),
      })
      .strict(),
    office: z
      .object({ code: z.string().min(1), name: z.string().min(1), country: nullableText, signingKeyId: z.string().regex(/^[0-9A-F]{16}$/) })
      .strict(),
    transfer: z
      .object({ batch: z.string(), fromSite: z.string(), crossingPoint: z.string(), toSite: z.string(), date: z.string() })
      .strict()
      .nullable(),
    people: z.array(manifestPersonSchema).min(1),
    count: z.number().int().min(1),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .strict()
  .refine((m) => m.count === m.people.length, { error: 'count does not equal the number of people listed' })
  .refine((m) => new Set(m.people.map((p) => p.caseNumber)).size === m.people.length, { error: 'a case number is listed twice' });
export type Manifest = z.infer<typeof manifestSchema>;

export interface ManifestPhoto {
  file: string;
  bytes: Buffer;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The people of a handover as the manifest lists them, with their photos' bytes for the package. */
export function manifestPeople(db: Sqlite, personIds: readonly string[], batchId: string | null): { people: ManifestPerson[]; photos: ManifestPhoto[] } {
  const people: ManifestPerson[] = [];
  const photos: ManifestPhoto[] = [];
  const personStmt = prepare(db, 'SELECT * FROM person WHERE id = ?');
  const docsStmt = prepare(db, 'SELECT * FROM identity_document WHERE person_id = ? AND deleted = 0 ORDER BY created_at, id');
  const photoStmt = prepare(
    db,
    `SELECT a.sha256, a.mime, b.bytes FROM attachment a JOIN attachment_blob b ON b.sha256 = a.sha256
     WHERE a.person_id = ? AND a.kind = 'photo' AND a.deleted = 0 ORDER BY a.created_at DESC, a.id DESC LIMIT 1`,
  );
  const arrivedStmt = prepare(db, 'SELECT arrived_at FROM transfer_member WHERE batch_id = ? AND person_id = ? AND deleted = 0');
  for (const id of personIds) {
    const p = personStmt.get(id) as PersonTable;
    const docs = docsStmt.all(id) as IdentityDocumentTable[];
    const photo = photoStmt.get(id) as { sha256: string; mime: string; bytes: Buffer } | undefined;
    const file = photo ? `photos/${p.case_number}.${EXTENSIONS[photo.mime] ?? 'bin'}` : null;
    if (photo && file) photos.push({ file, bytes: photo.bytes });
    const arrived = batchId ? (arrivedStmt.get(batchId, id) as { arrived_at: string | null } | undefined) : undefined;
    people.push({
      caseNumber: p.case_number,
      familyName: p.family_name,
      givenNames: p.given_names,
      nativeName: p.native_name,
      sex: p.sex,
      birthDate: p.birth_date,
      estimatedAge: p.birth_date ? null : p.estimated_age,
      ageEstimatedOn: p.birth_date ? null : p.age_estimated_on,
      nationality: p.confirmed_nationality!,
      documents: docs.map((d) => ({ type: d.type, number: d.number, issuingCountry: d.issuing_country, holder: d.holder })),
      photo: photo && file ? { file, sha256: photo.sha256, mime: photo.mime } : null,
      arrivedAt: arrived?.arrived_at ?? null,
    });
  }
  return { people, photos };
}

export const MANIFEST_CSV_HEADER = [
  'Case number',
  'Family name',
  'Given names',
  'Name (native script)',
  'Sex',
  'Birth date',
  'Estimated age',
  'Nationality',
  'Documents',
  'Photo file',
  'Photo SHA-256',
] as const;

export function manifestCsvRows(m: Manifest): string[][] {
  return [
    [...MANIFEST_CSV_HEADER],
    ...m.people.map((p) => [
      p.caseNumber,
      p.familyName ?? '',
      p.givenNames ?? '',
      p.nativeName ?? '',
      p.sex,
      p.birthDate ?? '',
      p.estimatedAge === null ? '' : String(p.estimatedAge),
      p.nationality,
      p.documents.map((d) => [d.type, d.number, d.issuingCountry].filter(Boolean).join(' ')).join('; '),
      p.photo?.file ?? '',
      p.photo?.sha256 ?? '',
    ]),
  ];
}

/** Instructions inside the package, for a receiver who has only the standard tools. */
export function packageReadme(m: Manifest, sha256: string, signingPublicKey: string, encryptedTo: 'key' | 'passphrase'): string {
  return [
    `Handover manifest ${m.handover.code}`,
    `From: ${m.office.name} (${m.office.code})`,
    `To: ${m.handover.agency}, ${m.handover.receivingCountry}; official ${m.handover.official.name} (${m.handover.official.id})`,
    `Place and time: ${m.handover.place}, ${m.handover.handedAt}`,
    `People: ${m.count}`,
    '',
    'Files',
    '  manifest.json         the manifest (canonical JSON); this is what is signed',
    '  manifest.json.minisig its signature by the office (minisign format)',
    '  manifest.csv          the same people as a table',
    '  manifest.pdf          the printable manifest, with a QR code of the SHA-256 of manifest.json',
    '  photos/               photos; each one\'s SHA-256 is in manifest.json',
    '',
    'How to open and check it (tools: age, https://age-encryption.org; minisign, https://jedisct1.github.io/minisign/)',
    encryptedTo === 'key'
      ? '  1. age -d -i your-key.txt handover.age > handover.zip'
      : '  1. age -d handover.age > handover.zip      (age asks for the passphrase agreed with the office)',
    '  2. unzip handover.zip',
    `  3. minisign -Vm manifest.json -P ${signingPublicKey}`,
    '     It must print "Signature and comment signature verified". Compare the key with the one',
    '     the office gave you in person or on its key card, never only with this file.',
    `  4. sha256sum manifest.json   must print ${sha256}`,
    '     (the same value is in the QR code on manifest.pdf)',
    '',
  ].join('\r\n');
}
