/**
 * A laptop left open at a border site: after ten minutes without a key, a
 * click or a touch the office locks itself, and the next person needs the
 * passphrase. Time is moved on with Chromium's controlled clock.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtRenderer, callApi, closeStory, openStory, screenshot, seedOffice, unlock, type App } from './harness';

let rendererDir: string;
let dataDir: string;
let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  rendererDir = await builtRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'homeward-e2e-idle-lock-'));
  const databasePath = join(dataDir, 'mso.homeward');
  seedOffice(databasePath);
  ({ app, browser, context, page } = await openStory(databasePath, rendererDir));
  await page.clock.install();
}, 180_000);

afterAll(async () => {
  await closeStory({ context, browser, apps: [app] }, [dataDir, rendererDir]);
});

const locked = () => page.locator('#secret').count();

describe('an office left open', () => {
  it('stays open while someone works, and locks itself ten minutes after the last key or click', async () => {
    await unlock(page, app);
    await page.clock.fastForward('09:00');
    expect(await locked()).toBe(0);
    // Someone presses a key: the ten minutes start again.
    await page.keyboard.press('Alt+V');
    await page.clock.fastForward('09:00');
    expect(await locked()).toBe(0);

    await page.clock.fastForward('01:30');
    await page.locator('#secret').waitFor();
    // The engine is locked too, not only the screen.
    expect((await callApi<{ office: unknown }>(page, 'office.status', {})).office).toBeNull();
    await screenshot(page, 'idle-lock-01-locked');
  });
});
