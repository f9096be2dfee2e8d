import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers';

/** A fake of the Electron APIs main/main.ts touches, rebuilt for every test. */
const h = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const config = { packaged: true, lock: true, userData: '' };

  function emitter<T extends object>(target: T) {
    const listeners = new Map<string, Listener[]>();
    const add = (name: string, fn: Listener) => {
      listeners.set(name, [...(listeners.get(name) ?? []), fn]);
      return target;
    };
    return Object.assign(target, {
      on: vi.fn(add),
      once: vi.fn(add),
      emit: (name: string, ...args: unknown[]) => (listeners.get(name) ?? []).forEach((fn) => fn(...args)),
      listeners: (name: string) => listeners.get(name) ?? [],
    });
  }

  function makeElectron() {
    const app = emitter({
      isPackaged: config.packaged,
      enableSandbox: vi.fn(),
      setName: vi.fn(),
      setPath: vi.fn(),
      getPath: vi.fn((name: string) => (name === 'userData' ? config.userData : '/home/coordinator/.config')),
      requestSingleInstanceLock: vi.fn(() => config.lock),
      quit: vi.fn(),
      exit: vi.fn(),
      whenReady: vi.fn(() => Promise.resolve()),
    });
    const windows: FakeWindow[] = [];
    class FakeWindow {
      readonly webContents = emitter({
        id: windows.length + 1,
        isDestroyed: () => false,
        mainFrame: { url: 'app://homeward/index.html', processId: 3, routingId: 1, parent: null },
        setWindowOpenHandler: vi.fn(),
        reload: vi.fn(),
      });
      readonly show = vi.fn();
      readonly focus = vi.fn();
      readonly restore = vi.fn();
      readonly loadURL = vi.fn(async () => undefined);
      readonly isDestroyed = () => false;
      readonly isMinimized = vi.fn(() => false);
      readonly isVisible = vi.fn(() => true);
      readonly events = emitter({});
      readonly on = this.events.on;
      readonly once = this.events.once;
      constructor(readonly options: Record<string, unknown>) {
        windows.push(this);
      }
    }
    const rendererSession = {
      protocol: { handle: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setDisplayMediaRequestHandler: vi.fn(),
      setSpellCheckerEnabled: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    };
    return {
      app,
      BrowserWindow: FakeWindow,
      windows,
      rendererSession,
      session: { fromPartition: vi.fn(() => rendererSession) },
      protocol: { registerSchemesAsPrivileged: vi.fn() },
      ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
      powerMonitor: emitter({}),
      Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
      // A real OS key store on every platform (Keychain, DPAPI, libsecret).
      safeStorage: {
        isEncryptionAvailable: vi.fn(() => true),
        getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
        encryptString: vi.fn((plain: string) => Buffer.from(plain).reverse()),
        decryptString: vi.fn((blob: Buffer) => Buffer.from(blob).reverse().toString()),
      },
    };
  }
  const state = {
    engine: {
      call: vi.fn(async (_name: string, _input: unknown): Promise<unknown> => ({ ok: true, value: 'from engine' })),
      internal: vi.fn(async (_name: string, _input: unknown): Promise<unknown> => ({ ok: false, error: { code: 'LOCKED', message: 'locked' } })),
      close: vi.fn(async () => undefined),
    },
    startEngine: vi.fn(),
    electron: makeElectron(),
  };
  return { config, state, makeElectron };
});

// Getters, so every launch() sees the fresh fake even though the mock module is cached.
vi.mock('electron', () => ({
  get app() {
    return h.state.electron.app;
  },
  get BrowserWindow() {
    return h.state.electron.BrowserWindow;
  },
  get ipcMain() {
    return h.state.electron.ipcMain;
  },
  get Menu() {
    return h.state.electron.Menu;
  },
  get protocol() {
    return h.state.electron.protocol;
  },
  get powerMonitor() {
    return h.state.electron.powerMonitor;
  },
  get session() {
    return h.state.electron.session;
  },
  get safeStorage() {
    return h.state.electron.safeStorage;
  },
}));
vi.mock('../../src/api/engine', () => ({ startEngine: h.state.startEngine }));

async function launch(options: { packaged?: boolean; lock?: boolean } = {}) {
  h.config.packaged = options.packaged ?? true;
  h.config.lock = options.lock ?? true;
  h.config.userData = join(tempDir(), 'Homeward');
  h.state.electron = h.makeElectron();
  vi.resetModules();
  await import('../../main/main');
  await new Promise((resolve) => setImmediate(resolve));
  return h.state.electron;
}

function menuRoles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [item.role ?? '', ...(Array.isArray(item.submenu) ? menuRoles(item.submenu) : [])]);
}

beforeEach(() => {
  h.state.engine.call.mockClear();
  h.state.engine.internal.mockClear();
  h.state.engine.close.mockClear();
  h.state.startEngine.mockReset();
  h.state.startEngine.mockReturnValue(h.state.engine);
});

