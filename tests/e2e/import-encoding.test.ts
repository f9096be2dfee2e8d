/**
 * A list Homeward cannot read on its own must not dead-end the import
 * wizard. A Thai police system exports its list with the UTF-8 mark in front
 * but the rows in the Thai code page (Windows-874): Homeward believes the
 * mark, cannot read the rows as UTF-8 and refuses. The coordinator sees what
 * was tried, picks Windows-874 on the same step with the keyboard, and
 * reaches "How the file was read" with the Thai names as written, without
 * choosing the file again. Then a shelter's workbook whose first sheet
 * ("Summary") is empty opens on its first sheet with rows, and says so.
 *
 * Synthetic people only (src/domain/demo). Real renderer, browser host,
 * engine worker, encrypted database; Debian's Chromium. Screenshots go to
 * tests/artifacts/screens/import-encoding-NN-name.png.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRescueList } from '../../src/domain/demo/rescue-list';
import { writeXlsx } from '../../src/services/import/xlsx';
import { encodeText, toCsv } from '../fixtures/encode';
import { builtRenderer, chooseLanguage, closeStory, cspViolations, isZodEvalProbe, openStory, screenshot, seedOffice, tabTo, unlock, type App, type PageLog } from './harness';

declare const document: any;

/** The engine checks dates against its own (UTC) today; the list must agree on what is in the future. */
const TODAY = new Date().toISOString().slice(0, 10);
const poll = { timeout: 20_000, interval: 50 };

let rendererDir: string;
let dataDir: string;
let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let log: PageLog;

const list = buildRescueList({ seed: 874, count: 400, scripts: 'thai', today: TODAY });
const nativeColumn = list.columns.indexOf('nativeName');
/** The police export lists Thai nationals only: every row has a name in Thai script. */
const thaiRows = list.rows.filter((r) => /[\u0e00-\u0e7f]/.test(r[nativeColumn] ?? ''));
const policeExport = Buffer.from([0xef, 0xbb, 0xbf, ...encodeText(toCsv(list.header, thaiRows), 'windows-874')]);

beforeAll(async () => {
  rendererDir = await builtRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'homeward-e2e-import-encoding-'));
  const databasePath = join(dataDir, 'mso.homeward');
  seedOffice(databasePath);
  ({ app, browser, context, page, log } = await openStory(databasePath, rendererDir));
}, 180_000);

afterAll(async () => {
  await closeStory({ context, browser, apps: [app] }, [dataDir, rendererDir]);
});

const text = (selector: string) => page.locator(selector).first().innerText();
const stepTitle = () => text('#import-step-title');
const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

