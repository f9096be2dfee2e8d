/**
 * End-to-end harness: the real renderer (built once by Vite), the real
 * browser host on 127.0.0.1 with its engine worker and an encrypted database
 * in a temporary folder, and Debian's Chromium driven by playwright-core.
 *
 * Shared by tests/e2e/*.test.ts and tests/bench/ui.ts. Nothing here asserts
 * timings.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { OfficeStore } from '../../src/db/store';
import { addHold, advanceCase } from '../../src/services/cases';
import { addNote } from '../../src/services/notes';
import { addPerson } from '../../src/services/people';
import { recordVerification } from '../../src/services/verification';
import { RENDERER_CONFIG, RENDERER_OUT, staleBuildReason } from '../../src/web/renderer-build';
import { createWebHost, type WebHost } from '../../src/web/server';

// In-page code runs in Chromium; the project's Node type-check has no DOM
// library, so the few globals used inside page functions are declared here
// (module-local, nothing leaks into other files).
declare const document: any;
declare const window: any;

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.HOMEWARD_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENS = join(ROOT, 'tests', 'artifacts', 'screens');
export const BROWSER_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'];

const LOCK = join(ROOT, 'dist', '.renderer-build.lock');
const LOCK_STALE_MS = 5 * 60_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One builder at a time across Vitest's worker processes (mkdir is atomic). */
async function withBuildLock<T>(fn: () => T): Promise<T> {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 3 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A builder that died leaves its lock behind; a build never takes minutes.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* removed meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`Waited 3 minutes for ${LOCK}; remove it if no build is running.`);
      await sleep(250);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * The built renderer, rebuilt with Vite only when its sources are newer than
 * dist/renderer (the same check `npm run web` makes), then copied into a
 * private folder so that a rebuild started by another test file or by
 * `npm run web` (Vite empties dist/renderer first) cannot pull the pages out
 * from under a running test.
 */
export async function builtRenderer(): Promise<string> {
  const copy = mkdtempSync(join(tmpdir(), 'homeward-e2e-renderer-'));
  await withBuildLock(() => {
    const reason = staleBuildReason(ROOT);
    if (reason) {
      process.stderr.write(`e2e: building the renderer (${reason})…\n`);
      // Vitest sets NODE_ENV=test; the renderer under test must be the production build coordinators get.
      const build = spawnSync('npx', ['vite', 'build', '--config', RENDERER_CONFIG, '--logLevel', 'warn'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: 'production' },
      });
      if (build.status !== 0) throw new Error(`vite build failed (status ${build.status}):\n${build.stdout}\n${build.stderr}`);
    }
    const out = join(ROOT, RENDERER_OUT);
    if (!existsSync(join(out, 'index.html'))) throw new Error(`${out}/index.html is missing after the build`);
    cpSync(out, copy, { recursive: true });
  });
  return copy;
}

export interface App {
  host: WebHost;
  /** the address with the launch token, as `npm run web` prints it */
  url: string;
  /** the address without the token */
  origin: string;
  databasePath: string;
  close(): Promise<void>;
}

