import { readCommittedApiClient, renderApiClient } from '../scripts/api-client';
import { previewOpenApiDocument } from '../src/openapi';
import { createTestApp, TestApp } from './test-app';

/**
 * The web application's client is generated from the OpenAPI document and committed (web/src/api/). These
 * fail when the server's document changed without `npm run api:client`, so browser and server cannot drift apart.
 */
describe('OpenAPI document and the committed web client', () => {
  let t: TestApp;
  let served: Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp();
    served = (await t.anon().get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await t.close();
  });

  it('should build the same document without a server as the server serves at /api/docs-json', async () => {
    expect(JSON.parse(JSON.stringify(await previewOpenApiDocument()))).toEqual(served);
  });

  it('should have web/src/api/openapi.json equal to the served document (else run `npm run api:client`)', async () => {
    const committed = await readCommittedApiClient();
    expect(JSON.parse(committed.document)).toEqual(served);
    expect(committed.document).toBe((await renderApiClient(served as never)).document);
  });

  it('should have web/src/api/schema.d.ts generated from that document (else run `npm run api:client`)', async () => {
    const committed = await readCommittedApiClient();
    const fresh = await renderApiClient(served as never);
    expect(committed.schema === fresh.schema ? 'up to date' : 'stale: run `npm run api:client`').toBe('up to date');
  });
});
