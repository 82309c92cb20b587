import { join } from 'node:path';
import { systemActor } from '../src/common/actor';
import { MeddraLoaderService } from '../src/meddra/meddra-loader.service';
import type { CreateCaseDto } from '../src/safety-cases/dto/case-content.dto';
import { SafetyCasesService } from '../src/safety-cases/safety-cases.service';
import { caseBody, createProduct, logCase, versionBody } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

/** The made-up dictionary in the MedDRA file format (not MedDRA: see test/fixtures/meddra/README.md). */
const MEDDRA = join(__dirname, 'fixtures', 'meddra');
const TODAY = '2026-11-21';
const UNCODED = 'Uncoded (no MedDRA dictionary)';

type Period = { from: string; to: string };

/** One reaction as the API takes it; the outcome defaults to recovering and the reaction is non-serious unless told. */
function reaction(fields: Record<string, unknown>): Record<string, unknown> {
  return { key: 'r1', reportedTerm: 'as reported', outcome: 'recovering', seriousness: [], ...fields };
}

function counts(spontaneousSerious: number, spontaneousNonSerious: number, studySerious: number, studyNonSerious: number): Record<string, number> {
  return { spontaneousSerious, spontaneousNonSerious, studySerious, studyNonSerious, total: spontaneousSerious + spontaneousNonSerious + studySerious + studyNonSerious };
}

async function caseCount(t: TestApp): Promise<{ cases: number; versions: number; audit: number }> {
  const [row] = await t.dataSource.query<{ cases: number; versions: number; audit: number }[]>(
    `SELECT (SELECT count(*)::int FROM safety_case) AS cases, (SELECT count(*)::int FROM safety_case_version) AS versions, (SELECT count(*)::int FROM audit_entry) AS audit`,
  );
  return row!;
}

