import { Worker } from 'node:worker_threads';
import type { KeyringSlot } from '../crypto/keyring';
import type { PrintJob } from '../services/print/chromium';
import { HomewardError, refusal, type ErrorBody } from '../domain/errors';
import type { CallName, CallOutput, OfficeInfo, Result } from './contract';

export interface EngineOptions {
  actor: string;
  databasePath?: string | undefined;
}

/**
 * Messages between a host and its engine worker. `internal` marks the
 * engine-internal messages (below): only `Engine.internal` sets it, and the
 * worker answers a message without it through the contract's dispatcher
 * alone, so an internal name can never arrive as a contract call.
 */
export interface EngineRequest {
  id: number;
  name: string;
  input: unknown;
  internal?: true;
}

export interface EngineResponse {
  id: number;
  result: Result<unknown>;
}

/** The engine asking its host for something only the host has: printing with Chromium. */
export interface HostRequest {
  hostRequest: number;
  kind: 'print';
  job: PrintJob;
}

export type HostResponse = { hostResponse: number } & ({ ok: true; pdf: Uint8Array } | { ok: false; error: ErrorBody });

/** What a host lends its engine. */
export interface HostServices {
  /** HTML to PDF: Electron's printToPDF (main/print.ts) or a Chromium the host starts (src/services/print/lazy-printer.ts) */
  printPdf?: (job: PrintJob) => Promise<Buffer>;
}

const noPrinter = (): Promise<Buffer> =>
  Promise.reject(new HomewardError('INTERNAL', 'This way of running Homeward has no PDF printer. Use the desktop app, or the browser host with Chromium installed.'));

/**
 * The engine-internal messages: never part of the contract, so no renderer
 * or browser page can send them. Only the desktop host uses them, to wrap the
 * database key with the OS key store (main/keystore-calls.ts) while every
 * keyring write stays in the engine's one thread.
 */
export interface InternalCalls {
  /** Closes the open office (quit). */
  __close: { input: null; output: null };
  /** The open office's database path and raw key (base64); LOCKED if none is open. */
  __databaseKey: { input: Record<string, never>; output: { path: string; dbKey: string } };
  /** Opens the host's database (its databasePath) with the raw key (base64); answers as office.unlock does. */
  __unlockWithKey: { input: { dbKey: string }; output: OfficeInfo };
  /**
   * Replaces (slot) or removes (null) the os-keystore slot of the open
   * office's keyring, with an audit event; the other slots stay as they are.
   */
  __setOsKeystoreSlot: { input: { slot: KeyringSlot | null }; output: { enabled: boolean; changed: boolean } };
}
export type InternalName = keyof InternalCalls;
export type InternalInput<K extends InternalName> = InternalCalls[K]['input'];
export type InternalOutput<K extends InternalName> = InternalCalls[K]['output'];

export const INTERNAL_NAMES: readonly InternalName[] = ['__close', '__databaseKey', '__unlockWithKey', '__setOsKeystoreSlot'];

/** The API as hosts use it: every call is answered with a Result, never a throw. */
export interface Engine {
  /** A contract call, judged by the dispatcher (an internal name is an UNKNOWN_CALL here). */
  call<K extends CallName>(name: K, input: unknown): Promise<Result<CallOutput<K>>>;
  call(name: string, input: unknown): Promise<Result<unknown>>;
  /** An engine-internal message; for the desktop host only, never forwarded from a renderer. */
  internal<K extends InternalName>(name: K, input: InternalInput<K>): Promise<Result<InternalOutput<K>>>;
  close(): Promise<void>;
}

/**
 * Starts the engine in a worker thread. `workerUrl` points at the worker
 * module: by default the source (loaded through tsx), in the packaged app the
 * bundled engine.
 */
export function startEngine(options: EngineOptions, workerUrl: URL = new URL('./engine-worker-source.mjs', import.meta.url), host: HostServices = {}): Engine {
  const worker = new Worker(workerUrl, { workerData: options });
  const printPdf = host.printPdf ?? noPrinter;
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let failure: Result<unknown> | null = null;

  const failAll = (message: string) => {
    failure = { ok: false, error: { code: 'INTERNAL', message } };
    for (const resolve of waiting.values()) resolve(failure);
    waiting.clear();
  };
  worker.on('message', (message: EngineResponse | HostRequest) => {
    if ('hostRequest' in message) {
      printPdf(message.job).then(
        (pdf) => worker.postMessage({ hostResponse: message.hostRequest, ok: true, pdf } satisfies HostResponse),
        (e: unknown) => {
          const { error } = refusal(e, 'Printing failed. Try again; if it fails again, report the problem.');
          worker.postMessage({ hostResponse: message.hostRequest, ok: false, error } satisfies HostResponse);
        },
      );
      return;
    }
    waiting.get(message.id)?.(message.result);
    waiting.delete(message.id);
  });
  worker.on('error', () => failAll('The Homeward engine stopped unexpectedly. Restart Homeward; data already saved is safe.'));
  worker.on('exit', () => failAll('The Homeward engine has stopped. Restart Homeward.'));

  const send = (name: string, input: unknown, internal: boolean): Promise<Result<unknown>> => {
    if (failure) return Promise.resolve(failure);
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      worker.postMessage((internal ? { id, name, input, internal: true } : { id, name, input }) satisfies EngineRequest);
    });
  };

  return {
    call: ((name: string, input: unknown) => send(name, input, false)) as Engine['call'],
    internal: ((name: InternalName, input: unknown) => send(name, input, true)) as Engine['internal'],
    async close() {
      if (!failure) await send('__close', null, true);
      await worker.terminate();
    },
  };
}
