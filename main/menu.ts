import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. Edit roles keep copy and paste working on macOS
 * (where shortcuts live in the menu); zoom is for small laptop screens.
 * Reload and DevTools exist only when running from source: a reload would
 * drop a half-typed intake form, and DevTools would open the page to anyone
 * at the keyboard.
 */
export function menuTemplate(platform: NodeJS.Platform, developer: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (developer) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' });
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    {
      label: 'Edit',
      // Spelled out rather than role 'editMenu': no spelling or substitution items.
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
