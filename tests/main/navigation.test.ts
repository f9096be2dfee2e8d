import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { EXTERNAL_ALLOW_LIST, guardAllWebContents, guardSession, guardWebContents, isAllowedRequest, openExternalSafely } from '../../main/navigation';

vi.mock('electron', () => {
  throw new Error('main/navigation.ts must not load electron at run time');
});

/** A WebContents as far as the guards use it. */
function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: vi.fn((handler: typeof openHandler) => {
      openHandler = handler;
    }),
  });
  guardWebContents(contents as unknown as WebContents);
  const navigate = (event: string, url: string) => {
    const e = { url, preventDefault: vi.fn() };
    emitter.emit(event, e);
    return e.preventDefault.mock.calls.length > 0;
  };
  return { contents, navigate, open: (url: string) => openHandler?.({ url }) };
}

describe('navigation away from Homeward', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s to another site or a local file is prevented', (event) => {
    const { navigate } = fakeContents();
    expect(navigate(event, 'https://evil.example/steal')).toBe(true);
    expect(navigate(event, 'http://127.0.0.1:8080/')).toBe(true);
    expect(navigate(event, 'file:///home/coordinator/office.homeward')).toBe(true);
    expect(navigate(event, 'app://evil/index.html')).toBe(true);
    expect(navigate(event, 'javascript:alert(1)')).toBe(true);
  });

  it('within app://homeward is allowed', () => {
    const { navigate } = fakeContents();
    expect(navigate('will-navigate', 'app://homeward/index.html#/people')).toBe(false);
  });

  it('window.open is denied, whatever the URL', () => {
    const { open } = fakeContents();
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('app://homeward/index.html')).toEqual({ action: 'deny' });
  });

  it('a webview is never attached', () => {
    const { contents } = fakeContents();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('guards every WebContents the app creates, not just the first window', () => {
    const app = new EventEmitter();
    guardAllWebContents(app as never);
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});

describe('the renderer session', () => {
  function guardedSession() {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const capture = (name: string) => vi.fn((handler: (...args: never[]) => unknown) => {
      handlers[name] = handler;
    });
    const session = {
      setPermissionRequestHandler: capture('permissionRequest'),
      setPermissionCheckHandler: capture('permissionCheck'),
      setDevicePermissionHandler: capture('device'),
      setDisplayMediaRequestHandler: capture('displayMedia'),
      setSpellCheckerEnabled: vi.fn(),
      webRequest: { onBeforeRequest: capture('beforeRequest') },
    };
    guardSession(session as unknown as Session);
    const call = (name: string, ...args: unknown[]) => (handlers[name] as (...a: unknown[]) => unknown)(...args);
    return { session, call };
  }

  it('cancels every http(s), websocket and file request the page makes', () => {
    const { call } = guardedSession();
    for (const url of ['https://evil.example/beacon?name=Aung', 'http://10.0.0.1/', 'wss://evil.example/', 'ws://127.0.0.1/', 'file:///etc/passwd', 'ftp://x/', 'app://evil/x.js']) {
      const callback = vi.fn();
      call('beforeRequest', { url }, callback);
      expect(callback, url).toHaveBeenCalledWith({ cancel: true });
    }
  });

  it('lets our own files, DevTools and in-memory images through', () => {
    const { call } = guardedSession();
    for (const url of ['app://homeward/assets/index.js', 'devtools://devtools/bundled/inspector.html', 'data:image/png;base64,AAAA', 'blob:app://homeward/0b1c']) {
      const callback = vi.fn();
      call('beforeRequest', { url }, callback);
      expect(callback, url).toHaveBeenCalledWith({ cancel: false });
    }
    expect(isAllowedRequest('not a url')).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb'])(
    'denies the %s permission',
    (permission) => {
      const { call } = guardedSession();
      const callback = vi.fn();
      call('permissionRequest', {}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(call('permissionCheck', {}, permission, 'app://homeward', {})).toBe(false);
    },
  );

  it('denies devices and screen capture, and turns spellcheck off', () => {
    const { session, call } = guardedSession();
    expect(call('device', {})).toBe(false);
    const callback = vi.fn();
    call('displayMedia', {}, callback);
    expect(callback).toHaveBeenCalledWith({});
    expect(session.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });
});

describe('opening a web page in the browser', () => {
  it('opens nothing by default', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    expect(EXTERNAL_ALLOW_LIST).toEqual([]);
    expect(await openExternalSafely(shell, 'https://www.iom.int/')).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens only an exact https URL from the allow-list', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const allow = ['https://www.iom.int/'];
    expect(await openExternalSafely(shell, 'https://www.iom.int/', allow)).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.iom.int/');
    for (const url of ['http://www.iom.int/', 'https://www.iom.int/other', 'https://user@www.iom.int/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      expect(await openExternalSafely(shell, url, allow), url).toBe(false);
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});
