/**
 * The engine in a worker thread: one session, calls answered in order. Hosts
 * (Electron main, the browser host) run it here so a 10,000-row import never
 * blocks the thread that serves the window or the HTTP requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch, type Session } from './dispatch';
import type { EngineRequest, EngineResponse, EngineOptions } from './engine';

const options = workerData as EngineOptions;
const session: Session = { store: null, actor: options.actor, databasePath: options.databasePath };

parentPort?.on('message', (request: EngineRequest) => {
  if (request.name === '__close') {
    session.store?.close();
    session.store = null;
    parentPort?.postMessage({ id: request.id, result: { ok: true, value: null } } satisfies EngineResponse);
    return;
  }
  const result = dispatch(session, request.name, request.input);
  parentPort?.postMessage({ id: request.id, result } satisfies EngineResponse);
});
