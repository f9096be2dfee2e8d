/**
 * One line per request: time, method, path, status, duration. Never the
 * query, the headers or the bodies: those carry tokens, search terms and
 * case data, and logs end up in places nobody protects.
 */
export function requestLogLine(method: string | undefined, rawPath: string, status: number | 'aborted', ms: number, at = new Date()): string {
  // Printable ASCII only (a path is still percent-encoded), so a path cannot forge log lines.
  const path = rawPath.replace(/[^\x21-\x7e]/g, '?').slice(0, 200) || '/';
  const verb = (method ?? '?').replace(/[^A-Z]/g, '').slice(0, 10) || '?';
  return `${at.toISOString()} ${verb} ${path} ${status} ${Math.round(ms)}ms`;
}
