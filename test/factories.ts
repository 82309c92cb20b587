import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';
import type TestAgent from 'supertest/lib/agent';

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

/** A valid, serious, spontaneous EEA case of a product: override any part of the body. */
export function caseBody(product: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    product,
    reportType: 'spontaneous',
    initialReceiptOn: '2026-11-02',
    reporters: [{ qualification: 'physician', country: 'DE', primarySource: true }],
    patient: { initials: 'JD', ageValue: 44, ageUnit: 'year', sex: 'male' },
    reactions: [{ key: 'r1', reportedTerm: 'liver failure', ptName: 'Hepatic failure', outcome: 'recovering', seriousness: ['hospitalisation'] }],
    drugs: [{ key: 'd1', role: 'suspect', name: 'Hemgenix', batchNumber: 'B-1' }],
    causality: [{ drugKey: 'd1', reactionKey: 'r1', reporter: 'possible', company: 'possible' }],
    narrative: 'Test case.',
    ...overrides,
  };
}

/** A follow-up or amendment body: the case body without its product, with the version type. */
export function versionBody(type: 'follow-up' | 'amendment', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { product: _product, ...content } = caseBody('', overrides);
  return { ...content, type };
}

/** Logs a case as the given signed-in safety user; fails the test on anything but 201. */
export async function logCase(user: { http: () => TestAgent }, product: string, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const response = await user.http().post('/api/safety-cases').send(caseBody(product, overrides));
  if (response.status !== 201) {
    throw new Error(`logCase failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}
