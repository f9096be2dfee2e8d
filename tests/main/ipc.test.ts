import { join } from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../src/api/bridge';
import { startEngine, type Engine } from '../../src/api/engine';
import type { Result } from '../../src/api/contract';
import { callRefusal, ipcCallHandler, senderRefusal, serveIpc, type EngineCaller } from '../../main/ipc';
import { PASSPHRASE, tempDir } from '../helpers';

vi.mock('electron', () => {
  throw new Error('main/ipc.ts must not load electron at run time');
});

interface FakeFrame {
  url: string;
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
}

let nextId = 1;

/** Our window: its main frame shows app://homeward. */
function homewardWindow(url = 'app://homeward/index.html#/people') {
  const mainFrame: FakeFrame = { url, processId: 4, routingId: 1, parent: null };
  const contents = { id: nextId++, isDestroyed: () => false, mainFrame } as unknown as WebContents;
  return { contents, mainFrame };
}

function eventFrom(sender: WebContents, frame: FakeFrame | null): IpcMainInvokeEvent {
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

function fakeEngine(answer: Result<unknown> = { ok: true, value: { exists: false } }) {
  const call = vi.fn(async (_name: string, _input: unknown) => answer);
  return { engine: { call } satisfies EngineCaller, call };
}

describe('who may call the engine', () => {
  it('the main frame of the Homeward window, showing app://homeward, may', () => {
    const { contents, mainFrame } = homewardWindow();
    expect(senderRefusal(eventFrom(contents, mainFrame), contents)).toBeNull();
  });

  it('a subframe of the window may not, even one showing app://homeward', async () => {
    const { contents, mainFrame } = homewardWindow();
    const subframe: FakeFrame = { url: 'app://homeward/index.html', processId: 4, routingId: 7, parent: mainFrame };
    const { engine, call } = fakeEngine();
    const result = await ipcCallHandler(engine, () => contents)(eventFrom(contents, subframe), 'office.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(call).not.toHaveBeenCalled();
  });

  it.each(['file:///home/coordinator/evil.html', 'https://evil.example/', 'http://127.0.0.1:5173/', 'app://evil/index.html', 'about:blank', 'devtools://devtools/'])(
    'a main frame that navigated to %s may not',
    async (url) => {
      const { contents, mainFrame } = homewardWindow(url);
      const { engine, call } = fakeEngine();
      const result = await ipcCallHandler(engine, () => contents)(eventFrom(contents, mainFrame), 'person.list', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(call).not.toHaveBeenCalled();
    },
  );

  it('another WebContents, a vanished frame or a closed window may not', async () => {
    const { contents, mainFrame } = homewardWindow();
    const other = homewardWindow();
    const { engine, call } = fakeEngine();
    const handler = ipcCallHandler(engine, () => contents);
    expect(await handler(eventFrom(other.contents, other.mainFrame), 'office.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await handler(eventFrom(contents, null), 'office.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ipcCallHandler(engine, () => null)(eventFrom(contents, mainFrame), 'office.status', {})).toMatchObject({ ok: false });
    const destroyed = { ...contents, isDestroyed: () => true } as unknown as WebContents;
    expect(senderRefusal(eventFrom(destroyed, mainFrame), destroyed)).toMatch(/closed/);
    expect(call).not.toHaveBeenCalled();
  });
});

describe('what may be called', () => {
  it.each(['office.delete', '__close', '__databaseKey', '__unlockWithKey', '__setOsKeystoreSlot', 'constructor', 'toString', '__proto__', '', 42, null, { name: 'office.status' }])('an unknown call name (%j) is refused', async (name) => {
    const { contents, mainFrame } = homewardWindow();
    const { engine, call } = fakeEngine();
    const result = await ipcCallHandler(engine, () => contents)(eventFrom(contents, mainFrame), name, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(call).not.toHaveBeenCalled();
  });

  it.each([
    ['person.get', {}],
    ['person.get', { ref: '' }],
    ['person.get', { ref: 'MSO-2026-000001', extra: true }],
    ['person.list', { limit: 1e9 }],
    ['person.list', 'garbage'],
    ['demo.generate', { people: -1, seed: 1 }],
    ['attachment.add', { ref: 'x', kind: 'malware', data: 'AAAA' }],
  ])('invalid input for %s is refused before it reaches the engine', async (name, input) => {
    const { contents, mainFrame } = homewardWindow();
    const { engine, call } = fakeEngine();
    const result = await ipcCallHandler(engine, () => contents)(eventFrom(contents, mainFrame), name, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(call).not.toHaveBeenCalled();
  });

  it('the window cannot choose where the database lives or weaken its key derivation', () => {
    expect(callRefusal('office.unlock', { path: '/tmp/other.homeward', unlock: { passphrase: PASSPHRASE } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/path/) },
    });
    expect(callRefusal('office.create', { passphrase: PASSPHRASE, officeCode: 'MSO', officeName: 'Mae Sot', kdfLogN: 12 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/kdfLogN/) },
    });
    expect(callRefusal('office.create', { passphrase: PASSPHRASE, officeCode: 'MSO', officeName: 'Mae Sot' })).toBeNull();
  });
});

describe('a valid call', () => {
  it('reaches the engine with its input as sent, and its Result comes back as plain data', async () => {
    const { contents, mainFrame } = homewardWindow();
    const { engine, call } = fakeEngine({ ok: true, value: { people: [], total: 0 } });
    const input = { search: ' Aung ', limit: 50 };
    const result = await ipcCallHandler(engine, () => contents)(eventFrom(contents, mainFrame), 'person.list', input);
    expect(call).toHaveBeenCalledWith('person.list', input);
    expect(result).toEqual({ ok: true, value: { people: [], total: 0 } });
    expect(structuredClone(result)).toEqual(result);
  });

  it('passes the engine refusal through unchanged', async () => {
    const { contents, mainFrame } = homewardWindow();
    const refusal = { ok: false as const, error: { code: 'LOCKED' as const, message: 'No office database is open. Unlock one first.' } };
    const { engine } = fakeEngine(refusal);
    expect(await ipcCallHandler(engine, () => contents)(eventFrom(contents, mainFrame), 'person.list', {})).toEqual(refusal);
  });

  it('a call without input is judged and sent as {}', async () => {
    const { contents, mainFrame } = homewardWindow();
    const { engine, call } = fakeEngine();
    await ipcCallHandler(engine, () => contents)(eventFrom(contents, mainFrame), 'office.status', undefined);
    expect(call).toHaveBeenCalledWith('office.status', {});
  });

  it('an engine that throws becomes an INTERNAL Result, never a rejected promise', async () => {
    const { contents, mainFrame } = homewardWindow();
    const engine = { call: vi.fn(async () => Promise.reject(new Error('worker died while reading Aung Kyaw Moe'))) };
    const result = await ipcCallHandler(engine, () => contents)(eventFrom(contents, mainFrame), 'office.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('Aung');
  });

  it('is served on the one IPC channel, which can be removed again', () => {
    const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
    const remove = serveIpc(ipcMain, fakeEngine().engine, () => null);
    expect(IPC_CHANNEL).toBe('homeward:call');
    expect(ipcMain.handle).toHaveBeenCalledWith(IPC_CHANNEL, expect.any(Function));
    remove();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CHANNEL);
  });
});

describe('through the real engine worker', () => {
  let engine: Engine | null = null;
  afterEach(async () => {
    await engine?.close();
    engine = null;
  });

  it('a coordinator creates the office and registers a person through the IPC door', async () => {
    engine = startEngine({ actor: 'coordinator@desktop', databasePath: join(tempDir(), 'office.homeward') });
    const { contents, mainFrame } = homewardWindow();
    const handler = ipcCallHandler(engine, () => contents);
    const ask = (name: string, input: unknown) => handler(eventFrom(contents, mainFrame), name, input);

    expect(await ask('office.status', {})).toMatchObject({ ok: true, value: { exists: false } });
    const created = await ask('office.create', { passphrase: PASSPHRASE, officeCode: 'mso', officeName: 'Mae Sot coordination office' });
    expect(created).toMatchObject({ ok: true, value: { code: 'MSO', recoveryKey: expect.any(String) } });
    const added = await ask('person.add', { nativeName: 'အောင်ကျော်မိုး' });
    expect(added).toMatchObject({ ok: true, value: { nativeName: 'အောင်ကျော်မိုး' } });
    const subframe = { ...mainFrame, routingId: 9, parent: mainFrame };
    expect(await handler(eventFrom(contents, subframe), 'person.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
