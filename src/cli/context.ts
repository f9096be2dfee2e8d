/** What every CLI command shares: its input and output, the options it was given, and the engine session. */
import { readFileSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import type { CallName, Result } from '../api/contract';
import { dispatch, type Session } from '../api/dispatch';
import { HomewardError } from '../domain/errors';
import { formatError } from './format';
import { promptSecret } from './prompt';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  readStdin: () => string;
  isTty: boolean;
}

export const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  readStdin: () => readFileSync(0, 'utf8'),
  isTty: !!process.stdin.isTTY,
};

export class UsageError extends Error {}

export const common = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  actor: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export type Options = Record<string, string | boolean | undefined>;

export interface Command {
  options: ParseArgsConfig['options'];
  /** number of positional arguments after the command words; -1 for one or more */
  positionals: number;
  run: (ctx: Context) => Promise<number>;
}

export interface Context {
  io: Io;
  opts: Options;
  args: string[];
  session: Session;
  json: boolean;
}

export function str(opts: Options, name: string, required = true): string | undefined {
  const v = opts[name];
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (required) throw new UsageError(`--${name} is required.`);
  return undefined;
}

/**
 * Free text about a person (a note, a reason, a search): the option's value,
 * or with "-" what is typed or pasted on standard input (ended by Ctrl+D), so
 * that it stays out of the shell's history and the process list.
 */
export function text(ctx: Context, name: string, required = true): string | undefined {
  const v = str(ctx.opts, name, required);
  if (v !== '-') return v;
  if (stdinTaken.has(ctx.io)) throw new UsageError(`--${name} -: standard input is already read for another option; give only one option as "-".`);
  stdinTaken.add(ctx.io);
  let typed: string;
  try {
    typed = ctx.io.readStdin().replace(/^\uFEFF/, '').trim();
  } catch (e) {
    throw new HomewardError('FILE_UNREADABLE', `Cannot read --${name} from standard input: ${(e as Error).message}`);
  }
  if (typed === '' && required) throw new UsageError(`--${name} -: nothing was given on standard input.`);
  return typed === '' ? undefined : typed;
}

const stdinTaken = new WeakSet<Io>();

export function int(opts: Options, name: string, required = true): number | undefined {
  const v = str(opts, name, required);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, not "${v}".`);
  return Number(v);
}

export function readJsonFile(io: Io, file: string): unknown {
  let text: string;
  if (file === '-') {
    if (stdinTaken.has(io)) throw new UsageError('--file -: standard input is already read for another option; give only one option as "-".');
    stdinTaken.add(io);
  }
  try {
    text = file === '-' ? io.readStdin() : readFileSync(file, 'utf8');
  } catch (e) {
    throw new HomewardError('FILE_UNREADABLE', `Cannot read ${file === '-' ? 'standard input' : file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new HomewardError('FILE_UNREADABLE', `${file === '-' ? 'Standard input' : file} is not valid JSON: ${(e as Error).message}`);
  }
}

export async function unlockInput(io: Io): Promise<{ passphrase: string } | { recoveryKey: string }> {
  if (io.env.HOMEWARD_PASSPHRASE) return { passphrase: io.env.HOMEWARD_PASSPHRASE };
  if (io.env.HOMEWARD_RECOVERY_KEY) return { recoveryKey: io.env.HOMEWARD_RECOVERY_KEY };
  if (io.isTty) return { passphrase: await promptSecret('Office passphrase: ') };
  throw new UsageError('No passphrase: set HOMEWARD_PASSPHRASE (or HOMEWARD_RECOVERY_KEY), or run in a terminal to be asked.');
}

export async function newPassphrase(io: Io, variable: string): Promise<string> {
  if (io.env[variable]) return io.env[variable]!;
  if (!io.isTty) throw new UsageError(`No passphrase: set ${variable}, or run in a terminal to be asked.`);
  const first = await promptSecret('New office passphrase (10+ characters, several words are best): ');
  const second = await promptSecret('Repeat it: ');
  if (first !== second) throw new HomewardError('VALIDATION_FAILED', 'The two passphrases differ. Nothing was changed; try again.');
  return first;
}

/** Sends one call; prints failures; returns the value or null. */
export function send(ctx: Context, name: CallName, input: unknown): Result<unknown> {
  return dispatch(ctx.session, name, input);
}

export async function openOffice(ctx: Context): Promise<Result<unknown>> {
  return send(ctx, 'office.unlock', { path: str(ctx.opts, 'db'), unlock: await unlockInput(ctx.io) });
}

export function emit(ctx: Context, result: Result<unknown>, human: (value: never) => string): number {
  if (ctx.json) {
    ctx.io.out(JSON.stringify(result, null, 2) + '\n');
  } else if (result.ok) {
    ctx.io.out(human(result.value as never));
  } else {
    ctx.io.err(formatError(result.error));
  }
  return result.ok ? 0 : 1;
}

/** Reads the options, unlocks the office, then runs one call and prints its result. */
export function officeCall(name: CallName, input: (ctx: Context) => unknown, human: (value: never) => string) {
  return async (ctx: Context) => {
    const args = input(ctx);
    const opened = await openOffice(ctx);
    if (!opened.ok) return emit(ctx, opened, () => '');
    return emit(ctx, send(ctx, name, args), human);
  };
}

