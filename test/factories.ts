import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

/** A product with a conditional authorisation, through the API; override any field. */
export async function createProduct(t: TestApp, overrides: Record<string, unknown> = {}, authorisation: Record<string, unknown> = {}): Promise<{ id: string; name: string; body: Record<string, any> }> {
  const name = `Product-${randomBytes(3).toString('hex')}`;
  const response = await t
    .http()
    .post('/api/products')
    .send({
      name,
      activeSubstance: `substance ${name}`,
      advancedTherapy: true,
      additionalMonitoring: true,
      ...overrides,
      authorisation: { type: 'conditional', holder: 'Holder GmbH', notifiedOn: '2023-02-20', ...authorisation },
    });
  if (response.status !== 201) {
    throw new Error(`createProduct failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return { id: response.body.id, name: response.body.name, body: response.body };
}

export async function createObligation(t: TestApp, product: string, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const response = await t
    .http()
    .post('/api/obligations')
    .send({ product, reference: `SOB ${randomBytes(2).toString('hex')}`, category: 'SOB', studyType: 'registry', description: 'Provide registry data.', ...overrides });
  if (response.status !== 201) {
    throw new Error(`createObligation failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export async function addMilestone(t: TestApp, obligationId: string, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const response = await t
    .http()
    .post(`/api/obligations/${obligationId}/milestones`)
    .send({ title: 'Interim report', dueDate: '2025-12-31', basis: 'annex-ii', ...overrides });
  if (response.status !== 201) {
    throw new Error(`addMilestone failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}
