import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../main/menu';

vi.mock('electron', () => {
  throw new Error('main/menu.ts must not load electron at run time');
});

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [item.role ?? '', ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]).filter(Boolean);
}

describe('the application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('on %s keeps copy and paste but has no DevTools or reload when packaged', (platform) => {
    const found = roles(menuTemplate(platform, false));
    expect(found).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'undo', 'redo', 'zoomIn', 'zoomOut', 'resetZoom']));
    for (const role of ['toggleDevTools', 'reload', 'forceReload']) expect(found).not.toContain(role);
  });

  it('offers DevTools and reload to a developer', () => {
    expect(roles(menuTemplate('linux', true))).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('has the macOS application menu only on macOS', () => {
    expect(roles(menuTemplate('darwin', false))).toContain('appMenu');
    expect(roles(menuTemplate('linux', false))).not.toContain('appMenu');
  });
});