/** A browser host on a free loopback port over `databasePath` (created by the first screen when missing). */
export async function startApp(options: { databasePath: string; rendererDir: string; actor?: string }): Promise<App> {
  const host = await createWebHost({
    port: 0,
    databasePath: options.databasePath,
    rendererDir: options.rendererDir,
    actor: options.actor ?? 'coordinator@e2e',
  });
  return {
    host,
    url: `${host.url}#token=${host.token}`,
    origin: host.url,
    databasePath: options.databasePath,
    close: () => host.close(),
  };
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium fonts-noto-core fonts-noto-cjk).`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });
}

/** What the page said on its console and what it threw: collected so tests can assert the page stayed clean. */
export interface PageLog {
  errors: string[];
  warnings: string[];
  cspViolations: string[];
  /** every request the page tried to make, by URL (Chromium reports some before the CSP blocks them) */
  requests: string[];
  /** URLs that got an answer */
  responses: string[];
  /** requests that failed, with Chromium's reason ("csp" when the policy stopped them) */
  failed: { url: string; error: string }[];
}

export function watchPage(page: Page): PageLog {
  const log: PageLog = { errors: [], warnings: [], cspViolations: [], requests: [], responses: [], failed: [] };
  page.on('console', (m: ConsoleMessage) => {
    const text = m.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) log.cspViolations.push(text);
    if (m.type() === 'error') log.errors.push(text);
    else if (m.type() === 'warning') log.warnings.push(text);
  });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('response', (r) => log.responses.push(r.url()));
  page.on('requestfailed', (r) => log.failed.push({ url: r.url(), error: r.failure()?.errorText ?? 'unknown' }));
  return log;
}

export async function newPage(browser: Browser, options: { bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; log: PageLog }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: 'Asia/Bangkok',
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
  // tsx (esbuild keepNames) wraps named functions inside page functions in __name(); give pages a no-op one.
  await context.addInitScript({ content: 'window.__name = (fn) => fn;' });
  // Every CSP violation as the page sees it: Chromium no longer prints all of them (a refused eval, for one) on the console.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e: any) => window.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page, log: watchPage(page) };
}

/** The app on one database file and a Chromium page on it: how each end-to-end story begins. */
export async function openStory(databasePath: string, rendererDir: string): Promise<{ app: App; browser: Browser; context: BrowserContext; page: Page; log: PageLog }> {
  const app = await startApp({ databasePath, rendererDir });
  const browser = await launchChromium();
  return { app, browser, ...(await newPage(browser)) };
}

/** Closes what a story opened (as far as it got) and removes its folders. */
export async function closeStory(opened: { context?: BrowserContext | undefined; browser?: Browser | undefined; apps: (App | undefined)[] }, dirs: (string | undefined)[]): Promise<void> {
  await opened.context?.close();
  await opened.browser?.close();
  for (const app of opened.apps) await app?.close();
  for (const dir of dirs) if (dir) rmSync(dir, { recursive: true, force: true });
}

export interface CspViolation {
  directive: string;
  blocked: string;
}

/** The CSP violations the current document has raised since it loaded. */
export function cspViolations(page: Page): Promise<CspViolation[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}

/**
 * zod 4 tries `new Function('')` once to learn whether it may compile its
 * parsers; under script-src 'self' that is refused (and caught by zod), but
 * still raises a violation. `z.config({ jitless: true })` in the renderer
 * skips the probe. Known and reported; see tests/e2e/csp.test.ts.
 */
export const isZodEvalProbe = (v: CspViolation): boolean => v.directive === 'script-src' && v.blocked === 'eval';

/** A full-page screenshot into tests/artifacts/screens/<name>.png (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS, { recursive: true });
  const path = join(SCREENS, `${name}.png`);
  // Web fonts load lazily per script; wait so the picture shows real glyphs, not fallbacks.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // A full-page capture keeps sticky bars and modal backdrops where the
  // viewport was; growing the viewport to the page's height first shows the
  // page as a tall screen would. The viewport is put back afterwards.
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0));
  const grow = viewport !== null && height > viewport.height;
  if (grow) await page.setViewportSize({ width: viewport.width, height: Math.min(height, 4000) });
  try {
    await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  } finally {
    if (grow) await page.setViewportSize(viewport);
  }
  return path;
}

/** One API call from inside the page with the page's own launch token: for reading what the engine holds, or setting a scene. */
export async function callApi<T = any>(page: Page, name: string, input: unknown): Promise<T> {
  const result = (await page.evaluate(
    async ([n, body]) => {
      const token = window.sessionStorage.getItem('homeward.token');
      const r = await fetch(`api/${n}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      return r.json();
    },
    [name, input] as const,
  )) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value;
}

/** A short description of the element that has the keyboard focus. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const tag = el.tagName.toLowerCase();
    const id = el.id ? `#${el.id}` : '';
    const name = el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '';
    const value = el.getAttribute('value') !== null && tag === 'input' ? `[value=${el.getAttribute('value')}]` : '';
    const text = (el.textContent ?? '').trim().slice(0, 40);
    return `${tag}${id}${name}${value}${text ? ` "${text}"` : ''}`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`,
 * the way a keyboard user walks a form. Fails with the path it walked when
 * the element is not reached, so a broken tab order shows up here.
 */
