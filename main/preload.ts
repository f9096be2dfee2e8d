import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, type HomewardBridge } from '../src/api/bridge';
import { CALL_NAMES, type CallName } from '../src/api/contract';

/**
 * The window's only way to the engine: `window.homeward`, one async function
 * per call of the contract. ipcRenderer itself is never handed over, so page
 * code cannot pick another channel or listen to anything.
 */
export function buildBridge(invoke: (channel: string, name: CallName, input: unknown) => Promise<unknown>): HomewardBridge {
  const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of CALL_NAMES) {
    // Only the input crosses; the page never sees the IPC event or the channel.
    bridge[name] = (input: unknown) => invoke(IPC_CHANNEL, name, input);
  }
  return Object.freeze(bridge) as unknown as HomewardBridge;
}

contextBridge.exposeInMainWorld(
  'homeward',
  buildBridge((channel, name, input) => ipcRenderer.invoke(channel, name, input)),
);
