import type { ServerResponse } from 'node:http';

/**
 * Headers on every response of the browser host. The renderer needs nothing
 * from outside this origin: no inline script or style, no remote fonts, no
 * frames. A page that cannot load foreign code cannot send case data away.
 */
export function contentSecurityPolicy(connect: "'self'" | "'none'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The page calls the API on its own origin. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy("'self'");

export const CACHE = {
  /** index.html, API answers and every refusal: case data must not sit in a browser cache */
  none: 'no-store',
  /** Vite's content-hashed assets never change under the same name */
  immutable: 'public, max-age=31536000, immutable',
  /** other static files: keep, but ask before reuse */
  revalidate: 'no-cache',
} as const;

export type CachePolicy = (typeof CACHE)[keyof typeof CACHE];

export function setSecurityHeaders(res: ServerResponse, cache: CachePolicy): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // Other sites may not even embed our scripts or images.
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', cache);
}
