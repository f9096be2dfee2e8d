/**
 * The coordinator's story, end to end and keyboard only: create the office,
 * register three people rescued together (Burmese, Chinese, Vietnamese) with
 * "save and register next", find one by part of the name in their own
 * script, open the one whose intake is incomplete, see the stage rule refuse
 * verification and name what is missing, fix it through Edit, move the case
 * on with a reason, and read the screens in Thai and Burmese.
 *
 * Real renderer, real browser host, real engine worker, real encrypted
 * database; Debian's Chromium. A screenshot of every step goes to
 * tests/artifacts/screens/NN-name.png.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfficeStore } from '../../src/db/store';
import { builtRenderer, chooseRadio, closeStory, cspViolations, isZodEvalProbe, openStory, retype, screenshot, tabTo, type App, type PageLog } from './harness';

declare const document: any;
declare const localStorage: any;
declare const sessionStorage: any;

const PASSPHRASE = 'river crossing at dawn 2026';
const YEAR = new Date().getUTCFullYear(); // case numbers take the year of the engine's (UTC) clock
const caseNo = (n: number) => `MSO-${YEAR}-${String(n).padStart(6, '0')}`;
const poll = { timeout: 15_000, interval: 50 };

let rendererDir: string;
let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let log: PageLog;
let dataDir: string;
let databasePath: string;
let recoveryKey: string;

beforeAll(async () => {
  rendererDir = await builtRenderer();
  // The story spans several tests, so its database lives in a folder of its own
  // (tempDir() empties itself after every test), removed after the last one.
  dataDir = mkdtempSync(join(tmpdir(), 'homeward-e2e-'));
  databasePath = join(dataDir, 'mso.homeward');
  ({ app, browser, context, page, log } = await openStory(databasePath, rendererDir));
}, 120_000);

afterAll(async () => {
  await closeStory({ context, browser, apps: [app] }, [dataDir, rendererDir]);
});

const rows = () => page.locator('[role=listbox][aria-label] [role=option]');
const rowTexts = () => rows().allInnerTexts();
const text = (selector: string) => page.locator(selector).first().innerText();

/** No CSP violation in this document so far (zod's eval probe aside, reported). */
async function noCspViolations(): Promise<void> {
  expect((await cspViolations(page)).filter((v) => !isZodEvalProbe(v))).toEqual([]);
}

/** Types into the focused intake field after walking to it with Tab. */
async function fill(selector: string, value: string): Promise<void> {
  await tabTo(page, selector);
  await retype(page, value);
}

/** Picks from a combobox picker by typing part of the name and pressing Enter. */
async function pick(selector: string, query: string, expected: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(query);
  const listbox = page.locator(`${selector} ~ [role=listbox]`);
  await expect.poll(() => listbox.locator('[role=option][aria-selected=true]').first().innerText(), poll).toContain(expected);
  await page.keyboard.press('Enter');
}

async function check(value: string): Promise<void> {
  await tabTo(page, `input[type=checkbox][value="${value}"]`);
  await page.keyboard.press('Space');
  expect(await page.evaluate((v) => document.querySelector(`input[type=checkbox][value="${v}"]`).checked, value)).toBe(true);
}

