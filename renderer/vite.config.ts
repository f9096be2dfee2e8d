import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer is served from app://homeward (Electron) or the loopback host,
// both with a CSP of script-src 'self': no inline scripts, no eval.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome120',
    chunkSizeWarningLimit: 2000,
    // Fonts as files, never data: URIs (the CSP allows fonts from 'self' only).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
