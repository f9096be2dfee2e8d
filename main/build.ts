/**
 * Builds what the desktop app runs: three CommonJS bundles for Electron in
 * dist/electron, and the renderer (Vite) in dist/renderer. Run with tsx:
 * `npm run build:electron`.
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ELECTRON_OUT = join(ROOT, 'dist', 'electron');
export const RENDERER_CONFIG = join(ROOT, 'renderer', 'vite.config.ts');

/** The native module is rebuilt for Electron by electron-builder, so it is loaded from node_modules, not bundled. */
const NATIVE = 'better-sqlite3-multiple-ciphers';
/** Drives a separate Chromium to print outside Electron; the desktop app prints with its own (main/print.ts) and never loads it. */
const OUTSIDE_ELECTRON = 'playwright-core';

// esbuild leaves import.meta empty in CommonJS; the Node-side sources use
// import.meta.url to find files beside themselves, so give it the bundle's URL.
const IMPORT_META_URL = '__homeward_import_meta_url';
const NODE_BANNER = `const ${IMPORT_META_URL} = require("node:url").pathToFileURL(__filename).href;`;

function cjsBundle(entry: string, outfile: string, options: Partial<BuildOptions>): BuildOptions {
  return {
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    format: 'cjs',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    ...options,
  };
}

/** Main process and worker: Node 22 inside Electron 39. */
function nodeBundle(entry: string, outfile: string, external: string[]): BuildOptions {
  return cjsBundle(entry, outfile, {
    platform: 'node',
    target: 'node22',
    external,
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': IMPORT_META_URL },
    banner: { js: NODE_BANNER },
  });
}

/**
 * The preload needs only the list of call names, not the contract's zod
 * schemas: this swaps the contract module for that list, computed here from
 * the contract itself, so the renderer process never loads the validators
 * (the main process validates) and the preload stays a few kilobytes.
 */
function callNamesOnly(): Plugin {
  return {
    name: 'homeward-call-names-only',
    setup(builder) {
      builder.onResolve({ filter: /\/api\/contract$/ }, (args) =>
        args.importer.endsWith(join('main', 'preload.ts')) ? { path: 'call-names', namespace: 'homeward-contract' } : undefined,
      );
      builder.onLoad({ filter: /.*/, namespace: 'homeward-contract' }, async () => {
        const { CALL_NAMES } = await import('../src/api/contract');
        return { contents: `export const CALL_NAMES = Object.freeze(${JSON.stringify(CALL_NAMES)});`, loader: 'js' };
      });
    },
  };
}

/** Modules a bundle still loads at run time (everything it did not bundle). */
export function runtimeImports(metafile: Metafile): string[] {
  const found = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) if (imported.external) found.add(imported.path);
  }
  return [...found].sort();
}

/** Every `require("…")` left in a bundle's text. */
export function requiredModules(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1] ?? '');
}

export interface ElectronBundles {
  main: string;
  preload: string;
  engineWorker: string;
}

/**
 * Electron 39 runs Node 22 and Chromium 142. A sandboxed preload has no
 * Node module loader (only `electron` and a few polyfills), so the build fails
 * if the preload would require anything else at run time.
 */
export async function bundleElectron(outdir: string = ELECTRON_OUT): Promise<ElectronBundles> {
  const bundles: ElectronBundles = {
    main: join(outdir, 'main.cjs'),
    preload: join(outdir, 'preload.cjs'),
    engineWorker: join(outdir, 'engine-worker.cjs'),
  };
  const [, preload] = await Promise.all([
    build(nodeBundle('main/main.ts', bundles.main, ['electron', NATIVE, OUTSIDE_ELECTRON])),
    // No Node banner here: a sandboxed preload has neither node:url nor __filename.
    build(cjsBundle('main/preload.ts', bundles.preload, { platform: 'browser', target: 'chrome142', external: ['electron'], plugins: [callNamesOnly()] })),
    build(nodeBundle('src/api/engine-worker.ts', bundles.engineWorker, [NATIVE, OUTSIDE_ELECTRON])),
  ]);
  const required = [...runtimeImports(preload.metafile!), ...requiredModules(readFileSync(bundles.preload, 'utf8'))];
  const stray = [...new Set(required.filter((name) => name !== 'electron'))];
  if (stray.length > 0) throw new Error(`The sandboxed preload cannot load ${stray.join(', ')}; it must bundle everything but electron.`);
  return bundles;
}

/** Builds the renderer when its Vite config exists; returns whether it did. */
export async function buildRenderer(): Promise<boolean> {
  if (!existsSync(RENDERER_CONFIG)) {
    console.warn('renderer/vite.config.ts does not exist yet; dist/renderer was not built.');
    return false;
  }
  const vite = await import('vite');
  await vite.build({ configFile: RENDERER_CONFIG, mode: 'production', logLevel: 'warn' });
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const bundles = await bundleElectron();
    console.log(`Built ${Object.values(bundles).join(', ')}`);
    if (await buildRenderer()) console.log(`Built ${join(ROOT, 'dist', 'renderer')}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
