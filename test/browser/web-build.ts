import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
export const WEB_SOURCES = join(ROOT, 'web');
export const WEB_OUTPUT = join(ROOT, 'dist', 'web');
export const WEB_MANIFEST = join(WEB_OUTPUT, '.vite', 'manifest.json');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

/**
 * Builds the web application (`npm run build:web`) when dist/web is missing or older than any file in web/,
 * so `npm test` on a fresh clone tests what the sources say. Returns whether it built.
 */
export function buildWebIfStale(): boolean {
  if (existsSync(WEB_MANIFEST) && statSync(WEB_MANIFEST).mtimeMs >= newestChange(WEB_SOURCES)) {
    return false;
  }
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(WEB_SOURCES, 'vite.config.mjs'), '--logLevel', 'warn'], {
    cwd: ROOT,
    // jest runs with NODE_ENV=test, which would make Vite build React's development version.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return true;
}
