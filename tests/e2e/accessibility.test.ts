/**
 * axe-core on the real screens: first run (create office), unlock, the list
 * with people in it, the intake form empty and with its validation errors
 * shown, the person detail screens (incomplete, with a hold and notes,
 * verified) and the reason dialog. No violation of impact serious or
 * critical is allowed; every violation found is printed so it can be fixed.
 *
 * axe is served from the page's own origin (page.route), so the strict CSP
 * (script-src 'self') stays in force while it runs.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAgeIdentity } from '../../src/crypto/age';
import { ageRecipientFingerprint } from '../../src/crypto/fingerprint';
import { buildRescueList } from '../../src/domain/demo/rescue-list';
import { keyCard } from '../../src/services/office-keys';
import { updatePerson } from '../../src/services/people';
import { syncFolderPass } from '../../src/services/sync/folder';
import { addPeer } from '../../src/services/sync/peers';
import { syncOffices } from '../sync-helpers';
import { toCsv } from '../fixtures/encode';
import { AXE_PATH, builtRenderer, callApi, closeStory, launchChromium, newPage, screenshot, seedOffice, startApp, tabTo, unlock, type App, type PageLog } from './harness';

declare const document: any;
declare const window: any;
declare const sessionStorage: any;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const poll = { timeout: 15_000, interval: 50 };

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

let rendererDir: string;
let dataDir: string;
let app: App;
let fresh: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let log: PageLog;
let cases: ReturnType<typeof seedOffice>;
const report: string[] = [];
let importedFirst = '';

beforeAll(async () => {
  rendererDir = await builtRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'homeward-e2e-a11y-'));
  cases = seedOffice(join(dataDir, 'seeded.homeward'));
  app = await startApp({ databasePath: join(dataDir, 'seeded.homeward'), rendererDir });
  fresh = await startApp({ databasePath: join(dataDir, 'fresh.homeward'), rendererDir });
  browser = await launchChromium();
  ({ context, page, log } = await newPage(browser));
  await context.route(new RegExp(`${AXE_PATH.replace(/\./g, '\\.')}$`), (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: AXE_SOURCE }),
  );
}, 120_000);

afterAll(async () => {
  if (report.length) console.log(`axe-core findings (all impacts):\n${report.join('\n')}`);
  await closeStory({ context, browser, apps: [app, fresh] }, [dataDir, rendererDir]);
});

/** Runs axe on the page as it is now; returns the serious and critical violations, printing all of them. */
async function audit(screen: string): Promise<Violation[]> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ url: AXE_PATH });
  }
  const { violations, passed, version } = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    const violations: Violation[] = result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n: any) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300) })),
    }));
    return { violations, passed: result.passes.length as number, version: result.testEngine.version as string };
  });
  // axe really ran its rules on this screen (a silent no-op would pass everything).
  expect(version).toMatch(/^4\./);
  expect(passed).toBeGreaterThan(10);
  for (const v of violations) {
    report.push(`[${screen}] ${v.impact} ${v.id}${isKnown(screen, v) ? ' (known, reported)' : ''}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes.slice(0, 5)) report.push(`    ${n.target}  ${n.html}\n      ${n.summary}`);
  }
  return violations.filter((v) => (v.impact === 'serious' || v.impact === 'critical') && !isKnown(screen, v));
}

/** Findings accepted with a reason; none at present. An entry hides only what it names. */
const KNOWN: { screen: RegExp; rule: string; target: RegExp; why: string }[] = [];

const isKnown = (screen: string, v: Violation) =>
  KNOWN.some((k) => k.screen.test(screen) && k.rule === v.id && v.nodes.every((n) => k.target.test(n.target)));

/** The serious and critical violations as readable lines, so a failure says what to fix. */
const lines = (violations: Violation[]) => violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target).join(', ')}`);

describe('accessibility (axe-core): no serious or critical violations', () => {
  it('on the first-run screen that creates the office', async () => {
    await page.goto(fresh.url);
    await page.locator('#officeCode').waitFor();
    expect(lines(await audit('create office'))).toEqual([]);
  });

  it('on the unlock screen, also after a wrong passphrase', async () => {
    await page.goto(app.url);
    await page.locator('#secret').waitFor();
    expect(lines(await audit('unlock'))).toEqual([]);
    await page.keyboard.type('not the passphrase');
    await page.keyboard.press('Enter');
    await page.locator('[role=alert]').waitFor();
    await screenshot(page, 'a11y-01-unlock-wrong-passphrase');
    expect(lines(await audit('unlock, wrong passphrase'))).toEqual([]);
  });

  it('on the list of people, with people in it', async () => {
    await unlock(page, app);
    await expect.poll(() => page.locator('[role=listbox] [role=option]').count(), poll).toBe(4);
    await screenshot(page, 'a11y-02-list');
    expect(lines(await audit('list'))).toEqual([]);
    // Filtered to a stage, with the clear-filters button shown.
    await page.getByRole('button', { name: /^Verification/ }).click();
    await expect.poll(() => page.locator('[role=listbox] [role=option]').count(), poll).toBe(1);
    expect(lines(await audit('list, filtered'))).toEqual([]);
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('on the empty intake form', async () => {
    await page.keyboard.press('Alt+N');
    await page.locator('#intake-title').waitFor();
    expect(lines(await audit('intake, empty'))).toEqual([]);
  });

  it('on the intake form with its validation errors shown', async () => {
    // Saving an empty form: no name. A wrong date and age as well.
    await tabTo(page, '#estimatedAge');
    await page.keyboard.type('300');
    await tabTo(page, '#rescueDate');
    await page.keyboard.type('2026-13-45');
    await page.keyboard.press('Enter');
    await page.locator('.alert.error[role=alert]').waitFor();
    expect(await page.locator('.alert.error').innerText()).toBe('Please correct the marked fields.');
    expect(await page.locator('.field .error').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[aria-invalid=true]').count()).toBeGreaterThanOrEqual(2);
    // The language picker open with suggestions.
    await tabTo(page, '#languages', { backwards: true });
    await page.keyboard.type('Bur');
    await page.locator('#languages ~ [role=listbox]').waitFor();
    await screenshot(page, 'a11y-03-intake-errors');
    expect(lines(await audit('intake, validation errors'))).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('on the detail of an incomplete case (blocked next step)', async () => {
    await page.goto(`${app.origin}#/person/${cases.incomplete}`);
    await page.locator('.detail-steps li.blocked').first().waitFor();
    expect(lines(await audit('detail, incomplete'))).toEqual([]);
  });

  it('on the detail of a minor with a hold, notes and aliases', async () => {
    await page.goto(`${app.origin}#/person/${cases.minor}`);
    await page.locator('.detail-head h1').waitFor();
    await expect.poll(() => page.locator('#content').innerText(), poll).toContain('Spoke with his aunt');
    await screenshot(page, 'a11y-04-detail-minor-hold');
    expect(lines(await audit('detail, minor with hold'))).toEqual([]);
  });

  it('on the detail of a verified case, and its reason dialog', async () => {
    await page.goto(`${app.origin}#/person/${cases.verified}`);
    await page.locator('.detail-head h1').waitFor();
    await expect.poll(() => page.locator('#content').innerText(), poll).toContain('CN-EL-2026-114');
    await screenshot(page, 'a11y-05-detail-verified');
    expect(lines(await audit('detail, verified'))).toEqual([]);
    await page.getByRole('button', { name: 'Move to Transfer' }).click();
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.press('Enter'); // no reason: the dialog says one is needed
    await page.locator('dialog[open] [role=alert]').waitFor();
    await screenshot(page, 'a11y-06-reason-dialog-error');
    expect(lines(await audit('reason dialog, error'))).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('on the list and a detail screen in Burmese and Thai (lang attributes, shaping, contrast)', async () => {
    for (const language of ['my', 'th'] as const) {
      await page.goto(`${app.origin}#/people`);
      await page.locator('#language').selectOption(language);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), poll).toBe(language);
      await expect.poll(() => page.locator('[role=listbox] [role=option]').count(), poll).toBe(4);
      expect(lines(await audit(`list, ${language}`))).toEqual([]);
      await page.goto(`${app.origin}#/person/${cases.minor}`);
      await page.locator('.detail-head h1').waitFor();
      expect(lines(await audit(`detail, ${language}`))).toEqual([]);
    }
    await page.locator('#language').selectOption('en');
  });

  it('catches a real violation (the harness is not blind)', async () => {
    await page.goto(`${app.origin}#/people`);
    await page.locator('#search').waitFor();
    // Take the search field's label away: axe must call that critical.
    await page.evaluate(() => {
      document.querySelector('label[for=search]').remove();
      document.querySelector('#search').removeAttribute('title');
      document.querySelector('#search').removeAttribute('placeholder');
    });
    const found = await audit('sanity check: label removed on purpose');
    expect(found.map((v) => v.id)).toContain('label');
    await page.reload();
    await page.locator('#search').waitFor();
  });

  it('on every step of the import wizard', async () => {
    await page.goto(`${app.origin}#/people`);
    await page.locator('#list-title').waitFor();
    await page.keyboard.press('Alt+I');
    await page.locator('#import-file').waitFor();
    expect(lines(await audit('import, choose the file'))).toEqual([]);

    // A small synthetic list: broken rows, a blank line, one person listed twice.
    const list = buildRescueList({ seed: 5, count: 14, malformedRows: 2, blankRows: 1, inFileDuplicates: 1, today: new Date().toISOString().slice(0, 10) });
    await page.setInputFiles('#import-file', { name: 'shelter-list.csv', mimeType: 'text/csv', buffer: Buffer.from(toCsv(list.header, list.rows)) });
    await expect.poll(() => page.locator('#import-step-title').innerText(), poll).toContain('How the file was read');
    expect(lines(await audit('import, how the file was read'))).toEqual([]);

    await page.getByRole('button', { name: /^Next/ }).click();
    await page.locator('.import-columns').waitFor();
    expect(lines(await audit('import, columns'))).toEqual([]);
    // Two columns for one field: the error is shown next to the selects.
    await page.locator('#import-col-0').selectOption('rescueSite');
    await page.locator('#import-col-0-error').waitFor();
    await page.locator('#import-default-rescueDate').fill('14/10/2026');
    await page.locator('#import-default-rescueDate-error').waitFor();
    await screenshot(page, 'a11y-07-import-columns-errors');
    expect(lines(await audit('import, columns with errors'))).toEqual([]);
    await page.locator('#import-col-0').selectOption('');
    await page.locator('#import-default-rescueDate').fill('');

    await page.getByRole('button', { name: 'Check the list' }).click();
    await page.locator('.import-totals').waitFor();
    await expect.poll(() => page.locator('.import-rows .body [role=row][data-row]').count(), poll).toBeGreaterThan(0);
    expect(lines(await audit('import, preview'))).toEqual([]);
    await page.locator('button[data-filter=invalid]').click();
    await expect.poll(() => page.locator('.import-rows .body .problems').count(), poll).toBe(2);
    expect(lines(await audit('import, preview of rows that cannot be imported'))).toEqual([]);
    await page.locator('button[data-filter=already_imported]').click();
    await expect.poll(() => page.locator('.import-rows .empty').count(), poll).toBe(1);
    expect(lines(await audit('import, preview with no rows'))).toEqual([]);

    await page.getByRole('button', { name: /^Register \d+ people…$/ }).click();
    await page.locator('.import-confirm').waitFor();
    expect(lines(await audit('import, confirm'))).toEqual([]);
    await page.getByRole('button', { name: /^Register \d+ people$/ }).click();
    await page.getByTestId('import-outcome').waitFor();
    expect(lines(await audit('import, finished'))).toEqual([]);
    importedFirst = /Case numbers (\S+) to/.exec(await page.getByTestId('import-outcome').innerText())![1]!;
  });

  it('on the duplicate queue, the pair screen (also in Burmese and Thai) and its dialogs', async () => {
    // A second registration of a seeded person, as intake would make it: the engine queues the pair.
    const added = (await page.evaluate(async () => {
      const token = sessionStorage.getItem('homeward.token');
      const r = await fetch('api/person.add', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ givenNames: 'Aung Kyaw Moe', nativeName: 'အောင်ကျော်မိုး', sex: 'male', estimatedAge: 28, claimedNationality: 'MM', phone: '+95 9 420 123 456', rescueSite: 'KK Park' }),
      });
      return r.json();
    })) as { ok: boolean };
    expect(added.ok).toBe(true);
    await page.goto(`${app.origin}#/duplicates`);
    await page.locator('.dup-list [role=option]').first().waitFor();
    expect(lines(await audit('duplicate queue'))).toEqual([]);
    const pairWithSeeded = page.locator('.dup-list [role=option]').filter({ hasText: cases.complete });
    await pairWithSeeded.first().dblclick();
    await page.locator('.dup-compare').waitFor();
    await screenshot(page, 'a11y-08-duplicate-pair');
    expect(lines(await audit('pair'))).toEqual([]);
    for (const language of ['my', 'th'] as const) {
      await page.locator('#language').selectOption(language);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), poll).toBe(language);
      expect(lines(await audit(`pair, ${language}`))).toEqual([]);
    }
    await page.locator('#language').selectOption('en');
    await page.locator('body').press('m');
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.press('Enter'); // no reason: the dialog says one is needed
    await page.locator('dialog[open] [role=alert]').waitFor();
    expect(lines(await audit('merge dialog, reason missing'))).toEqual([]);
    await page.keyboard.type('Same person, registered twice at intake');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('dialog[open]').count(), poll).toBe(0);
    await page.locator('.alert.ok').first().waitFor();
    expect(lines(await audit('after a merge'))).toEqual([]);
  });

  it('on a person with merged records, sources and open duplicates, and on the merged-away record', async () => {
    type Side = { stage: string; caseNumber: string };
    const merged = (await page.evaluate(async () => {
      const token = sessionStorage.getItem('homeward.token');
      const r = await fetch('api/duplicate.list', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ status: 'merged' }) });
      return r.json();
    })) as { value: { candidates: { a: Side; b: Side }[] } };
    const pair = merged.value.candidates[0]!;
    const survivor = pair.a.stage === 'merged' ? pair.b.caseNumber : pair.a.caseNumber;
    const away = pair.a.stage === 'merged' ? pair.a.caseNumber : pair.b.caseNumber;
    await page.goto(`${app.origin}#/person/${survivor}`);
    await page.locator('#detail-merged-heading').waitFor();
    expect(lines(await audit('detail with merged records'))).toEqual([]);
    await page.getByRole('button', { name: /^Undo merge/ }).click();
    await page.locator('dialog[open]').waitFor();
    expect(lines(await audit('undo merge dialog'))).toEqual([]);
    await page.keyboard.press('Escape');
    await page.goto(`${app.origin}#/person/${away}`);
    await page.getByTestId('merged-into').waitFor();
    expect(lines(await audit('detail of a merged-away record'))).toEqual([]);
    // A person who came from the imported list: the sources section.
    await page.goto(`${app.origin}#/person/${importedFirst}`);
    await page.locator('#detail-sources-heading').waitFor();
    expect(lines(await audit('detail with sources'))).toEqual([]);
  });

  it('on the intake form showing possible duplicates', async () => {
    await page.goto(`${app.origin}#/new`);
    await page.locator('#familyName').waitFor();
    await page.locator('#familyName').fill('ZHANG');
    await page.locator('#givenNames').fill('WEI');
    await page.locator('input[name=ageMode][value=birthDate]').check();
    await page.locator('#birthDate').fill('1994-03-08');
    await page.getByTestId('intake-duplicates').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('intake-duplicates').innerText()).toContain(cases.verified);
    await screenshot(page, 'a11y-09-intake-possible-duplicates');
    expect(lines(await audit('intake, possible duplicates'))).toEqual([]);
  });

  describe('the way home: keys, verification lists, transfer batches, check-off, handovers', () => {
    /** One API call from inside the page, with its token: to set the scene for the screen under audit. */
    const call = <T = any>(name: string, input: unknown): Promise<T> => callApi<T>(page, name, input);
    const embassy = generateAgeIdentity();
    const rescue = { rescueDate: '2026-10-14', rescueSite: 'Shwe Kokko', consent: { status: 'given' }, sex: 'male' };
    let burmese = '';
    let chinese = '';
    let listCode = '';
    let batchCode = '';
    let handoverCode = '';
    let sealed = '';

    it('on the keys screen, and the fingerprint step of adding a recipient', async () => {
      await page.goto(`${app.origin}#/keys`);
      await page.getByTestId('age-recipient').waitFor();
      expect(lines(await audit('keys'))).toEqual([]);
      await page.getByLabel('Name', { exact: true }).fill('Embassy of the People’s Republic of China, Bangkok');
      await page.getByLabel('Their age key', { exact: true }).fill(embassy.recipient);
      await page.getByRole('button', { name: 'Next: check the fingerprint' }).click();
      await page.getByTestId('fingerprint-step').waitFor();
      expect(lines(await audit('keys, fingerprint step'))).toEqual([]);
      await page.keyboard.type('0000 0000 0000 0000 0000 0000 0000 0000');
      await page.keyboard.press('Enter');
      await page.getByTestId('fingerprint-mismatch').waitFor();
      expect(lines(await audit('keys, fingerprint mismatch'))).toEqual([]);
      await page.getByLabel('Fingerprint as they read it out').fill(ageRecipientFingerprint(embassy.recipient));
      await page.keyboard.press('Enter');
      await page.getByTestId('recipients').waitFor();
      expect(lines(await audit('keys, with a recipient'))).toEqual([]);
      await page.getByRole('button', { name: /^Remove/ }).first().click();
      await page.locator('dialog[open]').waitFor();
      expect(lines(await audit('remove recipient dialog'))).toEqual([]);
      await page.keyboard.press('Escape');
    });

    it('on the verification screen, an embassy list, its export dialog and the check of a returned file', async () => {
      burmese = (await call('person.add', { givenNames: 'Zaw Min Htut', nativeName: 'ဇော်မင်းထွဋ်', estimatedAge: 24, claimedNationality: 'MM', ...rescue })).caseNumber;
      chinese = (await call('person.add', { familyName: 'LI', givenNames: 'QIANG', nativeName: '李强', birthDate: '1993-06-01', claimedNationality: 'CN', ...rescue })).caseNumber;
      for (const c of [burmese, chinese]) await call('person.advance', { ref: c, to: 'verification', reason: 'Intake complete' });
      await page.goto(`${app.origin}#/verification?country=CN`);
      await page.getByTestId('awaiting-count').waitFor();
      expect(lines(await audit('verification'))).toEqual([]);
      const list = await call('verificationList.create', { country: 'CN', authority: 'Embassy of the People’s Republic of China, Bangkok', people: [chinese] });
      listCode = list.code;
      await page.goto(`${app.origin}#/verification/${listCode}`);
      await page.getByTestId('list-members').waitFor();
      expect(lines(await audit('verification list'))).toEqual([]);
      await page.getByRole('button', { name: 'Export the list…' }).click();
      await page.locator('dialog[open]').waitFor();
      await page.locator('dialog[open] select').selectOption({ label: 'A passphrase only (no recipient)' });
      await page.getByRole('button', { name: 'Make and save the encrypted file' }).click();
      await page.locator('dialog[open] [role=alert]').waitFor();
      expect(lines(await audit('export dialog, passphrase too short'))).toEqual([]);
      await page.keyboard.press('Escape');
      const csv = `Case number,Outcome (confirmed / not confirmed / other nationality),Reference\r\n${chinese},confirmd,CN-1\r\nMSO-2026-999999,confirmed,CN-2\r\n`;
      await page.setInputFiles('#outcome-file', { name: 'returned.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByTestId('outcome-check').waitFor();
      expect(lines(await audit('returned list, rows that cannot be read'))).toEqual([]);
      await page.locator('#language').selectOption('my');
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), poll).toBe('my');
      expect(lines(await audit('verification list, my'))).toEqual([]);
      await page.locator('#language').selectOption('en');
    });

    it('on planning a batch, the batch page and the check-off screen (result, refusal, missing dialog)', async () => {
      await call('verification.record', {
        ref: chinese,
        verification: { method: 'embassy_list', authority: 'Embassy of the People’s Republic of China, Bangkok', country: 'CN', outcome: 'confirmed', submissionBatch: listCode, reference: 'CN-1' },
      });
      await call('person.advance', { ref: chinese, to: 'transfer', reason: 'Nationality confirmed' });
      await call('person.advance', { ref: cases.verified, to: 'transfer', reason: 'Nationality confirmed' });
      await call('hold.add', { ref: cases.verified, kind: 'medical', reason: 'Fever; not fit to travel yet' });
      await page.goto(`${app.origin}#/batches/new`);
      await page.getByTestId('candidates').waitFor();
      expect(lines(await audit('plan a batch, one person not ready'))).toEqual([]);
      await page.getByRole('button', { name: 'Plan batch with 0 people' }).click();
      await page.locator('[aria-invalid=true]').first().waitFor();
      expect(lines(await audit('plan a batch, required fields missing'))).toEqual([]);
      const created = await call('batch.create', {
        batch: { fromSite: 'Mae Sot shelter', crossingPoint: 'Friendship Bridge 2', toSite: 'Mae Sot airport', plannedDate: '2026-11-20', capacity: 30 },
        people: [chinese],
      });
      batchCode = created.batch.code;
      await page.goto(`${app.origin}#/batches`);
      await page.getByTestId('batches').waitFor();
      expect(lines(await audit('transfer batches'))).toEqual([]);
      await page.goto(`${app.origin}#/batches/${batchCode}`);
      await page.getByTestId('members').waitFor();
      expect(lines(await audit('batch, planned'))).toEqual([]);
      await page.getByRole('button', { name: 'Start boarding' }).click();
      await page.getByTestId('open-checkoff').click();
      await page.locator('#checkoff-input').waitFor();
      expect(lines(await audit('check-off, waiting'))).toEqual([]);
      await page.keyboard.type(chinese);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('verdict').innerText(), poll).toContain('Boarded');
      expect(lines(await audit('check-off, marked'))).toEqual([]);
      await page.keyboard.type('MSO-2026-999999');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('verdict').innerText(), poll).toContain('is not on batch');
      expect(lines(await audit('check-off, not on the batch'))).toEqual([]);
      await page.keyboard.press('Alt+M');
      await page.locator('dialog[open]').waitFor();
      expect(lines(await audit('check-off, missing dialog'))).toEqual([]);
      await page.keyboard.press('Escape');
      await page.locator('#language').selectOption('th');
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), poll).toBe('th');
      expect(lines(await audit('check-off, th'))).toEqual([]);
      await page.locator('#language').selectOption('en');
      await page.goto(`${app.origin}#/batches/${batchCode}`);
      await page.getByTestId('members').waitFor();
      await page.getByRole('button', { name: /^Correct/ }).first().click();
      await page.locator('dialog[open]').waitFor();
      expect(lines(await audit('batch, correct a check-off'))).toEqual([]);
      await page.keyboard.press('Escape');
    });

    it('on a new handover (eligible and not), the handover page, the handovers list and the package check', async () => {
      await call('batch.setStatus', { batch: batchCode, to: 'in_transit' });
      await call('batch.mark', { batch: batchCode, person: chinese, mark: 'arrived' });
      await call('batch.setStatus', { batch: batchCode, to: 'arrived' });
      await page.goto(`${app.origin}#/handovers/new?batch=${batchCode}`);
      await page.getByTestId('eligible').waitFor();
      expect(lines(await audit('new handover'))).toEqual([]);
      await page.getByLabel('Receiving country').selectOption('VN');
      await expect.poll(() => page.getByTestId('ineligible').count(), poll).toBe(1);
      expect(lines(await audit('new handover, nobody eligible'))).toEqual([]);
      const h = await call('handover.create', {
        batch: batchCode,
        receivingCountry: 'CN',
        agency: 'Ministry of Public Security',
        officialName: 'Wang Jun',
        officialId: 'MPS-1001',
        place: 'Mae Sot airport',
      });
      handoverCode = h.code;
      await page.goto(`${app.origin}#/handovers/${handoverCode}`);
      await page.getByTestId('manifest-sha').waitFor();
      expect(lines(await audit('handover'))).toEqual([]);
      await page.locator('#language').selectOption('my');
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), poll).toBe('my');
      expect(lines(await audit('handover, my'))).toEqual([]);
      await page.locator('#language').selectOption('en');
      await page.goto(`${app.origin}#/handovers`);
      await page.getByTestId('handovers').waitFor();
      expect(lines(await audit('handovers'))).toEqual([]);
      sealed = (await call('handover.export', { handover: handoverCode, passphrase: 'a passphrase for the audit' })).data;
      await page.goto(`${app.origin}#/handovers/check`);
      await page.locator('h1', { hasText: 'Check a package' }).waitFor();
      expect(lines(await audit('check a package'))).toEqual([]);
      await page.setInputFiles('input[type=file]', { name: `${handoverCode}.handover.age`, mimeType: 'application/octet-stream', buffer: Buffer.from(sealed, 'base64') });
      await page.getByLabel('Passphrase (if sealed with one)').fill('a passphrase for the audit');
      await page.getByRole('button', { name: 'Check the package' }).click();
      await page.getByTestId('check-result').waitFor();
      expect(await page.locator('.j-checks li.bad').count()).toBe(0);
      expect(lines(await audit('check a package, result'))).toEqual([]);
    });

    it('on the sync screen, the add-peer dialog (fingerprints, mismatch), a pass with a refused bundle and the conflict review', async () => {
      // A second office in Node; a person both offices then correct at the same time.
      const folder = join(dataDir, 'sync-folder');
      mkdirSync(folder);
      const [myw] = syncOffices(['MYW'], dataDir);
      try {
        const card = keyCard(myw!.store.db);
        await call('sync.setFolder', { folder });
        const shared = (await call('person.add', { familyName: 'Htun', givenNames: 'Min Lwin', sex: 'male', estimatedAge: 30, claimedNationality: 'MM', rescueSite: 'KK Park' })).caseNumber as string;
        await page.goto(`${app.origin}#/sync`);
        await page.getByTestId('run-pass').waitFor();
        expect(lines(await audit('sync'))).toEqual([]);

        writeFileSync(join(dataDir, 'MYW.homeward-card.json'), card.card);
        await page.getByTestId('add-peer').click();
        await page.locator('dialog[open]').waitFor();
        expect(lines(await audit('add peer, card'))).toEqual([]);
        await page.setInputFiles('dialog[open] input[type=file]', join(dataDir, 'MYW.homeward-card.json'));
        await expect.poll(() => page.locator('dialog[open] textarea').inputValue(), poll).toContain('MYW');
        await page.getByRole('button', { name: 'Next: check the fingerprints' }).click();
        await page.getByTestId('peer-fingerprints').waitFor();
        expect(lines(await audit('add peer, fingerprints'))).toEqual([]);
        await page.getByLabel('Encryption key fingerprint, as they read it out').fill(card.ageFingerprint);
        await page.getByLabel('Signing key fingerprint, as they read it out').fill('0000 0000 0000 0000 0000 0000 0000 0000');
        await page.keyboard.press('Enter');
        await page.getByTestId('peer-mismatch').waitFor();
        expect(lines(await audit('add peer, mismatch'))).toEqual([]);
        await page.getByLabel('Signing key fingerprint, as they read it out').fill(card.signingFingerprint);
        await page.keyboard.press('Enter');
        await page.getByTestId('peers').waitFor();
        const mso = await call('keys.show', {});
        addPeer(myw!.store, 'admin@myw', { card: mso.card, ageFingerprint: mso.ageFingerprint, signingFingerprint: mso.signingFingerprint });

        await page.getByTestId('run-pass').click();
        await page.getByTestId('pass-result').waitFor();
        syncFolderPass(myw!.store, 'sync@myw', folder);
        updatePerson(myw!.store, 'liaison@myw', shared, { givenNames: 'Min Lwin Oo' });
        syncFolderPass(myw!.store, 'sync@myw', folder);
        await call('person.update', { ref: shared, patch: { givenNames: 'Min Lwinn' } });
        writeFileSync(join(folder, 'BKK-to-MSO-0190a0b1-1c2d-7e3f-8a4b-5c6d7e8f9a0b.hwsync'), Buffer.from('not a bundle'));
        await page.getByTestId('run-pass').click();
        await expect.poll(() => page.locator('[data-testid=pass-result] [data-count=problems]').innerText(), poll).toBe('1');
        await page.getByTestId('open-conflicts').waitFor();
        expect(lines(await audit('sync, pass result with a refused bundle'))).toEqual([]);

        await page.getByTestId('open-conflicts').click();
        await page.locator('.sync-conflict').first().waitFor();
        expect(lines(await audit('sync conflicts'))).toEqual([]);
        await page.getByRole('button', { name: 'Type the right value…' }).first().click();
        // Longer than the intake rules allow for a name.
        await page.locator('.sync-typed input').first().fill('x'.repeat(201));
        await page.getByRole('button', { name: 'Save this value' }).click();
        await page.locator('.sync-conflict [role=alert]').first().waitFor();
        expect(lines(await audit('sync conflicts, typed value refused'))).toEqual([]);
        await page.locator('#language').selectOption('my');
        await expect.poll(() => page.evaluate(() => document.documentElement.lang), poll).toBe('my');
        expect(lines(await audit('sync conflicts, my'))).toEqual([]);
        await page.locator('#language').selectOption('en');
      } finally {
        myw!.store.close();
      }
    });
  });

  it('left no script errors or CSP violations on the way', () => {
    expect(log.cspViolations).toEqual([]);
    expect(log.errors).toEqual([]);
  });
});
