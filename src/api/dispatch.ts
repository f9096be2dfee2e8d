import { HomewardError, refusal, validationError } from '../domain/errors';
import type { OfficeStore } from '../db/store';
import type { ImportSession } from '../services/import/session';
import { contract, isCallName, type CallArgs, type CallName, type CallOutput, type Result } from './contract';
import { handlers } from './handlers';

/** One open office per session; the host decides who the actor is and, optionally, where the database lives. */
export interface Session {
  store: OfficeStore | null;
  actor: string;
  databasePath?: string | undefined;
  /** lists opened for import and not yet applied or closed (engine memory only) */
  imports?: Map<string, { store: OfficeStore; session: ImportSession }>;
}

/**
 * The one entry point of every host. Never throws: every outcome is a
 * `{ok, value}` or `{ok: false, error: {code, message}}` that can cross a
 * process boundary.
 */
export function dispatch(session: Session, name: string, input: unknown): Result<unknown> {
  try {
    if (!isCallName(name)) {
      throw new HomewardError('UNKNOWN_CALL', `There is no call named "${name}".`);
    }
    const spec = contract[name];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) throw validationError(parsed.error.issues);
    if (spec.needsOffice && !session.store) {
      throw new HomewardError('LOCKED', 'No office database is open. Unlock one first.');
    }
    const handler = handlers[name] as (session: Session, args: CallArgs<CallName>) => CallOutput<CallName>;
    return { ok: true, value: handler(session, parsed.data as CallArgs<CallName>) };
  } catch (e) {
    return refusal(e, 'Check the record before trying again, and report the problem.');
  }
}

/** Typed convenience for in-process callers (CLI, tests). */
export function callApi<K extends CallName>(session: Session, name: K, input: unknown): Result<CallOutput<K>> {
  return dispatch(session, name, input) as Result<CallOutput<K>>;
}
