import { HomewardError, refusal, validationError } from '../domain/errors';
import type { OfficeStore } from '../db/store';
import type { ImportSession } from '../services/import/session';
import type { PrintJob } from '../services/print/chromium';
import { contract, isCallName, type CallArgs, type CallName, type CallOutput, type Result } from './contract';
import { handlers } from './handlers';

/** One open office per session; the host decides who the actor is and, optionally, where the database lives. */
export interface Session {
  store: OfficeStore | null;
  actor: string;
  databasePath?: string | undefined;
  /** lists opened for import and not yet applied or closed (engine memory only) */
  imports?: Map<string, { store: OfficeStore; session: ImportSession }>;
  /**
   * Prints an HTML document to PDF with Chromium: Electron's printToPDF in
   * the desktop app, Debian's Chromium for the browser host and the CLI.
   * Absent where no printer is wired; calls that need a PDF then say so.
   */
  printPdf?: (job: PrintJob) => Promise<Buffer>;
}

/**
 * The one entry point of every host. Never throws: every outcome is a
 * `{ok, value}` or `{ok: false, error: {code, message}}` that can cross a
 * process boundary.
 */
export function dispatch(session: Session, name: string, input: unknown): Result<unknown> {
  try {
    const value = run(session, name, input);
    if (value instanceof Promise) {
      value.catch(() => undefined);
      throw new HomewardError('INTERNAL', `The call ${name} prints or waits on another process; this host must send it with dispatchAsync.`);
    }
    return { ok: true, value };
  } catch (e) {
    return refusal(e, ADVICE);
  }
}

/** The same, for hosts that can wait: also answers calls that print (PDFs through Chromium). */
export async function dispatchAsync(session: Session, name: string, input: unknown): Promise<Result<unknown>> {
  try {
    return { ok: true, value: await run(session, name, input) };
  } catch (e) {
    return refusal(e, ADVICE);
  }
}

const ADVICE = 'Check the record before trying again, and report the problem.';

function run(session: Session, name: string, input: unknown): unknown {
  if (!isCallName(name)) {
    throw new HomewardError('UNKNOWN_CALL', `There is no call named "${name}".`);
  }
  const spec = contract[name];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) throw validationError(parsed.error.issues);
  if (spec.needsOffice && !session.store) {
    throw new HomewardError('LOCKED', 'No office database is open. Unlock one first.');
  }
  const handler = handlers[name] as (session: Session, args: CallArgs<CallName>) => unknown;
  return handler(session, parsed.data as CallArgs<CallName>);
}

/** Typed convenience for in-process callers (CLI, tests). */
export function callApi<K extends CallName>(session: Session, name: K, input: unknown): Result<CallOutput<K>> {
  return dispatch(session, name, input) as Result<CallOutput<K>>;
}

export function callApiAsync<K extends CallName>(session: Session, name: K, input: unknown): Promise<Result<CallOutput<K>>> {
  return dispatchAsync(session, name, input) as Promise<Result<CallOutput<K>>>;
}
