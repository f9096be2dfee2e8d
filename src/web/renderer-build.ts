import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The renderer's sources, and the parts of src/ it bundles (the contract and the domain's schemas). */
export const RENDERER_SOURCES = ['renderer', join('src', 'domain'), join('src', 'api')];
export const RENDERER_CONFIG = join('renderer', 'vite.config.ts');
export const RENDERER_OUT = join('dist', 'renderer');

/** The newest file under `dir` (node_modules and hidden folders skipped), or null when there is none. */
export function newestFile(dir: string): { path: string; mtimeMs: number } | null {
  let newest: { path: string; mtimeMs: number } | null = null;
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    const found = entry.isDirectory() ? newestFile(path) : entry.isFile() ? { path, mtimeMs: statSync(path).mtimeMs } : null;
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/** Why the renderer must be built before serving, or null when the last build is current. */
export function staleBuildReason(root: string): string | null {
  const index = join(root, RENDERER_OUT, 'index.html');
  if (!existsSync(index)) return `${relative(root, index)} does not exist yet`;
  const built = statSync(index).mtimeMs;
  for (const dir of RENDERER_SOURCES) {
    const newest = newestFile(join(root, dir));
    if (newest && newest.mtimeMs > built) return `${relative(root, newest.path)} changed since the last build`;
  }
  return null;
}

/**
 * Builds the renderer with Vite. Its output goes to stderr so that stdout
 * carries only the address. Resolves with Vite's exit status.
 */
export function buildRenderer(root: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['vite', 'build', '--config', RENDERER_CONFIG], {
      cwd: root,
      stdio: ['ignore', 2, 2],
      shell: process.platform === 'win32',
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
