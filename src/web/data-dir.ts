import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** Where the OS keeps a user's application data. */
export function osDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return env.APPDATA || join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  const xdg = env.XDG_DATA_HOME;
  return xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share');
}

export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  return join(osDataDir(env, platform, home), 'homeward', 'office.homeward');
}

/**
 * Creates the folder for the office database readable by this user only.
 * Returns a warning when an existing folder is open to others (it is left as
 * it is: the user may have reasons, but should know).
 */
export function ensurePrivateFolder(dir: string, platform: NodeJS.Platform = process.platform): string | null {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (platform !== 'win32') chmodSync(dir, 0o700);
    return null;
  }
  if (platform === 'win32') return null;
  const mode = statSync(dir).mode & 0o777;
  return mode & 0o077
    ? `The folder ${dir} can be read by other users of this computer (mode ${mode.toString(8)}). Consider: chmod 700 "${dir}"`
    : null;
}
