/**
 * Two offices syncing with `homeward` alone, as coordinators script it: key
 * cards exchanged and fingerprints confirmed, a bundle carried by hand, a
 * shared folder passed over from a scheduler, a conflict settled. The bundle
 * is a plain age file whose signed header `minisign` verifies.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KeyCardView } from '../../src/api/journey-views';
import type { BundleExportView, BundleImportView, ConflictView, FolderPassView, PeerView } from '../../src/api/sync-views';
import type { PersonView } from '../../src/api/views';
import { OfficeStore } from '../../src/db/store';
import { officeAgeIdentity } from '../../src/services/office-keys';
import { readZip } from '../../src/services/zip';
import { completePerson } from '../helpers';
import { CLI_PASSPHRASE, errorOf, homeward, valueOf } from './run';

const dir = mkdtempSync(join(tmpdir(), 'homeward-cli-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
const dbs = { MSO: at('mso.homeward'), MYW: at('myw.homeward') };
const run = (office: keyof typeof dbs, args: string[]) => homeward([...args, '--db', dbs[office], '--json']);
const folder = at('sync');
const usb = at('usb');

function tool(cmd: string, args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync(cmd, args, { timeout: 60_000 });
  if (r.error) throw new Error(`${cmd} could not run: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

const cards: Partial<Record<keyof typeof dbs, KeyCardView>> = {};
let caseNumber = '';

describe('two offices syncing from the command line', () => {
  it('exchange key cards and add each other with both fingerprints read back', async () => {
    for (const [code, name] of [
      ['MSO', 'Mae Sot coordination office'],
      ['MYW', 'Myawaddy liaison office'],
    ] as const) {
      expect((await homeward(['init', '--db', dbs[code], '--office', code, '--office-name', name, '--country', code === 'MSO' ? 'TH' : 'MM', '--json'])).code).toBe(0);
      cards[code] = valueOf<KeyCardView>(await run(code, ['keys', 'show', '--card', at(`${code}.card`)]));
    }
    const unconfirmed = errorOf(await run('MSO', ['peer', 'add', '--card', at('MYW.card')]));
    expect(unconfirmed.message).toContain(cards.MYW!.signingFingerprint);
    const wrong = errorOf(await run('MSO', ['peer', 'add', '--card', at('MYW.card'), '--age-fingerprint', cards.MSO!.ageFingerprint, '--signing-fingerprint', cards.MYW!.signingFingerprint]));
    expect(wrong.message).toContain('Not added');
    const [mso, myw] = [cards.MSO!, cards.MYW!];
    const added = valueOf<PeerView>(await run('MSO', ['peer', 'add', '--card', at('MYW.card'), '--age-fingerprint', myw.ageFingerprint, '--signing-fingerprint', myw.signingFingerprint]));
    expect(added).toMatchObject({ office: 'MYW', trusted: true });
    valueOf(await run('MYW', ['peer', 'add', '--card', at('MSO.card'), '--age-fingerprint', mso.ageFingerprint, '--signing-fingerprint', mso.signingFingerprint]));
    expect(valueOf<PeerView[]>(await run('MYW', ['peer', 'list'])).map((p) => p.office)).toEqual(['MSO']);
  }, 120_000);

  it('carries a registration by USB stick: age opens the bundle with the office key, minisign verifies its header', async () => {
    writeFileSync(at('person.json'), JSON.stringify(completePerson({ familyName: 'Sithu', givenNames: 'Aung', nativeName: 'အောင်စည်သူ', claimedNationality: 'MM', languages: ['my'], documents: [] })));
    caseNumber = valueOf<PersonView>(await run('MSO', ['person', 'add', '--file', at('person.json')])).caseNumber;
    const out = valueOf<BundleExportView>(await run('MSO', ['sync', 'export', '--to', 'MYW', '--out', usb]));
    expect(out).toMatchObject({ to: ['MYW'], empty: false });
    expect(out.changes).toBe(1); // one write: the registration with its documents and indicators
    const file = join(usb, out.fileName);
    expect(readFileSync(file).includes(Buffer.from('Sithu'))).toBe(false);

    // The receiving office's age identity (inside its encrypted database) opens it with the age tool.
    const store = OfficeStore.open(dbs.MYW, { passphrase: CLI_PASSPHRASE });
    writeFileSync(at('myw-identity.txt'), `${officeAgeIdentity(store.db)}\n`, { mode: 0o600 });
    store.close();
    const opened = tool('age', ['-d', '-i', at('myw-identity.txt'), file]);
    expect(opened.stderr).toBe('');
    const entries = new Map(readZip(opened.stdout).map((e) => [e.name, Buffer.from(e.read())] as const));
    expect([...entries.keys()]).toEqual(['header.json', 'header.json.minisig', 'changes.jsonl', 'events.jsonl', 'blobs.bin']);
    writeFileSync(at('header.json'), entries.get('header.json')!);
    writeFileSync(at('header.json.minisig'), entries.get('header.json.minisig')!);
    const verified = tool('minisign', ['-Vm', at('header.json'), '-P', cards.MSO!.signingPublicKey]);
    expect(verified.status).toBe(0);
    expect(verified.stdout.toString()).toContain(`homeward sync bundle ${out.bundleId} from MSO`);
    expect(JSON.parse(entries.get('header.json')!.toString())).toMatchObject({ format: 'homeward-sync-bundle', id: out.bundleId, from: 'MSO', to: ['MYW'] });
    // The identity was only for this check.
    rmSync(at('myw-identity.txt'));

    const imported = valueOf<{ imported: BundleImportView[]; refused: unknown[] }>(await run('MYW', ['sync', 'import', file, file]));
    expect(imported.refused).toEqual([]);
    expect(imported.imported.map((i) => i.status)).toEqual(['applied', 'already-imported']);
    expect(valueOf<{ person: PersonView }>(await run('MYW', ['person', 'show', caseNumber])).person.nativeName).toBe('အောင်စည်သူ');

    // A flipped byte: refused, and the others on the command line still import.
    const bad = Buffer.from(readFileSync(file));
    bad[bad.length - 40]! ^= 0x20;
    writeFileSync(at('bad.hwsync'), bad);
    const mixed = await run('MYW', ['sync', 'import', at('bad.hwsync'), file]);
    expect(mixed.code).toBe(1);
    const body = JSON.parse(mixed.stdout) as { ok: boolean; value: { imported: BundleImportView[]; refused: { file: string; error: { code: string; message: string } }[] } };
    expect(body.value.refused[0]!.error.code).toBe('BUNDLE_REFUSED');
    expect(body.value.imported[0]!.status).toBe('already-imported');
  }, 120_000);

  it('passes over a shared folder from a scheduler, and settles a conflict', async () => {
    mkdirSync(folder);
    const pass = async (office: keyof typeof dbs) => valueOf<FolderPassView>(await run(office, ['sync', 'folder', folder]));
    await pass('MYW');
    await pass('MSO');
    await pass('MYW');
    // Both offices correct the same name before hearing from each other.
    valueOf(await run('MSO', ['person', 'update', caseNumber, '--file', writeJson('patch-mso.json', { givenNames: 'Aung Aung' }), '--reason', 'as on the police list']));
    valueOf(await run('MYW', ['person', 'update', caseNumber, '--file', writeJson('patch-myw.json', { givenNames: 'Aung Kyaw' })]));
    const first = await pass('MSO');
    expect(first.written.map((w) => w.to)).toEqual([['MYW']]);
    const second = await pass('MYW');
    expect(second.imported).toHaveLength(1);
    await pass('MSO');
    const conflicts = valueOf<ConflictView[]>(await run('MSO', ['sync', 'conflicts']));
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'identity', field: 'given_names', winnerValue: 'Aung Kyaw', loserValue: 'Aung Aung' });
    const resolved = valueOf<ConflictView>(await run('MSO', ['sync', 'resolve', String(conflicts[0]!.id), '--choice', 'other', '--note', 'the person confirmed']));
    expect(resolved.status).toBe('resolved');
    await pass('MSO');
    await pass('MYW');
    expect(valueOf<{ person: PersonView }>(await run('MYW', ['person', 'show', caseNumber])).person.givenNames).toBe('Aung Aung');
    expect(valueOf<ConflictView[]>(await run('MYW', ['sync', 'conflicts']))).toEqual([]);
    // Only encrypted bundles in the folder.
    for (const name of readdirSync(folder)) expect(name).toMatch(/\.hwsync$/);
    const human = await homeward(['sync', 'status', '--db', dbs.MYW]);
    expect(human.stdout).toContain('MSO');
    expect(human.stdout).toContain('Open conflicts: 0');
  }, 240_000);
});

function writeJson(name: string, value: unknown): string {
  writeFileSync(at(name), JSON.stringify(value));
  return at(name);
}
