/**
 * Checks that decide whether a request may reach the host at all. The host
 * listens on loopback only, but a web page elsewhere can still make the
 * browser talk to 127.0.0.1: a rebound DNS name arrives with a foreign Host
 * header, a cross-site call carries a foreign Origin.
 */

/** The Host header must name this host, by the address it printed or as localhost. */
export function hostAllowed(host: string, port: number): boolean {
  const h = host.toLowerCase();
  if (h === `127.0.0.1:${port}` || h === `localhost:${port}`) return true;
  // Browsers leave out the default port.
  return port === 80 && (h === '127.0.0.1' || h === 'localhost');
}

/** An absent Origin is a non-browser client (tests, scripts) holding the token; a present one must be our own. */
export function originAllowed(origin: string | undefined, host: string): boolean {
  return origin === undefined || origin === `http://${host.toLowerCase()}`;
}

/** `application/json`, with or without parameters such as `charset=utf-8`. */
export function isJsonContentType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

/** The request path without query or fragment, exactly as sent (still percent-encoded). */
export function rawPathOf(url: string | undefined): string {
  const u = url ?? '';
  const end = u.search(/[?#]/);
  return end === -1 ? u : u.slice(0, end);
}
