/**
 * Bulk intake, end to end and mostly by keyboard: a police list of 700-odd
 * rescued people arrives as a CSV with broken rows, blank lines, people listed
 * twice and people this office registered already. The coordinator opens the
 * import wizard with Alt+I, checks how the file was read, maps the columns
 * (in Thai), runs the check (and stops it once), reads the preview (in
 * Burmese as well), downloads the rows to fix, registers everyone else, finds
 * them in the list, works through the duplicate queue (one merge, one "two
 * different people"), undoes the merge from the person's page, and is warned
 * of a likely duplicate while registering a person by hand.
 *
 * Synthetic people only (src/domain/demo). Real renderer, browser host,
 * engine worker, encrypted database; Debian's Chromium. Screenshots go to
 * tests/artifacts/screens/import-NN-name.png.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummaryView } from '../../src/api/views';
import { OfficeStore } from '../../src/db/store';
import { generatePeople } from '../../src/domain/demo';
import { buildRescueList, type RescueList } from '../../src/domain/demo/rescue-list';
import type { PersonInput } from '../../src/domain/person';
import { writeXlsx } from '../../src/services/import/xlsx';
import { parsePersonInput, registerPerson } from '../../src/services/people';
import { toCsv } from '../fixtures/encode';
import { builtRenderer, chooseLanguage, closeStory, cspViolations, isZodEvalProbe, openStory, retype, screenshot, tabTo, unlock, type App, type PageLog } from './harness';

declare const document: any;
declare const sessionStorage: any;

const PASSPHRASE = 'import day at the friendship bridge';
/** The engine checks dates against its own (UTC) today; the list must agree on what is in the future. */
const TODAY = new Date().toISOString().slice(0, 10);
const FILE_NAME = 'kk-park-police-list.csv';
const poll = { timeout: 20_000, interval: 50 };

let rendererDir: string;
let dataDir: string;
let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let log: PageLog;
let stored: { input: PersonInput; caseNumber: string }[];
let list: RescueList;
let csv: Buffer;
/** The last summary the engine sent back for the finished check. */
let engineSummary: ImportSummaryView | null = null;
let created = 0;
let firstCase = '';

beforeAll(async () => {
  rendererDir = await builtRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'homeward-e2e-import-'));
  const databasePath = join(dataDir, 'mso.homeward');
  const { store } = OfficeStore.create(databasePath, {
    passphrase: PASSPHRASE,
    office: { code: 'MSO', name: 'Mae Sot coordination office', country: 'TH' },
    actor: 'admin@e2e',
    logN: 12,
  });
  const inputs = generatePeople({ count: 150, seed: 4242, duplicateRate: 0, today: TODAY }).map((p) => p.input);
  try {
    stored = store.write('coordinator@e2e', (tx) => inputs.map((input) => ({ input, caseNumber: registerPerson(tx, parsePersonInput(input)).caseNumber })));
  } finally {
    store.close();
  }
  // The police list: 700 people, 6 broken rows, 3 blank lines, 4 people listed twice, 3 people registered here already.
  list = buildRescueList({
    seed: 77,
    count: 700,
    blankRows: 3,
    malformedRows: 6,
    inFileDuplicates: 4,
    duplicatesOf: inputs.slice(0, 3),
    today: TODAY,
  });
  csv = Buffer.from(toCsv(list.header, list.rows), 'utf8');

  ({ app, browser, context, page, log } = await openStory(databasePath, rendererDir));
  page.on('response', async (response) => {
    if (!response.url().endsWith('/api/import.check')) return;
    const body = (await response.json().catch(() => null)) as { ok: boolean; value?: { done: boolean; summary: ImportSummaryView | null } } | null;
    if (body?.ok && body.value?.done && body.value.summary) engineSummary = body.value.summary;
  });
}, 180_000);

afterAll(async () => {
  await closeStory({ context, browser, apps: [app] }, [dataDir, rendererDir]);
});

const text = (selector: string) => page.locator(selector).first().innerText();
const stepTitle = () => text('#import-step-title');
const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
const n = (v: number) => v.toLocaleString('en');

