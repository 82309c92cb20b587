import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/** The process group of a process (field 5 of /proc/<pid>/stat, after the parenthesised command name). */
function processGroup(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The demo's embedded PostgreSQL runs in a process group of its own, so a Ctrl-C in the terminal (SIGINT to
 * the foreground group) reaches the demo only: the demo closes its workers, queues and connections, then
 * stops the server. (Linux: reads /proc.)
 */
(process.platform === 'linux' ? describe : describe.skip)('embedded PostgreSQL for the demo', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'cma-embedded-'));
    chmodSync(folder, 0o755); // run as root, the server runs as the postgres user
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('starts outside the terminal’s process group, serves the demo database, and stops when told', async () => {
    const database = await startEmbeddedPostgres(join(folder, 'data'));
    const postmaster = Number(readFileSync(join(folder, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    try {
      expect(alive(postmaster)).toBe(true);
      expect(processGroup(postmaster)).not.toBe(processGroup('self'));
      const client = new Client({ connectionString: database.url });
      await client.connect();
      const [row] = (await client.query<{ db: string; encoding: string }>(`SELECT current_database() AS db, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()`)).rows;
      await client.end();
      expect(row).toEqual({ db: 'cma_tracker_demo', encoding: 'UTF8' });
    } finally {
      await database.stop();
    }
    expect(alive(postmaster)).toBe(false);
  }, 60_000);
});
