// Vite builds the web application (web/) into dist/web, which the Nest application serves at `/`.
// `npm run dev:web` serves it with hot reload on http://localhost:5173 (WEB_DEV_PORT) and proxies the API
// (/api, /health, /admin) to http://localhost:3000 (API_URL), e.g. a running `npm run demo`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_URL ?? 'http://localhost:3000';
const proxied = { target: api, changeOrigin: false };

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // No inline scripts (the server's Content-Security-Policy has script-src 'self'); fonts and assets bundled.
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1000,
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    strictPort: true,
    proxy: { '/api': proxied, '/health': proxied, '/admin': proxied },
  },
});
