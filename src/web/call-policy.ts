import { resolve } from 'node:path';
import type { CallName } from '../api/contract';
import type { ErrorBody } from '../domain/errors';

/**
 * What the browser host refuses although the contract allows it. The host
 * was started on one database file; a page (or anything that got hold of the
 * token) must not make it create or open files elsewhere on this computer.
 */
export function refusedByHost(name: CallName, input: unknown, databasePath: string, options: { allowTestKdf?: boolean } = {}): { ok: false; error: ErrorBody } | null {
  if (name !== 'office.create' && name !== 'office.unlock') return null;
  const fields = typeof input === 'object' && input !== null ? (input as { path?: unknown; kdfLogN?: unknown }) : {};
  // A lowered key-derivation cost is for tests only; a real office always gets the full cost.
  if (fields.kdfLogN !== undefined && !options.allowTestKdf) {
    return { ok: false, error: { code: 'FORBIDDEN', message: 'The key-derivation cost cannot be chosen from a browser.' } };
  }
  const path = fields.path;
  if (path === undefined || (typeof path === 'string' && resolve(path.trim()) === resolve(databasePath))) return null;
  return {
    ok: false,
    error: {
      code: 'BAD_USAGE',
      message: `This Homeward window works only with the database file it was started on (${databasePath}). To use another file, stop Homeward and start it again with --db.`,
    },
  };
}
