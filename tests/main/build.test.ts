import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleElectron, requiredModules, ROOT, type ElectronBundles } from '../../main/build';
import { startEngine } from '../../src/api/engine';
import { CALL_NAMES } from '../../src/api/contract';
import { tempDir } from '../helpers';

// The bundles go inside the project so the worker finds node_modules (the
// native SQLite module) the way the packaged app does.
const BASE = join(ROOT, 'dist', `.test-electron-${process.pid}`);
const OUT = join(BASE, 'electron');
let bundles: ElectronBundles;

beforeAll(async () => {
  bundles = await bundleElectron(OUT);
}, 120_000);

afterAll(() => rmSync(BASE, { recursive: true, force: true }));

const nodeBuiltin = (name: string) => name.startsWith('node:');

describe('the Electron bundles', () => {
  it('main loads only Electron and Node built-ins; it never opens the database itself', () => {
    const required = requiredModules(readFileSync(bundles.main, 'utf8'));
    expect(required.filter((name) => !nodeBuiltin(name))).toEqual(['electron']);
  });

  it('the engine worker loads only the native SQLite module and Node built-ins', () => {
    const required = requiredModules(readFileSync(bundles.engineWorker, 'utf8'));
    expect([...new Set(required.filter((name) => !nodeBuiltin(name)))]).toEqual(['better-sqlite3-multiple-ciphers']);
  });

  it('main uses its own worker bundle, not the source worker that needs tsx', () => {
    const code = readFileSync(bundles.main, 'utf8');
    expect(code).toContain('engine-worker.cjs');
    expect(code).not.toMatch(/import\.meta/);
  });

  it('the preload runs in a sandbox that offers only electron, and exposes the contract’s calls', () => {
    const code = readFileSync(bundles.preload, 'utf8');
    expect(code).not.toMatch(/__filename|__dirname|import\.meta|zod/);
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: { invoke: (...args: unknown[]) => invoked.push(args) },
    };
    const sandboxRequire = (name: string) => {
      if (name !== 'electron') throw new Error(`module not found: ${name}`);
      return electron;
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports);
    const bridge = exposed.homeward as Record<string, (input: unknown) => unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...CALL_NAMES].sort());
    bridge['person.get']!({ ref: 'MSO-2026-000001' });
    expect(invoked).toEqual([['homeward:call', 'person.get', { ref: 'MSO-2026-000001' }]]);
  });

  it('the bundled engine worker answers calls (run by Node, as Electron runs it)', async () => {
    const engine = startEngine({ actor: 'smoke@desktop', databasePath: join(tempDir(), 'office.homeward') }, pathToFileURL(bundles.engineWorker));
    try {
      expect(await engine.call('office.status', {})).toMatchObject({ ok: true, value: { exists: false, office: null } });
    } finally {
      await engine.close();
    }
  });

  it('the bundled main process starts, relays a call to the bundled worker, refuses a subframe, and quits cleanly', () => {
    const userData = join(tempDir(), 'Homeward');
    mkdirSync(userData);
    const run = spawnSync(process.execPath, ['--require', join(ROOT, 'tests/main/fixtures/fake-electron.cjs'), bundles.main], {
      env: { ...process.env, HOMEWARD_SMOKE_USERDATA: userData },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const events = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('SMOKE '))
      .map((line) => JSON.parse(line.slice(6)) as { what: string; data?: unknown });
    const find = (what: string) => events.find((e) => e.what === what)?.data;
    expect(events.map((e) => e.what)).toEqual(
      expect.arrayContaining(['enableSandbox', 'registerSchemesAsPrivileged', 'protocol.handle', 'ipcMain.handle', 'window', 'loadURL', 'ipc', 'quit']),
    );
    expect(find('ipc')).toMatchObject({ ok: true, value: { exists: false, path: join(userData, 'office.homeward'), osKeystore: 'unavailable' } });
    expect(find('ipc-subframe')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(find('loadURL')).toBe('app://homeward/index.html');
    expect(find('window')).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, preload: join(OUT, 'preload.cjs') } });
    // The renderer is not built into this test folder: the page says how to build it, under the CSP.
    expect(find('renderer')).toMatchObject({ status: 404, csp: expect.stringContaining("script-src 'self'") });
  });

  it('no bundle needs tsx or the source worker at run time, and main parses as a script', () => {
    for (const file of Object.values(bundles)) expect(readFileSync(file, 'utf8')).not.toMatch(/require\("tsx|engine-worker-source\.mjs"\)/);
    expect(execFileSync(process.execPath, ['--check', bundles.main])).toBeDefined();
  });
});
