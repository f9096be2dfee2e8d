import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Result } from '../../src/api/contract';
import type { ErrorBody } from '../../src/domain/errors';

/**
 * Runs the real `homeward` command (src/cli/homeward.mjs through node) as a
 * child process, the way a coordinator or a script would.
 */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../src/cli/homeward.mjs', import.meta.url));

export const CLI_PASSPHRASE = 'seven lanterns over the moei river';

export interface Run {
  /** exit status; null when the process was killed */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** written to standard input, which is always a pipe (never a TTY) */
  input?: string;
  /** added to the environment; `undefined` removes a variable */
  env?: Record<string, string | undefined>;
}

/** The environment of every run: nothing HOMEWARD_* leaks in from the machine running the tests. */
function environment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('HOMEWARD_')) env[k] = v;
  Object.assign(env, { HOMEWARD_PASSPHRASE: CLI_PASSPHRASE, HOMEWARD_KDF_LOGN: '12', HOMEWARD_ACTOR: 'intake@test', NO_COLOR: '1' });
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function homeward(args: string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: environment(options.env), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          // not an exit status: the command could not run at all, or was killed
          if (error.killed || error.signal) resolve({ code: null, stdout, stderr });
          else reject(error);
          return;
        }
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
    child.stdin?.on('error', () => {
      /* the command may exit before reading its input */
    });
    child.stdin?.end(options.input ?? '');
  });
}

function parse<T>(run: Run): Result<T> {
  try {
    return JSON.parse(run.stdout) as Result<T>;
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}).\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  }
}

/** Asserts exit 0 and an `{ok: true}` JSON result; returns its value. */
export function valueOf<T>(run: Run): T {
  const result = parse<T>(run);
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error, null, 2)}\nstderr: ${run.stderr}`);
  expect(run.code).toBe(0);
  return result.value;
}

/** Asserts the exit status and an `{ok: false}` JSON result on stdout; returns the error. */
export function errorOf(run: Run, exitCode = 1): ErrorBody {
  const result = parse<unknown>(run);
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value).slice(0, 500)}`);
  expect(run.code).toBe(exitCode);
  return result.error;
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export const YEAR = new Date().getUTCFullYear();

export function caseNumber(n: number, office = 'MSO'): string {
  return `${office}-${YEAR}-${String(n).padStart(6, '0')}`;
}
