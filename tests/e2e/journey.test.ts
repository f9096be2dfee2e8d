/**
 * The rest of the way home, end to end in Chromium: seven people rescued from
 * a compound wait in verification. The coordinator adds the Chinese embassy's
 * key (checking its fingerprint), sends the embassy its list sealed with a
 * passphrase, reads the embassy's returned CSV (a typo first, then the fixed
 * file; the list then shows each person's answer with its reference, "not
 * confirmed" apart from "no answer yet"), moves the confirmed people to
 * transfer, plans a batch (one person is on a medical hold and cannot be
 * ticked; the rule says why, with the hold's reason), prints the roster, checks
 * everyone on at boarding by typing and "scanning" case numbers (an unknown
 * number, a double scan, one person missing with an incident note), checks
 * them off at arrival (in Thai), reads the batch in Burmese, hands the
 * Chinese citizens to the receiving official (the Vietnamese woman on the
 * batch cannot be), exports the manifest package, opens it here with the
 * embassy's key, turns its PDF into a picture, checks the package (and a
 * tampered copy) in the app, and records the receiver's countersignature,
 * which closes the cases. From a person's page, the way home links their
 * batch and handover, and following the links (by keyboard) opens them.
 *
 * Synthetic people only (made-up names, drawn photos). Real renderer,
 * browser host, engine worker, encrypted database, Chromium printing.
 * Screenshots: tests/artifacts/screens/journey-NN-name.png and
 * journey-manifest.png (page 1 of manifest.pdf, by pdftoppm).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, generateAgeIdentity, type AgeKeyPair } from '../../src/crypto/age';
import { ageRecipientFingerprint } from '../../src/crypto/fingerprint';
import { generateSigningKey, minisignPublicKeyString, signMinisign, verifyMinisign } from '../../src/crypto/minisign';
import { todayIso } from '../../src/domain/dates';
import { OfficeStore } from '../../src/db/store';
import { addAttachment } from '../../src/services/attachments';
import { advanceCase } from '../../src/services/cases';
import { addPerson } from '../../src/services/people';
import { recordVerification } from '../../src/services/verification';
import { readListTable } from '../../src/services/import/table';
import { readZip } from '../../src/services/zip';
import { toCsv } from '../fixtures/encode';
import { SCREENS, builtRenderer, callApi, closeStory, cspViolations, isZodEvalProbe, openStory, screenshot, unlock, type App, type PageLog } from './harness';

declare const document: any;
declare const sessionStorage: any;

const PASSPHRASE = 'friendship bridge at first light';
const LIST_PASSPHRASE = 'red lanterns over the moei river';
const poll = { timeout: 20_000, interval: 50 };

let rendererDir: string;
let dataDir: string;
let app: App;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let log: PageLog;
let embassy: AgeKeyPair;
let listCode = '';
let batchCode = '';
let handoverCode = '';
let packagePath = '';
/** case numbers by the made-up names */
const people: Record<string, string> = {};

/** A drawn head-and-shoulders "photo" (PNG), a different colour per person. */
function photoPng(hue: readonly number[], width = 96, height = 120): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const head = (x - width / 2) ** 2 + (y - height * 0.38) ** 2 < (width * 0.22) ** 2;
      const shoulders = y > height * 0.68 && Math.abs(x - width / 2) < width * 0.42 - (height - y) * 0.3;
      const shade = head || shoulders ? 0.45 : 0.92 - (y / height) * 0.15;
      const o = y * (width * 3 + 1) + 1 + x * 3;
      raw[o] = Math.round(hue[0]! * shade);
      raw[o + 1] = Math.round(hue[1]! * shade);
      raw[o + 2] = Math.round(hue[2]! * shade);
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const RESCUE = { rescueDate: '2026-10-14', rescueSite: 'KK Park', rescueOperation: 'Myawaddy handover 2026-10-14', consent: { status: 'given' } };
const CHINESE = [
  { key: 'liu', familyName: 'LIU', givenNames: 'YANG', nativeName: '刘洋', sex: 'male', birthDate: '1995-02-11', hue: [200, 160, 120] },
  { key: 'chen', familyName: 'CHEN', givenNames: 'JING', nativeName: '陈静', sex: 'female', birthDate: '1998-07-23', hue: [150, 170, 210] },
  { key: 'wang', familyName: 'WANG', givenNames: 'HAO', nativeName: '王浩', sex: 'male', estimatedAge: 24, hue: [170, 200, 150] },
  { key: 'zhao', familyName: 'ZHAO', givenNames: 'MIN', nativeName: '赵敏', sex: 'female', birthDate: '1991-11-02', hue: [210, 150, 170] },
  { key: 'huang', familyName: 'HUANG', givenNames: 'LEI', nativeName: '黄磊', sex: 'male', birthDate: '1989-05-17', hue: [180, 180, 180] },
  { key: 'sun', familyName: 'SUN', givenNames: 'LI', nativeName: '孙丽', sex: 'female', estimatedAge: 29, hue: [200, 190, 140] },
  { key: 'zhou', familyName: 'ZHOU', givenNames: 'QIANG', nativeName: '周强', sex: 'male', birthDate: '2000-01-09', hue: [140, 190, 190] },
] as const;

