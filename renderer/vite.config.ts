import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Absolute path of renderer/, so the build does not depend on the working directory.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname).replace(/^\/([A-Za-z]:\/)/, '$1');

export default defineConfig({
  root,
  // Relative asset URLs: Electron loads the build from file://, the HTTP host serves it from /.
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Everything (scripts, CSS) as files: the CSP allows no inline script or style.
    assetsInlineLimit: 0,
  },
  server: { strictPort: true },
});