describe('a list whose encoding Homeward cannot read on its own', () => {
  it('opens the import wizard on the file step', async () => {
    expect(thaiRows.length).toBeGreaterThanOrEqual(10);
    await unlock(page, app);
    await page.keyboard.press('Alt+I');
    await page.locator('#import-title').waitFor();
    await expect.poll(focusedId, poll).toBe('import-file');
  });

  it('is refused on the file step with what was tried, and the keyboard lands on an encoding picker that suggests Windows-874', async () => {
    await page.setInputFiles('#import-file', { name: 'police-export.csv', mimeType: 'text/csv', buffer: policeExport });
    await page.locator('#import-read-refusal').waitFor();
    // Still the first step: nothing was opened.
    expect(await stepTitle()).toContain('Step 1 of 6');
    const alert = await text('#import-read-refusal');
    expect(alert).toContain('Homeward could not read the text of police-export.csv.');
    expect(alert).toContain('UTF-8 (Unicode): some bytes are not valid in this encoding');
    expect(alert).toContain('It does read as Windows-874 (Thai Excel)');
    expect(alert).toContain('Choose the encoding the list was saved in and read it again.');
    // No dead end: the picker is here, on the likeliest choice, with the keyboard on it.
    await expect.poll(focusedId, poll).toBe('import-retry-encoding');
    expect(await page.locator('#import-retry-encoding').inputValue()).toBe('windows-874');
    const options = await page.locator('#import-retry-encoding option').allInnerTexts();
    expect(options).toContain('UTF-8 (Unicode) — could not read it');
    expect(options).toContain('Windows-874 (Thai Excel) — reads this file');
    expect(await page.locator('#import-retry-encoding').getAttribute('aria-describedby')).toBe('import-read-refusal');
    await screenshot(page, 'import-encoding-01-refused');

    // The same refusal for a Thai coordinator.
    await chooseLanguage(page, 'th');
    expect(await text('#import-read-refusal')).toContain('Homeward อ่านข้อความใน police-export.csv ไม่ได้');
    expect(await page.locator('button[type=submit]', { hasText: 'อ่านไฟล์อีกครั้ง' }).count()).toBe(1);
    await screenshot(page, 'import-encoding-02-refused-th');
    await chooseLanguage(page, 'en');
    expect(await page.locator('#import-retry-encoding').inputValue()).toBe('windows-874');
  });

  it('read again as Windows-874 with the keyboard, it reaches "How the file was read" with the Thai names as written', async () => {
    await page.locator('#import-retry-encoding').focus();
    await tabTo(page, 'button[type=submit]', { text: 'Read the file again' });
    await page.keyboard.press('Enter');
    await expect.poll(stepTitle, poll).toContain('How the file was read');
    expect(await page.locator('#import-encoding').inputValue()).toBe('windows-874');
    expect(await text('#import-encoding-hint')).toBe('Read as you chose. Check that the names below read correctly; if not, choose another encoding.');
    // The mark is not glued to the first header, and the names are the list's own.
    expect(await text('.import-top tr.is-header')).toContain(list.header[0]!);
    const shownNames = await page.locator('.import-top tbody tr').evaluateAll((rows, column) => rows.slice(1).map((r: any) => r.querySelectorAll('td')[column]?.textContent ?? ''), nativeColumn);
    expect(shownNames.length).toBeGreaterThanOrEqual(5);
    expect(shownNames).toEqual(thaiRows.slice(0, shownNames.length).map((r) => r[nativeColumn]));
    for (const name of shownNames) expect(name).toMatch(/^[\u0e00-\u0e7f ]+$/);
    expect(await text('.import-reading')).toContain(`${thaiRows.length} rows below the header row`);
    await screenshot(page, 'import-encoding-03-read-as-windows-874');
  });
});

describe('a workbook whose first sheet is empty', () => {
  it('opens on the first sheet with rows and says which sheet was empty', async () => {
    const day2 = buildRescueList({ seed: 875, count: 12, today: TODAY });
    const workbook = writeXlsx([
      { name: 'Summary', rows: [] },
      { name: 'Day 2', rows: [day2.header, ...day2.rows] },
    ]);
    await page.getByRole('button', { name: 'Start again with another file' }).click();
    await expect.poll(focusedId, poll).toBe('import-file');
    await page.setInputFiles('#import-file', {
      name: 'shelter-intake.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(workbook),
    });
    await expect.poll(stepTitle, poll).toContain('How the file was read');
    expect(await page.locator('#import-sheet').inputValue()).toBe('Day 2');
    expect(await text('#import-sheet-hint')).toBe('Sheet “Summary” is empty; reading “Day 2”.');
    expect(await page.locator('#import-sheet').getAttribute('aria-describedby')).toBe('import-sheet-hint');
    expect(await text('.import-reading')).toContain('12 rows below the header row');
    await screenshot(page, 'import-encoding-04-empty-first-sheet');

    // Asking for the empty sheet by hand is refused on the spot, naming what to do; the picker stays usable.
    await page.locator('#import-sheet').selectOption('Summary');
    await expect.poll(() => page.locator('.import-reading .alert.error').count(), poll).toBe(1);
    expect(await text('.import-reading .alert.error')).toContain('Sheet “Summary” is empty.');
    expect(await text('.import-reading .alert.error')).toContain('Choose another sheet and read it again.');
    expect(await page.locator('#import-sheet').inputValue()).toBe('Summary');
    await page.locator('#import-sheet').selectOption('Day 2');
    await expect.poll(() => page.getByRole('button', { name: /^Next/ }).isEnabled(), poll).toBe(true);
    expect(await page.locator('.import-reading .alert.error').count()).toBe(0);
    expect(await page.locator('#import-sheet').inputValue()).toBe('Day 2');
  });

  it('left the page clean: no errors, no CSP violations', async () => {
    expect((await cspViolations(page)).filter((v) => !isZodEvalProbe(v))).toEqual([]);
    expect(log.cspViolations).toEqual([]);
    expect(log.errors).toEqual([]);
  });
});
