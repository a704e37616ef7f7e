/**
 * Vite config for the one web app (storefront, seller console, admin). Build from the repo
 * root with `npm run build:web`; output goes to web/dist, which src/web/static.ts serves.
 * `npm run dev:web` serves it with hot reload and proxies the API to a server on :3010.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = decodeURIComponent(new URL('.', import.meta.url).pathname);
const api = process.env.FLASHMALL_API ?? 'http://127.0.0.1:3010';

export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The storefront entry should stay small; console and admin are lazy chunks.
    chunkSizeWarningLimit: 250,
  },
  server: {
    proxy: { '/api': api, '/sandbox-pay': api, '/healthz': api },
  },
});