describe('starting Homeward', () => {
  it('sandboxes every renderer and registers app:// before the app is ready', async () => {
    const { app, protocol } = await launch();
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app' })]);
    expect(protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(app.whenReady.mock.invocationCallOrder[0]!);
  });

  it('starts the bundled engine worker on the office database in the app folder, as the OS user', async () => {
    await launch();
    expect(h.state.startEngine).toHaveBeenCalledTimes(1);
    const [options, workerUrl] = h.state.startEngine.mock.calls[0] as [{ actor: string; databasePath: string }, URL];
    expect(options.actor).toMatch(/^.+@desktop$/);
    expect(options.databasePath).toBe(join(h.config.userData, 'office.homeward'));
    expect(workerUrl).toBeInstanceOf(URL);
    expect(workerUrl.protocol).toBe('file:');
    expect(workerUrl.pathname).toMatch(/\/engine-worker\.cjs$/);
  });

  it('opens one locked-down window on app://homeward, shown when ready', async () => {
    const { windows } = await launch();
    expect(windows).toHaveLength(1);
    const window = windows[0]!;
    const web = window.options.webPreferences as Record<string, unknown>;
    expect(web).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false, devTools: false });
    expect(String(web.preload)).toMatch(/preload\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('app://homeward/index.html');
    expect(window.show).not.toHaveBeenCalled();
    window.events.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('serves the renderer and the guards on the window’s own in-memory session', async () => {
    const { session, rendererSession } = await launch();
    expect(session.fromPartition).toHaveBeenCalledWith('homeward');
    expect(rendererSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(rendererSession.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(rendererSession.setPermissionRequestHandler).toHaveBeenCalled();
  });

  it('guards every WebContents created, including the window’s', async () => {
    const { app, windows } = await launch();
    app.emit('web-contents-created', {}, windows[0]!.webContents);
    expect(windows[0]!.webContents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('locks the office when the computer sleeps or its screen is locked, and reloads the window onto the unlock screen', async () => {
    for (const event of ['lock-screen', 'suspend']) {
      const { powerMonitor, windows } = await launch();
      expect(h.state.engine.call).not.toHaveBeenCalledWith('office.lock', {});
      powerMonitor.emit(event);
      await new Promise((resolve) => setImmediate(resolve));
      expect(h.state.engine.call).toHaveBeenCalledWith('office.lock', {});
      expect(windows[0]!.webContents.reload).toHaveBeenCalledTimes(1);
      h.state.engine.call.mockClear();
    }
  });

  it('relays IPC calls from the window to the engine', async () => {
    const { ipcMain, windows } = await launch();
    expect(ipcMain.handle).toHaveBeenCalledWith('homeward:call', expect.any(Function));
    const handler = ipcMain.handle.mock.calls[0]![1] as (event: unknown, name: string, input: unknown) => Promise<unknown>;
    const contents = windows[0]!.webContents;
    expect(await handler({ sender: contents, senderFrame: contents.mainFrame }, 'office.status', {})).toEqual({ ok: true, value: 'from engine' });
    expect(h.state.engine.call).toHaveBeenCalledWith('office.status', {});
  });

  it('answers the OS key store calls with Electron’s safeStorage, on the office database in the app folder', async () => {
    const { ipcMain, windows, safeStorage } = await launch();
    const handler = ipcMain.handle.mock.calls[0]![1] as (event: unknown, name: string, input: unknown) => Promise<unknown>;
    const contents = windows[0]!.webContents;
    const ask = (name: string, input: unknown) => handler({ sender: contents, senderFrame: contents.mainFrame }, name, input);

    // office.status: the engine's answer, with this computer's key store judged here.
    h.state.engine.call.mockResolvedValueOnce({ ok: true, value: { path: 'x', exists: true, office: null, osKeystore: 'unavailable' } });
    expect(await ask('office.status', {})).toEqual({ ok: true, value: { path: 'x', exists: true, office: null, osKeystore: 'available' } });
    expect(safeStorage.isEncryptionAvailable).toHaveBeenCalled();

    // No database in the app folder yet: nothing to unlock, and the engine is not asked.
    expect(await ask('office.unlockWithThisComputer', {})).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_REQUIRED' } });
    expect(h.state.engine.call).not.toHaveBeenCalledWith('office.unlockWithThisComputer', expect.anything());
    expect(h.state.engine.internal).not.toHaveBeenCalled();

    // Remembering asks the engine for the key of the open office (none here: LOCKED).
    expect(await ask('office.rememberOnThisComputer', { enabled: true })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(h.state.engine.internal).toHaveBeenCalledWith('__databaseKey', {});
    expect(h.state.engine.call).not.toHaveBeenCalledWith('office.rememberOnThisComputer', expect.anything());
  });

  it('has no DevTools or reload in the packaged app', async () => {
    const { Menu } = await launch({ packaged: true });
    const template = Menu.buildFromTemplate.mock.calls[0]![0] as MenuItemConstructorOptions[];
    expect(menuRoles(template)).not.toContain('toggleDevTools');
    expect(menuRoles(template)).not.toContain('reload');
  });

  it('from source, offers DevTools and keeps its data apart from a real office', async () => {
    const { app, Menu, windows } = await launch({ packaged: false });
    expect(app.setPath).toHaveBeenCalledWith('userData', expect.stringMatching(/Homeward \(development\)$/));
    expect(menuRoles(Menu.buildFromTemplate.mock.calls[0]![0] as MenuItemConstructorOptions[])).toContain('toggleDevTools');
    expect((windows[0]!.options.webPreferences as Record<string, unknown>).devTools).toBe(true);
  });
});

describe('a second launch', () => {
  it('quits without starting an engine or a window', async () => {
    const { app, windows } = await launch({ lock: false });
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(h.state.startEngine).not.toHaveBeenCalled();
    expect(windows).toHaveLength(0);
  });

  it('brings the first instance’s window forward', async () => {
    const { app, windows } = await launch();
    app.emit('second-instance', {}, ['homeward'], '/', {});
    expect(windows[0]!.focus).toHaveBeenCalled();
  });
});

describe('quitting', () => {
  it('closes the engine (and its database) before the app exits', async () => {
    const { app } = await launch();
    const event = { preventDefault: vi.fn() };
    app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(h.state.engine.close).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    const again = { preventDefault: vi.fn() };
    app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(h.state.engine.close).toHaveBeenCalledTimes(1);
  });

  it('quits when the window is closed, so the office does not stay unlocked in the background', async () => {
    const { app } = await launch();
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalled();
  });
});
