/**
 * Homeward's Electron entry: a thin relay between one locked-down window and
 * the engine worker. Everything a coordinator does is a contract call that
 * ipc.ts checks and the engine (src/) runs — except the OS key store, which
 * only Electron has (keystore-calls.ts); nothing else happens here.
 */
import { app, BrowserWindow, ipcMain, Menu, powerMonitor, protocol, safeStorage, session } from 'electron';
import { electronPrinter } from './print';
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEngine, type Engine } from '../src/api/engine';
import { serveIpc } from './ipc';
import { menuTemplate } from './menu';
import { guardAllWebContents, guardSession } from './navigation';
import { APP_ENTRY_URL, registerAppScheme, serveRenderer } from './protocol';
import { claimSingleInstance } from './single-instance';
import { RENDERER_PARTITION, windowOptions } from './window';

// In the bundle this file is dist/electron/main.cjs, beside the preload and
// the engine worker; the renderer is built into dist/renderer.
const here = dirname(fileURLToPath(import.meta.url));
export const PATHS = {
  preload: join(here, 'preload.cjs'),
  engineWorker: join(here, 'engine-worker.cjs'),
  renderer: join(here, '..', 'renderer'),
};

export const DATABASE_FILE = 'office.homeward';
/** How long quitting waits for the engine to finish the call in progress (an import) and close the database. */
const ENGINE_CLOSE_TIMEOUT_MS = 15_000;

/** The audit trail's actor for this desktop: the OS account, which the OS already authenticated. */
export function desktopActor(): string {
  try {
    return `${userInfo().username || 'user'}@desktop`;
  } catch {
    return 'user@desktop';
  }
}

let mainWindow: BrowserWindow | null = null;
let engine: Engine | null = null;
let engineClosed = false;

function createWindow(developer: boolean): BrowserWindow {
  const window = new BrowserWindow(windowOptions({ preloadPath: PATHS.preload, devTools: developer }));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

async function closeEngine(): Promise<void> {
  if (!engine) return;
  const closing = engine.close().catch(() => undefined);
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, ENGINE_CLOSE_TIMEOUT_MS))]);
}

function ready(): void {
  const developer = !app.isPackaged;
  const rendererSession = session.fromPartition(RENDERER_PARTITION);
  guardSession(rendererSession);
  serveRenderer(rendererSession.protocol, PATHS.renderer);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, developer)));

  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true, mode: 0o700 });
  // The bundled worker, never the default source worker (that one needs tsx and src/).
  const databasePath = join(userData, DATABASE_FILE);
  engine = startEngine({ actor: desktopActor(), databasePath }, pathToFileURL(PATHS.engineWorker), { printPdf: electronPrinter({ BrowserWindow, session }) });
  // safeStorage answers meaningfully only from now on (after ready); keystore-calls.ts asks it on every use.
  serveIpc(ipcMain, engine, () => mainWindow?.webContents ?? null, { engine, safeStorage, platform: process.platform, databasePath });
  mainWindow = createWindow(developer);
  // A laptop put to sleep or locked by its owner locks the office too: whoever opens it next needs the passphrase.
  powerMonitor.on('lock-screen', lockOffice);
  powerMonitor.on('suspend', lockOffice);
}

/** Locks the office and reloads the window onto the unlock screen (what was typed and not saved is dropped, as by Ctrl+L). */
function lockOffice(): void {
  if (!engine) return;
  void engine.call('office.lock', {}).then(() => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.reload();
  });
}

function main(): void {
  // Every renderer sandboxed, whatever a window's own options say.
  app.enableSandbox();
  if (!app.isPackaged) {
    // From source, keep a developer's test office apart from a real one on the same machine.
    app.setName('Homeward');
    app.setPath('userData', join(app.getPath('appData'), 'Homeward (development)'));
  }
  registerAppScheme(protocol);
  guardAllWebContents(app);
  if (!claimSingleInstance(app, () => mainWindow)) return;

  // Quitting with the window: the database closes with it instead of staying unlocked in the background.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (engineClosed || !engine) return;
    event.preventDefault();
    void closeEngine().finally(() => {
      engineClosed = true;
      app.quit();
    });
  });
  app.whenReady().then(ready, (error: unknown) => {
    console.error('Homeward could not start:', error);
    app.exit(1);
  });
}

main();
