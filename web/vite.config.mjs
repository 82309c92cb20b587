// Vite builds the web application (web/) into dist/web, which the Nest application serves at `/`.
// `npm run dev:web` serves it with hot reload on http://localhost:5173 (WEB_DEV_PORT) and proxies the API
// (/api, /health, /admin) to http://localhost:3000 (API_URL), e.g. a running `npm run demo`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_URL ?? 'http://localhost:3000';
const proxied = { target: api, changeOrigin: false };

/** Asset types worth compressing (fonts and images are compressed already), and the smallest file that is. */
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt)$/;
const MIN_BYTES = 1024;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside each built asset, at the highest levels (once per build),
 * which the server sends with Content-Encoding when the browser accepts it (src/web/web-app.ts).
 */
function precompress() {
  let assetsDir = '';
  return {
    name: 'cma-precompress',
    apply: 'build',
    configResolved(config) {
      assetsDir = join(config.build.outDir, config.build.assetsDir);
    },
    closeBundle() {
      for (const name of readdirSync(assetsDir)) {
        const path = join(assetsDir, name);
        if (!COMPRESSIBLE.test(name)) {
          continue;
        }
        const content = readFileSync(path);
        if (content.length < MIN_BYTES) {
          continue;
        }
        writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
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
