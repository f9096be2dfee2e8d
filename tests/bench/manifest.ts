/**
 * npm run bench — a handover of 1,000 people: the signed manifest (JSON +
 * CSV + signature + zip + age encryption) and, separately, its PDF printed
 * with Chromium. Baselines from the same run: Debian's `age` encrypting and
 * `minisign` signing the same bytes, and raw SHA-256 of them. Not part of
 * npm test: figures are reported, never asserted.
 *
 *   BENCH_MANIFEST_PEOPLE=300 tsx tests/bench/manifest.ts
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { canonicalJson } from '../../src/crypto/canonical-json';
import { ageEncrypt, generateAgeIdentity } from '../../src/crypto/age';
import { OfficeStore } from '../../src/db/store';
import { prepare } from '../../src/db/query';
import { moveStage } from '../../src/services/cases';
import { generateDemoPeople } from '../../src/services/demo';
import { createHandover, handoverRow } from '../../src/services/handover/handovers';
import { csvBytes } from '../../src/services/import/error-file';
import { manifestCsvRows, type Manifest } from '../../src/services/manifest/model';
import { handoverPackageFiles } from '../../src/services/manifest/package';
import { manifestPrintable } from '../../src/services/manifest/print';
import { ensureOfficeKeys, officeSigner } from '../../src/services/office-keys';
import { lazyChromiumPrinter } from '../../src/services/print/lazy-printer';
import { createBatch, markMember, setBatchStatus } from '../../src/services/transfer/batches';
import { recordVerificationIn } from '../../src/services/verification';
import { writeZip } from '../../src/services/zip';
import { verificationInputSchema } from '../../src/domain/verification';

const PEOPLE = Number(process.env.BENCH_MANIFEST_PEOPLE ?? 1000);

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;

/** A small synthetic passport-style photo: a PNG of one colour, different for each person. */
function photo(i: number): Buffer {
  const width = 96;
  const height = 120;
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([(i * 37) % 256, (i * 91) % 256, 160 + (x % 64)], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'homeward-bench-manifest-'));
  try {
    const { store } = OfficeStore.create(join(dir, 'bench.homeward'), { passphrase: 'bench passphrase long enough', office: { code: 'MSO', name: 'Mae Sot coordination office', country: 'TH' }, actor: 'bench', logN: 12 });
    ensureOfficeKeys(store, 'bench');
    generateDemoPeople(store, 'bench', { count: PEOPLE, seed: 5 });
    // Setup (not measured): everyone confirmed Vietnamese, in transfer, with a photo, on one arrived batch.
    const ids = (prepare(store.db, 'SELECT id, case_number FROM person ORDER BY case_number').all() as { id: string; case_number: string }[]).slice(0, PEOPLE);
    const verification = verificationInputSchema.parse({ method: 'embassy_list', authority: 'Embassy of Viet Nam, Bangkok', country: 'VN', outcome: 'confirmed' });
    store.write('bench', (tx) => {
      ids.forEach(({ id }, i) => {
        tx.update('person', id, { claimed_nationality: 'VN', consent_status: 'given', stage: 'verification' });
        for (const h of prepare(tx.db, 'SELECT id FROM hold WHERE person_id = ? AND lifted_at IS NULL').all(id) as { id: string }[]) {
          tx.update('hold', h.id, { lifted_at: tx.at, lifted_by: 'bench', lift_reason: 'bench' });
        }
        recordVerificationIn(tx, id, verification);
        moveStage(tx, id, 'transfer', 'bench');
        const bytes = photo(i);
        const sha = createHash('sha256').update(bytes).digest('hex');
        prepare(tx.db, 'INSERT OR IGNORE INTO attachment_blob (sha256, size, bytes) VALUES (?, ?, ?)').run(sha, bytes.length, bytes);
        tx.insert('attachment', { id: `bench-photo-${i}`, person_id: id, sha256: sha, kind: 'photo', filename: null, mime: 'image/png', created_by: 'bench', created_at: tx.at, deleted: 0 });
      });
      tx.audit({ action: 'bench.setup', entityType: 'office', entityId: 'MSO' });
    });
    const { batch } = createBatch(store, 'bench', { fromSite: 'Mae Sot', crossingPoint: 'Friendship Bridge 2', toSite: 'Myawaddy', plannedDate: '2026-11-20', capacity: 2000 }, ids.map((p) => p.case_number));
    setBatchStatus(store, 'bench', batch.code, 'boarding', null);
    for (const p of ids) markMember(store, 'bench', batch.code, p.case_number, 'boarded', null);
    setBatchStatus(store, 'bench', batch.code, 'in_transit', null);
    for (const p of ids) markMember(store, 'bench', batch.code, p.case_number, 'arrived', null);
    setBatchStatus(store, 'bench', batch.code, 'arrived', null);

    console.log(`Handover manifest of ${PEOPLE} people (with photos), on this machine:`);
    const [h, createMs] = time(() =>
      createHandover(store, 'bench', { batch: batch.code, receivingCountry: 'VN', agency: 'Immigration Department', officialName: 'Lê Thị Thu', officialId: 'A-33021', place: 'Myawaddy reception centre' }),
    );
    console.log(`  create handover (build + canonical JSON + sign + store + ${PEOPLE} stage moves): ${ms(createMs)}`);
    const row = handoverRow(store.db, h.id);
    const manifest = JSON.parse(row.manifest) as Manifest;
    const [json, jsonMs] = time(() => canonicalJson(manifest));
    const [, signMs] = time(() => officeSigner(store.db).sign(Buffer.from(json), 'bench'));
    const [csv, csvMs] = time(() => csvBytes(manifestCsvRows(manifest)));
    const pdfPlaceholder = Buffer.from('%PDF-1.7\n');
    const [files, filesMs] = time(() => handoverPackageFiles(store.db, h.id, pdfPlaceholder, 'key'));
    const [zip, zipMs] = time(() => writeZip(files));
    const receiver = generateAgeIdentity();
    const [sealed, encryptMs] = time(() => ageEncrypt(zip, [{ kind: 'x25519', recipient: receiver.recipient }]));
    console.log(`  manifest.json canonical: ${ms(jsonMs)}  (${(json.length / 1024).toFixed(0)} KB)`);
    console.log(`  sign (minisign format):  ${ms(signMs)}`);
    console.log(`  manifest.csv:            ${ms(csvMs)}  (${(csv.length / 1024).toFixed(0)} KB)`);
    console.log(`  package files + photos:  ${ms(filesMs)}`);
    console.log(`  zip:                     ${ms(zipMs)}  (${(zip.length / 1024).toFixed(0)} KB)`);
    console.log(`  age encrypt:             ${ms(encryptMs)}  (${(sealed.length / 1024).toFixed(0)} KB)`);
    console.log(`  total without the PDF:   ${ms(jsonMs + signMs + csvMs + filesMs + zipMs + encryptMs)}`);

    // Baselines: the standard tools on the same bytes (process start included, as a receiver runs them).
    writeFileSync(join(dir, 'package.zip'), zip);
    writeFileSync(join(dir, 'manifest.json'), json);
    const [, hashMs] = time(() => createHash('sha256').update(zip).digest());
    const [ageRun, ageMs] = time(() => spawnSync('age', ['-e', '-r', receiver.recipient, '-o', join(dir, 'package.age'), join(dir, 'package.zip')]));
    spawnSync('minisign', ['-G', '-W', '-p', join(dir, 'k.pub'), '-s', join(dir, 'k.key')], { env: { ...process.env, MINISIGN_CONFIG_DIR: dir } });
    const [signRun, minisignMs] = time(() => spawnSync('minisign', ['-S', '-s', join(dir, 'k.key'), '-m', join(dir, 'manifest.json')], { env: { ...process.env, MINISIGN_CONFIG_DIR: dir } }));
    console.log(`  baseline: sha256 of the zip ${ms(hashMs)}; \`age -e\` ${ageRun.status === 0 ? ms(ageMs) : 'not installed'}; \`minisign -S\` ${signRun.status === 0 ? ms(minisignMs) : 'not installed'}`);

    const printer = lazyChromiumPrinter();
    try {
      const doc = manifestPrintable(store.db, row);
      const [, firstMs] = await timeAsync(() => printer.print({ html: doc.html, landscape: doc.landscape }));
      const [pdf, pdfMs] = await timeAsync(() => printer.print({ html: doc.html, landscape: doc.landscape }));
      console.log(`  manifest.pdf with Chromium: ${ms(pdfMs)} (${(pdf.length / 1024).toFixed(0)} KB; first print incl. starting Chromium ${ms(firstMs).trim()})`);
    } catch (e) {
      console.log(`  manifest.pdf: not measured (${(e as Error).message})`);
    } finally {
      await printer.close();
    }
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
