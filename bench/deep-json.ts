/**
 * Deeply nested JSON against the public login route: how much server time such bodies cost, and what they
 * do to everyone else's latency.
 *
 *   npm run bench:deep-json [-- --bodies 200 --depth 3000 --concurrency 4 --port 0]
 *
 * On a fresh database (created here, dropped at the end) it serves the real HTTP application on loopback
 * (port 0 = one the system picks), then sends N bodies nested `depth` levels deep (`{"a":{"a":…}}`, every
 * other one as arrays `[[[…]]]`) to `POST /api/auth/login`, `concurrency` at a time, while a probe calls
 * `GET /health` every 20 ms; then as many flat bodies that validation refuses, for comparison. It prints
 * the statuses seen, the server time of each request (measured inside the server: headers in → response
 * finished), the client's latency, the probe's p50/p95 and the longest event-loop stall of the process
 * (client and server share it and the machine's 2 cores; the client's work per request is one small write).
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { createHttpApp } from '../src/bootstrap';
import { FixedClock } from '../src/common/clock';
import { loadConfig } from '../src/config/app.config';
import { createDataSource } from '../src/database/data-source';
import { migrateWithLock } from '../src/database/migrate';
import { databaseUrl, REDIS_URL, withAdmin } from '../test/test-env';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

async function withHttpApp<T>(work: (app: INestApplication, base: string) => Promise<T>): Promise<T> {
  const name = `cma_bench_deepjson_${randomBytes(3).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(name);
  try {
    const migrate = createDataSource(url, 'bench-migrate');
    await migrate.initialize();
    await migrateWithLock(migrate);
    await migrate.destroy();
    const config = loadConfig({ DATABASE_URL: url, REDIS_URL, QUEUE_PREFIX: `bench-${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'silent' });
    const app = await createHttpApp({ config: { ...config, databaseUrl: url }, clock: new FixedClock('2026-01-05'), runtime: { embeddedDatabase: false } });
    await app.listen(option('port', 0), '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    try {
      return await work(app, `http://127.0.0.1:${port}`);
    } finally {
      await app.close();
    }
  } finally {
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

function deepBody(depth: number, arrays: boolean): string {
  return arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

async function timed(run: () => Promise<Response>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await run();
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

interface Phase {
  label: string;
  statuses: Map<number, number>;
  client: number[];
  server: number[];
  wall: number;
  stall: number;
  health: number[];
}

/** Sends `bodies` bodies, `concurrency` at a time, while probing /health; times each on both sides. */
async function phase(base: string, serverTimes: number[], label: string, bodies: number, concurrency: number, body: (index: number) => string): Promise<Phase> {
  serverTimes.length = 0;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const health: number[] = [];
  let sending = true;
  const probe = (async () => {
    while (sending) {
      health.push((await timed(() => fetch(`${base}/health`))).ms);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  loop.enable();
  const results: { status: number; ms: number }[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies) {
        const index = next;
        next += 1;
        results.push(await timed(() => fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(index) })));
      }
    }),
  );
  const wall = performance.now() - started;
  loop.disable();
  sending = false;
  await probe;
  const statuses = new Map<number, number>();
  for (const { status } of results) {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  const sort = (values: number[]): number[] => [...values].sort((a, b) => a - b);
  return { label, statuses, client: sort(results.map((r) => r.ms)), server: sort(serverTimes.filter((_, i) => i < bodies * 2)), wall, stall: loop.max / 1e6, health: sort(health) };
}

function report(p: Phase): void {
  const line = (values: number[]): string =>
    `mean ${ms(values.reduce((a, b) => a + b, 0) / values.length)}, p50 ${ms(quantile(values, 0.5))}, p95 ${ms(quantile(values, 0.95))}, max ${ms(quantile(values, 1))}`;
  console.log(p.label);
  console.log(`  statuses: ${[...p.statuses].map(([status, count]) => `${count} × ${status}`).join(', ')}`);
  console.log(`  server time per request (first byte in → last byte out): ${line(p.server)}, sum ${ms(p.server.reduce((a, b) => a + b, 0))}`);
  console.log(`  client latency: ${line(p.client)}; all in ${ms(p.wall)}`);
  console.log(`  GET /health meanwhile (${p.health.length} probes): p50 ${ms(quantile(p.health, 0.5))}, p95 ${ms(quantile(p.health, 0.95))}; longest event-loop stall ${ms(p.stall)}`);
}

async function main(): Promise<void> {
  const bodies = option('bodies', 200);
  const depth = option('depth', 3000);
  const concurrency = option('concurrency', 4);
  await withHttpApp(async (app, base) => {
    // Server time of each login request: from the moment Node has its headers to the end of the response.
    const serverTimes: number[] = [];
    (app.getHttpServer() as Server).prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      const started = performance.now();
      response.on('finish', () => {
        if (request.url === '/api/auth/login') {
          serverTimes.push(performance.now() - started);
        }
      });
    });
    // Warm up: the first requests pay for lazy initialisation.
    await phase(base, serverTimes, 'warm-up', 20, concurrency, (i) => (i % 2 === 0 ? deepBody(depth, false) : '{"a":1}'));
    const idle: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      idle.push((await timed(() => fetch(`${base}/health`))).ms);
    }
    idle.sort((a, b) => a - b);
    console.log(`GET /health idle: p50 ${ms(quantile(idle, 0.5))}, p95 ${ms(quantile(idle, 0.95))}`);
    report(
      await phase(base, serverTimes, `POST /api/auth/login, ${bodies} bodies nested ${depth} deep (${deepBody(depth, false).length} bytes; half objects, half arrays), ${concurrency} at a time`, bodies, concurrency, (i) =>
        deepBody(depth, i % 2 === 1),
      ),
    );
    report(await phase(base, serverTimes, `for comparison: ${bodies} flat bodies with an unknown field ({"a":1}), refused by validation`, bodies, concurrency, () => '{"a":1}'));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
