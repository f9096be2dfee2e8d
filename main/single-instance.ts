import type { App, BrowserWindow } from 'electron';

/**
 * One Homeward per user: two processes writing the same office database would
 * fight over its lock, and a second window would be a second door to guard.
 * A second launch brings the first window forward and quits. Its command line
 * is ignored — nothing from it is trusted.
 */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, window: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusWindow(window()));
  return true;
}

export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
