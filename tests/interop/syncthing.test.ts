import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyCardView } from '../../src/api/journey-views';
import type { FolderPassView, PeerView } from '../../src/api/sync-views';
import { OfficeStore } from '../../src/db/store';
import { iteratePeople } from '../../src/domain/demo';
import { addPerson, updatePerson } from '../../src/services/people';
import { parseBundleName } from '../../src/services/sync/folder';
import { dump } from '../sync-helpers';
import { CLI_PASSPHRASE, homeward, valueOf } from '../cli/run';

/**
 * Sync on a real engine: two Syncthing instances (Debian's `syncthing`) on
 * loopback keep one folder in step between two offices, each with its own
 * copy of the folder and its own encrypted database. Each office runs the
 * real `homeward sync folder` command over its copy, as a scheduler would,
 * until both databases hold the same data. Nothing leaves 127.0.0.1:
 * discovery, relays, NAT, usage and crash reporting and upgrades are off.
 * Synthetic people only, in a temp dir.
 */

const FOLDER_ID = 'homeward-sync';
const ACTOR = 'coordinator@test';
/** Overall limit for Syncthing to carry files across (polled, never slept out). */
const CARRY_TIMEOUT_MS = 90_000;

const root = mkdtempSync(join(tmpdir(), 'homeward-syncthing-'));

interface Instance {
  name: string;
  home: string;
  folder: string;
  guiPort: number;
  syncPort: number;
  apiKey: string;
  deviceId: string;
  process: ChildProcess | null;
  log: string;
}

interface Office {
  code: string;
  name: string;
  db: string;
  st: Instance;
}

function syncthingAvailable(): boolean {
  const r = spawnSync('syncthing', ['--version'], { encoding: 'utf8' });
  if (r.error) throw new Error(`syncthing could not run (${r.error.message}): install Debian's syncthing package.`);
  return r.status === 0;
}

/** Free loopback ports, all held open at once so none is handed out twice. */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const s = createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function newInstance(name: string, guiPort: number, syncPort: number): Instance {
  const home = join(root, `syncthing-${name}`);
  const folder = join(root, `folder-${name}`);
  mkdirSync(join(folder, '.stfolder'), { recursive: true });
  const generated = spawnSync('syncthing', ['generate', '--home', home, '--no-default-folder', '--skip-port-probing'], { encoding: 'utf8', env: syncthingEnv(home) });
  if (generated.status !== 0) throw new Error(`syncthing generate failed: ${generated.stderr}${generated.stdout}`);
  const deviceId = /Device ID:\s*([A-Z0-9-]{63})/.exec(generated.stdout + generated.stderr)?.[1];
  if (!deviceId) throw new Error(`no device ID in the output of syncthing generate: ${generated.stdout}${generated.stderr}`);
  return { name, home, folder, guiPort, syncPort, apiKey: randomBytes(24).toString('hex'), deviceId, process: null, log: join(root, `syncthing-${name}.log`) };
}

function syncthingEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, STNOUPGRADE: '1', STNORESTART: '1', STNODEFAULTFOLDER: '1', LANG: 'C.UTF-8' };
}

/**
 * The whole config, written before start: loopback only, every way of
 * reaching out switched off, the other device at its explicit address, one
 * shared folder rescanned often.
 */
function writeConfig(self: Instance, other: Instance): void {
  const generated = readFileSync(join(self.home, 'config.xml'), 'utf8');
  const version = /<configuration version="(\d+)"/.exec(generated)?.[1];
  if (!version) throw new Error('syncthing generate wrote no config version');
  const device = (st: Instance, address: string) => `
    <device id="${st.deviceId}" name="${st.name}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>${address}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>`;
  const config = `<configuration version="${version}">
    <folder id="${FOLDER_ID}" label="Homeward sync" path="${self.folder}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="${self.deviceId}" introducedBy=""></device>
        <device id="${other.deviceId}" introducedBy=""></device>
        <minDiskFree unit="%">0</minDiskFree>
        <versioning></versioning>
        <paused>false</paused>
        <markerName>.stfolder</markerName>
    </folder>${device(self, 'dynamic')}${device(other, `tcp://127.0.0.1:${other.syncPort}`)}
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:${self.guiPort}</address>
        <apikey>${self.apiKey}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${self.syncPort}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <urAccepted>-1</urAccepted>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
`;
  writeFileSync(join(self.home, 'config.xml'), config);
}

function start(st: Instance): void {
  const log = openSync(st.log, 'a');
  st.process = spawn('syncthing', ['serve', '--home', st.home, '--no-browser', '--no-restart', '--no-upgrade', '--gui-apikey', st.apiKey, '--logflags=3'], {
    env: syncthingEnv(st.home),
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  // Should the test process itself be stopped, it takes Syncthing with it.
  const child = st.process;
  process.once('exit', () => child.kill('SIGKILL'));
}

async function stop(st: Instance): Promise<void> {
  const child = st.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function rest<T>(st: Instance, path: string, method = 'GET'): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${st.guiPort}${path}`, { method, headers: { 'X-API-Key': st.apiKey }, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${method} ${path} on syncthing ${st.name}: HTTP ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

function syncthingLogs(): string {
  return offices.map((o) => `--- syncthing ${o.st.name} ---\n${existsSync(o.st.log) ? readFileSync(o.st.log, 'utf8').split('\n').slice(-40).join('\n') : '(no log)'}`).join('\n');
}

/** Polls `check` until it returns a value (not undefined), within the overall limit. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = CARRY_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting until ${what}${last ? ` (last error: ${String(last)})` : ''}\n${syncthingLogs()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every file under a folder, relative path → bytes (Syncthing's own marker folder aside). */
function filesIn(folder: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(folder, path), readFileSync(path));
    }
  };
  walk(folder);
  return out;
}

