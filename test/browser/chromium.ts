import { existsSync } from 'node:fs';

/** Debian's chromium: the real binary (the /usr/bin/chromium wrapper script as a fallback). */
export const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

export const CHROMIUM_ARGS = ['--no-sandbox', '--no-zygote', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The executable, or an error that fails the run (browser tests never skip). */
export function chromiumExecutable(): string {
  const found = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(`Chromium is missing (looked at ${CHROMIUM_CANDIDATES.join(', ')}): install it with \`apt-get install -y chromium\` (.ci/run does)`);
  }
  return found;
}
