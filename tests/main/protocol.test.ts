import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  appPathSegments,
  isAppUrl,
  mimeType,
  registerAppScheme,
  rendererHandler,
  resolveRendererFile,
  serveRenderer,
} from '../../main/protocol';
import { tempDir } from '../helpers';

vi.mock('electron', () => {
  throw new Error('main/protocol.ts must not load electron at run time');
});

const ROOT = resolve('/srv/homeward/renderer');
const FILES = new Set([join(ROOT, 'index.html'), join(ROOT, 'assets', 'index-3fa9c1.js'), join(ROOT, 'assets', 'noto-sans-thai-400-normal.woff2')]);
const isFile = (path: string) => FILES.has(path);

/** Every way a page could try to read a file outside the renderer folder. */
const ATTACKS = [
  'app://homeward/../secret.txt',
  'app://homeward/assets/../../secret.txt',
  'app://homeward/%2e%2e/secret.txt',
  'app://homeward/%2E%2E/secret.txt',
  'app://homeward/.%2e/secret.txt',
  'app://homeward/assets/..%2f..%2fsecret.txt',
  'app://homeward/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
  'app://homeward/%252e%252e/secret.txt',
  'app://homeward/%c0%ae%c0%ae/secret.txt',
  'app://homeward/..%5csecret.txt',
  'app://homeward/assets\\..\\..\\secret.txt',
  'app://homeward/%5c%5cserver%5cshare',
  'app://homeward//etc/passwd',
  'app://homeward/%2fetc%2fpasswd',
  'app://homeward/C:/Windows/win.ini',
  'app://homeward/C%3A%5CWindows%5Cwin.ini',
  'app://homeward/index.html%00.png',
  'app://homeward/index.html\u0000.png',
  'app://homeward/./index.html',
  'app://homeward/.env',
  'app://homeward/%ZZ',
  'app:///etc/passwd',
  'app://evil/index.html',
  'app://homeward.evil/index.html',
  'app://homeward:8080/index.html',
  'app://user@homeward/index.html',
  'file:///etc/passwd',
  'https://homeward/index.html',
  'https://evil.example/',
  `app://homeward/${'a/'.repeat(1100)}`,
];

describe('which file an app://homeward request may read', () => {
  it.each(ATTACKS)('refuses %s', (url) => {
    expect(resolveRendererFile(url, ROOT, isFile)).toMatchObject({ status: 403 });
    expect(appPathSegments(url).ok).toBe(false);
  });

  it('serves the entry page for the bare origin, "/" and index.html, ignoring query and fragment', () => {
    for (const url of ['app://homeward', 'app://homeward/', APP_ENTRY_URL, 'app://homeward/index.html?v=2#/person/MSO-2026-000123']) {
      expect(resolveRendererFile(url, ROOT, isFile)).toEqual({ status: 200, file: join(ROOT, 'index.html'), fallback: false });
    }
  });

  it('serves built assets from inside the folder', () => {
    expect(resolveRendererFile('app://homeward/assets/index-3fa9c1.js', ROOT, isFile)).toEqual({
      status: 200,
      file: join(ROOT, 'assets', 'index-3fa9c1.js'),
      fallback: false,
    });
  });

  it('answers unknown screens (no extension) with index.html, the single-page app', () => {
    for (const url of ['app://homeward/people', 'app://homeward/person/MSO-2026-000123', 'app://homeward/people/']) {
      expect(resolveRendererFile(url, ROOT, isFile)).toEqual({ status: 200, file: join(ROOT, 'index.html'), fallback: true });
    }
  });

  it('answers a missing asset with 404, never with index.html', () => {
    expect(resolveRendererFile('app://homeward/assets/missing.js', ROOT, isFile)).toMatchObject({ status: 404 });
    expect(resolveRendererFile('app://homeward/favicon.ico', ROOT, isFile)).toMatchObject({ status: 404 });
  });

  it('says so when the renderer was never built', () => {
    expect(resolveRendererFile('app://homeward/', ROOT, () => false)).toMatchObject({ status: 404, reason: 'index.html is missing' });
    expect(resolveRendererFile('app://homeward/people', ROOT, () => false)).toMatchObject({ status: 404 });
  });

  it('tells our own URLs from everything else', () => {
    expect(isAppUrl('app://homeward/index.html#/people')).toBe(true);
    for (const url of ['app://evil/', 'app://homeward:1/', 'app://x@homeward/', 'file:///index.html', 'https://homeward/', 'not a url', '']) {
      expect(isAppUrl(url)).toBe(false);
    }
  });
});

describe('content types', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-3fa9c1.js', 'text/javascript; charset=utf-8'],
    ['assets/app.mjs', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/font.woff', 'font/woff'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/photo.PNG', 'image/png'],
    ['assets/data.json', 'application/json; charset=utf-8'],
    ['assets/unknown.xyz', 'application/octet-stream'],
    ['LICENSE', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(mimeType(file)).toBe(type);
  });
});

describe('the content security policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name = '', ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  }));

  it('is the policy agreed for Homeward, word for word', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('allows scripts and styles only from our own files: no inline code, no eval', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|unsafe-hashes|strict-dynamic|\*/);
  });

  it('denies by default, talks to no network, cannot be framed, rebased or used to post a form', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    for (const [, values] of directives) expect(values.some((v) => /^(https?|wss?|file):/.test(v))).toBe(false);
  });
});

describe('serving the renderer folder', () => {
  function builtRenderer() {
    const base = tempDir();
    const root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Homeward</title>');
    writeFileSync(join(root, 'assets', 'index-3fa9c1.js'), 'console.log("homeward")');
    writeFileSync(join(base, 'secret.txt'), 'NAMES OF RESCUED PEOPLE');
    return { base, root };
  }
  // A raw request as Chromium might hand it over; new Request() would normalise "..".
  const request = (url: string, method = 'GET') => ({ url, method }) as Request;

  it('serves a file with its type, the CSP and nosniff', async () => {
    const { root } = builtRenderer();
    const response = await rendererHandler(root)(request('app://homeward/assets/index-3fa9c1.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log("homeward")');
  });

  it('falls back to index.html for a screen address', async () => {
    const { root } = builtRenderer();
    const response = await rendererHandler(root)(request('app://homeward/person/MSO-2026-000123'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Homeward</title>');
  });

  it.each(ATTACKS)('never returns the secret next door for %s', async (url) => {
    const { root } = builtRenderer();
    const response = await rendererHandler(root)(request(url));
    expect(response.status).toBe(403);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('RESCUED');
  });

  it('refuses a symlink that leads out of the folder', async () => {
    const { base, root } = builtRenderer();
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'leak.txt'));
    const response = await rendererHandler(root)(request('app://homeward/assets/leak.txt'));
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('RESCUED');
  });

  it('answers HEAD without a body, and refuses writes', async () => {
    const { root } = builtRenderer();
    const head = await rendererHandler(root)(request('app://homeward/index.html', 'HEAD'));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await rendererHandler(root)(request('app://homeward/index.html', 'POST'))).status).toBe(405);
  });

  it('explains a renderer that was never built', async () => {
    const response = await rendererHandler(join(tempDir(), 'renderer'))(request('app://homeward/'));
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/npm run build:electron/);
  });

  it('registers app:// as a standard, secure scheme with fetch support and no CORS opening', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
    serveRenderer(protocol, '/r');
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
