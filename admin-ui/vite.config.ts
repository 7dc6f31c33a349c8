// Builds the newsroom admin app into dist/admin-ui, served by the Masthead server at /admin/.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: here,
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: `${here}../dist/admin-ui`,
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // Budget: the initial JS for /admin/ stays ≤ 300 KB gzip (bench/admin-editor.bench.ts).
    chunkSizeWarningLimit: 900,
  },
});