const isSyncthingTemp = (name: string) => /(^|\/)\.syncthing\..*\.tmp$/.test(name) || /(^|\/)~syncthing~.*\.tmp$/.test(name);

/**
 * Until both copies of the folder hold the same files with the same bytes,
 * Syncthing has nothing left to pull on either side, and no temp file is
 * left. Asks both instances to rescan first, so a new bundle is seen at once.
 */
async function carried(): Promise<void> {
  for (const o of offices) await rest(o.st, `/rest/db/scan?folder=${FOLDER_ID}`, 'POST');
  await until('both copies of the sync folder hold the same files', async () => {
    const [a, b] = offices.map((o) => filesIn(o.st.folder)) as [Map<string, Buffer>, Map<string, Buffer>];
    if (a.size !== b.size) return undefined;
    for (const [name, bytes] of a) {
      if (isSyncthingTemp(name)) return undefined;
      const other = b.get(name);
      if (!other || !other.equals(bytes)) return undefined;
    }
    for (const o of offices) {
      const status = await rest<{ state: string; needTotalItems: number }>(o.st, `/rest/db/status?folder=${FOLDER_ID}`);
      if (status.state !== 'idle' || status.needTotalItems !== 0) return undefined;
      const other = offices.find((x) => x !== o)!;
      const completion = await rest<{ completion: number; needItems: number; needDeletes: number }>(o.st, `/rest/db/completion?folder=${FOLDER_ID}&device=${other.st.deviceId}`);
      if (completion.completion !== 100 || completion.needItems !== 0 || completion.needDeletes !== 0) return undefined;
    }
    return true;
  });
}

/** One pass of the real command over this office's copy of the folder. */
async function pass(office: Office): Promise<FolderPassView> {
  const run = await homeward(['sync', 'folder', office.st.folder, '--db', office.db, '--json']);
  return valueOf<FolderPassView>(run);
}

/** Passes at both offices, Syncthing carrying what they write, until a round where neither office has anything to import or write. */
async function converge(): Promise<{ rounds: number; imported: number; written: number }> {
  let imported = 0;
  let written = 0;
  for (let round = 1; round <= 8; round++) {
    const views = await Promise.all(offices.map(pass));
    for (const v of views) expect(v.problems).toEqual([]);
    const moved = views.reduce((n, v) => n + v.imported.length + v.written.length, 0);
    imported += views.reduce((n, v) => n + v.imported.length, 0);
    written += views.reduce((n, v) => n + v.written.length, 0);
    await carried();
    if (moved === 0) return { rounds: round, imported, written };
  }
  throw new Error('the offices kept sending each other bundles after 8 rounds');
}

function open(office: Office): OfficeStore {
  return OfficeStore.open(office.db, { passphrase: CLI_PASSPHRASE });
}

