import { createTestApp, TestApp } from './test-app';
import { REDIS_URL } from './test-env';

describe('GET /health', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) {
      await app.close();
    }
  });

  it('should answer 200 naming each backing service when all are up', async () => {
    const t = await createTestApp({ env: { REDIS_URL } });
    apps.push(t);
    const response = await t.http().get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', services: { database: { status: 'up', embedded: false }, redis: { status: 'up' } }, unreachable: [] });
  });

  it('should answer 503 naming exactly what is unreachable', async () => {
    const t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    apps.push(t);
    const response = await t.http().get('/health').expect(503);
    expect(response.body).toMatchObject({ status: 'degraded', services: { database: { status: 'up' }, redis: { status: 'unreachable' } }, unreachable: ['redis (REDIS_URL)'] });
  });

  it('should be public under /health, outside the /api prefix', async () => {
    const t = apps[0]!;
    await t.http().get('/api/health').expect(404);
  });
});
