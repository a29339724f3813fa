import { defineConfig } from 'vite';

// Tauri serves the built files; no inline scripts, so the CSP needs no 'unsafe-inline' for scripts.
export default defineConfig({
  clearScreen: false,
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, modulePreload: { polyfill: false } },
});
