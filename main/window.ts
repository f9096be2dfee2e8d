import type { BrowserWindowConstructorOptions } from 'electron';

/** The non-persistent session the window runs in (see `webPreferences.partition`). */
export const RENDERER_PARTITION = 'homeward';

export interface WindowSettings {
  /** absolute path of the bundled preload (dist/electron/preload.cjs) */
  preloadPath: string;
  /** DevTools only when running from source; a packaged app never opens them */
  devTools: boolean;
}

/**
 * The main window's options, kept pure so the security flags are tested
 * without Electron. Every flag follows Electron's security checklist; the
 * renderer reaches the engine only through the preload's bridge.
 */
export function windowOptions(settings: WindowSettings): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 840,
    minWidth: 960,
    minHeight: 600,
    title: 'Homeward',
    // Painted before the first frame so the window never flashes white-on-dark or garbage.
    backgroundColor: '#ffffff',
    // Shown on 'ready-to-show', so nobody sees a half-drawn window.
    show: false,
    webPreferences: {
      preload: settings.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Spellcheck would hand every typed name to a dictionary service.
      spellcheck: false,
      // A file dropped on the window must not replace the app with file://…
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      safeDialogs: true,
      devTools: settings.devTools,
      // In-memory session: whatever the renderer caches or stores (form drafts,
      // sessionStorage, HTTP cache) never lands on disk in the clear.
      partition: RENDERER_PARTITION,
    },
  };
}
