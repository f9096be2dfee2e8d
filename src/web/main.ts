/**
 * `npm run web`: builds the renderer when its sources are newer than the
 * last build, then serves it and the API on 127.0.0.1 for this launch only.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePrivateFolder } from './data-dir';
import { parseWebOptions, UsageError, WEB_USAGE, type WebOptions } from './options';
import { buildRenderer, RENDERER_CONFIG, RENDERER_OUT, staleBuildReason } from './renderer-build';
import { createWebHost } from './server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function osUser(): string {
  try {
    return userInfo().username || 'user';
  } catch {
    return 'user';
  }
}

/** The folder of built screens to serve, building them first when needed; null after explaining why not. */
async function rendererToServe(options: WebOptions): Promise<string | null> {
  if (options.rendererDir) return options.rendererDir;
  const dir = join(ROOT, RENDERER_OUT);
  const reason = options.build ? staleBuildReason(ROOT) : null;
  if (reason) {
    if (!existsSync(join(ROOT, RENDERER_CONFIG))) {
      err(`Homeward's screens cannot be built: ${RENDERER_CONFIG} does not exist yet (the renderer has not been set up in this checkout).`);
      return null;
    }
    err(`Building Homeward's screens (${reason})…`);
    const status = await buildRenderer(ROOT);
    if (status !== 0) {
      err(`Building Homeward's screens failed (vite exited with ${status}); see the messages above.`);
      return null;
    }
  }
  if (!existsSync(join(dir, 'index.html'))) {
    err(`There are no built screens in ${dir}. Run "npm run web" without --no-build to build them.`);
    return null;
  }
  return dir;
}

async function main(argv: string[]): Promise<number> {
  let options: WebOptions;
  try {
    options = parseWebOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`${e.message}\n\nUsage: ${WEB_USAGE}`);
    return 2;
  }
  if (options.help) {
    out(`Usage: ${WEB_USAGE}`);
    return 0;
  }

  const rendererDir = await rendererToServe(options);
  if (!rendererDir) return 1;

  const folder = dirname(options.databasePath);
  if (options.defaultDatabase) {
    const warning = ensurePrivateFolder(folder);
    if (warning) err(warning);
  } else if (!existsSync(folder)) {
    err(`The folder ${folder} does not exist. Create it, or choose another place with --db.`);
    return 1;
  }

  let host;
  try {
    host = await createWebHost({
      port: options.port,
      databasePath: options.databasePath,
      rendererDir,
      actor: `${osUser()}@web`,
      log: err,
    });
  } catch (e) {
    err((e as Error).message);
    return 1;
  }

  out(`Homeward is running at ${host.url}#token=${host.token}`);
  out('This address works only on this computer, and only until Homeward stops: every launch makes a new one. Do not share it.');
  out(`Office database: ${options.databasePath}${existsSync(options.databasePath) ? '' : ' (not created yet: the first screen creates it)'}`);
  out('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      err('Stopping now, without waiting for running calls.');
      process.exit(1);
    }
    stopping = true;
    err(`${signal}: stopping Homeward…`);
    host.close().then(
      () => {
        err('Homeward has stopped.');
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return 0;
}

main(process.argv.slice(2)).then(
  (status) => {
    if (status !== 0) process.exit(status);
  },
  (e: unknown) => {
    err(`Homeward could not start: ${(e as Error).message ?? String(e)}`);
    process.exit(1);
  },
);
