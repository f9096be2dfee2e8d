import { realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { mimeType } from './mime';
import { refuse } from './respond';
import { CACHE, setSecurityHeaders, type CachePolicy } from './security-headers';

/**
 * Serves the built renderer. Anything that could step outside the folder
 * (dot segments, encoded dots or slashes, backslashes, null bytes, hidden
 * files, symlinks leading out) is refused before the file system is asked.
 */

export type StaticTarget =
  | { kind: 'file'; segments: string[] }
  | { kind: 'refused'; status: 400 | 404 };

/** Turns the raw (still percent-encoded) request path into safe path segments, or a refusal. */
export function staticTarget(rawPath: string): StaticTarget {
  // Encoded dots, slashes, backslashes and NULs have no business in an asset name.
  if (/%(2e|2f|5c|00)/i.test(rawPath) || rawPath.includes('\\') || rawPath.includes('\0')) return { kind: 'refused', status: 404 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (decoded.includes('\\') || decoded.includes('\0') || /[\u0000-\u001f]/.test(decoded)) return { kind: 'refused', status: 404 };
  const segments = decoded.split('/').filter((s) => s !== '');
  // ".", ".." and hidden files (.vite/, .env) are never served.
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'refused', status: 404 };
  return { kind: 'file', segments };
}

/** Paths that name a file (in assets/, or with an extension) get a 404 when missing; app routes get index.html. */
export function isAssetPath(segments: readonly string[]): boolean {
  const last = segments[segments.length - 1] ?? '';
  return segments[0] === 'assets' || /\.[A-Za-z0-9]{1,12}$/.test(last);
}

/** Vite names built assets `name-HASH.ext`; those never change under the same name. */
export function isHashedAsset(segments: readonly string[]): boolean {
  const last = segments[segments.length - 1] ?? '';
  return segments[0] === 'assets' && /-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/.test(last);
}

export interface StaticSite {
  serve(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void>;
}

export function staticSite(rendererDir: string): StaticSite {
  const root = realpathSync(rendererDir);
  const index = join(root, 'index.html');

  /** The real file under root, or null when it is missing, not a file, or leads outside root. */
  const existingFile = async (segments: string[]): Promise<string | null> => {
    const candidate = join(root, ...segments);
    if (!candidate.startsWith(root + sep)) return null;
    try {
      const real = await realpath(candidate);
      if (!real.startsWith(root + sep)) return null;
      return (await stat(real)).isFile() ? real : null;
    } catch {
      return null;
    }
  };

  const send = async (req: IncomingMessage, res: ServerResponse, file: string, cache: CachePolicy) => {
    const bytes = await readFile(file);
    setSecurityHeaders(res, cache);
    res.statusCode = 200;
    res.setHeader('Content-Type', mimeType(file));
    res.setHeader('Content-Length', bytes.length);
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };

  return {
    async serve(req, res, rawPath) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'Only GET and HEAD are served here; Homeward calls go to POST /api/<call name>.', { Allow: 'GET, HEAD' });
      }
      const target = staticTarget(rawPath);
      if (target.kind === 'refused') {
        return target.status === 400
          ? refuse(res, 400, 'BAD_REQUEST', 'The address is not valid.')
          : refuse(res, 404, 'NOT_FOUND', 'There is no such file.');
      }
      const file = target.segments.length === 0 ? null : await existingFile(target.segments);
      if (file && file !== index) return send(req, res, file, isHashedAsset(target.segments) ? CACHE.immutable : CACHE.revalidate);
      if (!file && isAssetPath(target.segments)) return refuse(res, 404, 'NOT_FOUND', 'There is no such file.');
      // The app's own routes (and / itself) all load the one page.
      return send(req, res, index, CACHE.none);
    },
  };
}
