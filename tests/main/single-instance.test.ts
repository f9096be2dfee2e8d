import { EventEmitter } from 'node:events';
import type { BrowserWindow } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, focusWindow } from '../../main/single-instance';

vi.mock('electron', () => {
  throw new Error('main/single-instance.ts must not load electron at run time');
});

function fakeApp(gotLock: boolean) {
  return Object.assign(new EventEmitter(), { requestSingleInstanceLock: vi.fn(() => gotLock), quit: vi.fn() });
}

function fakeWindow(state: { minimized?: boolean; visible?: boolean; destroyed?: boolean } = {}) {
  return {
    isDestroyed: vi.fn(() => state.destroyed ?? false),
    isMinimized: vi.fn(() => state.minimized ?? false),
    isVisible: vi.fn(() => state.visible ?? true),
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
  };
}

describe('one Homeward at a time', () => {
  it('a second launch quits at once', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app as never, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('the first instance brings its minimised window forward when a second one starts', () => {
    const app = fakeApp(true);
    const window = fakeWindow({ minimized: true });
    expect(claimSingleInstance(app as never, () => window as unknown as BrowserWindow)).toBe(true);
    app.emit('second-instance', {}, ['homeward', 'https://evil.example/'], '/tmp', {});
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('a hidden window is shown; a missing or destroyed one is left alone', () => {
    const hidden = fakeWindow({ visible: false });
    focusWindow(hidden as unknown as BrowserWindow);
    expect(hidden.show).toHaveBeenCalled();
    expect(hidden.restore).not.toHaveBeenCalled();
    const gone = fakeWindow({ destroyed: true });
    focusWindow(gone as unknown as BrowserWindow);
    expect(gone.focus).not.toHaveBeenCalled();
    expect(() => focusWindow(null)).not.toThrow();
  });
});