beforeAll(async () => {
  rendererDir = await builtRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'homeward-e2e-journey-'));
  const databasePath = join(dataDir, 'mso.homeward');
  const { store } = OfficeStore.create(databasePath, {
    passphrase: PASSPHRASE,
    office: { code: 'MSO', name: 'Mae Sot coordination office', country: 'TH' },
    actor: 'admin@e2e',
    logN: 12,
  });
  const actor = 'intake@e2e';
  try {
    for (const [i, p] of CHINESE.entries()) {
      const { key, hue, ...fields } = p;
      const person = addPerson(store, actor, {
        ...fields,
        claimedNationality: 'CN',
        languages: ['zh'],
        documents: [{ type: 'passport', number: `E${4821937 + i * 7919}`, issuingCountry: 'CN', holder: 'compound' }],
        indicators: ['false_promises', 'withholds_documents'],
        ...RESCUE,
      });
      people[key] = person.caseNumber;
      addAttachment(store, actor, person.caseNumber, { kind: 'photo', filename: `${key}.png`, data: photoPng([...hue]) });
      advanceCase(store, actor, person.caseNumber, 'verification', 'Intake complete');
    }
    // A Vietnamese woman whose embassy confirmed her already: she travels on the same batch.
    const hoa = addPerson(store, actor, {
      familyName: 'Nguyễn',
      givenNames: 'Thị Hoa',
      sex: 'female',
      birthDate: '1997-03-30',
      claimedNationality: 'VN',
      languages: ['vi'],
      ...RESCUE,
    });
    people.hoa = hoa.caseNumber;
    addAttachment(store, actor, hoa.caseNumber, { kind: 'photo', filename: 'hoa.png', data: photoPng([190, 170, 200]) });
    advanceCase(store, actor, hoa.caseNumber, 'verification', 'Intake complete');
    recordVerification(store, actor, hoa.caseNumber, { method: 'interview', authority: 'Embassy of Viet Nam, Bangkok', country: 'VN', outcome: 'confirmed', reference: 'VN-2026-0311' });
    advanceCase(store, actor, hoa.caseNumber, 'transfer', 'Nationality confirmed');
  } finally {
    store.close();
  }
  embassy = generateAgeIdentity();
  ({ app, browser, context, page, log } = await openStory(databasePath, rendererDir));
}, 120_000);

afterAll(async () => {
  await closeStory({ context, browser, apps: [app] }, [dataDir, rendererDir]);
});

/** One API call from inside the page, with the page's own token: for the steps this story does not click through. */
const call = <T = unknown>(name: string, input: unknown): Promise<T> => callApi<T>(page, name, input);

async function saved(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path);
}

const counts = async () =>
  Object.fromEntries(
    await Promise.all(['listed', 'boarded', 'arrived', 'missing'].map(async (k) => [k, Number(await page.locator(`[data-testid=batch-counts] [data-count=${k}]`).first().innerText())])),
  ) as Record<'listed' | 'boarded' | 'arrived' | 'missing', number>;

async function scan(text: string) {
  const input = page.locator('#checkoff-input');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id), poll).toBe('checkoff-input');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect.poll(() => input.inputValue(), poll).toBe('');
}