describe('a coordinator at Mae Sot, keyboard only', () => {
  it('creates the office database and confirms the recovery key', async () => {
    await page.goto(app.url);
    await page.locator('#officeCode').waitFor();
    // The token left the address bar at once (kept for this tab only).
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('officeCode');
    await page.keyboard.type('MSO');
    await fill('#officeName', 'Mae Sot coordination office');
    await fill('#passphrase', PASSPHRASE);
    await fill('#repeat', 'river crossing at dusk');
    await expect.poll(() => page.locator('#repeat-error').count(), poll).toBe(1);
    expect(await text('#repeat-error')).toBe('The two passphrases differ.');
    await retype(page, PASSPHRASE);
    await expect.poll(() => page.locator('#repeat-error').count(), poll).toBe(0);
    await screenshot(page, '01-create-office');
    await page.keyboard.press('Enter');

    const key = page.getByTestId('recovery-key');
    await key.waitFor({ timeout: 30_000 }); // scrypt 2^17
    recoveryKey = (await key.innerText()).trim();
    // Nine groups of four letters and digits.
    expect(recoveryKey.replace(/[^A-Za-z0-9]/g, '')).toHaveLength(36);
    expect(recoveryKey.split(/[\s-]+/)).toHaveLength(9);
    const continueButton = page.getByRole('button', { name: 'Continue to Homeward' });
    expect(await continueButton.isDisabled()).toBe(true);
    await screenshot(page, '02-recovery-key');
    // Focus starts on the confirmation box: Space ticks it, Tab reaches Continue.
    await page.keyboard.press('Space');
    expect(await continueButton.isDisabled()).toBe(false);
    await tabTo(page, 'button', { text: 'Continue to Homeward' });
    await page.keyboard.press('Enter');

    await page.locator('#list-title').waitFor();
    expect(await text('.topbar')).toContain('Office MSO · Mae Sot coordination office');
    await expect.poll(() => text('.table .empty'), poll).toContain('Nobody is registered yet.');
    expect(await rows().count()).toBe(0);
    // The list takes the keyboard straight into the search field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), poll).toBe('search');
    await screenshot(page, '03-empty-list');

    // The key shown is the real one: it opens the database file (checked in Node, read-only).
    const byKey = OfficeStore.open(databasePath, { recoveryKey }, { readonly: true });
    byKey.close();
  });

  it('registers three people rescued together, saving and registering the next with Ctrl+Enter', async () => {
    await page.keyboard.press('Alt+N');
    await page.locator('#intake-title').waitFor();
    expect(await text('#intake-title')).toBe('Register a person');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), poll).toBe('familyName');

    // 1. Burmese: no family name, one given name of three syllables, name in Myanmar script.
    await fill('#givenNames', 'Aung Kyaw Moe');
    await fill('#nativeName', 'အောင်ကျော်မိုး');
    await chooseRadio(page, 'sex', 'male');
    await fill('#estimatedAge', '27');
    await pick('#claimedNationality', 'Myanm', 'Myanmar');
    await pick('#languages', 'Burm', 'Burmese');
    await fill('#rescueDate', '2026-10-14');
    await fill('#rescueSite', 'KK Park');
    await fill('#rescueOperation', 'Myawaddy handover 2026-10-14');
    await check('withholds_documents');
    await check('debt_bondage');
    await chooseRadio(page, 'consentStatus', 'given');
    await screenshot(page, '04-intake-burmese');
    await page.keyboard.press('Control+Enter');

    const saved = page.locator('.alert.ok[role=status]');
    await expect.poll(() => saved.count(), poll).toBe(1);
    expect(await saved.innerText()).toBe(`Registered ${caseNo(1)}: Aung Kyaw Moe`);
    // A fresh form, focus back on the first field, the rescue kept for the next person.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('familyName');
    expect(await page.inputValue('#givenNames')).toBe('');
    expect(await page.inputValue('#nativeName')).toBe('');
    expect(await page.inputValue('#rescueDate')).toBe('2026-10-14');
    expect(await page.inputValue('#rescueSite')).toBe('KK Park');
    expect(await page.evaluate(() => document.querySelector('input[name=sex]:checked').value)).toBe('unknown');
    await screenshot(page, '05-saved-register-next');

    // 2. Chinese: passport name in pinyin capitals, birth date, a passport held by the compound.
    await page.keyboard.type('ZHANG');
    await fill('#givenNames', 'WEI');
    await fill('#nativeName', '张伟明');
    await chooseRadio(page, 'sex', 'male');
    await chooseRadio(page, 'ageMode', 'birthDate');
    await fill('#birthDate', '1994-03-08');
    await pick('#claimedNationality', 'China', 'China');
    await pick('#languages', 'Chinese', 'Chinese');
    await tabTo(page, 'button', { text: 'Add document' });
    await page.keyboard.press('Enter');
    await page.locator('#doc-0-number').waitFor();
    await tabTo(page, '#doc-0-number'); // the new document's type has focus; its number is next
    await page.keyboard.type('EH4821937');
    expect(await page.inputValue('#doc-0-country')).toBe('China');
    expect(await page.inputValue('#doc-0-holder')).toBe('compound');
    await check('false_promises');
    await chooseRadio(page, 'consentStatus', 'given');
    await screenshot(page, '06-intake-chinese');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => saved.innerText(), poll).toBe(`Registered ${caseNo(2)}: ZHANG WEI`);

    // 3. Vietnamese, incomplete on purpose: sex not asked yet, rescue date unknown.
    await page.keyboard.type('Nguyễn');
    await fill('#givenNames', 'Thị Lan');
    await fill('#estimatedAge', '31');
    await pick('#claimedNationality', 'Viet', 'Vietnam');
    await pick('#languages', 'Vietnam', 'Vietnamese');
    await fill('#rescueDate', '');
    await fill('#rescueSite', 'Shwe Kokko');
    await chooseRadio(page, 'consentStatus', 'given');
    await screenshot(page, '07-intake-vietnamese-incomplete');
    // Plain Enter in a text field saves and opens the new case.
    await tabTo(page, '#rescueSite', { backwards: true });
    await page.keyboard.press('Enter');

    await page.locator('.detail-head h1').waitFor();
    expect(await text('.detail-head h1')).toContain('Nguyễn Thị Lan');
    expect(await text('.detail-summary')).toContain(caseNo(3));

    // Esc (focus is on the heading, not a text field) goes back to the list.
    await page.keyboard.press('Escape');
    await page.locator('#list-title').waitFor();
    await expect.poll(() => rows().count(), poll).toBe(3);
    const all = await rowTexts();
    expect(all[0]).toContain(caseNo(1));
    expect(all[0]).toContain('Aung Kyaw Moe');
    expect(all[0]).toContain('အောင်ကျော်မိုး');
    expect(all[1]).toContain(caseNo(2));
    expect(all[1]).toContain('张伟明');
    expect(all[2]).toContain(caseNo(3));
    expect(all[2]).toContain('Nguyễn Thị Lan');
    for (const row of all) expect(row).toContain('Intake');
    expect(await text('[role=status].hint')).toBe('3 of 3 people');
    await screenshot(page, '08-list-three-people');

    // Column headers sort: by name (family name, or the given names without one), again the other way; by age.
    const order = async () => (await rowTexts()).map((r) => [1, 2, 3].find((n) => r.includes(caseNo(n))));
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await expect.poll(order, poll).toEqual([1, 3, 2]);
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await expect.poll(order, poll).toEqual([2, 3, 1]);
    await page.getByRole('button', { name: 'Sort by Age' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sort by Age' }).getAttribute('aria-pressed'), poll).toBe('true');
    await expect.poll(() => rows().count(), poll).toBe(3);
    expect(await page.locator('.alert.error, [role=alert]').count()).toBe(0);
    await page.getByRole('button', { name: 'Sort by Case' }).click();
    await expect.poll(order, poll).toEqual([1, 2, 3]);
    await page.locator('#search').focus();
  });

  it('finds a person by part of the name in their own script', async () => {
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    await page.keyboard.type('ကျော်');
    await expect.poll(() => rowTexts(), poll).toHaveLength(1);
    expect((await rowTexts())[0]).toContain(caseNo(1));
    expect((await rowTexts())[0]).toContain('Aung Kyaw Moe');
    expect(await text('[role=status].hint')).toBe('1 of 1 person');
    await screenshot(page, '09-search-burmese');

    await retype(page, '张伟');
    await expect.poll(async () => (await rowTexts()).join('|'), poll).toContain(caseNo(2));
    expect(await rowTexts()).toHaveLength(1);
    expect((await rowTexts())[0]).toContain('ZHANG WEI');
    expect((await rowTexts())[0]).toContain('张伟明');
    await screenshot(page, '10-search-chinese');

    // Pinyin in another order, and Vietnamese without its diacritics, find the same people.
    await retype(page, 'wei zhang');
    await expect.poll(async () => (await rowTexts()).join('|'), poll).toContain(caseNo(2));
    expect(await rowTexts()).toHaveLength(1);
    await retype(page, 'nguyen thi');
    await expect.poll(async () => (await rowTexts()).join('|'), poll).toContain(caseNo(3));
    expect(await rowTexts()).toHaveLength(1);
    await retype(page, 'nobody by this name');
    await expect.poll(() => page.locator('.table .empty').count(), poll).toBe(1);
    expect(await text('.table .empty')).toBe('Nobody matches these filters.');
    await retype(page, 'Thị Lan');
    await expect.poll(async () => (await rowTexts()).join('|'), poll).toContain(caseNo(3));
    expect(await rowTexts()).toHaveLength(1);
  });

  // Chinese names have no spaces: two characters from inside one still find it.
  it('finds 张伟明 by the given name 伟明', async () => {
    try {
      await retype(page, '伟明');
      await expect.poll(async () => (await rowTexts()).join('|'), { timeout: 3000, interval: 50 }).toContain(caseNo(2));
      expect(await rowTexts()).toHaveLength(1);
    } finally {
      await retype(page, 'Thị Lan');
      await expect.poll(async () => (await rowTexts()).join('|'), poll).toContain(caseNo(3));
    }
  });

  it('opens the incomplete case and sees the stage rule refuse verification, naming what is missing', async () => {
    // Down arrow leaves the search for the rows; the first is selected; Enter opens it.
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox');
    expect(await page.locator('[role=option][aria-selected=true]').innerText()).toContain(caseNo(3));
    await page.keyboard.press('Enter');

    await page.locator('.detail-head h1').waitFor();
    expect(await text('.detail-head h1')).toContain('Nguyễn Thị Lan');
    expect(await text('.detail-summary')).toContain(caseNo(3));
    expect(await text('.detail-summary .chip')).toBe('Intake');
    // Focus lands on the name so a screen reader says whose case this is.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), poll).toBe('H1');

    const blocked = page.locator('.detail-steps li.blocked').filter({ hasText: 'Verification' });
    expect(await blocked.count()).toBe(1);
    const refusal = await blocked.innerText();
    expect(refusal).toContain('Not yet possible');
    expect(refusal).toContain('Intake is not complete. Missing: Sex, Rescue date.');
    // There is no button to try the blocked move, only the exits.
    expect(await page.getByRole('button', { name: 'Move to Verification' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Move to Absconded' }).count()).toBe(1);
    await screenshot(page, '11-detail-verification-refused');

    // The engine refuses the same move when asked directly (same rule, same words).
    const refused = await page.evaluate(async (ref) => {
      const token = sessionStorage.getItem('homeward.token');
      const r = await fetch('api/person.advance', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ ref, to: 'verification', reason: 'trying anyway' }),
      });
      return r.json();
    }, caseNo(3));
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    expect(JSON.stringify(refused)).toContain('verification.intake_complete');
  });

  it('fixes the record through Edit and moves the case to verification with a reason', async () => {
    // E edits (focus is on the heading).
    await page.keyboard.press('e');
    await page.locator('#intake-title').waitFor();
    expect(await text('#intake-title')).toBe('Edit Nguyễn Thị Lan');
    expect(await page.inputValue('#familyName')).toBe('Nguyễn');
    expect(await page.inputValue('#rescueSite')).toBe('Shwe Kokko');
    await chooseRadio(page, 'sex', 'female');
    await fill('#rescueDate', '2026-10-15');
    await fill('#editReason', 'Sex and rescue date confirmed at the second interview');
    await screenshot(page, '12-edit-incomplete-person');
    await page.keyboard.press('Enter');

    await page.locator('.detail-head h1').waitFor();
    await expect.poll(() => text('.detail-summary'), poll).toContain('Female');
    const move = page.getByRole('button', { name: 'Move to Verification' });
    await expect.poll(() => move.count(), poll).toBe(1);
    expect(await page.locator('.detail-steps li.blocked').count()).toBe(0);
    await screenshot(page, '13-detail-ready-for-verification');

    await tabTo(page, 'button', { text: 'Move to Verification' });
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').innerText()).toBe('Move the case to Verification');
    // A reason is required: Enter on an empty reason says so and moves nothing.
    await tabTo(page, 'dialog[open] input[type=text]');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.locator('[role=alert]').count(), poll).toBe(1);
    expect(await dialog.locator('[role=alert]').innerText()).toContain('Give a reason');
    await page.keyboard.type('Intake complete; list for the embassy of Viet Nam');
    await screenshot(page, '14-move-reason-dialog');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('dialog[open]').count(), poll).toBe(0);
    await expect.poll(() => text('.detail-summary .chip'), poll).toBe('Verification');
    expect(await text('.detail-stagebar .current')).toContain('Verification');
    expect(await text('.detail-stagebar .done')).toContain('Intake');
    expect(await text('.detail-status')).toContain('Moved to Verification');
    await expect.poll(() => text('#content'), poll).toContain('Intake complete; list for the embassy of Viet Nam');
    await screenshot(page, '15-detail-in-verification');

    await page.keyboard.press('Escape');
    await page.locator('#list-title').waitFor();
    await retype(page, '');
    await expect.poll(() => rows().count(), poll).toBe(3);
    const all = await rowTexts();
    expect(all[2]).toContain('Verification');
    expect(all[0]).toContain('Intake');
    const strip = await text('.stages');
    expect(strip).toMatch(/Intake\s*2/);
    expect(strip).toMatch(/Verification\s*1/);
  });

  it('reads the screens in Thai, Chinese, Burmese and Vietnamese, and remembers the choice', async () => {
    const english = { people: await text('nav a[href="#/people"]'), title: await text('#list-title'), intake: await text('.stages button:nth-child(2)') };
    expect(english).toEqual({ people: 'People', title: 'People', intake: expect.stringContaining('Intake') });

    const scripts = { th: /[\u0E00-\u0E7F]/, zh: /[\u4E00-\u9FFF]/, my: /[\u1000-\u109F]/, vi: /[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôốồộổỗơớờợởỡưứừựửữ]/i } as const;
    let n = 16;
    await tabTo(page, '#language', { backwards: true });
    for (const language of ['th', 'zh', 'my', 'vi'] as const) {
      // A closed select changes with the arrow keys: en → th → zh → my → vi.
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), poll).toMatch(new RegExp(`^${language}`));
      const people = await text('nav a[href="#/people"]');
      const title = await text('#list-title');
      const stage = await text('.stages button:nth-child(2)');
      expect(people, `${language}: the People link`).not.toBe(english.people);
      expect(people, `${language}: the People link`).toMatch(scripts[language]);
      expect(title).not.toBe(english.title);
      expect(stage, `${language}: the Intake stage`).not.toContain('Intake');
      if (language !== 'vi') expect(stage).toMatch(scripts[language]);
      const firstRow = (await rowTexts())[0]!;
      expect(firstRow).toContain(caseNo(1));
      expect(firstRow).not.toContain('Intake');
      expect(await page.evaluate(() => localStorage.getItem('homeward.language'))).toBe(language);
      await screenshot(page, `${n++}-list-${language}`);
    }

    // Thai and Burmese on the detail screen as well: stage names and the next steps.
    for (const language of ['th', 'my'] as const) {
      await page.locator('#language').selectOption(language);
      await page.goto(`${app.origin}#/person/${caseNo(1)}`);
      await page.locator('.detail-head h1').waitFor();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), poll).toBe(language);
      const chip = await text('.detail-summary .chip');
      expect(chip).not.toBe('Intake');
      expect(chip).toMatch(scripts[language]);
      expect(await text('.detail-stagebar')).toMatch(scripts[language]);
      expect(await text('.detail-steps')).toMatch(scripts[language]);
      await screenshot(page, `${n++}-detail-${language}`);
    }

    await noCspViolations();
    // Burmese is remembered across a reload of the page.
    await page.locator('#language').selectOption('my');
    await page.reload();
    await page.locator('.detail-head h1').waitFor();
    expect(await page.locator('#language').inputValue()).toBe('my');
    expect(await text('nav a[href="#/people"]')).toMatch(scripts.my);
    await page.locator('#language').selectOption('en');
  });

  it('kept the page clean: no script errors, no CSP violations, no request beyond the loopback host', async () => {
    await noCspViolations();
    expect(log.cspViolations).toEqual([]);
    expect(log.errors).toEqual([]);
    const foreign = log.requests.filter((u) => !u.startsWith(app.origin));
    expect(foreign).toEqual([]);
  });
});
