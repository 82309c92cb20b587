import { Logger } from '@nestjs/common';
import { toErrorBody } from '../src/common/http-error.filter';
import { createTestApp, TestApp } from './test-app';

describe('database constraint errors', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should map a unique violation that slips past a service check to 409, not 500', async () => {
    await t.dataSource.query(`INSERT INTO closure_day (date, name) VALUES ('2025-12-25', 'Christmas')`);
    const error: unknown = await t.dataSource.query(`INSERT INTO closure_day (date, name) VALUES ('2025-12-25', 'again')`).catch((e: unknown) => e);
    expect(toErrorBody(error, new Logger('test'))).toMatchObject({ statusCode: 409, code: 'DUPLICATE', details: { constraint: 'closure_day_pkey' } });
  });

  it('should map a CHECK violation to 422 naming the constraint', async () => {
    const error: unknown = await t.dataSource
      .query(`INSERT INTO eurd_entry (substance, frequency_months, first_dlp, effective_from, source) VALUES ('x', 0, '2025-01-01', '2025-01-01', 's')`)
      .catch((e: unknown) => e);
    expect(toErrorBody(error, new Logger('test'))).toMatchObject({ statusCode: 422, code: 'CONSTRAINT_VIOLATED' });
  });
});
