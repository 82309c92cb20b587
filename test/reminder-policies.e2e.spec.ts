import { randomUUID } from 'node:crypto';
import { ReminderScanService } from '../src/reminders/reminder-scan.service';
import { addMilestone, createObligation, createProduct } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

const POLICIES = '/api/reminder-policies';

describe('reminder policies over HTTP', () => {
  let t: TestApp;
  let scanner: ReminderScanService;

  beforeAll(async () => {
    t = await createTestApp({ today: '2025-11-01' });
    scanner = t.app.get(ReminderScanService);
  });
  afterAll(() => t.close());

  // Notified long ago, so the product's own renewal and PSUR milestones stay far from the test dates.
  const newProduct = (): Promise<{ id: string; name: string }> => createProduct(t, {}, { notifiedOn: '2015-01-10' });

  async function newMilestone(product: { name: string }, dueDate: string, obligationId?: string): Promise<string> {
    const obligation = obligationId ?? ((await createObligation(t, product.name)).id as string);
    return (await addMilestone(t, obligation, { dueDate })).id as string;
  }

  async function override(body: Record<string, unknown>): Promise<Record<string, any>> {
    return (await t.http().post(POLICIES).send({ deadlineKind: 'obligation', ...body }).expect(201)).body;
  }

  async function defaultOf(kind: string): Promise<Record<string, any>> {
    const response = await t.http().get(POLICIES).query({ deadlineKind: kind, level: 'default' }).expect(200);
    expect(response.body).toHaveLength(1);
    return response.body[0];
  }

  /** The steps the scan would send (on any channel) for a milestone to the test's own account, between two days. */
  async function previewedSteps(milestoneId: string, from: string, to: string): Promise<string[]> {
    const items = await scanner.preview(from, to);
    const steps = items.filter((i) => i.deadline.id === milestoneId && i.recipient === 'user:test-regulatory').map((i) => `${i.offset}@${i.plannedSendDate}`);
    return [...new Set(steps)];
  }

  function fieldsOf(body: { errors?: { field: string }[] }): string[] {
    return [...new Set((body.errors ?? []).map((e) => e.field))];
  }

  describe('listing', () => {
    it('should list one default per deadline kind, with its rules', async () => {
      const response = await t.http().get(POLICIES).query({ level: 'default' }).expect(200);
      expect(response.body.map((p: { deadlineKind: string }) => p.deadlineKind)).toEqual([
        'annual-reassessment',
        'cessation-notice',
        'cma-renewal',
        'emerging-safety-issue',
        'icsr',
        'obligation',
        'pass-final-report',
        'pass-waiver-request',
        'procedure-response',
        'psur',
        'standard-renewal',
        'sunset',
      ]);
      expect(response.body.find((p: { deadlineKind: string }) => p.deadlineKind === 'psur')).toMatchObject({
        level: 'default',
        productId: null,
        obligationId: null,
        offsetsDays: [60, 30, 14, 7, 1],
        escalationEveryDays: 1,
        notifyRoles: ['regulatory', 'qppv'],
        escalationRoles: ['qppv'],
      });
    });

    it('should filter by product and by obligation', async () => {
      const product = await newProduct();
      const obligation = await createObligation(t, product.name);
      const forProduct = await override({ productId: product.id, offsetsDays: [40] });
      const forObligation = await override({ obligationId: obligation.id, offsetsDays: [20] });
      const byProduct = await t.http().get(POLICIES).query({ productId: product.id }).expect(200);
      expect(byProduct.body.map((p: { id: string }) => p.id)).toEqual([forProduct.id]);
      const byObligation = await t.http().get(POLICIES).query({ obligationId: obligation.id }).expect(200);
      expect(byObligation.body.map((p: { id: string }) => p.id)).toEqual([forObligation.id]);
      await t.http().get(`${POLICIES}/${String(forObligation.id)}`).expect(200);
    });
  });

  describe('overrides', () => {
    it('should create a product override, copying what it leaves out from the default, offsets furthest first', async () => {
      const product = await newProduct();
      const fallback = await defaultOf('obligation');
      const created = await override({ productId: product.id, offsetsDays: [10, 45], reason: 'tighter plan for this product' });
      expect(created).toMatchObject({ deadlineKind: 'obligation', level: 'product', productId: product.id, obligationId: null, offsetsDays: [45, 10], escalationEveryDays: 1, notifyRoles: ['regulatory'], escalationRoles: ['admin'], channels: fallback.channels });
      const [audit] = await t.dataSource.query<{ action: string; actor: string; product_id: string; reason: string }[]>(`SELECT action, actor, product_id, reason FROM audit_entry WHERE entity_type = 'reminder-policy' AND entity_id = $1`, [created.id]);
      expect(audit).toEqual({ action: 'create', actor: 'user:test-regulatory', product_id: product.id, reason: 'tighter plan for this product' });
    });

    it("should make the scan use a product override for that product's deadlines only", async () => {
      const product = await newProduct();
      const other = await newProduct();
      await override({ productId: product.id, offsetsDays: [45, 10] });
      const mine = await newMilestone(product, '2026-01-31');
      const theirs = await newMilestone(other, '2026-01-31');
      expect(await previewedSteps(mine, '2025-11-01', '2026-01-31')).toEqual(['before-45@2025-12-17', 'before-10@2026-01-21']);
      expect(await previewedSteps(theirs, '2025-11-01', '2026-01-31')).toEqual(['before-60@2025-12-02', 'before-30@2026-01-01', 'before-14@2026-01-17', 'before-7@2026-01-24', 'before-1@2026-01-30']);
    });

    it("should make an obligation override win over its product's override", async () => {
      const product = await newProduct();
      const special = await createObligation(t, product.name);
      await override({ productId: product.id, offsetsDays: [45, 10] });
      const created = await override({ obligationId: special.id, offsetsDays: [5], escalationEveryDays: 7 });
      expect(created).toMatchObject({ level: 'obligation', productId: null, obligationId: special.id, offsetsDays: [5], escalationEveryDays: 7 });
      const specialMilestone = await newMilestone(product, '2026-02-28', special.id as string);
      const ordinary = await newMilestone(product, '2026-02-28');
      expect(await previewedSteps(specialMilestone, '2026-01-01', '2026-03-15')).toEqual(['before-5@2026-02-23', 'overdue-1@2026-03-01', 'overdue-2@2026-03-08', 'overdue-3@2026-03-15']);
      expect(await previewedSteps(ordinary, '2026-01-01', '2026-02-28')).toEqual(['before-45@2026-01-14', 'before-10@2026-02-18']);
    });

    it('should refuse a second override for the same kind and product with 409 POLICY_EXISTS', async () => {
      const product = await newProduct();
      const first = await override({ productId: product.id, offsetsDays: [30] });
      const response = await t.http().post(POLICIES).send({ deadlineKind: 'obligation', productId: product.id, offsetsDays: [20] }).expect(409);
      expect(response.body).toMatchObject({ code: 'POLICY_EXISTS', details: { existingId: first.id } });
      await override({ deadlineKind: 'psur', productId: product.id, offsetsDays: [20] });
    });

    it('should refuse an override for a product and an obligation at once, or for neither, with 400', async () => {
      const product = await newProduct();
      const obligation = await createObligation(t, product.name);
      const both = await t.http().post(POLICIES).send({ deadlineKind: 'obligation', productId: product.id, obligationId: obligation.id }).expect(400);
      expect(fieldsOf(both.body)).toEqual(['obligationId']);
      const neither = await t.http().post(POLICIES).send({ deadlineKind: 'obligation', offsetsDays: [3] }).expect(400);
      expect(fieldsOf(neither.body)).toEqual(['productId']);
    });

    it('should answer 404 for an override of a product or obligation that does not exist', async () => {
      expect((await t.http().post(POLICIES).send({ deadlineKind: 'obligation', productId: randomUUID() }).expect(404)).body.code).toBe('NOT_FOUND');
      await t.http().post(POLICIES).send({ deadlineKind: 'obligation', obligationId: randomUUID() }).expect(404);
    });
  });

  describe('bad input', () => {
    it.each([
      ['no offsets', []],
      ['a zero offset', [0]],
      ['an offset over ten years', [3661]],
      ['a fraction of a day', [1.5]],
      ['the same day twice', [7, 7]],
      ['more than 20 offsets', Array.from({ length: 21 }, (_, i) => i + 1)],
      ['text', '30,14'],
    ])('should refuse offsets with %s, naming the field', async (_, offsetsDays) => {
      const product = await newProduct();
      const response = await t.http().post(POLICIES).send({ deadlineKind: 'obligation', productId: product.id, offsetsDays }).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(response.body)).toEqual(['offsetsDays']);
    });

    it('should refuse unknown roles and channels and a cadence out of range, naming each field', async () => {
      const product = await newProduct();
      const response = await t.http().post(POLICIES).send({ deadlineKind: 'obligation', productId: product.id, notifyRoles: ['boss'], escalationRoles: ['regulatory', 'nobody'], channels: ['sms'], escalationEveryDays: 91 }).expect(400);
      expect(fieldsOf(response.body).sort()).toEqual(['channels', 'escalationEveryDays', 'escalationRoles', 'notifyRoles']);
      expect(response.body.errors).toContainEqual({ field: 'channels', problem: 'must hold channels among: in-app, email, webhook' });
    });

    it('should refuse a deadline kind without a default policy with 400 naming deadlineKind', async () => {
      const product = await newProduct();
      const response = await t.http().post(POLICIES).send({ deadlineKind: 'tax-return', productId: product.id }).expect(400);
      expect(response.body).toMatchObject({ code: 'UNKNOWN_DEADLINE_KIND', errors: [{ field: 'deadlineKind', problem: expect.stringContaining('cma-renewal') }] });
    });

    it('should refuse a bad update naming the field, and leave the policy as it was', async () => {
      const product = await newProduct();
      const created = await override({ productId: product.id, offsetsDays: [30] });
      const response = await t.http().patch(`${POLICIES}/${String(created.id)}`).send({ offsetsDays: [30, 4000], reason: 'x' }).expect(400);
      expect(fieldsOf(response.body)).toEqual(['offsetsDays']);
      expect((await t.http().get(`${POLICIES}/${String(created.id)}`).expect(200)).body.offsetsDays).toEqual([30]);
    });
  });

  describe('changes and the audit trail', () => {
    it('should require a reason to change a policy', async () => {
      const product = await newProduct();
      const created = await override({ productId: product.id });
      const missing = await t.http().patch(`${POLICIES}/${String(created.id)}`).send({ offsetsDays: [3] }).expect(400);
      expect(fieldsOf(missing.body)).toEqual(['reason']);
      const empty = await t.http().patch(`${POLICIES}/${String(created.id)}`).send({ offsetsDays: [3], reason: '' }).expect(400);
      expect(fieldsOf(empty.body)).toEqual(['reason']);
    });

    it('should change an override with a reason, stamp updatedAt, and write the audit entry with before and after', async () => {
      const product = await newProduct();
      const created = await override({ productId: product.id, offsetsDays: [45, 10] });
      t.clock.advanceMinutes(5);
      const updated = await t.http().patch(`${POLICIES}/${String(created.id)}`).send({ offsetsDays: [3, 20], channels: ['in-app', 'email'], reason: 'QPPV asked for a later first reminder' }).expect(200);
      expect(updated.body).toMatchObject({ offsetsDays: [20, 3], channels: ['in-app', 'email'], notifyRoles: ['regulatory'] });
      expect(Date.parse(updated.body.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
      const audit = await t.http().get('/api/audit').query({ entityType: 'reminder-policy', entityId: created.id }).expect(200);
      expect(audit.body.map((a: { action: string }) => a.action)).toEqual(['create', 'update']);
      expect(audit.body[1]).toMatchObject({ actor: 'user:test-regulatory', productId: product.id, reason: 'QPPV asked for a later first reminder', before: { offsetsDays: [45, 10] }, after: { offsetsDays: [20, 3] } });
    });

    it('should let an account with every product change a default, audited without a product', async () => {
      const before = await defaultOf('procedure-response');
      const updated = await t.http().patch(`${POLICIES}/${String(before.id)}`).send({ escalationEveryDays: 2, reason: 'escalate every other day' }).expect(200);
      expect(updated.body).toMatchObject({ level: 'default', escalationEveryDays: 2, offsetsDays: before.offsetsDays });
      const [audit] = await t.dataSource.query<{ product_id: string | null; reason: string }[]>(`SELECT product_id, reason FROM audit_entry WHERE entity_id = $1 AND action = 'update'`, [before.id]);
      expect(audit).toEqual({ product_id: null, reason: 'escalate every other day' });
    });

    it('should refuse to delete a default with 409 DEFAULT_POLICY_REQUIRED', async () => {
      const policy = await defaultOf('psur');
      const response = await t.http().delete(`${POLICIES}/${String(policy.id)}`).send({ reason: 'not needed' }).expect(409);
      expect(response.body.code).toBe('DEFAULT_POLICY_REQUIRED');
      await t.http().get(`${POLICIES}/${String(policy.id)}`).expect(200);
    });

    it('should require a reason to delete an override', async () => {
      const product = await newProduct();
      const created = await override({ productId: product.id });
      const response = await t.http().delete(`${POLICIES}/${String(created.id)}`).expect(400);
      expect(fieldsOf(response.body)).toEqual(['reason']);
    });

    it('should delete an override with a reason, fall back to the default in the scan, and keep it in the trail', async () => {
      const product = await newProduct();
      const created = await override({ productId: product.id, offsetsDays: [45] });
      const milestone = await newMilestone(product, '2026-03-31');
      expect(await previewedSteps(milestone, '2026-01-01', '2026-03-30')).toEqual(['before-45@2026-02-14']);
      await t.http().delete(`${POLICIES}/${String(created.id)}`).send({ reason: 'back to the standard plan' }).expect(204);
      await t.http().get(`${POLICIES}/${String(created.id)}`).expect(404);
      expect(await previewedSteps(milestone, '2026-01-01', '2026-03-30')).toEqual(['before-60@2026-01-30', 'before-30@2026-03-01', 'before-14@2026-03-17', 'before-7@2026-03-24', 'before-1@2026-03-30']);
      const audit = await t.http().get('/api/audit').query({ entityType: 'reminder-policy', entityId: created.id, action: 'delete' }).expect(200);
      expect(audit.body).toEqual([expect.objectContaining({ reason: 'back to the standard plan', after: null, before: expect.objectContaining({ offsetsDays: [45] }) })]);
    });
  });

  describe('who may see and change what', () => {
    let mine: { id: string; name: string };
    let theirs: { id: string; name: string };
    let theirOverride: Record<string, any>;
    let theirObligationOverride: Record<string, any>;
    let theirObligation: Record<string, any>;
    let scoped: SignedInUser;

    beforeAll(async () => {
      mine = await newProduct();
      theirs = await newProduct();
      theirObligation = await createObligation(t, theirs.name);
      theirOverride = await override({ productId: theirs.id });
      theirObligationOverride = await override({ obligationId: theirObligation.id });
      scoped = await t.signIn('regulatory', { productIds: [mine.id] });
    });

    it("should show a scoped account the defaults and its products' overrides only", async () => {
      const own = (await scoped.http().post(POLICIES).send({ deadlineKind: 'psur', productId: mine.id, offsetsDays: [21] }).expect(201)).body;
      const myObligation = await createObligation(t, mine.name);
      const ownObligation = (await scoped.http().post(POLICIES).send({ deadlineKind: 'obligation', obligationId: myObligation.id, offsetsDays: [9] }).expect(201)).body;
      const listed = (await scoped.http().get(POLICIES).expect(200)).body as { id: string; level: string; productId: string | null }[];
      expect(listed.filter((p) => p.level === 'default')).toHaveLength(12);
      expect(listed.filter((p) => p.level !== 'default').map((p) => p.id)).toEqual([ownObligation.id, own.id]);
      expect((await scoped.http().get(POLICIES).query({ productId: theirs.id }).expect(200)).body).toEqual([]);
    });

    it("should answer 404 to a scoped account for another product's overrides, whatever it tries", async () => {
      await scoped.http().get(`${POLICIES}/${String(theirOverride.id)}`).expect(404);
      await scoped.http().get(`${POLICIES}/${String(theirObligationOverride.id)}`).expect(404);
      await scoped.http().patch(`${POLICIES}/${String(theirOverride.id)}`).send({ offsetsDays: [1], reason: 'x' }).expect(404);
      await scoped.http().delete(`${POLICIES}/${String(theirObligationOverride.id)}`).send({ reason: 'x' }).expect(404);
      await scoped.http().post(POLICIES).send({ deadlineKind: 'cma-renewal', productId: theirs.id }).expect(404);
      await scoped.http().post(POLICIES).send({ deadlineKind: 'cma-renewal', obligationId: theirObligation.id }).expect(404);
    });

    it('should refuse a scoped account changing a default with 403 PRODUCT_SCOPE', async () => {
      const policy = await defaultOf('cma-renewal');
      const response = await scoped.http().patch(`${POLICIES}/${String(policy.id)}`).send({ offsetsDays: [1], reason: 'x' }).expect(403);
      expect(response.body.code).toBe('PRODUCT_SCOPE');
      expect((await defaultOf('cma-renewal')).offsetsDays).toEqual(policy.offsetsDays);
    });

    it('should let a viewer read policies but not write them', async () => {
      const viewer = await t.signIn('viewer');
      const policy = await defaultOf('obligation');
      await viewer.http().get(`${POLICIES}/${String(policy.id)}`).expect(200);
      const create = await viewer.http().post(POLICIES).send({ deadlineKind: 'obligation', productId: mine.id }).expect(403);
      expect(create.body.code).toBe('ROLE_NOT_ALLOWED');
      await viewer.http().patch(`${POLICIES}/${String(policy.id)}`).send({ offsetsDays: [1], reason: 'x' }).expect(403);
      await viewer.http().delete(`${POLICIES}/${String(theirOverride.id)}`).send({ reason: 'x' }).expect(403);
    });

    it('should let a QPPV create an override', async () => {
      const qppv = await t.signIn('qppv');
      await qppv.http().post(POLICIES).send({ deadlineKind: 'pass-final-report', productId: mine.id, notifyRoles: ['qppv'] }).expect(201);
    });
  });
});