describe('safety case records without a MedDRA dictionary', () => {
  let t: TestApp;
  let safety: SignedInUser;

  const report = (kind: 'line-listing' | 'summary-tabulation', product: string, period: Period, format?: string) =>
    safety
      .http()
      .get(`/api/safety-cases/${kind}`)
      .query({ product, ...period, ...(format === undefined ? {} : { format }) });
  const listing = async (product: string, period: Period) => (await report('line-listing', product, period).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    safety = await t.signIn('safety');
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => t.clock.set(TODAY));

  describe('MedDRA coding before a dictionary is loaded', () => {
    it('should keep a reaction given by PT name only uncoded and tabulate it under the uncoded SOC', async () => {
      const product = await createProduct(t);
      const logged = await logCase(safety, product.name, { reactions: [reaction({ reportedTerm: 'liver failure', ptName: 'Hepatic failure', seriousness: ['hospitalisation'] })] });
      expect(logged.version.content.reactions[0]).toMatchObject({ ptName: 'Hepatic failure', lltCode: null, ptCode: null, socName: null, meddraVersion: null });
      expect(logged.version.assessment).toMatchObject({ uncodedReactions: ['r1'], meddraVersion: null });

      const tabulation = (await report('summary-tabulation', product.name, { from: '2026-11-01', to: '2026-11-20' }).expect(200)).body;
      expect(tabulation.result.rows).toEqual([{ soc: UNCODED, pt: 'Hepatic failure', interval: counts(1, 0, 0, 0), cumulative: counts(1, 0, 0, 0) }]);
    });
  });

  describe('periodic reports as at the data lock point', () => {
    it('should show a case as it stood at the data lock point, not with a follow-up received after it', async () => {
      const product = await createProduct(t);
      const logged = await logCase(safety, product.name, { initialReceiptOn: '2026-10-03' });
      await safety
        .http()
        .post(`/api/safety-cases/${logged.id}/versions`)
        .send(versionBody('follow-up', { initialReceiptOn: '2026-10-03', day0: '2026-11-10', reactions: [reaction({ reportedTerm: 'liver failure', ptName: 'Hepatic failure', outcome: 'recovered', seriousness: ['hospitalisation'] })] }))
        .expect(201);

      const atDlp = await listing(product.name, { from: '2026-10-01', to: '2026-10-31' });
      expect(atDlp.result).toEqual([expect.objectContaining({ safetyReportId: logged.safetyReportId, version: 1, outcomes: 'recovering' })]);
      const later = await listing(product.name, { from: '2026-10-01', to: '2026-11-10' });
      expect(later.result).toEqual([expect.objectContaining({ safetyReportId: logged.safetyReportId, version: 2, outcomes: 'recovered' })]);
    });

    it('should date a nullification the day it is recorded and leave the case out only from that data lock point on', async () => {
      const product = await createProduct(t);
      const logged = await logCase(safety, product.name, { initialReceiptOn: '2026-10-04' });
      t.clock.set('2026-11-05');
      await safety.http().post(`/api/safety-cases/${logged.id}/nullification`).send({ reason: 'sent in error' }).expect(201);
      const versions = (await safety.http().get(`/api/safety-cases/${logged.id}/versions`).expect(200)).body;
      expect(versions.map((v: { type: string; day0: string }) => [v.type, v.day0])).toEqual([
        ['initial', '2026-10-04'],
        ['nullification', '2026-11-05'],
      ]);

      const before = await listing(product.name, { from: '2026-10-01', to: '2026-11-04' });
      expect(before.result).toEqual([expect.objectContaining({ safetyReportId: logged.safetyReportId, version: 1 })]);
      expect(before.excluded).toEqual({ nullified: 0, invalid: 0, duplicates: 0 });
      const onTheDay = await listing(product.name, { from: '2026-10-01', to: '2026-11-05' });
      expect(onTheDay.result).toEqual([]);
      expect(onTheDay.excluded).toEqual({ nullified: 1, invalid: 0, duplicates: 0 });
    });

    it('should leave an invalid case out of the listing and the tabulation and count it as invalid', async () => {
      const product = await createProduct(t);
      const valid = await logCase(safety, product.name, { initialReceiptOn: '2026-10-05' });
      const invalid = await logCase(safety, product.name, { initialReceiptOn: '2026-10-06', reporters: [] });
      expect(invalid.status).toBe('incomplete');

      const period = { from: '2026-10-01', to: '2026-10-31' };
      const lines = await listing(product.name, period);
      expect(lines.result.map((r: { safetyReportId: string }) => r.safetyReportId)).toEqual([valid.safetyReportId]);
      expect(lines.excluded).toEqual({ nullified: 0, invalid: 1, duplicates: 0 });
      const tabulation = (await report('summary-tabulation', product.name, period).expect(200)).body;
      expect(tabulation.result.total.cumulative.total).toBe(1);
      expect(tabulation.excluded.invalid).toBe(1);
    });

    it('should leave a duplicate linked to its master by the data lock point out and count it, keeping the master', async () => {
      const product = await createProduct(t);
      const master = await logCase(safety, product.name, { initialReceiptOn: '2026-10-02' });
      const duplicate = await logCase(safety, product.name, { initialReceiptOn: '2026-10-07' });
      t.clock.set('2026-10-31');
      try {
        await safety.http().post(`/api/safety-cases/${duplicate.id}/links`).send({ otherCase: master.id, kind: 'duplicate-of', reason: 'same patient and reaction' }).expect(201);
      } finally {
        t.clock.set(TODAY);
      }

      const lines = await listing(product.name, { from: '2026-10-01', to: '2026-10-31' });
      expect(lines.result.map((r: { safetyReportId: string }) => r.safetyReportId)).toEqual([master.safetyReportId]);
      expect(lines.excluded).toEqual({ nullified: 0, invalid: 0, duplicates: 1 });
    });

    it('should still list a case linked as a duplicate only after the data lock point, as it stood then', async () => {
      const product = await createProduct(t);
      const master = await logCase(safety, product.name, { initialReceiptOn: '2026-10-02' });
      const duplicate = await logCase(safety, product.name, { initialReceiptOn: '2026-10-07' });
      await safety.http().post(`/api/safety-cases/${duplicate.id}/links`).send({ otherCase: master.id, kind: 'duplicate-of', reason: 'same patient and reaction' }).expect(201);

      const atDlp = await listing(product.name, { from: '2026-10-01', to: '2026-10-31' });
      expect(atDlp.result.map((r: { safetyReportId: string }) => r.safetyReportId).sort()).toEqual([master.safetyReportId, duplicate.safetyReportId].sort());
      expect(atDlp.excluded).toEqual({ nullified: 0, invalid: 0, duplicates: 0 });
      const now = await listing(product.name, { from: '2026-10-01', to: TODAY });
      expect(now.excluded.duplicates).toBe(1);
    });
  });

  describe('line listing', () => {
    it('should list one JSON row per case received in the interval with age/sex, PTs, seriousness, suspect drugs and the synthetic flag', async () => {
      const product = await createProduct(t);
      const older = await logCase(safety, product.name, { initialReceiptOn: '2026-09-20' });
      const real = await logCase(safety, product.name, {
        initialReceiptOn: '2026-10-08',
        patient: { initials: 'AB', ageValue: 34, ageUnit: 'year', sex: 'female' },
        reactions: [reaction({ reportedTerm: 'headache', ptName: 'Headache' }), reaction({ key: 'r2', reportedTerm: 'sick', ptName: 'Nausea', outcome: 'recovered' })],
        drugs: [
          { key: 'd1', role: 'suspect', name: 'Hemgenix', batchNumber: 'B-1' },
          { key: 'd2', role: 'concomitant', name: 'Paracetamol' },
          { key: 'd3', role: 'interacting', name: 'Warfarin' },
        ],
        causality: [],
      });
      const synthetic = await t.dataSource.transaction((m) =>
        t.app.get(SafetyCasesService).create(m, systemActor('test-demo'), caseBody(product.name, { initialReceiptOn: '2026-10-09', patient: { ageGroup: 'adult' } }) as unknown as CreateCaseDto, { synthetic: true }),
      );

      const body = await listing(product.name, { from: '2026-10-01', to: '2026-10-31' });
      expect(body).toMatchObject({ product: { id: product.id, name: product.name }, dataLockPoint: '2026-10-31', excluded: { nullified: 0, invalid: 0, duplicates: 0 } });
      expect(body.period).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
      expect(body.basis).toContain('data lock point');
      expect(body.result).toEqual([
        {
          safetyReportId: real.safetyReportId,
          worldwideId: real.worldwideId,
          version: 1,
          reportType: 'spontaneous',
          country: 'DE',
          initialReceiptOn: '2026-10-08',
          ageSex: '34 years, female',
          reactions: 'Headache; Nausea',
          serious: false,
          outcomes: 'recovering; recovered',
          suspectDrugs: 'Hemgenix; Warfarin',
          synthetic: false,
        },
        expect.objectContaining({ safetyReportId: synthetic.safetyCase.safetyReportId, ageSex: 'adult, sex unknown', reactions: 'Hepatic failure', serious: true, synthetic: true }),
      ]);
      expect(body.result.map((r: { safetyReportId: string }) => r.safetyReportId)).not.toContain(older.safetyReportId);
    });

    it('should give the line listing as RFC 4180 CSV with a header row', async () => {
      const product = await createProduct(t);
      const logged = await logCase(safety, product.name, { initialReceiptOn: '2026-10-08' });
      const response = await report('line-listing', product.name, { from: '2026-10-01', to: '2026-10-31' }, 'csv').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toContain('attachment');
      expect(response.text.split('\r\n')).toEqual([
        'Safety report id,Worldwide case id,Version,Report type,Country,Initial receipt,Age/sex,Reactions (PT),Serious,Outcomes,Suspect drugs,Synthetic',
        `${logged.safetyReportId},${logged.worldwideId},1,spontaneous,DE,2026-10-08,"44 years, male",Hepatic failure,Yes,recovering,Hemgenix,No`,
        '',
      ]);
    });
  });

  describe('duplicates and links', () => {
    const samePatient = { patient: { initials: 'JD', ageValue: 44, ageUnit: 'year', sex: 'male' }, reactions: [reaction({ reportedTerm: 'liver failure', ptName: 'Hepatic failure', onset: '2026-10-28', seriousness: ['hospitalisation'] })] };
    const link = (from: string, otherCase: string, kind: 'duplicate-of' | 'related') =>
      safety.http().post(`/api/safety-cases/${from}/links`).send({ otherCase, kind, reason: `linked as ${kind} in the test` });

    it('should offer an earlier case of the same patient as a possible duplicate at intake, with the matching fields', async () => {
      const product = await createProduct(t);
      const first = await logCase(safety, product.name, samePatient);
      const second = await logCase(safety, product.name, { ...samePatient, initialReceiptOn: '2026-11-05', reporters: [{ qualification: 'pharmacist', country: 'DE', primarySource: true }] });
      expect(second.possibleDuplicates).toEqual([
        {
          caseId: first.id,
          safetyReportId: first.safetyReportId,
          worldwideId: first.worldwideId,
          certain: false,
          score: 1,
          matched: ['reaction', 'suspect-drug', 'onset-date', 'patient-sex', 'patient-age', 'initials', 'country', 'batch-number'],
          conflicting: [],
          linked: false,
        },
      ]);
      const fromFirst = (await safety.http().get(`/api/safety-cases/${first.id}/duplicates`).expect(200)).body;
      expect(fromFirst.map((d: { caseId: string }) => d.caseId)).toEqual([second.id]);
    });

    it('should call a case whose other identifiers carry another case’s safety report id a certain duplicate, despite conflicts', async () => {
      const product = await createProduct(t);
      const first = await logCase(safety, product.name, samePatient);
      const second = await logCase(safety, product.name, {
        otherIdentifiers: [{ source: 'FR-ANSM', id: first.safetyReportId }],
        patient: { initials: 'XY', ageValue: 70, ageUnit: 'year', sex: 'female' },
        reporters: [{ qualification: 'physician', country: 'FR', primarySource: true }],
        reactions: [reaction({ reportedTerm: 'tiredness', ptName: 'Fatigue' })],
      });
      expect(second.possibleDuplicates).toEqual([
        expect.objectContaining({ caseId: first.id, certain: true, score: 1, matched: expect.arrayContaining(['other-identifier']), conflicting: expect.arrayContaining(['patient-sex', 'patient-age', 'country']) }),
      ]);
      const fromFirst = (await safety.http().get(`/api/safety-cases/${first.id}/duplicates`).expect(200)).body;
      expect(fromFirst).toEqual([expect.objectContaining({ caseId: second.id, certain: true })]);
    });

    it('should not offer a case of a different sex from a different country with the same PT', async () => {
      const product = await createProduct(t);
      const first = await logCase(safety, product.name, samePatient);
      const other = await logCase(safety, product.name, {
        ...samePatient,
        patient: { initials: 'JD', ageValue: 44, ageUnit: 'year', sex: 'female' },
        reporters: [{ qualification: 'physician', country: 'FR', primarySource: true }],
      });
      expect(other.possibleDuplicates).toEqual([]);
      expect((await safety.http().get(`/api/safety-cases/${first.id}/duplicates`).expect(200)).body).toEqual([]);
    });

    it('should link a duplicate to its master: masterCaseId set, the master shows master-of, the pair is marked linked', async () => {
      const product = await createProduct(t);
      const master = await logCase(safety, product.name, samePatient);
      const duplicate = await logCase(safety, product.name, samePatient);
      const related = (await link(duplicate.id, master.safetyReportId, 'duplicate-of').expect(201)).body;
      expect(related).toEqual([
        { caseId: master.id, safetyReportId: master.safetyReportId, kind: 'duplicate-of', reason: 'linked as duplicate-of in the test', linkedBy: safety.actor, linkedAt: expect.any(String) },
      ]);
      expect((await safety.http().get(`/api/safety-cases/${duplicate.id}`).expect(200)).body.masterCaseId).toBe(master.id);
      const masterDetail = (await safety.http().get(`/api/safety-cases/${master.id}`).expect(200)).body;
      expect(masterDetail.masterCaseId).toBeNull();
      expect(masterDetail.related).toEqual([expect.objectContaining({ caseId: duplicate.id, safetyReportId: duplicate.safetyReportId, kind: 'master-of' })]);
      expect((await safety.http().get(`/api/safety-cases/${duplicate.id}/duplicates`).expect(200)).body).toEqual([expect.objectContaining({ caseId: master.id, linked: true })]);
    });

    it('should refuse with 409 to link a case as a duplicate of a duplicate, writing no link', async () => {
      const product = await createProduct(t);
      const master = await logCase(safety, product.name, samePatient);
      const duplicate = await logCase(safety, product.name, samePatient);
      const third = await logCase(safety, product.name, samePatient);
      await link(duplicate.id, master.id, 'duplicate-of').expect(201);
      const before = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM case_link`);
      const refused = await link(third.id, duplicate.id, 'duplicate-of').expect(409);
      expect(refused.body.code).toBe('CASE_LINK_INVALID');
      expect(refused.body.message).toContain('link to its master instead');
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM case_link`)).toEqual(before);
      expect((await safety.http().get(`/api/safety-cases/${third.id}`).expect(200)).body.masterCaseId).toBeNull();
    });

    it('should refuse with 409 to make a master case itself a duplicate', async () => {
      const product = await createProduct(t);
      const master = await logCase(safety, product.name, samePatient);
      const duplicate = await logCase(safety, product.name, samePatient);
      const third = await logCase(safety, product.name, samePatient);
      await link(duplicate.id, master.id, 'duplicate-of').expect(201);
      expect((await link(master.id, third.id, 'duplicate-of').expect(409)).body.code).toBe('CASE_LINK_INVALID');
      expect((await safety.http().get(`/api/safety-cases/${master.id}`).expect(200)).body.masterCaseId).toBeNull();
    });

    it('should stop offering a mother–child pair as duplicates once they are linked as related', async () => {
      const product = await createProduct(t);
      const shared = { reactions: [reaction({ reportedTerm: 'fever', ptName: 'Febrile neutropenia', onset: '2026-10-20', seriousness: ['hospitalisation'] })] };
      const mother = await logCase(safety, product.name, { ...shared, patient: { initials: 'MK', ageValue: 31, ageUnit: 'year', sex: 'female' } });
      const child = await logCase(safety, product.name, { ...shared, patient: { ageGroup: 'neonate', sex: 'female' } });
      expect(child.possibleDuplicates.map((d: { caseId: string }) => d.caseId)).toEqual([mother.id]);

      const related = (await link(child.id, mother.id, 'related').expect(201)).body;
      expect(related).toEqual([expect.objectContaining({ caseId: mother.id, kind: 'related' })]);
      expect((await safety.http().get(`/api/safety-cases/${child.id}/duplicates`).expect(200)).body).toEqual([]);
      expect((await safety.http().get(`/api/safety-cases/${mother.id}/duplicates`).expect(200)).body).toEqual([]);
      expect((await safety.http().get(`/api/safety-cases/${child.id}`).expect(200)).body.masterCaseId).toBeNull();
    });

    it('should not offer a report that names the other in its linked reports', async () => {
      const product = await createProduct(t);
      const shared = { reactions: [reaction({ reportedTerm: 'fever', ptName: 'Febrile neutropenia', onset: '2026-10-20', seriousness: ['hospitalisation'] })] };
      const mother = await logCase(safety, product.name, { ...shared, patient: { initials: 'MK', ageValue: 31, ageUnit: 'year', sex: 'female' } });
      const child = await logCase(safety, product.name, { ...shared, patient: { ageGroup: 'neonate', sex: 'female' }, linkedReports: [mother.safetyReportId] });
      expect(child.possibleDuplicates).toEqual([]);
      expect((await safety.http().get(`/api/safety-cases/${mother.id}/duplicates`).expect(200)).body).toEqual([]);
    });

    it('should write audit rows for a duplicate link: the link and the change of master', async () => {
      const product = await createProduct(t);
      const master = await logCase(safety, product.name, samePatient);
      const duplicate = await logCase(safety, product.name, samePatient);
      await link(duplicate.id, master.id, 'duplicate-of').expect(201);
      const [stored] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM case_link WHERE case_id = $1`, [duplicate.id]);
      const rows = await t.dataSource.query<{ actor: string; entity_type: string; entity_id: string; action: string; product_id: string; reason: string; before: any; after: any }[]>(
        `SELECT actor, entity_type, entity_id, action, product_id, reason, before, after FROM audit_entry
          WHERE (entity_type = 'case-link' AND entity_id = $1) OR (entity_type = 'safety-case' AND entity_id = $2 AND action = 'duplicate-of') ORDER BY seq`,
        [stored!.id, duplicate.id],
      );
      expect(rows).toEqual([
        expect.objectContaining({ actor: safety.actor, entity_type: 'safety-case', entity_id: duplicate.id, action: 'duplicate-of', product_id: product.id, reason: 'linked as duplicate-of in the test' }),
        expect.objectContaining({ actor: safety.actor, entity_type: 'case-link', entity_id: stored!.id, action: 'create', product_id: product.id, reason: 'linked as duplicate-of in the test' }),
      ]);
      expect(rows[0]!.before.masterCaseId).toBeNull();
      expect(rows[0]!.after.masterCaseId).toBe(master.id);
      expect(rows[1]!.after).toMatchObject({ caseId: duplicate.id, otherCaseId: master.id, kind: 'duplicate-of' });
    });
  });

  describe('versions are never deleted', () => {
    it('should keep every version: after a follow-up and an amendment, three versions and the original content of version 1', async () => {
      const product = await createProduct(t);
      const logged = await logCase(safety, product.name);
      await safety
        .http()
        .post(`/api/safety-cases/${logged.id}/versions`)
        .send(versionBody('follow-up', { day0: '2026-11-10', reactions: [reaction({ reportedTerm: 'liver failure', ptName: 'Hepatic failure', outcome: 'recovered', seriousness: ['hospitalisation'] })] }))
        .expect(201);
      await safety
        .http()
        .post(`/api/safety-cases/${logged.id}/versions`)
        .send({
          ...versionBody('amendment', {
            day0: '2026-11-10',
            reactions: [reaction({ reportedTerm: 'liver failure', ptName: 'Hepatic failure', outcome: 'recovered', seriousness: ['hospitalisation'] })],
            drugs: [{ key: 'd1', role: 'suspect', name: 'Hemgenix', batchNumber: 'B-2' }],
          }),
          reason: 'batch number mistyped',
        })
        .expect(201);

      const versions = (await safety.http().get(`/api/safety-cases/${logged.id}/versions`).expect(200)).body;
      expect(versions.map((v: { version: number; type: string; day0: string; reason: string | null }) => [v.version, v.type, v.day0, v.reason])).toEqual([
        [1, 'initial', '2026-11-02', null],
        [2, 'follow-up', '2026-11-10', null],
        [3, 'amendment', '2026-11-10', 'batch number mistyped'],
      ]);
      const first = (await safety.http().get(`/api/safety-cases/${logged.id}/versions/1`).expect(200)).body;
      expect(first).toMatchObject({ version: 1, type: 'initial' });
      expect(first.content.reactions[0]).toMatchObject({ outcome: 'recovering' });
      expect(first.content.drugs[0]).toMatchObject({ batchNumber: 'B-1' });
      const current = (await safety.http().get(`/api/safety-cases/${logged.id}`).expect(200)).body;
      expect(current).toMatchObject({ currentVersion: 3, currentType: 'amendment' });
      expect(current.version.content.drugs[0].batchNumber).toBe('B-2');
    });

    it('should have the database refuse to delete a case', async () => {
      const product = await createProduct(t);
      await logCase(safety, product.name);
      const before = await caseCount(t);
      await expect(t.dataSource.query(`DELETE FROM safety_case`)).rejects.toThrow(/DELETE on safety_case refused/);
      await expect(t.dataSource.query(`DELETE FROM safety_case_version`)).rejects.toThrow(/refused/);
      expect(await caseCount(t)).toEqual(before);
    });
  });

  describe('access', () => {
    it('should refuse case data to an administrator with 403', async () => {
      const admin = await t.signIn('admin');
      await admin.http().get('/api/safety-cases').expect(403);
    });

    it('should let a viewer read the case list and the line listing', async () => {
      const product = await createProduct(t);
      const logged = await logCase(safety, product.name, { initialReceiptOn: '2026-10-08' });
      const viewer = await t.signIn('viewer', { username: 'test-viewer-cases' });
      const list = (await viewer.http().get('/api/safety-cases').query({ product: product.name }).expect(200)).body;
      expect(list).toMatchObject({ total: 1, cases: [expect.objectContaining({ id: logged.id })] });
      const lines = (await viewer.http().get('/api/safety-cases/line-listing').query({ product: product.name, from: '2026-10-01', to: '2026-10-31' }).expect(200)).body;
      expect(lines.result.map((r: { safetyReportId: string }) => r.safetyReportId)).toEqual([logged.safetyReportId]);
      await viewer.http().post('/api/safety-cases').send(caseBody(product.name)).expect(403);
    });

    it('should answer 404 to a safety user scoped to another product for the case and its product’s listing', async () => {
      const product = await createProduct(t);
      const other = await createProduct(t);
      const logged = await logCase(safety, product.name);
      const scoped = await t.signIn('safety', { productIds: [other.id] });
      expect((await scoped.http().get(`/api/safety-cases/${logged.id}`).expect(404)).body.code).toBe('NOT_FOUND');
      await scoped.http().get(`/api/safety-cases/${logged.safetyReportId}/versions`).expect(404);
      await scoped.http().get('/api/safety-cases/line-listing').query({ product: product.id, from: '2026-10-01', to: '2026-11-30' }).expect(404);
      expect((await scoped.http().get('/api/safety-cases').query({ product: product.id }).expect(200)).body).toEqual({ total: 0, totalIsExact: true, nextCursor: null, cases: [] });
    });
  });

  describe('bad report parameters', () => {
    it('should refuse a data lock point before the start of the period with 422 naming `to`', async () => {
      const product = await createProduct(t);
      for (const kind of ['line-listing', 'summary-tabulation'] as const) {
        const response = await report(kind, product.name, { from: '2026-10-31', to: '2026-10-01' }).expect(422);
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
      }
    });

    it('should refuse an unknown format with 400 naming `format`', async () => {
      const product = await createProduct(t);
      const response = await report('line-listing', product.name, { from: '2026-10-01', to: '2026-10-31' }, 'xml').expect(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field: 'format' }));
    });

    it('should refuse a report without a product with 400 naming `product`', async () => {
      const response = await safety.http().get('/api/safety-cases/summary-tabulation').query({ from: '2026-10-01', to: '2026-10-31' }).expect(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field: 'product' }));
    });
  });
});

describe('safety case records with the made-up MedDRA dictionary loaded', () => {
  let t: TestApp;
  let safety: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    safety = await t.signIn('safety');
    await t.app.get(MeddraLoaderService).loadFolder(MEDDRA, systemActor('test-setup'));
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => t.clock.set(TODAY));

  describe('coding at intake', () => {
    it('should code an LLT code to its PT and primary SOC with the dictionary version', async () => {
      const product = await createProduct(t);
      // Flu-like symptoms → Influenza like illness, which also sits under Infections; its primary SOC is General disorders.
      const logged = await logCase(safety, product.name, { reactions: [reaction({ reportedTerm: 'flu-like', lltCode: 900400010 })], causality: [] });
      expect(logged.version.content.reactions[0]).toMatchObject({
        lltCode: 900400010,
        lltName: 'Flu-like symptoms',
        ptCode: 900300006,
        ptName: 'Influenza like illness',
        socName: 'General disorders and administration site conditions',
        meddraVersion: '90.0',
      });
      expect(logged.version.assessment).toMatchObject({ uncodedReactions: [], meddraVersion: '90.0' });
      const stored = (await safety.http().get(`/api/safety-cases/${logged.id}/versions/1`).expect(200)).body;
      expect(stored.content.reactions[0]).toMatchObject({ ptName: 'Influenza like illness', ptCode: 900300006, meddraVersion: '90.0' });
    });

    it('should code a PT name given alone', async () => {
      const product = await createProduct(t);
      const logged = await logCase(safety, product.name, { reactions: [reaction({ reportedTerm: 'lung infection', ptName: 'pneumonia' })], causality: [] });
      expect(logged.version.content.reactions[0]).toMatchObject({ lltCode: 900300008, ptCode: 900300008, ptName: 'Pneumonia', socName: 'Infections and infestations', meddraVersion: '90.0' });
      expect(logged.version.assessment.uncodedReactions).toEqual([]);
    });

    it('should refuse an unknown LLT code with 422 naming the field and write nothing', async () => {
      const product = await createProduct(t);
      const before = await caseCount(t);
      const response = await safety
        .http()
        .post('/api/safety-cases')
        .send(caseBody(product.name, { reactions: [reaction({ reportedTerm: 'headache', ptName: 'Headache' }), reaction({ key: 'r2', reportedTerm: 'mystery', lltCode: 900499999 })], causality: [] }))
        .expect(422);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'reactions[1].lltCode' })]);
      expect(await caseCount(t)).toEqual(before);
    });

    it('should refuse a non-current LLT code with 422', async () => {
      const product = await createProduct(t);
      const response = await safety
        .http()
        .post('/api/safety-cases')
        .send(caseBody(product.name, { reactions: [reaction({ reportedTerm: 'pneumonia', lltCode: 900400013 })], causality: [] }))
        .expect(422);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'reactions[0].lltCode', problem: expect.stringContaining('not a current LLT') })]);
    });
  });

  describe('summary tabulation', () => {
    let product: { id: string; name: string };
    const period = { from: '2026-10-01', to: '2026-10-31' };
    const tabulate = async () => (await safety.http().get('/api/safety-cases/summary-tabulation').query({ product: product.name, ...period }).expect(200)).body;

    beforeAll(async () => {
      product = await createProduct(t);
      const liverFailure = (seriousness: string[]) => reaction({ reportedTerm: 'liver failure', lltCode: 900400009, seriousness });
      // Interval, spontaneous: a serious hepatic failure and a non-serious headache.
      await logCase(safety, product.name, { initialReceiptOn: '2026-10-05', reactions: [liverFailure(['hospitalisation']), reaction({ key: 'r2', reportedTerm: 'headache', ptName: 'Headache' })], causality: [] });
      // Interval, solicited (study): a serious hepatic failure.
      await logCase(safety, product.name, { initialReceiptOn: '2026-10-10', reportType: 'solicited', solicitedSource: 'registry', reactions: [liverFailure(['other-medically-important'])], causality: [] });
      // Interval, clinical trial (study): a non-serious headache.
      await logCase(safety, product.name, { initialReceiptOn: '2026-10-12', reportType: 'clinical-trial', reactions: [reaction({ reportedTerm: 'head pain', lltCode: 900400002 })], causality: [] });
      // Interval, spontaneous: a non-serious reaction in a SOC whose name holds a comma.
      await logCase(safety, product.name, { initialReceiptOn: '2026-10-20', reactions: [reaction({ reportedTerm: 'bleeding lungs', ptName: 'Pulmonary alveolar haemorrhage' })], causality: [] });
      // Before the period: cumulative only.
      await logCase(safety, product.name, { initialReceiptOn: '2026-09-15', reactions: [liverFailure(['hospitalisation'])], causality: [] });
      // After the data lock point: not counted at all.
      await logCase(safety, product.name, { initialReceiptOn: '2026-11-05', reactions: [liverFailure(['hospitalisation'])], causality: [] });
    });

    it('should count reactions by SOC and PT: serious vs non-serious, spontaneous vs study, interval vs cumulative', async () => {
      const body = await tabulate();
      expect(body.excluded).toEqual({ nullified: 0, invalid: 0, duplicates: 0 });
      expect(body.result.rows).toEqual([
        { soc: 'Hepatobiliary disorders', pt: 'Hepatic failure', interval: counts(1, 0, 1, 0), cumulative: counts(2, 0, 1, 0) },
        { soc: 'Nervous system disorders', pt: 'Headache', interval: counts(0, 1, 0, 1), cumulative: counts(0, 1, 0, 1) },
        { soc: 'Respiratory, thoracic and mediastinal disorders', pt: 'Pulmonary alveolar haemorrhage', interval: counts(0, 1, 0, 0), cumulative: counts(0, 1, 0, 0) },
      ]);
      expect(body.result.socSubtotals.map((s: { soc: string }) => s.soc)).toEqual(['Hepatobiliary disorders', 'Nervous system disorders', 'Respiratory, thoracic and mediastinal disorders']);
      expect(body.result.total).toEqual({ interval: counts(1, 2, 1, 1), cumulative: counts(2, 2, 1, 1) });
    });

    it('should give the summary tabulation as CSV with its header row and one line per PT', async () => {
      const response = await safety.http().get('/api/safety-cases/summary-tabulation').query({ product: product.name, ...period, format: 'csv' }).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const lines = response.text.split('\r\n');
      expect(lines[0]).toBe(
        'SOC,PT,Interval spontaneous serious,Interval spontaneous non-serious,Interval study serious,Interval study non-serious,Interval total,' +
          'Cumulative spontaneous serious,Cumulative spontaneous non-serious,Cumulative study serious,Cumulative study non-serious,Cumulative total',
      );
      expect(lines).toContain('Hepatobiliary disorders,Hepatic failure,1,0,1,0,2,2,0,1,0,3');
      expect(lines).toContain('"Respiratory, thoracic and mediastinal disorders",Pulmonary alveolar haemorrhage,0,1,0,0,1,0,1,0,0,1');
      expect(lines).toHaveLength(5);
      expect(lines[4]).toBe('');
    });
  });
});
