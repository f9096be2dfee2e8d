import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PASSPHRASE, TEST_LOGN } from '../helpers';
import { fixtureRenderer, INDEX_HTML } from './web-host';

/** `npm run web` as a coordinator starts it: the real entry point in a child process. */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'src', 'web', 'main.ts');

interface Launch {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function launch(args: string[], env: Record<string, string> = {}): Launch {
  const clean: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('HOMEWARD_')) clean[k] = v;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  // 'close', not 'exit': the output is complete only once the pipes have closed.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function printedAddress(l: Launch): Promise<RegExpExecArray> {
  const pattern = /^Homeward is running at (http:\/\/127\.0\.0\.1:(\d+)\/)#token=([A-Za-z0-9_-]{43})$/m;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const match = pattern.exec(l.stdout());
    // The address block is complete when its last line has arrived.
    if (match && l.stdout().includes('Press Ctrl+C to stop.')) return match;
    if (l.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no address printed.\nstdout: ${l.stdout()}\nstderr: ${l.stderr()}`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('npm run web', () => {
  it('prints the address with this launch’s token and where the database is, serves, and stops cleanly on SIGTERM', async () => {
    const fixture = fixtureRenderer();
    const l = launch(['--renderer', fixture.rendererDir, '--db', fixture.databasePath]);
    const [, url, , token] = await printedAddress(l);
    expect(l.stdout()).toMatch(/only on this computer/);
    expect(l.stdout()).toContain(`Office database: ${fixture.databasePath}`);

    expect(await (await fetch(url!)).text()).toBe(INDEX_HTML);
    const call = (name: string, input: unknown) =>
      fetch(`${url}api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) }).then(
        (r) => r.json() as Promise<{ ok: boolean; value?: Record<string, unknown> }>,
      );
    // The real command takes no lowered key-derivation cost: this creation runs scrypt at full cost.
    expect(await call('office.create', { passphrase: PASSPHRASE, officeCode: 'MSO', officeName: 'Mae Sot office', kdfLogN: TEST_LOGN })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('office.create', { passphrase: PASSPHRASE, officeCode: 'MSO', officeName: 'Mae Sot office' })).toMatchObject({ ok: true });
    expect(existsSync(fixture.databasePath)).toBe(true);
    expect(await call('person.add', { nativeName: 'အောင်ကျော်မိုး' })).toMatchObject({ ok: true });

    l.child.kill('SIGTERM');
    expect(await l.exited).toBe(0);
    expect(l.stderr()).toMatch(/stopped/);
    // The log has one line per request and none of what was sent.
    expect(l.stderr()).toMatch(/POST \/api\/person\.add 200/);
    expect(l.stderr()).not.toContain('အောင်');
    expect(l.stderr()).not.toContain(PASSPHRASE);
    expect(l.stderr() + l.stdout().replace(`#token=${token}`, '')).not.toContain(token);
  });

  it('listens on the port from HOMEWARD_PORT and stops on SIGINT', async () => {
    const fixture = fixtureRenderer();
    const port = await freePort();
    const l = launch(['--renderer', fixture.rendererDir], { HOMEWARD_PORT: String(port), HOMEWARD_DB: fixture.databasePath });
    const [, url] = await printedAddress(l);
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    expect(l.stdout()).toContain(fixture.databasePath);
    l.child.kill('SIGINT');
    expect(await l.exited).toBe(0);
  });

  it('explains bad options and a missing database folder instead of starting', async () => {
    const fixture = fixtureRenderer();
    const bad = launch(['--port', 'eighty']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toMatch(/--port must be a port number/);
    expect(bad.stdout()).toBe('');

    const nowhere = launch(['--renderer', fixture.rendererDir, '--db', join(fixture.dir, 'no', 'such', 'office.homeward')]);
    expect(await nowhere.exited).toBe(1);
    expect(nowhere.stderr()).toMatch(/does not exist/);

    const noScreens = launch(['--renderer', join(fixture.dir, 'empty'), '--db', fixture.databasePath]);
    expect(await noScreens.exited).toBe(1);
    expect(noScreens.stderr()).toMatch(/no built screens|no built renderer/i);
  });
});
