/**
 * A whole journey scripted with `homeward`, and opened on the other side with
 * the standard tools only: an embassy list decrypted by `age`, its answers
 * imported, a batch checked off, a handover whose package `age` decrypts and
 * whose manifest `minisign` verifies, tampered and foreign packages refused
 * by both, the receiver's countersignature made with `minisign` closing the
 * cases. Synthetic people only, in a temp folder.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BatchView, ExportFile, HandoverView, KeyCardView, ManifestCheck, MembersOutcome, OutcomeImportResult, VerificationListView } from '../../src/api/journey-views';
import type { PersonView } from '../../src/api/views';
import { ageEncrypt } from '../../src/crypto/age';
import { prepare } from '../../src/db/query';
import { OfficeStore } from '../../src/db/store';
import { ageRecipientFingerprint } from '../../src/crypto/fingerprint';
import { generateSigningKey, signMinisign } from '../../src/crypto/minisign';
import { readListTable } from '../../src/services/import/table';
import { readZip, writeZip } from '../../src/services/zip';
import { completePerson } from '../helpers';
import { CLI_PASSPHRASE, errorOf, homeward, valueOf } from './run';

const dir = mkdtempSync(join(tmpdir(), 'homeward-cli-journey-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
const db = at('mso.homeward');
/** Synthetic people only, so the picture of the manifest may be kept and looked at. */
const ARTIFACTS = fileURLToPath(new URL('../artifacts/screens', import.meta.url));
const run = (args: string[], env?: Record<string, string>) => homeward([...args, '--db', db, '--json'], env ? { env } : {});

