import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/web/security-headers';
import { APP_JS, HASHED_JS, HASHED_NAME, INDEX_HTML, SECRET_MARKER, startTestHost, type Reply } from './web-host';

function expectSecurityHeaders(reply: Reply): void {
  expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  expect(reply.headers['referrer-policy']).toBe('no-referrer');
  expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(reply.headers['cache-control']).toBeTruthy();
}

describe('the browser host serving the screens', () => {
  it('serves index.html with a strict CSP that is never cached', async () => {
    const { request } = await startTestHost();
    for (const path of ['/', '/index.html']) {
      const page = await request('GET', path);
      expect(page.status, path).toBe(200);
      expect(page.text).toBe(INDEX_HTML);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-store');
      expectSecurityHeaders(page);
    }
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('serves assets with their MIME types, and caches only content-hashed ones for long', async () => {
    const { request } = await startTestHost();
    const app = await request('GET', '/assets/app.js');
    expect(app.status).toBe(200);
    expect(app.text).toBe(APP_JS);
    expect(app.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(app.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(app);

    const hashed = await request('GET', `/assets/${HASHED_NAME}`);
    expect(hashed.text).toBe(HASHED_JS);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const types: Record<string, string> = {
      '/assets/app.css': 'text/css; charset=utf-8',
      '/assets/noto.woff2': 'font/woff2',
      '/assets/logo.svg': 'image/svg+xml',
    };
    for (const [path, type] of Object.entries(types)) {
      const reply = await request('GET', path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-type'], path).toBe(type);
    }

    const head = await request('HEAD', '/assets/app.js');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(APP_JS)));
    expect(head.text).toBe('');
  });

  it('answers app routes with index.html, but a missing asset with 404', async () => {
    const { request } = await startTestHost();
    for (const path of ['/people', '/person/MSO-2026-000123', '/cases?search=x']) {
      const reply = await request('GET', path);
      expect(reply.status, path).toBe(200);
      expect(reply.text, path).toBe(INDEX_HTML);
      expect(reply.headers['cache-control']).toBe('no-store');
    }
    for (const path of ['/assets/gone.js', '/assets/nothing', '/favicon.ico']) {
      const reply = await request('GET', path);
      expect(reply.status, path).toBe(404);
      expectSecurityHeaders(reply);
      expect(reply.headers['cache-control']).toBe('no-store');
    }
  });

  it('never serves a file from outside the renderer folder, however the path is dressed up', async () => {
    const { request, fixture } = await startTestHost();
    symlinkSync(join(fixture.dir, 'secret.txt'), join(fixture.rendererDir, 'assets', 'link.txt'));
    symlinkSync(fixture.dir, join(fixture.rendererDir, 'outside'));
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/assets\\..\\..\\secret.txt',
      '/.%2e/secret.txt',
      '//../secret.txt',
      '/assets/app.js%00.html',
      '/%c0%ae%c0%ae/secret.txt',
      '/%ZZ',
      '/assets/link.txt',
      '/outside/secret.txt',
      '/outside/package.json',
      '/.hidden',
    ];
    for (const path of attempts) {
      const reply = await request('GET', path);
      expect([400, 404], path).toContain(reply.status);
      expect(reply.text, path).not.toContain(SECRET_MARKER);
      expectSecurityHeaders(reply);
    }
  });

  it('serves pages only with GET and HEAD', async () => {
    const { request } = await startTestHost();
    const reply = await request('PUT', '/assets/app.js', { body: 'overwrite' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });
});
