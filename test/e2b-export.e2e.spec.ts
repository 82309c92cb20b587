import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readIcsrs } from '../src/e2b/e2b-reader';
import { icsrToCase } from '../src/e2b/e2b-to-case';
import type { CaseContent } from '../src/safety-cases/case-content';
import { runCliCaptured } from './cli-run';
import { createProduct, logCase } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

const POSITIVE_ACK = readFileSync(join(__dirname, 'fixtures', 'e2b-fda', 'R3ack-positive.ack'), 'utf8');

/** FDA's positive acknowledgement, rewritten as EudraVigilance's answer to one of our messages. */
function ackFor(messageId: string, sender: 'EVHUMAN' | 'EVTEST', day: string): string {
  return POSITIVE_ACK.replace('21ec1492-3aea-4069-a2ab-08002b30309d US-APHARMA-8744554B', messageId)
    .replaceAll('ZZFDA', sender)
    .replaceAll('CDER', sender)
    .replaceAll(/creationTime value="\d{8}/g, `creationTime value="${day.replaceAll('-', '')}`);
}

async function readBack(xml: string): Promise<{ safetyReportId: string; worldwideId: string; content: CaseContent }[]> {
  const found = [];
  for await (const el of readIcsrs(xml)) {
    found.push(icsrToCase(el));
  }
  return found;
}

/** What E2B(R3) has no element for (see e2b-export.ts), left out of the comparison. */
function carried(content: CaseContent): object {
  return {
    ...content,
    significant: null,
    synthetic: null,
    expectednessOverrides: null,
    reactions: content.reactions.map((r) => ({ ...r, severity: null })),
    drugs: content.drugs.map((d) => ({ ...d, productId: null })),
  };
}

describe('E2B(R3) export for EudraVigilance, round trip and acknowledgement', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let product: { id: string; name: string };
  const run = (...argv: string[]) => runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', AS_OF: '2026-11-21' }, ...argv);

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    product = await createProduct(t, { name: 'Hemgenix' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should export a case as an EU batch (EDQM route, EVHUMAN, no FDA regional element) that reads back to the same content', async () => {
    const logged = await logCase(safety, product.id, {
      drugs: [{ key: 'd1', role: 'suspect', name: 'Hemgenix', batchNumber: 'B-1', route: 'intravenous', dose: '2x10^13 gc/kg once' }],
      narrative: 'Patiënt kreeg koorts & "rillingen" <2 uur> na infusie.',
    });
    const response = await safety.http().post('/api/e2b/exports').send({ cases: [logged.safetyReportId] }).expect(201);
    expect(response.headers['content-type']).toContain('application/xml');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename=".+\.xml"/);
    const xml = response.body instanceof Buffer ? response.body.toString('utf8') : String(response.text);
    expect(xml).toContain('extension="EVHUMAN"');
    expect(xml).toContain('codeSystem="0.4.0.127.0.16.1.1.2.6"');
    expect(xml).not.toContain('2.16.840.1.113883.3.989.5.');
    const [back] = await readBack(xml);
    const stored = (await safety.http().get(`/api/safety-cases/${logged.id}/versions/1`).expect(200)).body.content as CaseContent;
    expect(back?.safetyReportId).toBe(logged.safetyReportId);
    expect(back?.worldwideId).toBe(logged.worldwideId);
    expect(carried(back?.content as CaseContent)).toEqual(carried(stored));
    const [row] = await t.dataSource.query<{ version: number; receiver: string }[]>(`SELECT version, receiver FROM e2b_export WHERE case_id = $1`, [logged.id]);
    expect(row).toEqual({ version: 1, receiver: 'EVHUMAN' });
  });

  it('should import an exported file back as a follow-up whose content equals the exported version (round trip through the importer)', async () => {
    const logged = await logCase(safety, product.id, { patient: { initials: 'RT', ageValue: 61, ageUnit: 'year', sex: 'female' } });
    const folder = mkdtempSync(join(tmpdir(), 'e2b-export-'));
    try {
      const out = join(folder, 'batch.xml');
      const exported = await run('e2b', 'export', logged.safetyReportId, '--out', out);
      expect(exported.code).toBe(0);
      expect(exported.stdout).toContain(`${logged.safetyReportId} v1`);
      const imported = await run('e2b', 'import', out, '--json');
      expect(imported.code).toBe(0);
      const versions = await t.dataSource.query<{ version: number; version_type: string; content: CaseContent }[]>(`SELECT version, version_type, content FROM safety_case_version WHERE case_id = $1 ORDER BY version`, [logged.id]);
      expect(versions.map((v) => v.version_type)).toEqual(['initial', 'follow-up']);
      expect(carried(versions[1]!.content)).toEqual(carried(versions[0]!.content));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("should record EudraVigilance's positive acknowledgement of an exported message as the submission of that version, meeting its clock", async () => {
    // Serious, EEA, received 2026-11-15: due 2026-11-30 (15 days).
    const logged = await logCase(safety, product.id, { initialReceiptOn: '2026-11-15' });
    const response = await safety.http().post('/api/e2b/exports').send({ cases: [logged.id] }).expect(201);
    const xml = response.body instanceof Buffer ? response.body.toString('utf8') : String(response.text);
    const messageId = /<PORR_IN049016UV[^>]*>\s*<id [^>]*extension="([^"]+)"/.exec(xml)?.[1] ?? /<id root="[^"]+" extension="([^"]+)"\/><creationTime/.exec(xml)?.[1];
    expect(messageId).toContain(logged.safetyReportId);
    const folder = mkdtempSync(join(tmpdir(), 'e2b-ack-'));
    try {
      writeFileSync(join(folder, 'test.ack'), ackFor(messageId as string, 'EVTEST', '2026-11-20'));
      const test = JSON.parse((await run('e2b', 'import', join(folder, 'test.ack'), '--json')).stdout);
      expect(test.files[0].acknowledgements[0]).toMatchObject({ outcome: 'not-recorded', detail: expect.stringContaining('test system') });
      writeFileSync(join(folder, 'ev.ack'), ackFor(messageId as string, 'EVHUMAN', '2026-11-20'));
      const result = await run('e2b', 'import', join(folder, 'ev.ack'), '--json');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report.files[0].acknowledgements[0]).toMatchObject({ code: 'CA', outcome: 'submission-recorded', safetyReportId: logged.safetyReportId, version: 1 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const detail = (await safety.http().get(`/api/safety-cases/${logged.id}`).expect(200)).body;
    expect(detail.submissions).toEqual([expect.objectContaining({ version: 1, recipient: 'EudraVigilance', acknowledgedOn: '2026-11-20' })]);
    expect(detail.clocks[0]).toMatchObject({ status: 'submitted', submittedOn: '2026-11-20', onTime: true });
  });

  it('should refuse bad export requests by field and never send back a case downloaded from EudraVigilance', async () => {
    expect(JSON.stringify((await safety.http().post('/api/e2b/exports').send({ cases: [] }).expect(400)).body)).toContain('cases: must contain at least 1 elements');
    await safety.http().post('/api/e2b/exports').send({ cases: ['XX-NO-SUCH-CASE'] }).expect(404);
    await safety.http().post('/api/e2b/exports').send({ cases: ['x'], receiver: 'FDA' }).expect(400);
    const logged = await logCase(safety, product.id);
    const twice = await safety.http().post('/api/e2b/exports').send({ cases: [logged.id, logged.safetyReportId] }).expect(422);
    expect(JSON.stringify(twice.body)).toContain('cases[1]');
    await t.dataSource.query(`UPDATE safety_case SET synthetic = true WHERE id = $1`, [logged.id]);
    expect((await safety.http().post('/api/e2b/exports').send({ cases: [logged.id] }).expect(409)).body.code).toBe('CASE_SYNTHETIC');
    await t.dataSource.query(`UPDATE safety_case SET from_eudravigilance = true WHERE id = $1`, [logged.id]);
    expect((await safety.http().post('/api/e2b/exports').send({ cases: [logged.id] }).expect(409)).body.code).toBe('CASE_FROM_EUDRAVIGILANCE');
    const [count] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM e2b_export WHERE case_id = $1`, [logged.id]);
    expect(count?.n).toBe(0);
  });
});
