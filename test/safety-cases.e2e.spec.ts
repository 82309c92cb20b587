import { caseBody, createProduct, logCase, versionBody } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

describe('safety cases over HTTP', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let product: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    product = await createProduct(t);
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => t.clock.set('2026-11-21'));

  describe('intake', () => {
    it('should log a valid serious EEA spontaneous case with a 15-day clock citing its rule', async () => {
      const body = await logCase(safety, product.name);
      expect(body).toMatchObject({ status: 'valid', serious: true, currentVersion: 1, currentType: 'initial', primaryCountry: 'DE', reportType: 'spontaneous' });
      expect(body.safetyReportId).toMatch(/^DE-PVT-2026-\d{6}$/);
      expect(body.clocks).toEqual([expect.objectContaining({ version: 1, day0: '2026-11-02', dueOn: '2026-11-17', ruleId: 'ICSR-SERIOUS-15', status: 'open', overdue: true, daysLeft: -4 })]);
      expect(body.clocks[0].ruleSource).toContain('GVP Module VI');
      expect(body.version.assessment.validity).toMatchObject({ valid: true, missing: [] });
      expect(body.version.assessment.toChase).toEqual([]);
    });

    it('should name a missing batch number of a suspect as something to chase', async () => {
      const body = await logCase(safety, product.name, { drugs: [{ key: 'd1', role: 'suspect', name: 'Hemgenix' }] });
      expect(body.version.assessment.toChase).toEqual(['batch number of suspect Hemgenix (d1)']);
    });

    it('should keep an invalid report as incomplete, name the missing criteria and start no clock', async () => {
      const body = await logCase(safety, product.name, { reporters: [], drugs: [], causality: [] });
      expect(body.status).toBe('incomplete');
      expect(body.version.assessment.validity.missing).toEqual(['identifiable-reporter', 'suspected-product']);
      expect(body.clocks).toEqual([]);
      expect(body.version.assessment.noClock.reason).toContain('not a valid case yet');
    });

    it('should refuse a causality pair naming an unknown reaction with 422 and write nothing', async () => {
      const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM safety_case`);
      const response = await safety
        .http()
        .post('/api/safety-cases')
        .send(caseBody(product.name, { causality: [{ drugKey: 'd1', reactionKey: 'r9', reporter: 'possible' }] }))
        .expect(422);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'causality[0].reactionKey' })]);
      const after = await t.dataSource.query(`SELECT count(*)::int AS n FROM safety_case`);
      expect(after[0].n).toBe(before[0].n);
    });

    it('should refuse a bad seriousness criterion with 400 naming the field', async () => {
      const response = await safety
        .http()
        .post('/api/safety-cases')
        .send(caseBody(product.name, { reactions: [{ reportedTerm: 'x', seriousness: ['dead'] }] }))
        .expect(400);
      expect(JSON.stringify(response.body.errors)).toContain('reactions[0].seriousness');
    });

    it('should not let a regulatory user log a case', async () => {
      await t.http().post('/api/safety-cases').send(caseBody(product.name)).expect(403);
    });
  });

  describe('follow-up, amendment and nullification', () => {
    it('should start a new clock from a significant follow-up and keep both versions with a diff', async () => {
      const initial = await logCase(safety, product.name, { reactions: [{ key: 'r1', reportedTerm: 'headache', ptName: 'Headache', outcome: 'recovering' }] });
      expect(initial.clocks[0]).toMatchObject({ ruleId: 'ICSR-NON-SERIOUS-90', dueOn: '2027-01-31' });
      await safety
        .http()
        .post(`/api/safety-cases/${initial.id}/submissions`)
        .send({ version: 1, acknowledgedOn: '2026-11-10' })
        .expect(201);
      const followUp = await safety
        .http()
        .post(`/api/safety-cases/${initial.id}/versions`)
        .send(versionBody('follow-up', { reactions: [{ key: 'r1', reportedTerm: 'headache', ptName: 'Headache', outcome: 'recovered' }], day0: '2026-11-20' }))
        .expect(201);
      expect(followUp.body.clocks.map((c: { version: number; status: string; dueOn: string }) => [c.version, c.status, c.dueOn])).toEqual([
        [1, 'submitted', '2027-01-31'],
        [2, 'open', '2027-02-18'],
      ]);
      const diff = await safety.http().get(`/api/safety-cases/${initial.id}/versions/2/diff`).expect(200);
      expect(diff.body.changes).toEqual(expect.arrayContaining([{ path: 'day0', before: '2026-11-02', after: '2026-11-20' }, { path: 'reactions[r1].outcome', before: 'recovering', after: 'recovered' }]));
      const notANumber = await safety.http().get(`/api/safety-cases/${initial.id}/versions/two`).expect(400);
      expect(notANumber.body.errors).toEqual([{ field: 'version', problem: 'must be a whole number from 1' }]);
      const versions = await safety.http().get(`/api/safety-cases/${initial.id}/versions`).expect(200);
      expect(versions.body.map((v: { type: string }) => v.type)).toEqual(['initial', 'follow-up']);
    });

    it('should apply the upgrade rule when a non-serious case turns serious before submission', async () => {
      const initial = await logCase(safety, product.name, { initialReceiptOn: '2026-09-01', reactions: [{ key: 'r1', reportedTerm: 'headache', ptName: 'Headache', outcome: 'recovering' }] });
      expect(initial.clocks[0].dueOn).toBe('2026-11-30');
      const followUp = await safety
        .http()
        .post(`/api/safety-cases/${initial.id}/versions`)
        .send(versionBody('follow-up', { initialReceiptOn: '2026-09-01', day0: '2026-11-20' }))
        .expect(201);
      expect(followUp.body.clocks.map((c: { status: string; dueOn: string; ruleId: string }) => [c.status, c.dueOn, c.ruleId])).toEqual([
        ['superseded', '2026-11-30', 'ICSR-NON-SERIOUS-90'],
        ['open', '2026-11-30', 'ICSR-UPGRADED-TO-SERIOUS'],
      ]);
    });

    it('should start no clock for an amendment and require its reason', async () => {
      const initial = await logCase(safety, product.name);
      await safety
        .http()
        .post(`/api/safety-cases/${initial.id}/versions`)
        .send(versionBody('amendment'))
        .expect(422);
      const amended = await safety
        .http()
        .post(`/api/safety-cases/${initial.id}/versions`)
        .send({ ...versionBody('amendment', { drugs: [{ key: 'd1', role: 'suspect', name: 'Hemgenix', batchNumber: 'B-2' }] }), reason: 'batch number mistyped' })
        .expect(201);
      expect(amended.body.clocks).toHaveLength(1);
      expect(amended.body.version.assessment.noClock.reason).toContain('amendment');
    });

    it('should nullify a case, cancel its open clock and refuse later versions', async () => {
      const initial = await logCase(safety, product.name);
      const nullified = await safety.http().post(`/api/safety-cases/${initial.id}/nullification`).send({ reason: 'sent in error' }).expect(201);
      expect(nullified).toBeDefined();
      expect(nullified.body).toMatchObject({ status: 'nullified', currentType: 'nullification', currentVersion: 2 });
      expect(nullified.body.clocks[0]).toMatchObject({ status: 'cancelled', closedReason: 'case nullified before submission' });
      const refused = await safety
        .http()
        .post(`/api/safety-cases/${initial.id}/versions`)
        .send(versionBody('follow-up', { day0: '2026-11-20' }))
        .expect(409);
      expect(refused.body.code).toBe('CASE_NULLIFIED');
    });
  });
});

describe('reference safety information and expectedness', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let product: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    product = await createProduct(t);
    await safety
      .http()
      .post(`/api/products/${product.name}/reference-safety`)
      .send({
        document: 'SmPC 4.8 (test)',
        effectiveFrom: '2026-01-01',
        complete: true,
        terms: [
          { term: 'Headache', frequencyBand: 'very-common', rateDenominator: 57, maxSeverity: 'moderate' },
          { term: 'Alanine aminotransferase increased', frequencyBand: 'very-common' },
          { term: 'Infusion-related reaction', ptNames: ['Infusion related reaction', 'Chills', 'Pyrexia'], frequencyBand: 'very-common' },
          { term: 'Adverse reactions leading to death', kind: 'outcome', outcome: 'fatal', statedRatePercent: 8 },
        ],
      })
      .expect(201);
  });

  afterAll(async () => {
    await t.close();
  });

  function reactions(...list: Record<string, unknown>[]): Record<string, unknown> {
    return { reactions: list.map((r, i) => ({ key: `r${i + 1}`, reportedTerm: String(r.ptName), outcome: 'recovered', ...r })), causality: [] };
  }

  it('should version the reference safety information and keep the earlier version in force for older cases', async () => {
    const second = await safety
      .http()
      .post(`/api/products/${product.name}/reference-safety`)
      .send({ document: 'SmPC 4.8 (II/0002)', effectiveFrom: '2026-10-01', complete: true, terms: [{ term: 'Headache', frequencyBand: 'very-common' }, { term: 'Hepatic failure', frequencyBand: 'rare' }] })
      .expect(201);
    expect(second.body.version).toBe(2);
    const versions = await t.http().get(`/api/products/${product.name}/reference-safety`).expect(200);
    expect(versions.body.map((v: { version: number; effectiveUntil: string | null }) => [v.version, v.effectiveUntil])).toEqual([
      [1, '2026-10-01'],
      [2, null],
    ]);
    const older = await logCase(safety, product.name, { initialReceiptOn: '2026-09-15', ...reactions({ ptName: 'Hepatic failure', seriousness: ['hospitalisation'] }) });
    const newer = await logCase(safety, product.name, { initialReceiptOn: '2026-10-15', ...reactions({ ptName: 'Hepatic failure', seriousness: ['hospitalisation'] }) });
    expect(older.version.assessment.expectedness[0]).toMatchObject({ expected: false, basis: 'not-listed', rsiVersion: 1 });
    expect(newer.version.assessment.expectedness[0]).toMatchObject({ expected: true, basis: 'listed', rsiVersion: 2 });
  });

  it('should treat a PT of a grouped term as listed', async () => {
    const body = await logCase(safety, product.name, { initialReceiptOn: '2026-09-01', ...reactions({ ptName: 'Chills' }) });
    expect(body.version.assessment.expectedness[0]).toMatchObject({ expected: true, basis: 'listed', listedTerm: 'Infusion-related reaction' });
  });

  it('should call a fatal outcome of a listed reaction unexpected when the label does not mention it', async () => {
    const body = await logCase(safety, product.name, { initialReceiptOn: '2026-09-01', ...reactions({ ptName: 'Alanine aminotransferase increased', outcome: 'fatal' }) });
    expect(body.version.assessment.expectedness[0]).toMatchObject({ expected: false, basis: 'fatal-outcome-not-labelled' });
    expect(body.seriousUnexpected).toBe(true);
  });

  it('should call a more severe reaction than labelled unexpected', async () => {
    const body = await logCase(safety, product.name, { initialReceiptOn: '2026-09-01', ...reactions({ ptName: 'Headache', severity: 'severe' }) });
    expect(body.version.assessment.expectedness[0]).toMatchObject({ expected: false, basis: 'more-severe-than-labelled' });
  });

  it('should take a manual override with its reason as an amendment without a new clock', async () => {
    const body = await logCase(safety, product.name, { initialReceiptOn: '2026-09-01', ...reactions({ ptName: 'Hepatic failure', seriousness: ['hospitalisation'] }) });
    await safety.http().post(`/api/safety-cases/${body.id}/expectedness-overrides`).send({ reactionKey: 'r1', expected: true }).expect(400);
    const overridden = await safety
      .http()
      .post(`/api/safety-cases/${body.id}/expectedness-overrides`)
      .send({ reactionKey: 'r1', expected: true, reason: 'listed in section 4.4 warnings' })
      .expect(201);
    expect(overridden.body).toMatchObject({ currentVersion: 2, currentType: 'amendment', seriousUnexpected: false });
    expect(overridden.body.version.assessment.expectedness[0]).toMatchObject({ expected: true, basis: 'override' });
    expect(overridden.body.version.assessment.expectedness[0].explanation).toContain('listed in section 4.4 warnings');
    expect(overridden.body.clocks).toHaveLength(1);
  });

  it('should refuse a term listed twice with 422 naming the field', async () => {
    const response = await safety
      .http()
      .post(`/api/products/${product.name}/reference-safety`)
      .send({ document: 'x', effectiveFrom: '2026-11-01', complete: true, terms: [{ term: 'Nausea' }, { term: 'nausea' }] })
      .expect(422);
    expect(response.body.errors[0].field).toBe('terms[1].term');
  });

  it('should refuse changing a recorded version in the database itself', async () => {
    await expect(t.dataSource.query(`UPDATE reference_safety_term SET frequency_band = 'rare'`)).rejects.toThrow(/append-only|refused/);
    await expect(t.dataSource.query(`DELETE FROM safety_case_version`)).rejects.toThrow(/refused/);
  });
});
