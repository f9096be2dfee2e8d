import { describe, expect, it, vi } from 'vitest';
import { RENDERER_PARTITION, windowOptions } from '../../main/window';

// The window options are pure: building them must not need Electron at all.
vi.mock('electron', () => {
  throw new Error('main/window.ts must not load electron at run time');
});

describe('the Homeward window', () => {
  const options = windowOptions({ preloadPath: '/app/dist/electron/preload.cjs', devTools: false });
  const web = options.webPreferences ?? {};

  it('isolates the page from Node and from the preload, inside the sandbox', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on: no insecure content, no webviews, no experimental features', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web).not.toHaveProperty('enableBlinkFeatures');
  });

  it('never sends typed names to a spellcheck dictionary service', () => {
    expect(web.spellcheck).toBe(false);
  });

  it('loads the bundled preload and keeps storage in memory', () => {
    expect(web.preload).toBe('/app/dist/electron/preload.cjs');
    expect(web.partition).toBe(RENDERER_PARTITION);
    // a "persist:" partition would write the renderer's storage to disk
    expect(web.partition?.startsWith('persist:')).toBe(false);
  });

  it('opens DevTools only when asked (running from source)', () => {
    expect(web.devTools).toBe(false);
    expect(windowOptions({ preloadPath: '/p.cjs', devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('stays hidden until ready to show, with a painted background and a usable size', () => {
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.width).toBeGreaterThanOrEqual(1024);
    expect(options.height).toBeGreaterThanOrEqual(700);
    expect(options.minWidth).toBeGreaterThan(0);
    expect(options.minHeight).toBeGreaterThan(0);
  });
});
