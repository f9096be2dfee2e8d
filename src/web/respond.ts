import type { ServerResponse } from 'node:http';
import type { Result } from '../api/contract';
import type { ErrorCode } from '../domain/errors';
import { CACHE, setSecurityHeaders, type CachePolicy } from './security-headers';

/**
 * Codes of refusals made by the browser host itself, before a call reaches
 * the engine. They travel in the same `{ok: false, error}` shape as the
 * engine's own refusals.
 */
export type TransportErrorCode = Extract<
  ErrorCode,
  'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNKNOWN_CALL' | 'METHOD_NOT_ALLOWED' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'BAD_REQUEST' | 'INTERNAL'
>;

export interface TransportRefusal {
  ok: false;
  error: { code: TransportErrorCode; message: string };
}

export function sendJson(res: ServerResponse, status: number, body: Result<unknown> | TransportRefusal, cache: CachePolicy = CACHE.none): void {
  const text = JSON.stringify(body);
  setSecurityHeaders(res, cache);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function refuse(
  res: ServerResponse,
  status: number,
  code: TransportErrorCode,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { ok: false, error: { code, message } });
}
