import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../main/build';
import { electronBinary, MISSING_BINARY_MESSAGE } from '../../main/start';

describe('npm start', () => {
  it('says plainly what to do when the Electron binary was never downloaded', () => {
    expect(MISSING_BINARY_MESSAGE).toMatch(/Electron binary is not installed/);
    expect(MISSING_BINARY_MESSAGE).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD=1/);
    expect(MISSING_BINARY_MESSAGE).toMatch(/npm run web/);
  });

  it.runIf(electronBinary() === null)('exits with status 1 and that message on this machine (no binary)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'main', 'start.ts')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(MISSING_BINARY_MESSAGE);
  });
});
