import type { CallInput, CallName, CallOutput, Result } from './contract';

/**
 * What the renderer sees as `window.homeward`: one async function per call of
 * the contract, and nothing else. The Electron preload builds it over IPC; in
 * a plain browser the renderer builds the same shape over HTTP to the
 * loopback host.
 */
export type HomewardBridge = { readonly [K in CallName]: (input: CallInput<K>) => Promise<Result<CallOutput<K>>> };

/** The IPC channel every call travels on (Electron). */
export const IPC_CHANNEL = 'homeward:call';
