import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CHANNEL } from '../src/api/bridge';
import { contract, isCallName, type Result } from '../src/api/contract';
import { validationError, type ErrorCode } from '../src/domain/errors';
import { rememberOnThisComputer, unlockWithThisComputer, withOsKeystoreStatus, type OsKeystoreHost } from './keystore-calls';
import { isAppUrl } from './protocol';

/**
 * The Electron IPC host: the only door from the window to the engine. Every
 * call is checked three times before the engine sees it — who sent it, whether
 * the call exists, whether its input fits the contract — so a compromised
 * frame or a garbage message never reaches the worker.
 */

/** What the host needs of the engine (src/api/engine.ts), so tests can pass a fake. */
export interface EngineCaller {
  call(name: string, input: unknown): Promise<Result<unknown>>;
}

const FORBIDDEN: ErrorCode = 'FORBIDDEN';

/**
 * Input fields the desktop host decides itself: the database file lives in the
 * app's own folder (a renderer must not pick paths on disk) and the scrypt
 * cost is for tests only.
 */
const HOST_DECIDED_FIELDS = ['path', 'kdfLogN'] as const;

function refusal(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Why a call must be refused, or null when it comes from the main frame of
 * our window showing app://homeward. A subframe, another window, a page that
 * navigated elsewhere (file://, https://) or a frame already gone is refused.
 */
export function senderRefusal(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, window: WebContents | null): string | null {
  if (!window || window.isDestroyed()) return 'the Homeward window is closed';
  if (event.sender.id !== window.id) return 'the call did not come from the Homeward window';
  const frame = event.senderFrame;
  if (!frame) return 'the calling frame is gone';
  const main = window.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
    return 'the call came from a subframe';
  }
  if (!isAppUrl(frame.url)) return 'the calling page is not part of Homeward';
  return null;
}

/** Checks name and input; returns the refusal, or null when the engine may run the call. */
export function callRefusal(name: unknown, input: unknown): Result<never> | null {
  if (typeof name !== 'string' || !isCallName(name)) {
    return refusal('UNKNOWN_CALL', `There is no call named "${String(name).slice(0, 80)}".`);
  }
  if (input !== null && typeof input === 'object') {
    const given = HOST_DECIDED_FIELDS.filter((field) => Object.prototype.hasOwnProperty.call(input, field));
    if (given.length > 0) {
      return refusal('VALIDATION_FAILED', `The desktop app decides ${given.join(' and ')} itself; leave ${given.length > 1 ? 'them' : 'it'} out.`);
    }
  }
  // Same default as the dispatcher, so both judge the same value.
  const parsed = contract[name].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues).toBody() };
  return null;
}

/** A Result is plain data already; this guards against an engine that ever answers otherwise. */
function asResult(value: unknown): Result<unknown> {
  if (value && typeof value === 'object' && 'ok' in value) return value as Result<unknown>;
  return refusal('INTERNAL', 'The Homeward engine gave no answer. Restart Homeward; data already saved is safe.');
}

export type IpcCallHandler = (event: IpcMainInvokeEvent, name: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * The calls the desktop answers with the OS key store (keystore-calls.ts)
 * instead of the engine, once they passed the same checks as every call.
 * Without a key store host they go to the engine, which refuses them.
 */
async function answer(engine: EngineCaller, osKeystore: OsKeystoreHost | null, name: string, input: unknown): Promise<Result<unknown>> {
  if (osKeystore) {
    if (name === 'office.rememberOnThisComputer') {
      return rememberOnThisComputer(osKeystore, contract['office.rememberOnThisComputer'].input.parse(input).enabled);
    }
    if (name === 'office.unlockWithThisComputer') return unlockWithThisComputer(osKeystore);
    if (name === 'office.status') return withOsKeystoreStatus(osKeystore, asResult(await engine.call(name, input)));
  }
  return asResult(await engine.call(name, input));
}

/**
 * The handler for IPC_CHANNEL. The original input (not zod's output) goes to
 * the engine: the dispatcher parses it again with the same schema, and schemas
 * that transform (trim, upper-case) expect their input form.
 */
export function ipcCallHandler(engine: EngineCaller, window: () => WebContents | null, osKeystore: OsKeystoreHost | null = null): IpcCallHandler {
  return async (event, name, input) => {
    const sender = senderRefusal(event, window());
    if (sender) return refusal(FORBIDDEN, `Refused: ${sender}.`);
    const refused = callRefusal(name, input);
    if (refused) return refused;
    try {
      return await answer(engine, osKeystore, name as string, input ?? {});
    } catch {
      return refusal('INTERNAL', 'The Homeward engine stopped unexpectedly. Restart Homeward; data already saved is safe.');
    }
  };
}

/** Registers the one IPC channel. Returns a function that removes it (quit, tests). */
export function serveIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  engine: EngineCaller,
  window: () => WebContents | null,
  osKeystore: OsKeystoreHost | null = null,
): () => void {
  ipcMain.handle(IPC_CHANNEL, ipcCallHandler(engine, window, osKeystore));
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}
