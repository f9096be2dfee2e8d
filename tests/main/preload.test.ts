import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../src/api/bridge';
import { CALL_NAMES } from '../../src/api/contract';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'answer' })),
  on: vi.fn(),
  send: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, send: electron.send },
}));

await import('../../main/preload');

function exposed(): Record<string, unknown> {
  expect(electron.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, bridge] = electron.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
  expect(key).toBe('homeward');
  return bridge;
}

describe('what the preload gives the window', () => {
  it('exactly one function per call of the contract, and nothing else', () => {
    const bridge = exposed();
    expect(Object.keys(bridge).sort()).toEqual([...CALL_NAMES].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('never hands over ipcRenderer or a way to pick another channel', () => {
    const bridge = exposed();
    for (const name of ['ipcRenderer', 'invoke', 'send', 'on', 'sendSync', 'channel']) expect(bridge).not.toHaveProperty(name);
    for (const value of Object.values(bridge)) {
      expect(value).not.toBe(electron.invoke);
      expect(value).not.toBe(electron.send);
    }
  });

  it('each function invokes the one channel with its call name and input, and returns the Result', async () => {
    const bridge = exposed() as Record<string, (input: unknown) => Promise<unknown>>;
    for (const name of CALL_NAMES) {
      electron.invoke.mockClear();
      const input = { probe: name };
      await expect(bridge[name]!(input)).resolves.toEqual({ ok: true, value: 'answer' });
      expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(IPC_CHANNEL, name, input);
    }
    expect(electron.send).not.toHaveBeenCalled();
    expect(electron.on).not.toHaveBeenCalled();
  });
});
