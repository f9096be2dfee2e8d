import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDatabasePath } from './data-dir';

export const WEB_USAGE = `npm run web -- [--db FILE] [--port N] [--no-build] [--renderer DIR]

Serves Homeward's screens and its API at http://127.0.0.1:PORT/ for a browser
on this computer only, with a new secret token at every launch.

  --db FILE       the office database (default: $HOMEWARD_DB, else the
                  homeward folder in this user's application data)
  --port N        port on 127.0.0.1 (default: $HOMEWARD_PORT, else a free one)
  --no-build      serve the renderer as last built, without rebuilding it
  --renderer DIR  serve an already built renderer from DIR (never builds)
  -h, --help      show this help
`;

export class UsageError extends Error {}

export interface WebOptions {
  databasePath: string;
  /** the database path came from neither --db nor $HOMEWARD_DB */
  defaultDatabase: boolean;
  port: number;
  build: boolean;
  rendererDir: string | null;
  help: boolean;
}

function parsePort(text: string, from: string): number {
  const port = /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`${from} must be a port number from 0 to 65535 (0 picks a free one); got "${text}".`);
  return port;
}

export function parseWebOptions(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): WebOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        'no-build': { type: 'boolean', default: false },
        renderer: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const db = values.db ?? env.HOMEWARD_DB;
  if (db !== undefined && db.trim() === '') throw new UsageError('--db needs the path of the office database file.');
  const port = values.port !== undefined ? parsePort(values.port, '--port') : env.HOMEWARD_PORT ? parsePort(env.HOMEWARD_PORT, 'HOMEWARD_PORT') : 0;
  return {
    databasePath: db === undefined ? defaultDatabasePath(env) : resolve(cwd, db),
    defaultDatabase: db === undefined,
    port,
    build: !values['no-build'],
    rendererDir: values.renderer === undefined ? null : resolve(cwd, values.renderer),
    help: values.help,
  };
}
