import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** npm itself speaks (no project-wide silent log level), and the CLI's JSON contract holds through `npm run --silent`. */
describe('npm scripts', () => {
  const npm = (...args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync('npm', args, { cwd: join(__dirname, '..'), encoding: 'utf8', env: { ...process.env, npm_config_loglevel: undefined, NO_COLOR: '1' }, timeout: 120_000 });

  it('reports a missing script on standard error', () => {
    const run = npm('run', 'no-such-script');
    expect(run.status).not.toBe(0);
    expect(String(run.stderr)).toContain('Missing script: "no-such-script"');
  });

  it('prints exactly one JSON document on standard output with `npm run --silent cli -- … --json`', () => {
    const run = npm('run', '--silent', 'cli', '--', 'stats', '2x2', '--a', '1', '--b', '2', '--c', '1', '--d', '6', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(String(run.stdout))).toMatchObject({ command: 'stats 2x2', a: 1, n: 10 });
  }, 120_000);
});