/** A call to the engine from inside the page, with the page's own token (to read what the UI does not show). */
async function call<T>(name: string, input: unknown): Promise<{ ok: boolean; value: T }> {
  return (await page.evaluate(
    async ([name, input]) => {
      const token = sessionStorage.getItem('homeward.token');
      const r = await fetch(`api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
      return r.json();
    },
    [name, input] as const,
  )) as { ok: boolean; value: T };
}

const language = (code: 'en' | 'th' | 'my') => chooseLanguage(page, code);

describe('importing a rescue list and resolving duplicates', () => {
  it('opens the import wizard from the people list with Alt+I', async () => {
    await unlock(page, app, PASSPHRASE);
    await expect.poll(() => text('[data-testid=list-count]'), poll).toContain('of 150 people');
    // The door is visible on the list, with its shortcut in the label.
    expect(await page.getByRole('link', { name: 'Import a list (Alt+I)' }).count()).toBe(1);
    await page.keyboard.press('Alt+I');
    await page.locator('#import-title').waitFor();
    expect(await text('#import-title')).toBe('Import a rescue list');
    expect(await stepTitle()).toContain('Step 1 of 6');
    // The keyboard lands on the file chooser.
    await expect.poll(focusedId, poll).toBe('import-file');
    expect(await text('.import-steps li[aria-current=step]')).toContain('Choose the file');
    await screenshot(page, 'import-01-choose-file');
  });

  it('reads the CSV and shows how it was read: encoding, header row, first rows', async () => {
    await page.setInputFiles('#import-file', { name: FILE_NAME, mimeType: 'text/csv', buffer: csv });
    await expect.poll(stepTitle, poll).toContain('How the file was read');
    // Focus moved to the new step's heading.
    await expect.poll(focusedId, poll).toBe('import-step-title');
    const body = await text('.import-reading');
    expect(body).toContain(FILE_NAME);
    expect(body).toContain('CSV text');
    expect(await page.locator('#import-encoding').inputValue()).toBe('utf-8');
    expect(await text('#import-encoding-hint')).toMatch(/Homeward guessed UTF-8 \(Unicode\), \d+% sure/);
    // The header row is the first; its cells are the list's headers.
    expect(await page.locator('input[name=import-header-row][value="0"]').isChecked()).toBe(true);
    expect(await text('.import-top tr.is-header')).toContain(list.header[1]!);
    await screenshot(page, 'import-02-how-the-file-was-read');
    await tabTo(page, 'button', { text: 'Next' });
    await page.keyboard.press('Enter');
    await expect.poll(stepTitle, poll).toContain('Columns');
  });

  it('maps the columns (read in Thai), sets a value for every row and saves the mapping', async () => {
    // The mapping was guessed from the headers: every column the list builder wrote maps to its field.
    for (const [i, column] of list.columns.entries()) {
      const expected = column === 'rowNumber' ? '' : column;
      expect(await page.locator(`#import-col-${i}`).inputValue(), `column ${i} (${list.header[i]})`).toBe(expected);
    }
    // A value for every row the list does not carry.
    await tabTo(page, '#import-default-rescueOperation');
    await page.keyboard.type('Myawaddy handover, police list 3');
    await tabTo(page, '#import-mapping-name');
    await page.keyboard.type('KK Park police lists');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.import-columns-step .alert.ok').count(), poll).toBe(1);
    expect(await text('.import-columns-step .alert.ok')).toBe('Mapping saved as “KK Park police lists”.');

    // The same step in Thai, as a Thai coordinator reads it.
    await language('th');
    expect(await stepTitle()).toMatch(/[\u0E00-\u0E7F]/);
    expect(await text('.import-columns thead')).toMatch(/[\u0E00-\u0E7F]/);
    await screenshot(page, 'import-03-columns-th');
    await language('en');

    // Two columns may not fill one field: said next to the select, and the check does not start.
    const site = list.columns.indexOf('rescueSite');
    const group = list.columns.indexOf('rescueGroup');
    await page.locator(`#import-col-${group}`).selectOption('rescueSite');
    await expect.poll(() => page.locator(`#import-col-${group}-error`).count(), poll).toBe(1);
    expect(await page.locator(`#import-col-${site}[aria-invalid=true]`).count()).toBe(1);
    await page.locator(`#import-col-${group}`).selectOption('rescueGroup');
    await expect.poll(() => page.locator('.import-columns .error').count(), poll).toBe(0);
  });

  it('checks every row with a progress bar that moves, and can be stopped', async () => {
    // Slow the engine down so the bar can be seen between two chunks.
    await page.route('**/api/import.check', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      // Stopped meanwhile and unrouted: the request may be gone with its page state.
      await route.continue().catch(() => undefined);
    });
    await tabTo(page, 'button', { text: 'Check the list' });
    await page.keyboard.press('Enter');
    await expect.poll(stepTitle, poll).toContain('Check');
    const progress = page.getByTestId('import-progress');
    await expect.poll(() => progress.getAttribute('value'), poll).toBe('500');
    expect(Number(await progress.getAttribute('max'))).toBeGreaterThan(500);
    expect(await text('.import-progress-text')).toMatch(/^Checked 500 of \d{3} rows/);
    // The window is not frozen while the engine works: the page still answers.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await screenshot(page, 'import-04-check-progress');

    await tabTo(page, 'button', { text: 'Stop the check' });
    await page.keyboard.press('Enter');
    await expect.poll(stepTitle, poll).toContain('Columns');
    expect(await text('.import-step .alert.warn')).toContain('The check was stopped');
    await page.unrouteAll({ behavior: 'ignoreErrors' });

    await tabTo(page, 'button', { text: 'Check the list' });
    await page.keyboard.press('Enter');
    await expect.poll(stepTitle, { ...poll, timeout: 60_000 }).toContain('Preview');
  });

  it('shows the totals the engine reported, and the rows behind them', async () => {
    const s = engineSummary!;
    expect(s).not.toBeNull();
    // The engine's counts are the list's: every broken row refused, every blank line skipped.
    expect(s).toMatchObject({ valid: list.expected.valid.length, invalid: list.expected.malformed.length, blank: list.expected.blank.length, alreadyImported: 0 });
    expect(s.duplicatesOfStored).toBeGreaterThanOrEqual(list.expected.storedDuplicates.length);
    expect(s.duplicatesInFile).toBeGreaterThanOrEqual(list.expected.inFileDuplicates.length);
    // …and the screen says the same numbers.
    for (const key of ['rows', 'valid', 'invalid', 'alreadyImported', 'blank', 'duplicatesOfStored', 'duplicatesInFile'] as const) {
      expect(await text(`[data-testid=total-${key}]`), key).toBe(n(s[key]));
    }
    // The rows, virtualized: far fewer rows in the page than in the list.
    await expect.poll(() => page.locator('.import-rows .body [role=row][data-row]').count(), poll).toBeGreaterThan(5);
    expect(await page.locator('.import-rows .body [role=row]').count()).toBeLessThan(60);
    expect(await page.locator('.import-rows').getAttribute('aria-rowcount')).toBe(String(s.rows + 1));
    await screenshot(page, 'import-05-preview');

    // Only the rows that cannot be imported, each saying why.
    await tabTo(page, 'button[data-filter=invalid]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.import-rows .body [role=row][data-row]').count(), poll).toBe(s.invalid);
    const invalidRows = await page.locator('.import-rows .body [role=row][data-row]').evaluateAll((rows) => rows.map((r: any) => Number(r.dataset.row)));
    expect(invalidRows).toEqual(list.expected.malformed.map((m) => m.row));
    for (const row of await page.locator('.import-rows .body [role=row][data-row]').all()) {
      expect(await row.locator('.problems li').count()).toBeGreaterThan(0);
      expect(await row.innerText()).toContain('Cannot be imported');
    }
    await screenshot(page, 'import-06-preview-invalid');

    // Likely duplicates: the three registered people listed again link to their cases.
    await page.locator('button[data-filter=flagged]').click();
    await expect.poll(() => page.locator('.import-rows .body [role=row][data-row]').count(), poll).toBeGreaterThan(0);
    const storedRows = list.expected.storedDuplicates.map((d) => d.row);
    const flaggedText = await page.locator('.import-rows .body').innerText();
    expect(flaggedText).toContain('Looks like');
    const links = await page.locator('.import-rows .body .hit a').evaluateAll((as) => as.map((a: any) => a.textContent));
    const storedCases = list.expected.storedDuplicates.map((d) => stored[d.stored]!.caseNumber);
    expect(storedRows.length).toBe(3);
    for (const c of storedCases) expect(links).toContain(c);
    await screenshot(page, 'import-07-preview-flagged');

    // The same preview in Burmese.
    await language('my');
    expect(await text('.import-filter')).toMatch(/[\u1000-\u109F]/);
    expect(await text('.import-rows .head')).toMatch(/[\u1000-\u109F]/);
    await screenshot(page, 'import-08-preview-flagged-my');
    await language('en');
  });

  it('downloads the rows that cannot be imported before applying', async () => {
    const label = `Download the rows that cannot be imported (${list.expected.malformed.length})`;
    await tabTo(page, 'button', { text: label });
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('kk-park-police-list.errors.csv');
    const body = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
    const lines = body.trim().split(/\r\n/);
    expect(lines[0]).toContain('Row in original file');
    expect(lines).toHaveLength(1 + list.expected.malformed.length);
  });

  it('registers everyone else after saying exactly how many', async () => {
    const valid = list.expected.valid.length;
    await tabTo(page, 'button', { text: `Register ${n(valid)} people` });
    await page.keyboard.press('Enter');
    await expect.poll(stepTitle, poll).toContain('Register');
    expect(await text('.import-confirm-main')).toBe(`${n(valid)} people will be registered from ${FILE_NAME}.`);
    expect(await text('.import-confirm')).toContain(`${list.expected.malformed.length} rows cannot be imported and are left out.`);
    await screenshot(page, 'import-09-confirm');

    await tabTo(page, 'button', { text: `Register ${n(valid)} people` });
    await page.keyboard.press('Enter');
    const outcome = page.getByTestId('import-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    const said = await outcome.innerText();
    expect(said).toContain(`${n(valid)} people registered.`);
    // Case numbers continue after the 150 registered before.
    const range = /Case numbers (MSO-\d{4}-000151) to (MSO-\d{4}-000\d{3})\./.exec(said);
    expect(range, said).not.toBeNull();
    firstCase = range![1]!;
    expect(said).toMatch(/Pairs of likely duplicates waiting for review: \d+\./);
    created = valid;
    // The rows left out are offered as a file, with a word on what it holds.
    expect(await page.locator('#import-done-errorfile-hint').innerText()).toContain('plain text: keep it on this computer and delete it once imported');
    await screenshot(page, 'import-10-done');
  });

  it('finds the imported people in the list, with their source on the person page', async () => {
    await tabTo(page, 'a', { text: 'Open the list of people' });
    await page.keyboard.press('Enter');
    await page.locator('#list-title').waitFor();
    await expect.poll(() => text('[data-testid=list-count]'), poll).toContain(`of ${n(150 + created)} people`);
    expect(await text('[data-testid=list-duplicates]')).toMatch(/^Likely duplicates: \d+$/);
    await screenshot(page, 'import-11-list-after-import');
    // The first imported person's page says where the record came from.
    await page.keyboard.type(firstCase);
    await expect.poll(() => page.locator('[role=listbox] [role=option]').count(), poll).toBe(1);
    await page.keyboard.press('Enter');
    await page.locator('.detail-head h1').waitFor();
    await expect.poll(() => page.locator('#detail-sources-heading').count(), poll).toBe(1);
    const sources = await text('section[aria-labelledby=detail-sources-heading]');
    expect(sources).toContain(FILE_NAME);
    expect(sources).toMatch(/row \d+/);
    expect(sources).toContain('mapping “KK Park police lists”');
  });

  let survivor = '';
  let merged = '';

  it('works through the duplicate queue: one merge, one pair of different people', async () => {
    await page.goto(`${app.origin}#/people`);
    await page.locator('#list-title').waitFor();
    const before = Number((await text('[data-testid=list-duplicates]')).replace(/\D/g, ''));
    await tabTo(page, '[data-testid=list-duplicates]', { backwards: true });
    await page.keyboard.press('Enter');
    await page.locator('#dup-title').waitFor();
    await expect.poll(() => page.locator('.dup-list [role=option]').count(), poll).toBe(Math.min(before, 100));
    // The keyboard is on the queue: the first (strongest) pair is selected.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')), poll).toBe('listbox');
    expect(await page.locator('.dup-list [role=option][aria-selected=true]').count()).toBe(1);
    await screenshot(page, 'import-12-duplicate-queue');

    await page.keyboard.press('Enter');
    await page.locator('.dup-compare').waitFor();
    const heads = () => page.locator('.dup-compare thead th a').allInnerTexts();
    const [left, right] = await heads();
    // S swaps which record stays; S again puts it back.
    await page.keyboard.press('s');
    await expect.poll(heads, poll).toEqual([right, left]);
    await page.keyboard.press('s');
    await expect.poll(heads, poll).toEqual([left, right]);
    expect(await text('.dup-actions')).toContain('Same person — merge (M)');
    await screenshot(page, 'import-13-pair');

    // M: merge, with a reason.
    await page.keyboard.press('m');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').innerText()).toBe(`Merge ${right} into ${left}`);
    await page.keyboard.type('Same passport seen at the interview');
    await page.keyboard.press('Enter');
    survivor = left!;
    merged = right!;
    // The next open pair follows at once, saying what was done.
    await expect.poll(() => page.locator('[role=status] .alert.ok').count(), poll).toBe(1);
    expect(await text('[role=status] .alert.ok')).toBe(`Merged ${merged} into ${survivor}.`);
    await page.locator('.dup-compare').waitFor();
    const [nextLeft, nextRight] = await heads();
    expect([nextLeft, nextRight]).not.toContain(merged);

    // The pair screen in Burmese.
    await language('my');
    expect(await text('.dup-actions')).toMatch(/[\u1000-\u109F]/);
    await screenshot(page, 'import-14-pair-my');
    await language('en');

    // D: two different people (the note is optional).
    await page.keyboard.press('d');
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => text('.alert.ok'), poll).toBe(`${nextLeft} and ${nextRight} are recorded as different people.`);

    const mergedPairs = await call<{ total: number }>('duplicate.list', { status: 'merged' });
    const differentPairs = await call<{ total: number; candidates: { a: { caseNumber: string }; b: { caseNumber: string } }[] }>('duplicate.list', { status: 'different' });
    expect(mergedPairs.value.total).toBe(1);
    expect(differentPairs.value.total).toBe(1);
    expect([differentPairs.value.candidates[0]!.a.caseNumber, differentPairs.value.candidates[0]!.b.caseNumber].sort()).toEqual([nextLeft, nextRight].sort());
  });

  it('undoes the merge from the person page', async () => {
    await page.goto(`${app.origin}#/person/${merged}`);
    await page.getByTestId('merged-into').waitFor();
    expect(await text('[data-testid=merged-into]')).toContain(`This case was merged into ${survivor}.`);
    // The merged-away record is history: nothing is edited, moved or added there.
    expect(await page.locator('button[aria-keyshortcuts=E]').count()).toBe(0);
    expect(await page.locator('.detail-note-form, .detail-attach, #detail-holds-heading').count()).toBe(0);
    await screenshot(page, 'import-15-merged-into-banner');

    await page.goto(`${app.origin}#/person/${survivor}`);
    await page.locator('#detail-merged-heading').waitFor();
    expect(await text('section[aria-labelledby=detail-merged-heading]')).toContain(merged);
    await screenshot(page, 'import-16-merged-records');
    // Both histories: the merged record's entries are in the survivor's timeline, each naming that record.
    const fromMerged = page.locator(`.detail-timeline a[href="#/person/${merged}"]`);
    await expect.poll(() => fromMerged.count(), poll).toBeGreaterThanOrEqual(2);
    expect(await fromMerged.first().locator('xpath=..').innerText()).toContain(`on merged record ${merged}`);
    await fromMerged.last().scrollIntoViewIfNeeded();
    await screenshot(page, 'import-16b-merged-timeline');
    await tabTo(page, 'button', { text: 'Undo merge' });
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').innerText()).toBe(`Undo the merge of ${merged}`);
    await page.keyboard.type('Different mothers’ names at the second interview');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('.detail-status'), poll).toContain(`Merge undone: ${merged} is a case of its own again.`);
    await expect.poll(() => page.locator('#detail-merged-heading').count(), poll).toBe(0);
    // The pair is back in the queue, waiting for a decision.
    expect(await text('.detail-open-duplicates')).toMatch(/waiting for a decision: \d+\./);
    await screenshot(page, 'import-17-merge-undone');

    await page.goto(`${app.origin}#/person/${merged}`);
    await page.locator('.detail-head h1').waitFor();
    expect(await page.getByTestId('merged-into').count()).toBe(0);
    expect(await text('.detail-summary .chip')).not.toBe('Merged');
  });

  it('warns of a possible duplicate while a person is registered by hand, and still lets it be saved', async () => {
    const known = stored.find((s) => s.input.givenNames && s.input.claimedNationality && (s.input.birthDate || s.input.estimatedAge))!;
    await page.goto(`${app.origin}#/new`);
    await page.locator('#intake-title').waitFor();
    await expect.poll(focusedId, poll).toBe('familyName');
    if (known.input.familyName) await page.keyboard.type(known.input.familyName);
    await tabTo(page, '#givenNames');
    await page.keyboard.type(known.input.givenNames!);
    if (known.input.birthDate) {
      await page.locator('input[name=ageMode][value=birthDate]').check();
      await tabTo(page, '#birthDate');
      await retype(page, known.input.birthDate);
    } else {
      await tabTo(page, '#estimatedAge');
      await retype(page, String(known.input.estimatedAge));
    }
    await tabTo(page, '#claimedNationality');
    await page.keyboard.type(known.input.claimedNationality!);
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('intake-duplicates');
    await panel.waitFor({ timeout: 10_000 });
    expect(await panel.innerText()).toContain(known.caseNumber);
    expect(await panel.locator('a').first().getAttribute('href')).toMatch(/^#\/person\/MSO-/);
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isEnabled()).toBe(true);
    await screenshot(page, 'import-18-intake-possible-duplicate');
  });

  it('reads an Excel workbook: the sheet is chosen, and the header row under a title line', async () => {
    // A cover sheet first, then the list under a title line, as shelters send them.
    const rows = list.rows.slice(0, 20);
    const workbook = writeXlsx([
      { name: 'Cover', rows: [['Handover of 14 October'], ['Prepared by the shelter office']] },
      { name: 'Rescued', rows: [['Shelter list, Mae Sot, 14 October'], list.header, ...rows] },
    ]);
    await page.goto(`${app.origin}#/import`);
    await page.locator('#import-title').waitFor();
    // The last import finished, so the wizard starts afresh.
    await expect.poll(focusedId, poll).toBe('import-file');
    await page.setInputFiles('#import-file', { name: 'shelter-list.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(workbook) });
    await expect.poll(stepTitle, poll).toContain('How the file was read');
    expect(await text('.import-reading')).toContain('Excel workbook');
    expect(await page.locator('#import-encoding').count()).toBe(0);
    expect(await page.locator('#import-sheet option').allInnerTexts()).toEqual(['Cover', 'Rescued']);
    // The second sheet, by keyboard: the file is read again from it.
    await page.locator('#import-sheet').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('#import-sheet').inputValue(), poll).toBe('Rescued');
    await expect.poll(() => text('.import-top tr.is-header'), poll).toContain(list.header[1]!);
    // The header is the second row; the title line above it is skipped.
    expect(await page.locator('input[name=import-header-row][value="1"]').isChecked()).toBe(true);
    expect(await text('.import-reading > p')).toContain(`${rows.length} rows below the header row`);
    // Choosing the title line as the header shows what that would mean, and choosing back restores the list.
    await page.locator('input[name=import-header-row][value="1"]').focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.locator('input[name=import-header-row][value="0"]').isChecked(), poll).toBe(true);
    await expect.poll(() => text('.import-top tr.is-header'), poll).toContain('Shelter list, Mae Sot');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('input[name=import-header-row][value="1"]').isChecked(), poll).toBe(true);
    await screenshot(page, 'import-19-excel-sheet-and-header-row');
    await page.getByRole('button', { name: /^Next/ }).click();
    await expect.poll(stepTitle, poll).toContain('Columns');
    expect(await page.locator(`#import-col-${list.columns.indexOf('fullName')}`).inputValue()).toBe('fullName');
    await tabTo(page, 'button', { text: 'Start again with another file' });
    await page.keyboard.press('Enter');
    await expect.poll(focusedId, poll).toBe('import-file');
  });

  it('opens the next list with the saved mapping: a new column before the names takes no field, and the coordinator is told', async () => {
    const rows = list.rows.slice(0, 10);
    const next = Buffer.from(toCsv(['Name of officer', ...list.header], rows.map((r) => ['Sgt. Test Officer', ...r])), 'utf8');
    await page.goto(`${app.origin}#/import`);
    await page.locator('#import-title').waitFor();
    await page.locator('#import-mapping').selectOption('KK Park police lists');
    await page.setInputFiles('#import-file', { name: 'kk-park-police-list-2.csv', mimeType: 'text/csv', buffer: next });
    await expect.poll(stepTitle, poll).toContain('How the file was read');
    await page.getByRole('button', { name: /^Next/ }).click();
    await expect.poll(stepTitle, poll).toContain('Columns');
    expect(await text('[data-testid=mapping-new-columns]')).toContain('“Name of officer”');
    expect(await page.locator('#import-col-0').inputValue()).not.toBe('fullName');
    expect(await page.locator(`#import-col-${list.columns.indexOf('fullName') + 1}`).inputValue()).toBe('fullName');
    await screenshot(page, 'import-20-saved-mapping-new-column');
    await tabTo(page, 'button', { text: 'Start again with another file' });
    await page.keyboard.press('Enter');
    await expect.poll(focusedId, poll).toBe('import-file');
  });

  it('kept the page clean: no script errors, no CSP violations', async () => {
    expect((await cspViolations(page)).filter((v) => !isZodEvalProbe(v))).toEqual([]);
    expect(log.cspViolations).toEqual([]);
    expect(log.errors).toEqual([]);
  });
});
