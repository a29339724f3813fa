import { defineConfig } from 'vite';

// Tauri serves the built files; no inline scripts, so the CSP needs no 'unsafe-inline' for scripts.
// Two pages: the desk, and the page the app starts on when its store would not open.
export default defineConfig({
  clearScreen: false,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    rollupOptions: { input: { desk: 'index.html', rescue: 'rescue.html' } },
  },
});