export async function tabTo(page: Page, selector: string, options: { max?: number; backwards?: boolean; text?: string } = {}): Promise<void> {
  const max = options.max ?? 60;
  const walked: string[] = [];
  for (let i = 0; i <= max; i++) {
    const matches = await page.evaluate(
      ([s, text]) => {
        const el = document.activeElement;
        return !!el && el.matches(s) && (text === null || (el.textContent ?? '').includes(text));
      },
      [selector, options.text ?? null] as const,
    );
    if (matches) return;
    walked.push(await focused(page));
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab did not reach ${selector}${options.text ? ` with the text "${options.text}"` : ''} in ${max} presses. Focus went: ${walked.join(' → ')}`);
}

/**
 * Checks the radio `name=value` with the keyboard only: Tab into the group
 * (focus lands on its checked radio), then arrow keys until it is checked.
 */
export async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `input[type=radio][name="${name}"]`);
  for (let i = 0; i < 8; i++) {
    const checked = await page.evaluate((n) => document.querySelector(`input[type=radio][name="${n}"]:checked`)?.value ?? null, name);
    if (checked === value) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`The arrow keys never checked ${name}=${value}`);
}

/** Selects the whole text of the focused field and replaces it by typing (Ctrl+A, then type or Backspace). */
export async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  if (text) await page.keyboard.type(text);
  else await page.keyboard.press('Backspace');
}

/** The axe-core script, served from the page's own origin so the CSP (script-src 'self') stays in force. */
export const AXE_PATH = '/__e2e__/axe.min.js';

export const SEED_PASSPHRASE = 'seeded office passphrase for e2e';

/**
 * An office database made directly in Node (scrypt 2^12, as the unit tests
 * do), with a few people in different situations: complete and in intake,
 * incomplete, a minor with a protection hold and notes, one confirmed in
 * verification with a document. Returns the case numbers by role.
 */
export function seedOffice(databasePath: string): { complete: string; incomplete: string; minor: string; verified: string } {
  const { store } = OfficeStore.create(databasePath, {
    passphrase: SEED_PASSPHRASE,
    office: { code: 'MSO', name: 'Mae Sot coordination office', country: 'TH' },
    actor: 'admin@e2e',
    logN: 12,
  });
  const actor = 'coordinator@e2e';
  const rescue = { rescueDate: '2026-10-14', rescueSite: 'KK Park', rescueOperation: 'Myawaddy handover 2026-10-14', consent: { status: 'given' } };
  try {
    const complete = addPerson(store, actor, {
      givenNames: 'Aung Kyaw Moe',
      nativeName: 'အောင်ကျော်မိုး',
      sex: 'male',
      estimatedAge: 27,
      claimedNationality: 'MM',
      languages: ['my'],
      indicators: ['withholds_documents', 'debt_bondage'],
      ...rescue,
    }).caseNumber;
    const incomplete = addPerson(store, actor, { familyName: 'Nguyễn', givenNames: 'Thị Lan', estimatedAge: 31, claimedNationality: 'VN', rescueSite: 'Shwe Kokko' }).caseNumber;
    const minor = addPerson(store, actor, {
      familyName: 'Somchai',
      nativeName: 'สมชาย',
      aliases: ['Chai'],
      sex: 'male',
      estimatedAge: 16,
      claimedNationality: 'TH',
      languages: ['th'],
      vulnerabilities: ['minor', 'unaccompanied'],
      ...rescue,
    }).caseNumber;
    addHold(store, actor, minor, 'protection', 'Threatened by a recruiter who is still at large');
    addNote(store, actor, minor, 'Spoke with his aunt in Chiang Rai by phone; she will come to Mae Sot.');
    const verified = addPerson(store, actor, {
      familyName: 'ZHANG',
      givenNames: 'WEI',
      nativeName: '张伟明',
      sex: 'male',
      birthDate: '1994-03-08',
      claimedNationality: 'CN',
      languages: ['zh'],
      documents: [{ type: 'passport', number: 'EH4821937', issuingCountry: 'CN', holder: 'compound' }],
      indicators: ['false_promises'],
      ...rescue,
    }).caseNumber;
    advanceCase(store, actor, verified, 'verification', 'Intake complete');
    recordVerification(store, actor, verified, { method: 'embassy_list', authority: 'Embassy of China, Bangkok', country: 'CN', outcome: 'confirmed', reference: 'CN-EL-2026-114' });
    return { complete, incomplete, minor, verified };
  } finally {
    store.close();
  }
}

/** Switches the interface language with the header's picker and waits until the page is in it. */
export async function chooseLanguage(page: Page, code: string): Promise<void> {
  await page.locator('#language').selectOption(code);
  await page.waitForFunction((c) => (globalThis as { document?: { documentElement: { lang: string } } }).document?.documentElement.lang === c, code, { timeout: 20_000 });
}

/** Opens the app on a seeded office: the unlock screen, the passphrase typed, Enter. */
export async function unlock(page: Page, app: App, passphrase = SEED_PASSPHRASE): Promise<void> {
  await page.goto(app.url);
  await page.locator('#secret').waitFor();
  await page.keyboard.type(passphrase);
  await page.keyboard.press('Enter');
  await page.locator('#list-title').waitFor();
}
