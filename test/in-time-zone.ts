import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs a script in a child Node process with TZ set (jest gives each test file its own copy of process.env, so
 * setting TZ in a test does not reach Date). The script runs from the project root and may require `.ts`
 * files (compiled on the fly by @swc/core with the project's .swcrc); it prints its result on standard
 * output, returned here. Throws with the child's standard error when it wrote any.
 */
export function runInTimeZone(zone: string, script: string): string {
  const hook = `
    const fs = require('node:fs');
    const { transformSync } = require('@swc/core');
    require.extensions['.ts'] = (module, filename) =>
      module._compile(transformSync(fs.readFileSync(filename, 'utf8'), { filename, swcrc: true, sourceMaps: false }).code, filename);
  `;
  const child = spawnSync(process.execPath, ['-e', hook + script], { cwd: join(__dirname, '..'), env: { ...process.env, TZ: zone }, encoding: 'utf8' });
  if (child.stderr !== '') {
    throw new Error(`the script in ${zone} wrote to standard error: ${child.stderr}`);
  }
  return child.stdout;
}