function tool(cmd: string, args: string[], input?: Buffer): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync(cmd, args, { input, timeout: 60_000, env: { ...process.env, MINISIGN_CONFIG_DIR: dir } });
  if (r.error) throw new Error(`${cmd} could not run: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

function unzip(bytes: Buffer, into: string): Map<string, Buffer> {
  mkdirSync(into, { recursive: true });
  const files = new Map<string, Buffer>();
  for (const e of readZip(bytes)) {
    if (e.isDirectory) continue;
    const data = Buffer.from(e.read());
    files.set(e.name, data);
    mkdirSync(join(into, e.name, '..'), { recursive: true });
    writeFileSync(join(into, e.name), data);
  }
  return files;
}

// The embassy of Viet Nam's age key, made with the real age-keygen.
tool('age-keygen', ['-o', at('embassy-key.txt')]);
const embassyRecipient = readFileSync(at('embassy-key.txt'), 'utf8').match(/public key: (age1[0-9a-z]+)/)![1]!;
// The receiving official's minisign key, made with the real minisign.
tool('minisign', ['-G', '-W', '-p', at('receiver.pub'), '-s', at('receiver.key')]);
const receiverPublicKey = readFileSync(at('receiver.pub'), 'utf8').trim().split('\n')[1]!;

const people: string[] = [];
let listCode = '';
let batchCode = '';
let handoverCode = '';
let signingPublicKey = '';

describe('a journey from the command line, opened with age and minisign', () => {
  it('sets up the office with its keys, and adds the embassy by key and fingerprint', async () => {
    expect((await homeward(['init', '--db', db, '--office', 'MSO', '--office-name', 'Mae Sot coordination office', '--country', 'TH', '--json'])).code).toBe(0);
    const card = valueOf<KeyCardView>(await run(['keys', 'show', '--card', at('mso.card')]));
    expect(JSON.parse(readFileSync(at('mso.card'), 'utf8'))).toMatchObject({ format: 'homeward-office-card', office: 'MSO', ageRecipient: card.ageRecipient });
    signingPublicKey = card.signingPublicKey;
    const refused = errorOf(await run(['recipient', 'add', '--name', 'Embassy of Viet Nam, Bangkok', '--country', 'VN', '--key', embassyRecipient, '--fingerprint', '1234 5678 9ABC DEF0 1234 5678 9ABC DEF0']));
    expect(refused.message).toContain('is not this key');
    valueOf(
      await run(['recipient', 'add', '--name', 'Embassy of Viet Nam, Bangkok', '--country', 'VN', '--key', embassyRecipient, '--fingerprint', ageRecipientFingerprint(embassyRecipient), '--signing-key', receiverPublicKey]),
    );
  });

  it('registers people and sends the embassy an encrypted list that age opens', async () => {
    const names = [
      { familyName: 'Nguyễn', givenNames: 'Thị Hồng', nativeName: 'Nguyễn Thị Hồng', sex: 'female' },
      { familyName: 'Trần', givenNames: 'Văn Nam', nativeName: 'Trần Văn Nam' },
      { familyName: 'Phạm', givenNames: 'Quốc Bảo', nativeName: 'Phạm Quốc Bảo' },
    ];
    for (const [i, n] of names.entries()) {
      writeFileSync(at(`p${i}.json`), JSON.stringify(completePerson({ ...n, documents: [{ type: 'passport', number: `C90${i}4417`, issuingCountry: 'VN', holder: 'authority' }] })));
      const p = valueOf<PersonView>(await run(['person', 'add', '--file', at(`p${i}.json`)]));
      valueOf(await run(['advance', p.caseNumber, '--to', 'verification', '--reason', 'Intake complete']));
      people.push(p.caseNumber);
    }
    const list = valueOf<VerificationListView>(await run(['verification-list', 'create', '--country', 'VN', '--authority', 'Embassy of Viet Nam, Bangkok', '--recipient', 'Embassy of Viet Nam, Bangkok']));
    expect(list.people).toBe(3);
    listCode = list.code;
    // An --out folder that does not exist stops the export before it is recorded.
    const missing = errorOf(await run(['verification-list', 'export', listCode, '--out', at('no-such-folder/list.age')]));
    expect(missing.code).toBe('FOLDER_NOT_FOUND');
    expect(missing.message).toContain(`The folder ${at('no-such-folder')} does not exist`);
    const intoFolder = errorOf(await run(['verification-list', 'export', listCode, '--out', dir]));
    expect(intoFolder.message).toContain(`${dir} is a folder`);
    expect(recordedExports()).toEqual([]);
    const file = valueOf<ExportFile>(await run(['verification-list', 'export', listCode, '--out', at('list.age')]));
    expect(file.encryptedTo).toHaveLength(2);
    expect(recordedExports()).toEqual([`verification_list.exported ${file.sha256}`, `${listCode} ${file.sha256}`]);
    const opened = tool('age', ['-d', '-i', at('embassy-key.txt'), at('list.age')]);
    expect(opened.status).toBe(0);
    const files = unzip(opened.stdout, at('list'));
    expect([...files.keys()].sort()).toEqual([`${listCode}.csv`, `${listCode}.pdf`]);
    const rows = readListTable(files.get(`${listCode}.csv`)!, 'list.csv').rows;
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual([...people].sort());
    expect(rows.find((r) => r[0] === people[0])?.[3]).toBe('Nguyễn Thị Hồng');
    const text = tool('pdftotext', ['-layout', at(`list/${listCode}.pdf`), '-']).stdout.toString();
    // Vietnamese is its own Latin script: the name is printed once, family name in capitals.
    expect(text).toContain('NGUYỄN Thị Hồng');
    expect(text).not.toContain('Nguyễn Thị Hồng');
    expect(text).toContain(listCode);
  });

  it("imports the embassy's answers from the returned list", async () => {
    const rows = readListTable(readFileSync(at(`list/${listCode}.csv`)), 'list.csv').rows;
    // Answered the day the list went out: an answer cannot predate its list.
    const answeredOn = new Date().toISOString().slice(0, 10);
    const answered = rows.map((r, i) => (i === 0 ? r : [...r.slice(0, 8), 'confirmed', '', `VN-BKK-${i}`, answeredOn, '']));
    const csv = `\ufeff${answered.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`;
    writeFileSync(at('returned.csv'), csv);
    const result = valueOf<OutcomeImportResult>(await run(['verification-list', 'outcomes', listCode, at('returned.csv')]));
    expect(result).toMatchObject({ recorded: 3, invalid: 0 });
    for (const c of people) valueOf(await run(['advance', c, '--to', 'transfer', '--reason', 'Confirmed by embassy list']));
  });

  it('plans a batch, checks everyone off, and prints the roster and the cards', async () => {
    const created = valueOf<MembersOutcome>(
      await run(['batch', 'create', '--from', 'Mae Sot shelter', '--crossing', 'Friendship Bridge 2', '--to', 'Myawaddy reception', '--date', '2026-11-20', '--capacity', '12', '--vehicle', 'Van 4กข-2291', '--people', people.join(',')]),
    );
    expect(created.added).toHaveLength(3);
    batchCode = created.batch.code;
    valueOf(await run(['batch', 'status', batchCode, '--to', 'boarding']));
    for (const c of people) valueOf(await run(['batch', 'mark', batchCode, c, '--mark', 'boarded']));
    valueOf(await run(['batch', 'status', batchCode, '--to', 'in_transit']));
    for (const c of people) valueOf(await run(['batch', 'mark', batchCode, c, '--mark', 'arrived']));
    const arrived = valueOf<BatchView>(await run(['batch', 'status', batchCode, '--to', 'arrived']));
    expect(arrived.counts).toMatchObject({ arrived: 3, missing: 0, total: 3 });
    valueOf(await run(['batch', 'print', batchCode, '--what', 'cards', '--out', at('cards.pdf')]));
    expect(readFileSync(at('cards.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // Names in plain text: readable by this user only, also when an older file is written over.
    expect(statSync(at('cards.pdf')).mode & 0o777).toBe(0o600);
    chmodSync(at('cards.pdf'), 0o644);
    valueOf(await run(['batch', 'print', batchCode, '--what', 'roster', '--out', at('cards.pdf')]));
    expect(statSync(at('cards.pdf')).mode & 0o777).toBe(0o600);
    expect(tool('pdftotext', [at('cards.pdf'), '-']).stdout.toString()).toContain(people[1]);
  });

  it('hands them over; age opens the package and minisign verifies the manifest', async () => {
    const h = valueOf<HandoverView>(
      await run(['handover', 'create', '--batch', batchCode, '--country', 'VN', '--agency', 'Immigration Department', '--official', 'Lê Thị Thu', '--official-id', 'A-33021', '--place', 'Myawaddy reception centre', '--recipient', 'Embassy of Viet Nam, Bangkok']),
    );
    handoverCode = h.code;
    expect(h.people).toBe(3);
    const before = recordedExports();
    const missing = errorOf(await run(['manifest', 'export', handoverCode, '--out', at('no-such-folder/handover.age')]));
    expect(missing.code).toBe('FOLDER_NOT_FOUND');
    expect(recordedExports()).toEqual(before);
    valueOf<ExportFile>(await run(['manifest', 'export', handoverCode, '--out', at('handover.age')]));
    const opened = tool('age', ['-d', '-i', at('embassy-key.txt'), at('handover.age')]);
    expect(opened.status).toBe(0);
    const files = unzip(opened.stdout, at('package'));
    expect([...files.keys()].sort()).toEqual(['README.txt', 'manifest.csv', 'manifest.json', 'manifest.json.minisig', 'manifest.pdf']);
    const verified = tool('minisign', ['-Vm', at('package/manifest.json'), '-P', signingPublicKey]);
    expect(verified.status).toBe(0);
    expect(verified.stdout.toString()).toContain(`Trusted comment: homeward handover ${handoverCode} office MSO sha256 ${h.manifestSha256}`);
    expect(files.get('README.txt')!.toString()).toContain(`minisign -Vm manifest.json -P ${signingPublicKey}`);
    const pdfText = tool('pdftotext', ['-layout', at('package/manifest.pdf'), '-']).stdout.toString();
    for (const name of ['NGUYỄN Thị Hồng', 'TRẦN Văn Nam', 'PHẠM Quốc Bảo', 'Lê Thị Thu']) expect(pdfText).toContain(name);
    expect(pdfText).toContain(h.manifestSha256);
    // The first page, as an image, for a person to look at.
    mkdirSync(ARTIFACTS, { recursive: true });
    expect(tool('pdftoppm', ['-r', '80', '-png', '-singlefile', '-f', '1', '-l', '1', at('package/manifest.pdf'), join(ARTIFACTS, 'handover-manifest')]).status).toBe(0);
    const check = valueOf<ManifestCheck>(await run(['manifest', 'verify', at('handover.age')]));
    expect(check).toMatchObject({ ok: true, handover: handoverCode, people: 3, problems: [] });
    // An export passphrase left set in the shell does not stop the office's own key from opening it.
    const withPassphrase = valueOf<ManifestCheck>(await run(['manifest', 'verify', at('handover.age')], { HOMEWARD_EXPORT_PASSPHRASE: 'a passphrase for other packages' }));
    expect(withPassphrase).toMatchObject({ ok: true, problems: [] });
    expect(withPassphrase.checks.find((c) => c.name === 'decrypt')?.detail).toBe('Opened with this office\u2019s key.');
  });

  it('a flipped byte, a wrong key and a swapped signature are each refused, by Homeward and by the tools', async () => {
    const sealed = readFileSync(at('handover.age'));
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 100]! ^= 0x01;
    writeFileSync(at('flipped.age'), flipped);
    expect(tool('age', ['-d', '-i', at('embassy-key.txt'), at('flipped.age')]).status).not.toBe(0);
    const flippedCheck = errorOrValue(await run(['manifest', 'verify', at('flipped.age')]));
    expect(flippedCheck.ok).toBe(false);
    expect(flippedCheck.problems.join(' ')).toMatch(/damaged|corrupt|changed/i);

    // A package for someone else entirely: age with the embassy key fails, Homeward says it is not for this office.
    tool('age-keygen', ['-o', at('stranger-key.txt')]);
    const stranger = readFileSync(at('stranger-key.txt'), 'utf8').match(/public key: (age1[0-9a-z]+)/)![1]!;
    const files = unzip(tool('age', ['-d', '-i', at('embassy-key.txt'), at('handover.age')]).stdout, at('again'));
    const zip = writeZip([...files].map(([name, data]) => ({ name, data })));
    writeFileSync(at('foreign.age'), ageEncrypt(zip, [{ kind: 'x25519', recipient: stranger }]));
    expect(tool('age', ['-d', '-i', at('embassy-key.txt'), at('foreign.age')]).status).not.toBe(0);
    const foreign = errorOrValue(await run(['manifest', 'verify', at('foreign.age')]));
    expect(foreign.problems[0]).toContain('not encrypted to this office');

    // The manifest re-signed by another key.
    const impostor = generateSigningKey();
    const swapped = new Map(files);
    swapped.set('manifest.json.minisig', Buffer.from(signMinisign(files.get('manifest.json')!, impostor, { trustedComment: 'looks official' })));
    writeFileSync(at('swapped.zip'), writeZip([...swapped].map(([name, data]) => ({ name, data }))));
    writeFileSync(at('again/manifest.json.minisig'), swapped.get('manifest.json.minisig')!);
    expect(tool('minisign', ['-Vm', at('again/manifest.json'), '-P', signingPublicKey]).status).not.toBe(0);
    const swappedCheck = errorOrValue(await run(['manifest', 'verify', at('swapped.zip')]));
    expect(swappedCheck.ok).toBe(false);
    expect(swappedCheck.problems.join(' ')).toContain("neither this office's nor a known peer office's");

    // One person's name changed in manifest.json: the signature no longer holds.
    const edited = new Map(files);
    edited.set('manifest.json', Buffer.from(files.get('manifest.json')!.toString().replace('Trần Văn Nam', 'Trần Văn Năm')));
    writeFileSync(at('edited.zip'), writeZip([...edited].map(([name, data]) => ({ name, data }))));
    const editedCheck = errorOrValue(await run(['manifest', 'verify', at('edited.zip')]));
    expect(editedCheck.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(expect.arrayContaining(['signature', 'record', 'csv']));
  });

  it("the receiver's countersignature, made with minisign, closes the cases", async () => {
    const signed = tool('minisign', ['-S', '-s', at('receiver.key'), '-m', at('package/manifest.json'), '-x', at('receipt.minisig'), '-t', 'received 3 people, A-33021']);
    expect(signed.status).toBe(0);
    const acked = valueOf<HandoverView>(await run(['handover', 'acknowledge', handoverCode, '--countersignature', at('receipt.minisig')]));
    expect(acked.acknowledgement).toMatchObject({ kind: 'countersignature' });
    for (const c of people) expect(valueOf<{ person: PersonView }>(await run(['person', 'show', c])).person.stage).toBe('closed');
    // The HTCDS export is sealed like every other export: only the recipient (and this office) can read it.
    const htcds = valueOf<{ records: number; encryptedTo: string[] }>(await run(['htcds', 'export', '--people', people.join(','), '--out', at('htcds.age'), '--recipient', 'Embassy of Viet Nam, Bangkok']));
    expect(htcds.records).toBe(3);
    expect(htcds.encryptedTo[0]).toContain('Embassy of Viet Nam, Bangkok');
    const sealed = readFileSync(at('htcds.age'));
    expect(sealed.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect(sealed.includes(Buffer.from('Nguyễn'))).toBe(false);
    const cases = unzip(tool('age', ['-d', '-i', at('embassy-key.txt'), at('htcds.age')]).stdout, at('htcds'));
    expect([...cases.keys()].sort()).toEqual(['cases.csv', 'cases.json']);
    expect(JSON.parse(cases.get('cases.json')!.toString('utf8')).records).toHaveLength(3);
  });
});

/** What the office recorded of its exports (audit events, and a list's file hash), read between commands. */
function recordedExports(): string[] {
  const store = OfficeStore.open(db, { passphrase: CLI_PASSPHRASE });
  try {
    const events = prepare(store.db, `SELECT action, json_extract(after, '$.sha256') AS sha FROM audit_event WHERE action LIKE '%.exported' ORDER BY seq`).all() as { action: string; sha: string | null }[];
    const lists = prepare(store.db, 'SELECT code, file_sha256 FROM verification_list WHERE file_sha256 IS NOT NULL ORDER BY code').all() as { code: string; file_sha256: string }[];
    return [...events.map((e) => `${e.action} ${e.sha}`), ...lists.map((l) => `${l.code} ${l.file_sha256}`)];
  } finally {
    store.close();
  }
}

/** `manifest verify` exits 1 with a report when the package is not valid. */
function errorOrValue(r: { code: number | null; stdout: string }): ManifestCheck {
  const parsed = JSON.parse(r.stdout) as { ok: boolean; value?: ManifestCheck };
  expect(parsed.ok).toBe(true);
  expect(r.code).toBe(1);
  return parsed.value!;
}
