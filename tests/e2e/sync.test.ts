/**
 * Office-to-office sync, end to end in Chromium: the Mae Sot office (MSO)
 * runs in the browser host; the Myawaddy liaison office (MYW) runs in Node
 * with the same services. The coordinator at Mae Sot sets the sync folder,
 * adds Myawaddy from its key card file (a wrong fingerprint reading is
 * refused with the engine's words, the right one is accepted), runs a pass
 * that sends a person over, and Myawaddy's pass (in Node) takes it in.
 * Both offices then correct the same person's name and birth date at the
 * same time; after the next passes the sync screen says two changes wait
 * for review. The coordinator settles them by keyboard — Myawaddy's name
 * ("Use the other") and a typed birth date (a wrong date is refused by the
 * intake rules first) — and the resolution reaches Mae Sot's database and,
 * after one more pass each, Myawaddy's, whose own copies of the question
 * close by themselves. A bundle that is not one is refused with its reason;
 * a bundle carried by hand (file input) is imported; the screen is read in
 * Thai and Burmese.
 *
 * Synthetic people only. Real renderer, browser host, engine worker,
 * encrypted databases, signed and encrypted bundles in a temporary folder.
 * Screenshots: tests/artifacts/screens/sync-NN-name.png.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyCardView } from '../../src/api/journey-views';
import type { ConflictView, SyncStatusView } from '../../src/api/sync-views';
import { OfficeStore } from '../../src/db/store';
import { keyCard } from '../../src/services/office-keys';
import { addPerson, getPerson, updatePerson } from '../../src/services/people';
import { listConflicts } from '../../src/services/sync/conflicts';
import { exportBundle } from '../../src/services/sync/export';
import { syncFolderPass } from '../../src/services/sync/folder';
import { addPeer } from '../../src/services/sync/peers';
import { syncOffices, type SyncOffice } from '../sync-helpers';
import { builtRenderer, callApi, chooseLanguage, closeStory, openStory, screenshot, tabTo, unlock, type App, type PageLog } from './harness';

declare const document: any;

const PASSPHRASE = 'moei river morning crossing';
const poll = { timeout: 20_000, interval: 50 };

let rendererDir: string;
let dataDir: string;
let syncDir: string;
let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let log: PageLog;
let myw: SyncOffice;
let mywCard: KeyCardView;
let caseNumber = '';

beforeAll(async () => {
  rendererDir = await builtRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'homeward-e2e-sync-'));
  syncDir = join(dataDir, 'Sync', 'homeward');
  mkdirSync(syncDir, { recursive: true });
  const databasePath = join(dataDir, 'mso.homeward');
  const { store } = OfficeStore.create(databasePath, {
    passphrase: PASSPHRASE,
    office: { code: 'MSO', name: 'Mae Sot coordination office', country: 'TH' },
    actor: 'admin@e2e',
    logN: 12,
  });
  try {
    caseNumber = addPerson(store, 'intake@e2e', {
      familyName: 'Tun',
      givenNames: 'Kyaw Zin',
      nativeName: 'ကျော်ဇင်ထွန်း',
      sex: 'male',
      birthDate: '1996-04-02',
      claimedNationality: 'MM',
      rescueDate: '2026-10-14',
      rescueSite: 'KK Park',
      consent: { status: 'given' },
    }).caseNumber;
  } finally {
    store.close();
  }
  // Myawaddy: its own database and keys, in Node; it knows no peer yet.
  [myw] = syncOffices(['MYW'], dataDir) as [SyncOffice];
  mywCard = keyCard(myw.store.db);
  writeFileSync(join(dataDir, 'MYW.homeward-card.json'), mywCard.card);
  ({ app, browser, context, page, log } = await openStory(databasePath, rendererDir));
}, 120_000);

afterAll(async () => {
  myw?.store.close();
  await closeStory({ context, browser, apps: [app] }, [dataDir, rendererDir]);
});

const call = <T = unknown>(name: string, input: unknown): Promise<T> => callApi<T>(page, name, input);

const passCount = (key: 'in' | 'out' | 'skipped' | 'problems') => page.locator(`[data-testid=pass-result] [data-count=${key}]`).innerText().then(Number);

async function runPassFromUi(): Promise<void> {
  await page.getByTestId('run-pass').click();
  await expect.poll(() => page.getByTestId('run-pass').innerText(), poll).toBe('Run a sync pass');
  await page.getByTestId('pass-result').waitFor().catch(async (e) => {
    throw new Error(`${e}\n${await page.locator('#content').innerText()}`);
  });
}

const language = (code: 'en' | 'th' | 'my') => chooseLanguage(page, code);

describe('sync between two offices: peers by key card, passes over a shared folder, conflicts settled by a person', () => {
  it('opens the sync screen with Alt+S and remembers the sync folder typed as a path', async () => {
    await unlock(page, app, PASSPHRASE);
    await page.keyboard.press('Alt+S');
    await page.locator('h1', { hasText: 'Sync with other offices' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.locator('nav a[aria-current=page]').innerText()).toBe('Sync');
    expect(await page.getByTestId('sync-node').innerText()).toMatch(/^MSO\./);
    expect(await page.locator('#content').innerText()).toContain('No peer offices yet');

    // Without a folder the pass says what to do.
    await page.getByTestId('run-pass').click();
    await expect.poll(() => page.locator('#content [role=alert]').first().innerText(), poll).toContain('No sync folder is set');

    await page.getByLabel('Sync folder').fill(syncDir);
    await page.getByLabel('Sync folder').press('Enter');
    await expect.poll(() => page.locator('.j-status').innerText(), poll).toContain('Sync folder saved.');
    expect((await call<SyncStatusView>('sync.status', {})).folder).toBe(syncDir);
    await screenshot(page, 'sync-01-screen-empty');
  });

  it('adds Myawaddy from its key card file only when both fingerprints read back match', async () => {
    await page.getByTestId('add-peer').click();
    await page.locator('dialog[open]').waitFor();
    await page.setInputFiles('dialog[open] input[type=file]', join(dataDir, 'MYW.homeward-card.json'));
    await expect.poll(() => page.getByLabel('Their key card').inputValue(), poll).toContain('"office": "MYW"');
    await page.getByRole('button', { name: 'Next: check the fingerprints' }).click();
    await page.getByTestId('peer-fingerprints').waitFor();
    const shown = (await page.getByTestId('peer-fingerprints').locator('.j-fingerprint').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    expect(shown).toEqual([mywCard.ageFingerprint, mywCard.signingFingerprint]);
    expect(await page.getByTestId('peer-fingerprints').innerText()).toContain('Myawaddy liaison office');
    // The focus waits in the first field; the signing fingerprint is misheard.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby'))).toMatch(/-age-hint$/);
    await page.keyboard.type(mywCard.ageFingerprint);
    await page.keyboard.press('Tab');
    await page.keyboard.type(mywCard.signingFingerprint.replace(/^./, (c) => (c === '0' ? '1' : '0')));
    await page.keyboard.press('Enter');
    await page.getByTestId('peer-mismatch').waitFor();
    const refusal = await page.getByTestId('peer-mismatch').innerText();
    expect(refusal).toContain('are not this card’s');
    expect(refusal).toContain('the signing key fingerprint given');
    expect(refusal).not.toContain('the age key fingerprint given');
    expect((await call<SyncStatusView>('sync.status', {})).peers).toEqual([]);
    await screenshot(page, 'sync-02-add-peer-mismatch');

    await page.getByLabel('Signing key fingerprint, as they read it out').fill(mywCard.signingFingerprint.toLowerCase());
    await page.getByLabel('Signing key fingerprint, as they read it out').press('Enter');
    await expect.poll(() => page.locator('dialog[open]').count(), poll).toBe(0);
    await expect.poll(() => page.locator('.j-status').innerText(), poll).toContain('Peer office added: MYW · Myawaddy liaison office');
    const row = page.locator('[data-testid=peers] tr[data-office=MYW]');
    expect(await row.innerText()).toContain('Trusted');
    expect((await row.locator('.j-fingerprint').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim())).toEqual([mywCard.ageFingerprint, mywCard.signingFingerprint]);

    // Myawaddy adds Mae Sot the same way, with the card Mae Sot's Keys screen shows.
    const msoCard = await call<KeyCardView>('keys.show', {});
    addPeer(myw.store, 'admin@myw', { card: msoCard.card, ageFingerprint: msoCard.ageFingerprint, signingFingerprint: msoCard.signingFingerprint });
  });

  it('runs a pass that writes the bundle for Myawaddy; Myawaddy’s pass takes the person in', async () => {
    await runPassFromUi();
    expect(await passCount('out')).toBe(1);
    expect(await passCount('in')).toBe(0);
    expect(await page.getByTestId('pass-result').innerText()).toContain('for MYW');
    const files = readdirSync(syncDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^MSO-to-MYW-[0-9a-f-]{36}\.hwsync$/);

    const there = syncFolderPass(myw.store, 'sync@myw', syncDir);
    expect(there.imported.map((b) => b.from)).toEqual(['MSO']);
    expect(getPerson(myw.store, caseNumber).givenNames).toBe('Kyaw Zin');
    // The peers table shows when the last bundle went out.
    await expect.poll(() => page.locator('[data-testid=peers] tr[data-office=MYW] td').nth(4).innerText(), poll).not.toBe('never');
  });

  it('shows two concurrent corrections of the same person as conflicts to review after the next passes', async () => {
    // Myawaddy corrects the name and birth date from the person's own papers…
    updatePerson(myw.store, 'liaison@myw', caseNumber, { givenNames: 'Kyaw Zin Htet', birthDate: '1996-04-12' }, 'Read from his household list');
    syncFolderPass(myw.store, 'sync@myw', syncDir);
    // …while Mae Sot, not yet having seen that, corrects the same fields from an interview.
    await call('person.update', { ref: caseNumber, patch: { givenNames: 'Kyaw Zinn', birthDate: '1996-02-04' }, reason: 'Interview' });

    // A file in the folder that is not a bundle at all, named like one from Bangkok.
    writeFileSync(join(syncDir, 'BKK-to-MSO-0190a0b1-1c2d-7e3f-8a4b-5c6d7e8f9a0b.hwsync'), Buffer.from('this is not a homeward bundle, only some bytes that look like one by name'));

    await runPassFromUi();
    // Myawaddy's earlier pass wrote a bundle too (what it had taken in); the second carries the corrections.
    expect(await passCount('in')).toBeGreaterThanOrEqual(1);
    expect(await passCount('out')).toBe(1);
    expect(await passCount('problems')).toBe(1);
    const result = page.getByTestId('pass-result');
    expect(await result.getByTestId('imported-bundle').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^from MYW .*to review: 2/s)]));
    expect(await result.getByTestId('problem-message').innerText()).toMatch(/\S/);
    expect(await result.locator('.sync-list.bad').innerText()).toContain('BKK-to-MSO-');
    await expect.poll(() => page.getByTestId('open-conflicts').getAttribute('data-count'), poll).toBe('2');
    await screenshot(page, 'sync-03-pass-result');

    // Myawaddy's side of the same question.
    const there = syncFolderPass(myw.store, 'sync@myw', syncDir);
    expect(there.imported.map((b) => b.from)).toEqual(['MSO']);
    expect(listConflicts(myw.store.db).filter((c) => c.kind === 'identity').map((c) => c.field).sort()).toEqual(['birth_date', 'given_names']);
  });

  it('lists the conflicts with both values, their offices and times, and which one is applied', async () => {
    await page.getByTestId('open-conflicts').click();
    await page.locator('h1', { hasText: 'Conflicting changes' }).waitFor();
    await expect.poll(() => page.locator('.sync-conflict').count(), poll).toBe(2);
    const name = page.locator('.sync-conflict', { hasText: 'Given names' });
    expect(await name.locator('h2 a .mono').innerText()).toBe(caseNumber);
    expect(await name.locator('h2 a').getAttribute('href')).toBe(`#/person/${encodeURIComponent(caseNumber)}`);
    expect(await name.locator('h2').innerText()).toContain('Tun');
    // Mae Sot's edit came later: it is applied; Myawaddy's is kept beside it.
    const applied = name.locator('.sync-value[data-applied]');
    expect(await applied.innerText()).toContain('From MSO');
    expect(await applied.getByTestId(/^value-/).innerText()).toBe('Kyaw Zinn');
    const other = name.locator('.sync-value:not([data-applied])');
    expect(await other.innerText()).toContain('From MYW');
    expect(await other.getByTestId(/^value-/).innerText()).toBe('Kyaw Zin Htet');
    expect(await other.innerText()).toMatch(/changed .*\d{4}/);
    await screenshot(page, 'sync-04-conflicts');
    for (const code of ['th', 'my'] as const) {
      await language(code);
      await expect.poll(() => page.locator('.sync-conflict .chip.j-done').first().innerText(), poll).not.toBe('Applied now');
      await screenshot(page, `sync-04-conflicts-${code}`);
    }
    await language('en');
  });

  it('settles both by keyboard: the other office’s name, and a typed birth date checked by the intake rules', async () => {
    const name = page.locator('.sync-conflict', { hasText: 'Given names' });
    await name.locator('h2').focus();
    await tabTo(page, 'button', { text: 'Use the other' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.sync-conflict').count(), poll).toBe(1);
    await expect.poll(() => page.locator('.j-status').innerText(), poll).toContain(`Settled: ${caseNumber}`);
    // The focus moved to the next question.
    expect(await page.evaluate(() => document.activeElement?.closest('.sync-conflict')?.textContent ?? '')).toContain('Birth date');
    await expect.poll(() => page.getByTestId('open-conflicts').getAttribute('data-count'), poll).toBe('1');

    await tabTo(page, 'button', { text: 'Type the right value' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? ''), poll).toMatch(/-typed$/);
    expect(await page.evaluate(() => document.activeElement?.value)).toBe('1996-02-04');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1996-13-40');
    await page.keyboard.press('Enter');
    await page.locator('.sync-typed .error').waitFor();
    expect(await page.locator('.sync-typed .error').innerText()).toMatch(/\S/);
    expect(await page.locator('.sync-conflict').count()).toBe(1);
    await screenshot(page, 'sync-05-type-value-invalid');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1996-04-12');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/-note$/);
    await page.keyboard.type('Checked against his household list with MYW by phone');
    await tabTo(page, 'button', { text: 'Save this value' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.sync-conflict').count(), poll).toBe(0);
    await expect.poll(() => page.locator('#content').innerText(), poll).toContain('No conflicting changes are waiting');
    await screenshot(page, 'sync-06-conflicts-settled');

    // In Mae Sot's database: the values chosen, and both questions closed with their resolution.
    const person = await call<{ givenNames: string; birthDate: string }>('person.get', { ref: caseNumber });
    expect(person.givenNames).toBe('Kyaw Zin Htet');
    expect(person.birthDate).toBe('1996-04-12');
    const all = await call<ConflictView[]>('sync.conflicts', { status: 'all' });
    const settled = all.filter((c) => c.kind === 'identity');
    expect(settled.map((c) => c.status)).toEqual(['resolved', 'resolved']);
    expect(settled.find((c) => c.field === 'birth_date')!.resolution).toContain('Checked against his household list');
    expect(await call<ConflictView[]>('sync.conflicts', {})).toEqual([]);
  });

  it('carries the resolution to Myawaddy on the next passes, closing its copies of the questions', async () => {
    await page.goto(`${app.origin}#/sync`);
    await page.getByTestId('run-pass').waitFor();
    await runPassFromUi();
    expect(await passCount('out')).toBe(1);
    syncFolderPass(myw.store, 'sync@myw', syncDir);
    const there = getPerson(myw.store, caseNumber);
    expect(there.givenNames).toBe('Kyaw Zin Htet');
    expect(there.birthDate).toBe('1996-04-12');
    expect(listConflicts(myw.store.db).filter((c) => c.kind === 'identity')).toEqual([]);
    expect(await page.locator('[data-testid=bundles] tbody tr').count()).toBeGreaterThanOrEqual(4);
  });

  it('imports a bundle carried by hand (file input) and shows what it applied; the same file twice changes nothing', async () => {
    updatePerson(myw.store, 'liaison@myw', caseNumber, { nativeName: 'ကျော်ဇင်ထက်' }, 'Spelling from his ID card');
    const bundle = exportBundle(myw.store, 'sync@myw', ['MSO']);
    expect(bundle.bytes).not.toBeNull();
    const file = { name: bundle.view.fileName, mimeType: 'application/octet-stream', buffer: bundle.bytes! };
    await page.setInputFiles('[data-testid=bundle-file]', file);
    await page.getByRole('button', { name: 'Import the bundle' }).click();
    await expect.poll(() => page.locator('.sync-usb [data-testid=imported-bundle]').innerText(), poll).toContain('from MYW');
    expect(await page.locator('.sync-usb [data-testid=imported-bundle]').innerText()).toMatch(/\d+ of \d+ changes applied/);
    expect((await call<{ nativeName: string }>('person.get', { ref: caseNumber })).nativeName).toBe('ကျော်ဇင်ထက်');
    await page.setInputFiles('[data-testid=bundle-file]', file);
    await page.getByRole('button', { name: 'Import the bundle' }).click();
    await expect.poll(() => page.locator('.sync-usb [data-testid=imported-bundle]').innerText(), poll).toContain('already imported before');
    await screenshot(page, 'sync-07-screen');
  });

  it('reads in Thai and Burmese, with the add-peer dialog', async () => {
    for (const code of ['th', 'my'] as const) {
      await language(code);
      await expect.poll(() => page.locator('h1').innerText(), poll).not.toBe('Sync with other offices');
      await screenshot(page, `sync-08-screen-${code}`);
      await page.getByTestId('add-peer').click();
      await page.locator('dialog[open]').waitFor();
      await page.setInputFiles('dialog[open] input[type=file]', join(dataDir, 'MYW.homeward-card.json'));
      await expect.poll(() => page.locator('dialog[open] textarea').inputValue(), poll).toContain('MYW');
      await page.locator('dialog[open] button[type=submit]').click();
      await page.getByTestId('peer-fingerprints').waitFor();
      await screenshot(page, `sync-09-add-peer-${code}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('dialog[open]').count(), poll).toBe(0);
    }
    await language('en');
  });

  it('removes a peer only with a reason; its row stays, marked removed', async () => {
    await page.locator('[data-testid=peers] tr[data-office=MYW]').getByRole('button', { name: /^Remove/ }).click();
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('dialog[open] [role=alert]').waitFor();
    await page.keyboard.type('Test of removal: keys to be replaced');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=peers] tr[data-office=MYW]').innerText(), poll).toContain('Removed');
    expect((await call<SyncStatusView>('sync.status', {})).peers.map((p) => [p.office, p.trusted])).toEqual([['MYW', false]]);
  });

  it('left no script errors or CSP violations on the way', () => {
    expect(log.cspViolations).toEqual([]);
    expect(log.errors).toEqual([]);
  });
});
