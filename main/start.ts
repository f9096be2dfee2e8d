/**
 * `npm start`: builds the app and launches it in Electron. Where the Electron
 * binary was never downloaded (build machines, ELECTRON_SKIP_BINARY_DOWNLOAD),
 * says so and points to the browser host instead.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { buildRenderer, bundleElectron } from './build';

/** The Electron executable, or null: the `electron` package exports its path and throws when the binary is missing. */
export function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}

export const MISSING_BINARY_MESSAGE = [
  'The Electron binary is not installed on this computer (for example, it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1),',
  'so the desktop app cannot start here.',
  'Run "npm run web" to use Homeward in a browser on this computer.',
].join('\n');

async function start(): Promise<void> {
  // Checked first: no point building for a binary that is not there.
  const electron = electronBinary();
  if (!electron) {
    console.error(MISSING_BINARY_MESSAGE);
    process.exit(1);
  }
  const bundles = await bundleElectron();
  await buildRenderer();
  const env = { ...process.env };
  // Set, it would make Electron behave as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [bundles.main], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  start().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
