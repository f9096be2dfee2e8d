import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret per launch: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token from `Authorization: Bearer <token>`, or null when the header is absent or malformed. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Constant-time comparison. Hashing first makes both sides the same length,
 * so not even the token's length leaks through timing.
 */
export function tokenMatches(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(given, 'utf8').digest();
  return timingSafeEqual(a, b);
}
