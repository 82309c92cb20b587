import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Response } from 'supertest';
import { createTestApp, TestApp } from './test-app';

/** The built web app's assets sent precompressed (the .br/.gz copies the build writes), with their caching. */

const SCRIPT = `export const rows = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ id: i, title: `deadline ${i}` })))};\n`;

/** The body as received (superagent decodes br and gzip itself: Content-Length tells what was on the wire). */
function raw(response: Response): Buffer {
  return response.body as Buffer;
}
const bytes = (agent: ReturnType<TestApp['anon']>, path: string, acceptEncoding: string) =>
  agent
    .get(path)
    .set('Accept-Encoding', acceptEncoding)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

describe('the web app’s static assets, precompressed', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'cma-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>CMA tracker</title><div id="root"></div><script type="module" src="/assets/app-1234.js"></script>');
    writeFileSync(join(webDir, 'assets', 'app-1234.js'), SCRIPT);
    writeFileSync(join(webDir, 'assets', 'app-1234.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(webDir, 'assets', 'app-1234.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(webDir, 'assets', 'only-gzip-5678.css'), 'body{margin:0}');
    writeFileSync(join(webDir, 'assets', 'only-gzip-5678.css.gz'), gzipSync('body{margin:0}'));
    t = await createTestApp({ today: '2026-12-01', env: { WEB_DIR: webDir } });
  });

  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('should send a JS asset brotli-compressed when the browser accepts br, with its type, Vary and a year’s immutable caching', async () => {
    const response = await bytes(t.anon(), '/assets/app-1234.js', 'gzip, deflate, br, zstd').expect(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(response.headers['content-length'])).toBe(brotliCompressSync(SCRIPT).length);
    expect(Number(response.headers['content-length'])).toBeLessThan(Buffer.byteLength(SCRIPT) / 2);
    expect(raw(response).toString('utf8')).toBe(SCRIPT);
  });

  it('should send the gzip copy when only gzip is accepted', async () => {
    const response = await bytes(t.anon(), '/assets/app-1234.js', 'gzip').expect(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(response.headers['content-length'])).toBe(gzipSync(SCRIPT).length);
    expect(raw(response).toString('utf8')).toBe(SCRIPT);
    const css = await bytes(t.anon(), '/assets/only-gzip-5678.css', 'br, gzip').expect(200);
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('should send the file as it is, still varying by Accept-Encoding, when no encoding is accepted', async () => {
    const response = await bytes(t.anon(), '/assets/app-1234.js', 'identity').expect(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(raw(response).toString('utf8')).toBe(SCRIPT);
  });

  it('should keep index.html revalidated (no-cache) and leave the API alone', async () => {
    const index = await t.anon().get('/').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-encoding']).toBeUndefined();
    const missing = await t.anon().get('/api/no-such-route').set('Accept-Encoding', 'br').expect(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
  });
});
