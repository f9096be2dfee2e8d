import { chmodSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusedByHost } from '../../src/web/call-policy';
import { defaultDatabasePath, ensurePrivateFolder } from '../../src/web/data-dir';
import { mimeType } from '../../src/web/mime';
import { parseWebOptions, UsageError } from '../../src/web/options';
import { staleBuildReason } from '../../src/web/renderer-build';
import { requestLogLine } from '../../src/web/request-log';
import { hostAllowed, isJsonContentType, originAllowed, rawPathOf } from '../../src/web/request-guards';
import { isAssetPath, isHashedAsset, staticTarget } from '../../src/web/static-files';
import { bearerToken, newToken, tokenMatches } from '../../src/web/token';
import { tempDir } from '../helpers';

describe('the guards of the browser host', () => {
  it('knows its own host names, and no others', () => {
    expect(hostAllowed('127.0.0.1:4100', 4100)).toBe(true);
    expect(hostAllowed('LOCALHOST:4100', 4100)).toBe(true);
    expect(hostAllowed('127.0.0.1:4101', 4100)).toBe(false);
    expect(hostAllowed('127.0.0.1', 4100)).toBe(false);
    expect(hostAllowed('evil.example:4100', 4100)).toBe(false);
    expect(hostAllowed('127.0.0.1.evil.example:4100', 4100)).toBe(false);
    expect(hostAllowed('[::1]:4100', 4100)).toBe(false);
    expect(hostAllowed('localhost', 80)).toBe(true);
  });

  it('accepts only its own origin, or none', () => {
    expect(originAllowed(undefined, '127.0.0.1:4100')).toBe(true);
    expect(originAllowed('http://127.0.0.1:4100', '127.0.0.1:4100')).toBe(true);
    expect(originAllowed('http://localhost:4100', '127.0.0.1:4100')).toBe(false);
    expect(originAllowed('https://127.0.0.1:4100', '127.0.0.1:4100')).toBe(false);
    expect(originAllowed('null', '127.0.0.1:4100')).toBe(false);
  });

  it('reads JSON content types with parameters, and nothing else', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON ; charset=UTF-8')).toBe(true);
    expect(isJsonContentType('application/jsonx')).toBe(false);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });

  it('compares tokens whole, and reads them only from a Bearer header', () => {
    const token = newToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token, token.slice(0, -1))).toBe(false);
    expect(tokenMatches(token, `${token}x`)).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer ${token}`)).toBe(token);
    expect(bearerToken(`Bearer ${token} extra`)).toBeNull();
    expect(bearerToken(token)).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });

  it('logs a request by method, path, status and time only', () => {
    expect(rawPathOf('/api/person.list?search=Aung#x')).toBe('/api/person.list');
    const line = requestLogLine('POST', '/api/person.add', 200, 12.4, new Date('2026-10-14T08:00:00Z'));
    expect(line).toBe('2026-10-14T08:00:00.000Z POST /api/person.add 200 12ms');
    expect(requestLogLine('GET', '/a\nFAKE 200', 404, 1)).not.toContain('\n');
  });
});

describe('the static file rules', () => {
  it('turns safe paths into segments and refuses anything that could step outside', () => {
    expect(staticTarget('/assets/app.js')).toEqual({ kind: 'file', segments: ['assets', 'app.js'] });
    expect(staticTarget('/')).toEqual({ kind: 'file', segments: [] });
    expect(staticTarget('/assets/%E1%80%A1.png')).toEqual({ kind: 'file', segments: ['assets', 'အ.png'] });
    for (const path of ['/../x', '/%2e%2e/x', '/a/..%2fx', '/a\\..\\x', '/a%5cb', '/a%00', '/.env', '/assets/./app.js', '/.vite/manifest.json']) {
      expect(staticTarget(path), path).toEqual({ kind: 'refused', status: 404 });
    }
    expect(staticTarget('/%E0%A4%A')).toEqual({ kind: 'refused', status: 400 });
  });

  it('tells app routes from asset names, and hashed assets from others', () => {
    expect(isAssetPath(['people'])).toBe(false);
    expect(isAssetPath(['person', 'MSO-2026-000123'])).toBe(false);
    expect(isAssetPath(['assets', 'anything'])).toBe(true);
    expect(isAssetPath(['favicon.ico'])).toBe(true);
    expect(isHashedAsset(['assets', 'index-B3x_9kQa.js'])).toBe(true);
    expect(isHashedAsset(['assets', 'noto-sans-myanmar-400-D1k-aZ9q.woff2'])).toBe(true);
    expect(isHashedAsset(['assets', 'app.js'])).toBe(false);
    expect(isHashedAsset(['index-B3x_9kQa.js'])).toBe(false);
  });

  it('names the MIME types the screens need', () => {
    expect(mimeType('a.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('a.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeType('a.woff2')).toBe('font/woff2');
    expect(mimeType('a.woff')).toBe('font/woff');
    expect(mimeType('a.svg')).toBe('image/svg+xml');
    expect(mimeType('a.png')).toBe('image/png');
    expect(mimeType('a.json')).toBe('application/json; charset=utf-8');
    expect(mimeType('a.js.map')).toBe('application/json; charset=utf-8');
    expect(mimeType('a.exe')).toBe('application/octet-stream');
  });

  it('lets office.create and office.unlock name only the host’s own database file', () => {
    expect(refusedByHost('office.create', { passphrase: 'x' }, '/data/office.homeward')).toBeNull();
    expect(refusedByHost('office.create', { path: '/data/./office.homeward' }, '/data/office.homeward')).toBeNull();
    expect(refusedByHost('office.unlock', { path: '/elsewhere.homeward' }, '/data/office.homeward')?.error.code).toBe('BAD_USAGE');
    expect(refusedByHost('office.create', { path: 42 }, '/data/office.homeward')?.error.code).toBe('BAD_USAGE');
    expect(refusedByHost('person.list', { path: '/x' }, '/data/office.homeward')).toBeNull();
  });
});

describe('the options of npm run web', () => {
  it('takes the database from --db, else $HOMEWARD_DB, else the user’s data folder', () => {
    const env = { HOME: '/home/ko', XDG_DATA_HOME: '/home/ko/.data' };
    expect(parseWebOptions(['--db', 'mso.homeward'], { ...env, HOMEWARD_DB: '/x/y.homeward' }, '/work')).toMatchObject({
      databasePath: '/work/mso.homeward',
      defaultDatabase: false,
    });
    expect(parseWebOptions([], { ...env, HOMEWARD_DB: '/x/y.homeward' }, '/work')).toMatchObject({ databasePath: '/x/y.homeward', defaultDatabase: false });
    expect(parseWebOptions([], env, '/work')).toMatchObject({ databasePath: '/home/ko/.data/homeward/office.homeward', defaultDatabase: true });
  });

  it('knows where each OS keeps application data', () => {
    expect(defaultDatabasePath({}, 'linux', '/home/ko')).toBe('/home/ko/.local/share/homeward/office.homeward');
    expect(defaultDatabasePath({ XDG_DATA_HOME: 'relative' }, 'linux', '/home/ko')).toBe('/home/ko/.local/share/homeward/office.homeward');
    expect(defaultDatabasePath({}, 'darwin', '/Users/ko')).toBe('/Users/ko/Library/Application Support/homeward/office.homeward');
    expect(defaultDatabasePath({ APPDATA: 'C:\\Users\\ko\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ko')).toContain('Roaming');
  });

  it('takes the port from --port, else $HOMEWARD_PORT, else a free one, and refuses nonsense', () => {
    expect(parseWebOptions([], {}).port).toBe(0);
    expect(parseWebOptions([], { HOMEWARD_PORT: '4100' }).port).toBe(4100);
    expect(parseWebOptions(['--port', '4200'], { HOMEWARD_PORT: '4100' }).port).toBe(4200);
    for (const bad of ['-1', '70000', 'abc', '12.5', '']) expect(() => parseWebOptions(['--port', bad], {}), bad).toThrow(UsageError);
    expect(() => parseWebOptions([], { HOMEWARD_PORT: 'x' })).toThrow(/HOMEWARD_PORT/);
    expect(() => parseWebOptions(['--bogus'], {})).toThrow(UsageError);
    expect(parseWebOptions(['--no-build'], {}).build).toBe(false);
    expect(parseWebOptions([], {}).build).toBe(true);
  });

  it('creates the default database folder readable by this user only', () => {
    const dir = join(tempDir(), 'share', 'homeward');
    expect(ensurePrivateFolder(dir)).toBeNull();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const open = join(tempDir(), 'open');
    mkdirSync(open);
    chmodSync(open, 0o755);
    expect(ensurePrivateFolder(open)).toMatch(/other users/);
  });
});

describe('when the screens are rebuilt', () => {
  it('builds when there is no build, or a source is newer than it, and not otherwise', () => {
    const root = tempDir();
    mkdirSync(join(root, 'renderer', 'src'), { recursive: true });
    mkdirSync(join(root, 'src', 'domain'), { recursive: true });
    writeFileSync(join(root, 'renderer', 'src', 'App.tsx'), 'x');
    writeFileSync(join(root, 'src', 'domain', 'person.ts'), 'x');
    expect(staleBuildReason(root)).toMatch(/index\.html does not exist/);

    mkdirSync(join(root, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(root, 'dist', 'renderer', 'index.html'), 'built');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'renderer', 'src', 'App.tsx'), past, past);
    utimesSync(join(root, 'src', 'domain', 'person.ts'), past, past);
    expect(staleBuildReason(root)).toBeNull();

    writeFileSync(join(root, 'src', 'domain', 'person.ts'), 'changed');
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src', 'domain', 'person.ts'), future, future);
    expect(staleBuildReason(root)).toMatch(/person\.ts changed/);
  });
});
