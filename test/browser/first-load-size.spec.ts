import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_MANIFEST, WEB_OUTPUT } from './web-build';

/** The budget for the JavaScript of the first load, gzip. */
const FIRST_LOAD_BUDGET = 300 * 1000;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The entry chunk and every chunk it imports statically (what the browser loads before the first page): routes loaded later are not counted. */
function firstLoadChunks(manifest: Record<string, ManifestChunk>): string[] {
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry === true);
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) {
      return;
    }
    seen.add(key);
    (manifest[key]?.imports ?? []).forEach(visit);
  };
  entries.forEach(([key]) => visit(key));
  return [...seen].map((key) => manifest[key]?.file ?? key).filter((file) => file.endsWith('.js'));
}

describe('first load of the web application', () => {
  it('should ship at most 300 KB of JavaScript gzip before the first page, routes split beyond that (read from Vite’s manifest)', () => {
    const manifest = JSON.parse(readFileSync(WEB_MANIFEST, 'utf8')) as Record<string, ManifestChunk>;
    const chunks = firstLoadChunks(manifest);
    expect(chunks.length).toBeGreaterThan(0);
    const sizes = chunks.map((file) => ({ file, gzip: gzipSync(readFileSync(join(WEB_OUTPUT, file)), { level: 9 }).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    expect({ total, withinBudget: total <= FIRST_LOAD_BUDGET }).toEqual({ total, withinBudget: true });
    // The pages are loaded when opened, not with the first load.
    const lazy = Object.values(manifest).flatMap((chunk) => chunk.dynamicImports ?? []);
    expect(lazy).toEqual(expect.arrayContaining(['src/dashboard/DashboardPage.tsx', 'src/deadlines/DeadlinesPage.tsx']));
    expect(chunks.some((file) => /DashboardPage|DeadlinesPage/.test(file))).toBe(false);
  });
});
