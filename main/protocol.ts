import { readFile } from 'node:fs/promises';
import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { mimeType } from '../src/web/mime';
import { contentSecurityPolicy } from '../src/web/security-headers';

/**
 * The renderer is served from app://homeward/…, never from file://: a custom
 * standard scheme gives the window its own origin (so CSP 'self' means only
 * our files), keeps file:// and its extra privileges out of reach, and lets
 * every response carry security headers.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'homeward';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before `ready`. `standard` for relative URLs and a real origin,
 * `secure` for a secure context, `supportFetchAPI` for module scripts.
 * `corsEnabled` stays unset: nothing from another origin may read our files.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/**
 * No network at all (connect-src 'none'); scripts, styles and fonts only from
 * our own files, never inline or eval (the Vite build inlines nothing:
 * assetsInlineLimit 0). data:/blob: images are attachments shown from their
 * bytes.
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy("'none'");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** With nosniff, an unknown type is never guessed into something executable. */
export { mimeType };

/**
 * One path segment as Vite names its output (index-3fa9c1.js,
 * noto-sans-thai-400-normal.woff2). Anything else — "." or "..", hidden
 * files, separators, colons (drive letters, streams), NUL, spaces, "%" — is
 * refused rather than interpreted.
 */
const SAFE_SEGMENT = /^[A-Za-z0-9_~@+=,-][A-Za-z0-9._~@+=,-]*$/;
const MAX_URL_LENGTH = 2048;

export type PathResolution = { ok: true; segments: string[] } | { ok: false; reason: string };

/**
 * The decoded path segments of an app://homeward URL, or a refusal. Works on
 * the raw string: the URL parser would quietly fold "/a/%2e%2e/b" into "/b",
 * and a request that tries that is refused, not repaired.
 */
export function appPathSegments(requestUrl: string): PathResolution {
  if (requestUrl.length > MAX_URL_LENGTH) return { ok: false, reason: 'URL too long' };
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(requestUrl)) return { ok: false, reason: 'backslash or control character' };
  const prefix = `${APP_ORIGIN}/`;
  if (requestUrl !== APP_ORIGIN && !requestUrl.startsWith(prefix)) return { ok: false, reason: 'not app://homeward' };
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return { ok: false, reason: 'malformed URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) {
    return { ok: false, reason: 'not app://homeward' };
  }
  const rawPath = requestUrl.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] || '/';
  const rawSegments = rawPath.slice(1).split('/');
  const segments: string[] = [];
  for (const [i, raw] of rawSegments.entries()) {
    // Only a trailing slash may leave an empty segment ("//etc/passwd" may not).
    if (raw === '' && i === rawSegments.length - 1) break;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, reason: 'malformed percent-encoding' };
    }
    if (!SAFE_SEGMENT.test(segment)) return { ok: false, reason: `refused path segment "${raw}"` };
    segments.push(segment);
  }
  return { ok: true, segments };
}

export type RendererFile =
  | { status: 200; file: string; fallback: boolean }
  | { status: 403; reason: string }
  | { status: 404; reason: string };

/**
 * Maps a request URL to a file inside `root`. `isFile` is injected so the
 * rule — including the SPA fallback — is tested without touching the disk.
 * Unknown paths without an extension are routes of the single-page app and get
 * index.html; an unknown asset (with an extension) is a plain 404, so a
 * missing script never comes back as HTML.
 */
export function resolveRendererFile(requestUrl: string, root: string, isFile: (path: string) => boolean): RendererFile {
  const path = appPathSegments(requestUrl);
  if (!path.ok) return { status: 403, reason: path.reason };
  const base = resolve(root);
  const index = resolve(base, 'index.html');
  if (path.segments.length === 0) {
    return isFile(index) ? { status: 200, file: index, fallback: false } : { status: 404, reason: 'index.html is missing' };
  }
  const file = resolve(base, ...path.segments);
  // Belt and braces: the segment rule already makes escaping impossible.
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { status: 403, reason: 'outside the renderer folder' };
  if (isFile(file)) return { status: 200, file, fallback: false };
  const last = path.segments[path.segments.length - 1] ?? '';
  if (extname(last) === '' && isFile(index)) return { status: 200, file: index, fallback: true };
  return { status: 404, reason: 'not found' };
}

function isRegularFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** A symlink inside the renderer folder must not lead out of it either. */
function realpathInside(file: string, root: string): boolean {
  try {
    const inside = relative(realpathSync(root), realpathSync(file));
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
  } catch {
    return false;
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The `protocol.handle` handler for app://homeward, serving files from `root`. */
export function rendererHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const found = resolveRendererFile(request.url, root, isRegularFile);
    if (found.status === 403) return plain(403, 'Forbidden');
    if (found.status === 404) {
      return found.reason === 'index.html is missing'
        ? plain(404, 'The Homeward screens are not built. Run "npm run build:electron" and start again.')
        : plain(404, 'Not found');
    }
    if (!realpathInside(found.file, root)) return plain(403, 'Forbidden');
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(found.file));
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': mimeType(found.file) } });
  };
}

/** Before `ready`: app:// becomes a standard, secure scheme. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** After `ready`, on the window's session: app://homeward serves the built renderer. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, rendererHandler(root));
}

/** Whether a URL belongs to our renderer (navigation and IPC checks use this). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