describe('the way home: verification list, transfer batch, check-off, handover, manifest', () => {
  it('adds the embassy’s key only after its fingerprint is read back, and shows this office’s key card with a QR code', async () => {
    await unlock(page, app, PASSPHRASE);
    await page.keyboard.press('Alt+K');
    await page.getByTestId('age-recipient').waitFor();
    expect(await page.getByTestId('age-recipient').innerText()).toMatch(/^age1[0-9a-z]{58}$/);
    expect(await page.locator('.j-keycard svg.j-qr path').getAttribute('d')).toMatch(/^M\d/);

    await page.getByLabel('Name', { exact: true }).fill('Embassy of the People’s Republic of China, Bangkok');
    await page.locator('.panel select').last().selectOption('CN');
    await page.getByLabel('Agency or department').fill('Consular section');
    await page.getByLabel('Their age key', { exact: true }).fill(embassy.recipient);
    await page.getByRole('button', { name: 'Next: check the fingerprint' }).click();
    await page.getByTestId('fingerprint-step').waitFor();
    const shown = await page.getByTestId('fingerprint-step').locator('.j-fingerprint').innerText();
    expect(shown.replace(/\s+/g, ' ').trim()).toBe(ageRecipientFingerprint(embassy.recipient));
    // Focus is on the confirmation field; a wrong reading is refused by the engine.
    await page.keyboard.type('0000 1111 2222 3333 4444 5555 6666 7777');
    await page.keyboard.press('Enter');
    await page.getByTestId('fingerprint-mismatch').waitFor();
    expect(await page.getByTestId('fingerprint-mismatch').innerText()).toContain('is not this key’s. Do not add the key');
    expect(await page.getByTestId('recipients').count()).toBe(0);
    await screenshot(page, 'journey-02-recipient-fingerprint-mismatch');
    await page.getByLabel('Fingerprint as they read it out').fill(ageRecipientFingerprint(embassy.recipient).toLowerCase());
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('recipients').innerText(), poll).toContain('Embassy of the People’s Republic of China, Bangkok');
    await screenshot(page, 'journey-01-keys');
  });

  it('makes the embassy list of the people claiming Chinese nationality and saves it sealed with a passphrase', async () => {
    await page.keyboard.press('Alt+V');
    await page.locator('h1', { hasText: 'Nationality verification' }).waitFor();
    await page.getByLabel('Claimed nationality').selectOption('CN');
    await expect.poll(() => page.getByTestId('awaiting-count').innerText(), poll).toBe('Waiting: 7');
    await page.getByLabel('Authority that answers').fill('Embassy of the People’s Republic of China, Bangkok');
    await screenshot(page, 'journey-03-verification');
    await page.getByRole('button', { name: 'Make list of 7 people' }).click();
    await page.locator('h1', { hasText: 'Verification list' }).waitFor();
    listCode = (await page.locator('h1 .mono').innerText()).trim();
    expect(listCode).toMatch(/^MSO-V-\d{4}-\d{4}$/);
    expect(await page.getByTestId('pending').innerText()).toBe('7');
    // Nobody has an answer yet: each row says it is still waiting.
    expect(await page.getByTestId('list-answer').allInnerTexts()).toEqual(Array(7).fill('No answer yet'));

    await page.getByRole('button', { name: 'Export the list…' }).click();
    await page.locator('dialog[open]').waitFor();
    await page.locator('dialog[open] select').selectOption({ label: 'A passphrase only (no recipient)' });
    await page.getByLabel('Passphrase agreed with the receiver').fill('too short');
    await page.getByLabel('Type the passphrase again').fill('too short');
    await page.getByRole('button', { name: 'Make and save the encrypted file' }).click();
    await expect.poll(() => page.locator('dialog[open] [role=alert]').innerText(), poll).toContain('at least 12 characters');
    await page.getByLabel('Passphrase agreed with the receiver').fill(LIST_PASSPHRASE);
    await page.getByLabel('Type the passphrase again').fill(`${LIST_PASSPHRASE}!`);
    await page.getByRole('button', { name: 'Make and save the encrypted file' }).click();
    await expect.poll(() => page.locator('dialog[open] [role=alert]').innerText(), poll).toContain('differ');
    await page.getByLabel('Type the passphrase again').fill(LIST_PASSPHRASE);
    await screenshot(page, 'journey-04-export-passphrase');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Make and save the encrypted file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${listCode}.verification.age`);
    await page.getByTestId('exported').waitFor();
    const zip = ageDecrypt(await saved(download), [{ kind: 'passphrase', passphrase: LIST_PASSPHRASE }]);
    const files = new Map(readZip(zip).map((e) => [e.name, e] as const));
    expect([...files.keys()].sort()).toEqual([`${listCode}.csv`, `${listCode}.pdf`]);
    writeFileSync(join(dataDir, 'list.csv'), files.get(`${listCode}.csv`)!.read());
  });

  it('reads the embassy’s answers back: a typo is shown row by row and nothing is saved, the fixed file records every answer', async () => {
    const table = readListTable(readFileSync(join(dataDir, 'list.csv')), 'list.csv');
    const [header, ...rows] = table.rows;
    const col = (name: RegExp) => header!.findIndex((h) => name.test(h));
    const caseCol = col(/^Case number/);
    const outcomeCol = col(/^Outcome/);
    const refCol = col(/^Reference/);
    const dateCol = col(/^Decided on/);
    const byCase = Object.fromEntries(Object.entries(people).map(([k, v]) => [v, k]));
    const answer = (typo: boolean) =>
      toCsv(
        header!,
        rows.map((r) => {
          const out = [...r];
          const who = byCase[r[caseCol]!];
          out[outcomeCol] = who === 'sun' ? 'not confirmed' : typo && who === 'wang' ? 'confirmd' : 'confirmed';
          out[refCol] = `CN-EL-2026-${r[caseCol]!.slice(-3)}`;
          out[dateCol] = todayIso(-2);
          return out;
        }),
      );
    await page.setInputFiles('#outcome-file', { name: 'answers-from-embassy.csv', mimeType: 'text/csv', buffer: Buffer.from(answer(true)) });
    await page.getByTestId('outcome-check').waitFor();
    await expect.poll(() => page.getByTestId('outcome-check').innerText(), poll).toContain('confirmd');
    expect(await page.getByTestId('outcome-check').innerText()).toContain('Rows that cannot be read: 1');
    expect(await page.getByRole('button', { name: /^Record the answers/ }).count()).toBe(0);
    await screenshot(page, 'journey-05-answers-typo');

    await page.setInputFiles('#outcome-file', { name: 'answers-from-embassy-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(answer(false)) });
    await page.getByRole('button', { name: 'Record the answers (7)' }).click();
    await page.getByTestId('outcomes-recorded').waitFor();
    await expect.poll(() => page.getByTestId('pending').innerText(), poll).toBe('0');
    await expect.poll(() => page.getByTestId('list-members').innerText(), poll).toContain('China');
    // Each member shows the embassy's answer on this list and its reference: "not confirmed" is an answer, not a wait.
    const listAnswer = (key: string) => page.locator(`[data-testid=list-members] tr[data-case="${people[key]}"] [data-testid=list-answer]`).innerText();
    await expect.poll(() => listAnswer('liu'), poll).toBe(`Confirmed\nRef. CN-EL-2026-${people.liu!.slice(-3)}`);
    expect(await listAnswer('sun')).toBe(`Not confirmed\nRef. CN-EL-2026-${people.sun!.slice(-3)}`);
    expect(await page.getByTestId('list-members').innerText()).not.toContain('No answer yet');
    await screenshot(page, 'journey-06-answers-recorded');
  });

  it('records a later answer on the person page, with the interview note attached as evidence', async () => {
    await call('attachment.add', { ref: people.sun, kind: 'evidence', filename: 'consular-interview-note.png', data: photoPng([230, 230, 210]).toString('base64') });
    await page.goto(`${app.origin}#/person/${people.sun}`);
    await page.locator('.detail-head h1').waitFor();
    await page.getByRole('button', { name: 'Record an answer' }).click();
    await page.locator('dialog[open]').waitFor();
    await page.getByLabel('Method').selectOption('interview');
    await page.getByLabel('Authority (e.g. Embassy of Viet Nam)').fill('Embassy of the People’s Republic of China, Bangkok (consular interview)');
    await page.getByLabel('Outcome').selectOption('confirmed');
    await page.getByLabel('Reference').fill('CN-INT-2026-044');
    await page.getByRole('checkbox', { name: /consular-interview-note\.png/ }).check();
    await screenshot(page, 'journey-06b-answer-with-evidence');
    await page.locator('dialog[open]').getByRole('button', { name: 'Record an answer' }).click();
    await expect.poll(() => page.locator('dialog[open]').count(), poll).toBe(0);
    await expect.poll(() => page.locator('#content').innerText(), poll).toContain('Evidence: consular-interview-note.png');

    // The list still shows what the embassy answered on it; her confirmed nationality comes from the interview.
    await page.locator(`#content a[href="#/verification/${listCode}"]`).first().click();
    await page.locator('h1', { hasText: 'Verification list' }).waitFor();
    const sunRow = page.locator(`[data-testid=list-members] tr[data-case="${people.sun}"]`);
    await expect.poll(() => sunRow.locator('[data-testid=list-answer]').innerText(), poll).toContain('Not confirmed');
    expect(await sunRow.innerText()).toContain('China');
    await screenshot(page, 'journey-06c-list-answer-kept');
  });

  it('moves the confirmed people to transfer (one through the person page), and a medical hold stops one of them', async () => {
    await page.goto(`${app.origin}#/person/${people.liu}`);
    await page.locator('.detail-head h1').waitFor();
    // The person page links to the list the person was sent on.
    await expect.poll(() => page.locator('#content').innerText(), poll).toContain(listCode);
    await page.getByRole('button', { name: 'Move to Transfer' }).click();
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.type('Nationality confirmed by the embassy list');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.detail-head').innerText(), poll).toContain('Transfer');
    for (const key of ['chen', 'wang', 'zhao', 'huang', 'zhou']) {
      await call('person.advance', { ref: people[key], to: 'transfer', reason: 'Nationality confirmed by the embassy list' });
    }
    await call('hold.add', { ref: people.zhou, kind: 'medical', reason: 'Dengue fever, in Mae Sot hospital until cleared to travel' });
    const sun = await call<{ stage: string }>('person.get', { ref: people.sun });
    expect(sun.stage).toBe('verification');
  });

  it('plans a batch: route, vehicle, seats, the ready people ticked; the one on hold cannot be ticked and says why', async () => {
    await page.keyboard.press('Alt+T');
    await page.locator('h1', { hasText: 'Transfer batches' }).waitFor();
    await page.getByRole('link', { name: 'Plan a batch' }).first().click();
    await page.locator('h1', { hasText: 'Plan a transfer batch' }).waitFor();
    await page.getByLabel('Leaves from').fill('Mae Sot shelter');
    await page.getByLabel('Border crossing').fill('Friendship Bridge 2');
    await page.getByLabel('Goes to').fill('Mae Sot International Airport');
    await page.getByLabel('Vehicle', { exact: true }).fill('Bus 40-1123 Tak');
    await page.getByLabel('Escort', { exact: true }).fill('Sgt. Prasert, Tak immigration');
    await page.getByLabel('Seats').fill('12');
    await expect.poll(() => page.getByTestId('candidates').locator('tbody tr').count(), poll).toBe(7);
    const zhouRow = page.getByTestId('candidates').locator('tr', { hasText: people.zhou! });
    const zhouTick = zhouRow.locator('input[type=checkbox]');
    expect(await zhouTick.isDisabled()).toBe(true);
    // The reason is the engine's listing rule, with the hold's own words; the checkbox is described by it.
    const zhouWhy = page.locator(`#${await zhouTick.getAttribute('aria-describedby')}`);
    expect(await zhouWhy.innerText()).toContain('Open hold: Medical (Dengue fever, in Mae Sot hospital until cleared to travel). Lift it before transfer.');
    expect(await page.getByTestId('not-ready').count()).toBe(1);
    await page.locator('#language').selectOption('th');
    await expect.poll(() => zhouWhy.innerText(), poll).toContain('มีการระงับที่ยังเปิดอยู่: การแพทย์ (Dengue fever, in Mae Sot hospital until cleared to travel) ยกเลิกการระงับก่อนเคลื่อนย้าย');
    await screenshot(page, 'journey-07b-plan-batch-hold-th');
    await page.locator('#language').selectOption('en');
    await expect.poll(() => zhouWhy.innerText(), poll).toContain('Open hold: Medical');
    await page.getByRole('button', { name: /^Tick \d+ ready/ }).click();
    await expect.poll(() => page.getByTestId('selected').innerText(), poll).toBe('6 ticked of 12 seats');
    await screenshot(page, 'journey-07-plan-batch');
    await page.getByRole('button', { name: 'Plan batch with 6 people' }).click();
    await page.locator('h1', { hasText: 'Batch' }).locator('.mono').waitFor();
    batchCode = (await page.locator('h1 .mono').innerText()).trim();
    expect(batchCode).toMatch(/^MSO-T-\d{4}-\d{4}$/);
    expect(await counts()).toEqual({ listed: 6, boarded: 0, arrived: 0, missing: 0 });
    // From planned the batch can only start boarding, or be cancelled.
    expect(await page.locator('.j-next button').allInnerTexts()).toEqual(['Start boarding', 'Cancel batch…']);
    await screenshot(page, 'journey-08-batch-planned');
  });

  it('prints the roster as a PDF', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Roster (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`${batchCode}.roster.pdf`);
    expect((await saved(download)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('checks everyone on at boarding by case number: photo and name come up big; unknown and double scans say so; one is missing', async () => {
    await page.getByRole('button', { name: 'Start boarding' }).click();
    await page.getByTestId('open-checkoff').waitFor();
    // Departure is not possible yet, and the batch page says who is still unchecked.
    expect(await page.getByRole('button', { name: 'Depart: in transit' }).isDisabled()).toBe(true);
    expect(await page.locator('#why-in_transit').innerText()).toContain(`Before departure, mark every listed person boarded, missing or taken off. Not yet checked: `);
    await screenshot(page, 'journey-08b-batch-boarding');
    await page.keyboard.press('c');
    await page.locator('#checkoff-input').waitFor();
    expect(await page.locator('h1').innerText()).toContain('Boarding');

    await scan(people.liu!);
    await expect.poll(() => page.getByTestId('verdict').innerText(), poll).toContain('Boarded');
    expect(await page.getByTestId('checkoff-result').innerText()).toContain('刘洋');
    await expect.poll(() => page.locator('.checkoff-result img').count(), poll).toBe(1);
    await screenshot(page, 'journey-09-checkoff-boarding');

    // The last digits of the case number are enough.
    await scan(String(Number(people.chen!.slice(-6))));
    await expect.poll(() => page.getByTestId('checkoff-result').innerText(), poll).toContain('陈静');

    const year = people.liu!.split('-')[1];
    await scan(`MSO-${year}-999999`);
    await expect.poll(() => page.getByTestId('verdict').innerText(), poll).toContain('is not on batch');
    await screenshot(page, 'journey-10-checkoff-not-on-batch');

    await scan(people.wang!.toLowerCase());
    await scan(people.wang!);
    await expect.poll(() => page.getByTestId('verdict').innerText(), poll).toContain('Already marked Boarded');
    // Focus wandered off (a click on the page): the next scanned number still lands in the input.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.type(people.zhao!);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('checkoff-result').innerText(), poll).toContain('赵敏');
    await scan(people.hoa!);
    await expect.poll(() => counts(), poll).toEqual({ listed: 1, boarded: 5, arrived: 0, missing: 0 });

    // Huang Lei did not come to the bus: Alt+M, the incident note.
    await page.keyboard.press('Alt+M');
    await page.locator('dialog[open]').waitFor();
    await page.locator('dialog[open] input').fill(people.huang!);
    await page.getByTestId('missing-who').waitFor();
    await page.locator('dialog[open] textarea').fill('Not at the shelter gate at 05:30. Last seen at dinner 19:00. Told the shelter manager and Sgt. Prasert.');
    await screenshot(page, 'journey-11-checkoff-missing-note');
    await page.getByRole('button', { name: 'Mark missing', exact: true }).click();
    await expect.poll(() => page.locator('dialog[open]').count(), poll).toBe(0);
    await expect.poll(() => counts(), poll).toEqual({ listed: 0, boarded: 5, arrived: 0, missing: 1 });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), poll).toBe('checkoff-input');
  });

  it('departs, and checks everyone off on arrival, in Thai', async () => {
    await page.getByRole('button', { name: 'Depart: in transit' }).click();
    await expect.poll(() => page.locator('h1').innerText(), poll).toContain('Arrival');
    // The input has the focus again: the next scan lands in it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), poll).toBe('checkoff-input');
    await page.locator('#language').selectOption('th');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), poll).toBe('th');
    await page.locator('#checkoff-input').focus();
    for (const key of ['liu', 'chen', 'wang', 'zhao', 'hoa']) await scan(people[key]!);
    await expect.poll(() => counts(), poll).toEqual({ listed: 0, boarded: 0, arrived: 5, missing: 1 });
    await expect.poll(() => page.getByTestId('verdict').innerText(), poll).toContain('ถึงแล้ว');
    await screenshot(page, 'journey-12-checkoff-arrival-th');
  });

  it('closes the batch as arrived and reads it in Burmese', async () => {
    await page.locator('#language').selectOption('my');
    await page.goto(`${app.origin}#/batches/${batchCode}`);
    await page.locator('[data-testid=members]').waitFor();
    await page.getByRole('button', { name: 'အသုတ် ရောက်ရှိပြီ' }).click();
    await expect.poll(() => page.locator('h1 .chip').innerText(), poll).toBe('ရောက်ရှိပြီး');
    expect(await page.getByTestId('members').innerText()).toContain('Not at the shelter gate');
    await screenshot(page, 'journey-13-batch-arrived-my');
    await page.locator('#language').selectOption('en');
  });

  it('hands the Chinese citizens over: the country defaults to theirs, the Vietnamese woman is listed as not eligible with the reason', async () => {
    await page.getByRole('link', { name: 'Hand over…' }).first().click();
    await page.locator('h1', { hasText: 'New handover' }).waitFor();
    await expect.poll(() => page.getByLabel('Receiving country').inputValue(), poll).toBe('CN');
    await expect.poll(() => page.getByTestId('eligible').locator('tbody tr').count(), poll).toBe(4);
    expect(await page.getByTestId('ineligible').innerText()).toContain('nationality confirmed by Vietnam, not China');
    await expect.poll(() => page.getByLabel('Manifest encrypted to').inputValue(), poll).not.toBe('');
    await page.getByLabel('Receiving agency').fill('Ministry of Public Security, Criminal Investigation Department');
    await page.getByLabel('Name of the receiving official').fill('Li Jianguo');
    await page.getByLabel('Official’s ID or badge number').fill('MPS-330217');
    await page.getByLabel('Place').fill('Mae Sot International Airport');
    await screenshot(page, 'journey-14-handover-new');
    await page.getByRole('button', { name: 'Create handover of 4 people and sign the manifest' }).click();
    await page.getByTestId('manifest-sha').waitFor();
    handoverCode = (await page.locator('h1 .mono').innerText()).trim();
    expect(handoverCode).toMatch(/^MSO-H-\d{4}-\d{4}$/);
    expect(await page.getByTestId('handover-members').innerText()).toContain('Handover');
    await screenshot(page, 'journey-15-handover');
  });

  it('exports the manifest package; the embassy opens it with its own key; the signature checks out; the PDF becomes a picture', async () => {
    await page.getByRole('button', { name: 'Export manifest package…' }).click();
    await page.locator('dialog[open]').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Make and save the encrypted file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${handoverCode}.handover.age`);
    await page.getByTestId('exported').waitFor();
    const sealed = await saved(download);
    packagePath = join(dataDir, download.suggestedFilename());
    writeFileSync(packagePath, sealed);
    const zip = ageDecrypt(sealed, [{ kind: 'x25519', identity: embassy.identity }]);
    const files = new Map(readZip(zip).map((e) => [e.name, e.read()] as const));
    for (const name of ['README.txt', 'manifest.json', 'manifest.json.minisig', 'manifest.csv', 'manifest.pdf']) expect(files.has(name), name).toBe(true);
    const card = await call<{ signingPublicKey: string }>('keys.show', {});
    verifyMinisign(files.get('manifest.json')!, files.get('manifest.json.minisig')!, card.signingPublicKey);
    const manifest = JSON.parse(Buffer.from(files.get('manifest.json')!).toString('utf8')) as { people: { caseNumber: string }[] };
    expect(manifest.people.map((p) => p.caseNumber).sort()).toEqual([people.liu, people.chen, people.wang, people.zhao].sort());
    const pdf = join(dataDir, 'manifest.pdf');
    writeFileSync(pdf, files.get('manifest.pdf')!);
    // Page 1 (people, QR of the hash) as journey-manifest.png; the last page (signature blocks) beside it.
    const png = spawnSync('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', '-singlefile', pdf, join(SCREENS, 'journey-manifest')], { encoding: 'utf8' });
    expect(png.status, png.stderr).toBe(0);
    const last = spawnSync('pdftoppm', ['-png', '-r', '90', '-f', '2', '-l', '2', '-singlefile', pdf, join(SCREENS, 'journey-manifest-page2')], { encoding: 'utf8' });
    expect(last.status, last.stderr).toBe(0);
  });

  it('checks the package in the app: every line ok; a tampered copy fails and says where', async () => {
    await page.goto(`${app.origin}#/handovers/check`);
    await page.locator('h1', { hasText: 'Check a package' }).waitFor();
    await page.setInputFiles('input[type=file]', packagePath);
    await page.getByRole('button', { name: 'Check the package' }).click();
    await page.getByTestId('check-result').waitFor();
    expect(await page.locator('.j-verdict').innerText()).toContain('All checks passed');
    expect(await page.locator('.j-checks li.bad').count()).toBe(0);
    await screenshot(page, 'journey-16-check-package');

    const tampered = readFileSync(packagePath);
    tampered[tampered.length - 40] = tampered[tampered.length - 40]! ^ 0x01;
    await page.setInputFiles('input[type=file]', { name: 'tampered.handover.age', mimeType: 'application/octet-stream', buffer: tampered });
    await page.getByRole('button', { name: 'Check the package' }).click();
    await expect.poll(() => page.locator('.j-verdict').innerText(), poll).toContain('Failed checks: 1');
    expect(await page.locator('.j-checks li.bad .j-check-mark').first().innerText()).toBe('FAIL');
    await screenshot(page, 'journey-17-check-package-tampered');
  });

  it('records the receiver’s countersignature, which closes the cases', async () => {
    const receiver = generateSigningKey();
    expect((await call<{ members: unknown[] }>('handover.get', { handover: handoverCode })).members).toHaveLength(4);
    // The receiver signs manifest.json from the package with their own key.
    const zip = ageDecrypt(readFileSync(packagePath), [{ kind: 'x25519', identity: embassy.identity }]);
    const json = readZip(zip).find((e) => e.name === 'manifest.json')!.read();
    const countersignature = signMinisign(json, receiver, { trustedComment: `received ${handoverCode} at Mae Sot`, untrustedComment: 'countersignature by the receiving official' });

    await page.goto(`${app.origin}#/handovers/${handoverCode}`);
    await page.getByTestId('manifest-sha').waitFor();
    await page.setInputFiles('input[type=file]', { name: 'manifest.json.countersig.minisig', mimeType: 'text/plain', buffer: Buffer.from(countersignature) });
    await page.getByLabel('Receiver’s minisign public key (RW…)').fill(minisignPublicKeyString(receiver));
    await page.getByRole('button', { name: 'Record receipt and close the cases' }).click();
    await page.getByTestId('acknowledged').waitFor();
    await expect.poll(() => page.getByTestId('handover-members').innerText(), poll).toContain('Closed');
    await screenshot(page, 'journey-18-acknowledged');
    const liu = await call<{ stage: string }>('person.get', { ref: people.liu });
    expect(liu.stage).toBe('closed');
  });

  it('shows the batch on the person’s history, and the missing mark on the person’s way home', async () => {
    await page.goto(`${app.origin}#/person/${people.huang}`);
    await page.locator('.detail-head h1').waitFor();
    await expect.poll(() => page.locator('.detail-timeline').innerText(), poll).toContain('Marked missing');
    expect(await page.locator(`.detail-timeline a[href="#/batches/${batchCode}"]`).count()).toBeGreaterThan(0);
    const batchRow = page.getByTestId('way-home-batches').locator('tbody tr');
    expect(await batchRow.count()).toBe(1);
    expect(await batchRow.innerText()).toMatch(new RegExp(`^${batchCode}\\s.*\\sArrived\\sMissing$`));
    expect(await page.getByTestId('way-home-handover').count()).toBe(0);
    await screenshot(page, 'journey-19-person-missing');
  });

  it('goes from a handed-over person to their batch and their handover, by keyboard', async () => {
    await page.goto(`${app.origin}#/person/${people.liu}`);
    await page.locator('.detail-head h1').waitFor();
    const wayHome = page.getByTestId('way-home');
    await wayHome.waitFor();
    expect(await page.getByTestId('way-home-batches').locator('tbody tr').innerText()).toMatch(new RegExp(`^${batchCode}\\s.*\\sArrived\\sArrived$`));
    expect(await page.getByTestId('way-home-handover').innerText()).toMatch(new RegExp(`^${handoverCode}\\s+Acknowledged$`));
    expect(await wayHome.innerText()).toContain('Ministry of Public Security, Criminal Investigation Department');
    await screenshot(page, 'journey-20-person-way-home');
    await page.locator('#language').selectOption('my');
    await expect.poll(() => wayHome.locator('h2').innerText(), poll).toBe('အိမ်ပြန်ခရီး');
    expect(await page.getByTestId('way-home-handover').innerText()).toContain('လက်ခံကြောင်း အတည်ပြုပြီး');
    await screenshot(page, 'journey-21-person-way-home-my');
    await page.locator('#language').selectOption('en');
    await expect.poll(() => wayHome.locator('h2').innerText(), poll).toBe('Way home');

    // Tab from the section's heading lands on the batch link; Enter opens the batch.
    await page.locator('#detail-verification-heading').focus();
    const batchLink = wayHome.getByRole('link', { name: batchCode });
    for (let i = 0; i < 10 && !(await batchLink.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await batchLink.evaluate((a) => a === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').first().innerText(), poll).toContain(batchCode);
    expect(await page.getByTestId('members').innerText()).toContain('刘洋');

    await page.goBack();
    await page.getByTestId('way-home-handover').waitFor();
    await page.getByTestId('way-home-handover').getByRole('link', { name: handoverCode }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('manifest-sha').waitFor();
    expect(await page.locator('h1 .mono').innerText()).toBe(handoverCode);
    expect(await page.getByTestId('handover-members').innerText()).toContain('刘洋');
  });

  it('left no script errors or CSP violations on the way', async () => {
    expect((await cspViolations(page)).filter((v) => !isZodEvalProbe(v))).toEqual([]);
    expect(log.errors).toEqual([]);
  });
});
