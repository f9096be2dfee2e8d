import { Worker } from 'node:worker_threads';
import type { CallName, CallOutput, Result } from './contract';

export interface EngineOptions {
  actor: string;
  databasePath?: string | undefined;
}

export interface EngineRequest {
  id: number;
  name: string;
  input: unknown;
}

export interface EngineResponse {
  id: number;
  result: Result<unknown>;
}

/** The API as hosts use it: every call is answered with a Result, never a throw. */
export interface Engine {
  call<K extends CallName>(name: K, input: unknown): Promise<Result<CallOutput<K>>>;
  call(name: string, input: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

/**
 * Starts the engine in a worker thread. `workerUrl` points at the worker
 * module: by default the source (loaded through tsx), in the packaged app the
 * bundled engine.
 */
export function startEngine(options: EngineOptions, workerUrl: URL = new URL('./engine-worker-source.mjs', import.meta.url)): Engine {
  const worker = new Worker(workerUrl, { workerData: options });
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let failure: Result<unknown> | null = null;

  const failAll = (message: string) => {
    failure = { ok: false, error: { code: 'INTERNAL', message } };
    for (const resolve of waiting.values()) resolve(failure);
    waiting.clear();
  };
  worker.on('message', (response: EngineResponse) => {
    waiting.get(response.id)?.(response.result);
    waiting.delete(response.id);
  });
  worker.on('error', () => failAll('The Homeward engine stopped unexpectedly. Restart Homeward; data already saved is safe.'));
  worker.on('exit', () => failAll('The Homeward engine has stopped. Restart Homeward.'));

  const send = (name: string, input: unknown): Promise<Result<unknown>> => {
    if (failure) return Promise.resolve(failure);
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      worker.postMessage({ id, name, input } satisfies EngineRequest);
    });
  };

  return {
    call: send as Engine['call'],
    async close() {
      if (!failure) await send('__close', null);
      await worker.terminate();
    },
  };
}