function withStore<T>(office: Office, fn: (store: OfficeStore) => T): T {
  const store = open(office);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** Synthetic people from the demo generator, in many scripts. */
const generated = [...iteratePeople({ count: 24, seed: 6006 })].map((g) => g.input as Record<string, unknown>);

/** Every name and document number an office holds, as stored; only those long enough not to turn up by chance in ciphertext. */
function personalStrings(store: OfficeStore): Set<string> {
  const out = new Set<string>();
  const people = store.db.prepare('SELECT family_name, given_names, native_name FROM person').all() as { family_name: string | null; given_names: string | null; native_name: string | null }[];
  for (const p of people) {
    const [family, given] = [p.family_name ?? '', p.given_names ?? ''];
    for (const s of [`${given} ${family}`.trim(), `${family} ${given}`.trim(), given, family, p.native_name ?? '']) if (Buffer.byteLength(s) >= 8) out.add(s);
  }
  for (const d of store.db.prepare('SELECT number FROM identity_document WHERE number IS NOT NULL').all() as { number: string }[]) if (d.number.length >= 8) out.add(d.number);
  return out;
}

const offices: Office[] = [];
let started = false;

beforeAll(async () => {
  if (!syncthingAvailable()) throw new Error('syncthing --version failed');
  const [guiA, syncA, guiB, syncB] = (await freePorts(4)) as [number, number, number, number];
  const a = newInstance('mso', guiA, syncA);
  const b = newInstance('myw', guiB, syncB);
  writeConfig(a, b);
  writeConfig(b, a);
  offices.push({ code: 'MSO', name: 'Mae Sot coordination office', db: join(root, 'mso', 'office.homeward'), st: a });
  offices.push({ code: 'MYW', name: 'Myawaddy liaison office', db: join(root, 'myw', 'office.homeward'), st: b });

  // Syncthing starts while the offices are set up with the real command: init, key card, peer from the other's card.
  start(a);
  start(b);
  started = true;
  const cards = new Map<string, KeyCardView>();
  await Promise.all(
    offices.map(async (o) => {
      mkdirSync(join(root, o.code.toLowerCase()), { recursive: true });
      valueOf(await homeward(['init', '--db', o.db, '--office', o.code, '--office-name', o.name, '--json']));
      cards.set(o.code, valueOf<KeyCardView>(await homeward(['keys', 'show', '--db', o.db, '--card', join(root, `${o.code}.card`), '--json'])));
    }),
  );
  // Each office adds the other from its card file, confirming the fingerprints it was told.
  await Promise.all(
    offices.map(async (o) => {
      const other = offices.find((x) => x !== o)!;
      const card = cards.get(other.code)!;
      const peer = valueOf<PeerView>(
        await homeward(['peer', 'add', '--db', o.db, '--card', join(root, `${other.code}.card`), '--age-fingerprint', card.ageFingerprint, '--signing-fingerprint', card.signingFingerprint, '--json']),
      );
      expect(peer).toMatchObject({ office: other.code, trusted: true });
    }),
  );

  // Both instances up, and connected to each other over loopback.
  for (const o of offices) {
    await until(`syncthing ${o.st.name} answers on 127.0.0.1:${o.st.guiPort}`, async () => ((await rest<{ ping: string }>(o.st, '/rest/system/ping')).ping === 'pong' ? true : undefined));
  }
  for (const o of offices) {
    const other = offices.find((x) => x !== o)!;
    await until(`syncthing ${o.st.name} is connected to ${other.st.name}`, async () => {
      const c = await rest<{ connections: Record<string, { connected: boolean; address: string }> }>(o.st, '/rest/system/connections');
      return c.connections[other.st.deviceId]?.connected ? true : undefined;
    });
  }
}, 180_000);

afterAll(async () => {
  if (started) await Promise.all(offices.map((o) => stop(o.st)));
  rmSync(root, { recursive: true, force: true });
});

describe('two offices sync through a folder two Syncthing instances keep in step', () => {
  it('runs Syncthing on loopback only, with discovery, relays, NAT, reporting and upgrades off', async () => {
    for (const o of offices) {
      const config = await rest<{
        options: Record<string, unknown>;
        gui: { address: string };
        devices: { deviceID: string; addresses: string[] }[];
        folders: { id: string; path: string; devices: { deviceID: string }[] }[];
      }>(o.st, '/rest/config');
      expect(config.gui.address).toBe(`127.0.0.1:${o.st.guiPort}`);
      expect(config.options).toMatchObject({
        listenAddresses: [`tcp://127.0.0.1:${o.st.syncPort}`],
        globalAnnounceEnabled: false,
        localAnnounceEnabled: false,
        relaysEnabled: false,
        natEnabled: false,
        urAccepted: -1,
        crashReportingEnabled: false,
        autoUpgradeIntervalH: 0,
      });
      const other = offices.find((x) => x !== o)!;
      expect(config.devices.find((d) => d.deviceID === other.st.deviceId)?.addresses).toEqual([`tcp://127.0.0.1:${other.st.syncPort}`]);
      const folder = config.folders.find((f) => f.id === FOLDER_ID)!;
      expect(folder.path).toBe(o.st.folder);
      expect(folder.devices.map((d) => d.deviceID).sort()).toEqual([o.st.deviceId, other.st.deviceId].sort());
      const connections = await rest<{ connections: Record<string, { connected: boolean; address: string }> }>(o.st, '/rest/system/connections');
      expect(connections.connections[other.st.deviceId]).toMatchObject({ connected: true });
      expect(connections.connections[other.st.deviceId]!.address).toMatch(/^127\.0\.0\.1:\d+$/);
    }
  });

  it('registrations and edits at both offices converge through the folder, with only the real sync command run over each copy', async () => {
    // People registered at each office: some with the real command, the rest through the service.
    const [mso, myw] = offices as [Office, Office];
    const atMso = generated.slice(0, 12);
    const atMyw = generated.slice(12, 22);
    await Promise.all(
      ([
        [mso, atMso[0]!],
        [myw, atMyw[0]!],
      ] as const).map(async ([o, input]) => {
        valueOf(await homeward(['person', 'add', '--db', o.db, '--file', '-', '--json'], { input: JSON.stringify(input) }));
      }),
    );
    for (const [o, inputs] of [
      [mso, atMso.slice(1)],
      [myw, atMyw.slice(1)],
    ] as const) {
      withStore(o, (store) => {
        for (const input of inputs) addPerson(store, ACTOR, input);
      });
    }

    const first = await converge();
    expect(first.imported).toBeGreaterThanOrEqual(2);
    const [dumpMso, dumpMyw] = offices.map((o) => withStore(o, dump));
    expect(dumpMyw).toEqual(dumpMso);
    const people = withStore(mso, (s) => s.db.prepare('SELECT office, count(*) AS n FROM person GROUP BY office ORDER BY office').all());
    expect(people).toEqual([
      { office: 'MSO', n: 12 },
      { office: 'MYW', n: 10 },
    ]);

    // Then both offices edit: each its own people and the other's, and both the same person's phone at once.
    const ids = withStore(mso, (s) => s.db.prepare('SELECT id, case_number, office FROM person ORDER BY case_number').all() as { id: string; case_number: string; office: string }[]);
    const msoPeople = ids.filter((p) => p.office === 'MSO');
    const mywPeople = ids.filter((p) => p.office === 'MYW');
    withStore(mso, (store) => {
      updatePerson(store, ACTOR, msoPeople[0]!.id, { phone: '+66 81 000 0001' }, 'called the family');
      updatePerson(store, ACTOR, mywPeople[0]!.id, { rescueSite: 'Shwe Kokko' }, 'site confirmed by MSO');
      updatePerson(store, ACTOR, msoPeople[1]!.id, { phone: '+66 81 000 0002' }, 'concurrent edit at MSO');
      addPerson(store, ACTOR, generated[22]!);
    });
    withStore(myw, (store) => {
      updatePerson(store, ACTOR, mywPeople[1]!.id, { phone: '+95 9 000 0003' }, 'called the family');
      updatePerson(store, ACTOR, msoPeople[2]!.id, { rescueSite: 'KK Park' }, 'site confirmed by MYW');
      updatePerson(store, ACTOR, msoPeople[1]!.id, { phone: '+95 9 000 0004' }, 'concurrent edit at MYW');
      addPerson(store, ACTOR, generated[23]!);
    });

    const second = await converge();
    expect(second.imported).toBeGreaterThanOrEqual(2);
    const [againMso, againMyw] = offices.map((o) => withStore(o, dump));
    expect(againMyw).toEqual(againMso);
    expect(againMso).not.toEqual(dumpMso);
    const row = (o: Office, id: string) => withStore(o, (s) => s.db.prepare('SELECT phone, rescue_site FROM person WHERE id = ?').get(id) as { phone: string | null; rescue_site: string | null });
    for (const o of offices) {
      expect(row(o, msoPeople[0]!.id).phone).toBe('+66 81 000 0001');
      expect(row(o, mywPeople[0]!.id).rescue_site).toBe('Shwe Kokko');
      expect(row(o, mywPeople[1]!.id).phone).toBe('+95 9 000 0003');
      expect(row(o, msoPeople[2]!.id).rescue_site).toBe('KK Park');
      // The concurrent edit: one value wins at both offices, and the other is recorded, not lost.
      expect(['+66 81 000 0002', '+95 9 000 0004']).toContain(row(o, msoPeople[1]!.id).phone);
      const lost = withStore(o, (s) => s.db.prepare(`SELECT loser_value FROM sync_conflict WHERE row_id = ? AND field = 'phone'`).all(msoPeople[1]!.id) as { loser_value: string }[]);
      expect(lost.map((l) => JSON.parse(l.loser_value) as string)).toContain(row(o, msoPeople[1]!.id).phone === '+66 81 000 0002' ? '+95 9 000 0004' : '+66 81 000 0002');
    }
    expect(row(mso, msoPeople[1]!.id)).toEqual(row(myw, msoPeople[1]!.id));
    expect(withStore(mso, (s) => s.db.prepare('SELECT count(*) AS n FROM person').get())).toEqual({ n: 24 });
  }, 300_000);

  it('a pass leaves Syncthing temp files and partial copies alone, and imports the bundle once it is whole', async () => {
    const [mso, myw] = offices as [Office, Office];
    withStore(myw, (store) => updatePerson(store, ACTOR, (store.db.prepare(`SELECT id FROM person WHERE office = 'MYW' ORDER BY case_number LIMIT 1`).get() as { id: string }).id, { phone: '+95 9 000 0005' }));
    const out = await pass(myw);
    expect(out.written.map((w) => w.to)).toEqual([['MSO']]);
    const bundleName = out.written[0]!.fileName;
    await carried();
    const bytes = readFileSync(join(mso.st.folder, bundleName));
    expect(bytes.equals(readFileSync(join(myw.st.folder, bundleName)))).toBe(true);
    const before = withStore(mso, dump);

    // Copies of it cut short: as Syncthing's own temp file, as Homeward's partial file, and under a bundle name (a USB copy mid-way).
    const syncthingTemp = `.syncthing.${bundleName}.tmp`;
    const homewardPartial = `.${bundleName}.partial`;
    const cutShort = `MYW-to-MSO-${randomUUID()}.hwsync`;
    expect(parseBundleName(cutShort)).not.toBeNull();
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    const decoys = [syncthingTemp, homewardPartial, cutShort];
    for (const name of decoys) writeFileSync(join(mso.st.folder, name), half);

    const view = await pass(mso);
    expect(view.problems).toEqual([]);
    const mentioned = [...view.imported.map((i) => i.fileName), ...view.skipped.map((s) => s.file)];
    expect(mentioned).not.toContain(syncthingTemp);
    expect(mentioned).not.toContain(homewardPartial);
    expect(view.skipped).toContainEqual({ file: cutShort, reason: expect.stringMatching(/incomplete/) });
    // The whole bundle beside them was imported as usual.
    expect(view.imported.map((i) => [i.fileName, i.status, i.from])).toEqual([[bundleName, 'applied', 'MYW']]);
    expect(withStore(mso, dump)).not.toEqual(before);
    const applied = withStore(mso, dump);

    // The copy under the other name completes: it is the same bundle, so nothing changes.
    writeFileSync(join(mso.st.folder, cutShort), bytes);
    const again = await pass(mso);
    expect(again.problems).toEqual([]);
    expect(again.imported.map((i) => [i.fileName, i.status])).toEqual([[cutShort, 'already-imported']]);
    expect(withStore(mso, dump)).toEqual(applied);

    for (const name of decoys) unlinkSync(join(mso.st.folder, name));
    await carried();
    const [dumpMso, dumpMyw] = offices.map((o) => withStore(o, dump));
    expect(dumpMyw).toEqual(dumpMso);
  }, 300_000);

  it('puts only encrypted bundles in the folder: no name or document number in any file on either side', async () => {
    const secrets = withStore(offices[0]!, personalStrings);
    expect(secrets.size).toBeGreaterThanOrEqual(40);
    for (const o of offices) {
      const files = filesIn(o.st.folder);
      expect(files.size).toBeGreaterThan(0);
      for (const [name, bytes] of files) {
        const top = name.split('/')[0]!;
        if (top === '.stfolder' || top === '.stversions') continue;
        expect(name).not.toContain('/');
        expect(parseBundleName(name), `${name} in ${o.st.name}'s copy is not a bundle`).not.toBeNull();
        expect(bytes.subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');
        for (const secret of secrets) expect(bytes.includes(Buffer.from(secret, 'utf8')), `"${secret}" in ${name}`).toBe(false);
      }
      for (const entry of readdirSync(o.st.folder)) {
        if (entry === '.stfolder' || entry === '.stversions') expect(statSync(join(o.st.folder, entry)).isDirectory()).toBe(true);
        else expect(entry).toMatch(/\.hwsync$/);
      }
    }
  });
});
