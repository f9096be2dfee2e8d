import type { App, Session, Shell, WebContents } from 'electron';
import { isAppUrl } from './protocol';

/**
 * The window shows our own screens and nothing else: no navigation away, no
 * new windows, no webviews, no permissions, no network. A leaked page or an
 * injected link then has nowhere to send what it read.
 */

/**
 * URL schemes the renderer session may request. app: is our renderer;
 * devtools: only exists when DevTools are open (development); data: and blob:
 * are in-memory images (attachments shown from their bytes) and never leave
 * the machine. Everything else — http, https, ws, file, ftp — is cancelled.
 */
const ALLOWED_REQUEST_SCHEMES: ReadonlySet<string> = new Set(['app:', 'devtools:', 'data:', 'blob:']);

export function isAllowedRequest(url: string): boolean {
  try {
    return ALLOWED_REQUEST_SCHEMES.has(new URL(url).protocol) && (!url.startsWith('app:') || isAppUrl(url));
  } catch {
    return false;
  }
}

/** Navigation, redirects and new windows are refused unless they stay on app://homeward. */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // Homeward never opens a second window; a link with target=_blank goes nowhere.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // webviewTag is off; this refuses one even if that flag were ever changed.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Applied to every WebContents the app ever creates, not only the main
 * window's, as Electron's checklist advises.
 */
export function guardAllWebContents(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}

/**
 * No permission is granted: no camera, microphone, location, notifications,
 * clipboard reads, MIDI, HID, USB or serial. Photos and scans come in as
 * files the coordinator picks, not from a live camera, and copying text with
 * the keyboard needs no permission.
 */
export function guardSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  // The dictionary service would see typed names; spellcheck is off anyway.
  session.setSpellCheckerEnabled(false);
}

/**
 * The only way Homeward opens a browser: an https URL written into this
 * program and listed in `allowList`. Never called with a URL the renderer
 * sent. Returns whether the URL was opened.
 */
export async function openExternalSafely(
  shell: Pick<Shell, 'openExternal'>,
  url: string,
  allowList: readonly string[] = EXTERNAL_ALLOW_LIST,
): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  if (!allowList.includes(parsed.href)) return false;
  await shell.openExternal(parsed.href);
  return true;
}

/** Empty: nothing in Homeward opens a web page today. */
export const EXTERNAL_ALLOW_LIST: readonly string[] = [];
