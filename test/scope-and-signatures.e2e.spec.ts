import { addMilestone, createObligation, createProduct } from './factories';
import { createTestApp, SignedInUser, TEST_PASSWORD, TestApp } from './test-app';

describe('product scope, electronic signatures and the audit transaction', () => {
  let t: TestApp;
  let mine: { id: string; name: string };
  let theirs: { id: string; name: string };
  let myMilestone: Record<string, any>;
  let theirMilestone: Record<string, any>;
  let theirObligation: Record<string, any>;
  let scoped: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp({ today: '2025-06-15' });
    mine = await createProduct(t);
    theirs = await createProduct(t);
    const myObligation = await createObligation(t, mine.name);
    theirObligation = await createObligation(t, theirs.name);
    myMilestone = await addMilestone(t, myObligation.id as string, { dueDate: '2025-07-31' });
    theirMilestone = await addMilestone(t, theirObligation.id as string, { dueDate: '2025-07-31' });
    scoped = await t.signIn('regulatory', { productIds: [mine.id], username: 'scoped.ra' });
  });
  afterAll(() => t.close());

  describe('product scope', () => {
    it('should show a restricted account only its products, everywhere', async () => {
      expect((await scoped.http().get('/api/products').expect(200)).body.map((p: { name: string }) => p.name)).toEqual([mine.name]);
      await scoped.http().get(`/api/products/${theirs.name}`).expect(404);
      await scoped.http().get(`/api/obligations/${String(theirObligation.id)}`).expect(404);
      expect((await scoped.http().get('/api/obligations').expect(200)).body.every((o: { productId: string }) => o.productId === mine.id)).toBe(true);
      await scoped.http().get(`/api/milestones/${String(theirMilestone.id)}`).expect(404);
      await scoped.http().get(`/api/milestones/${String(myMilestone.id)}`).expect(200);
      const due = await scoped.http().get('/api/deadlines').query({ withinDays: 3650 }).expect(200);
      expect(new Set(due.body.items.map((d: { productName: string }) => d.productName))).toEqual(new Set([mine.name]));
      const audit = await scoped.http().get('/api/audit').query({ limit: 1000 }).expect(200);
      expect(audit.body.length).toBeGreaterThan(0);
      expect(audit.body.every((a: { productId: string | null }) => a.productId === mine.id)).toBe(true);
    });

    it('should refuse changes outside the scope as if the record did not exist, and product creation outright', async () => {
      await scoped.http().post(`/api/milestones/${String(theirMilestone.id)}/due-date`).send({ dueDate: '2025-09-30', reason: 'x', changeSource: 'variation', procedureRef: 'EMEA/H/C/000001/II/0001' }).expect(404);
      await scoped.http().post('/api/obligations').send({ product: theirs.name, reference: 'SOB 9', category: 'SOB', studyType: 'registry', description: 'x' }).expect(404);
      const create = await scoped.http().post('/api/products').send({ name: 'Another', activeSubstance: 'x', authorisation: { type: 'conditional', holder: 'H', notifiedOn: '2024-01-01' } });
      expect(create.status).toBe(403);
      expect(create.body.code).toBe('PRODUCT_SCOPE');
      const calendar = await scoped.http().post('/api/auth/calendar-token').expect(201);
      const feed = await t.anon().get(calendar.body.path).expect(200);
      expect(feed.text).toContain(mine.name);
      expect(feed.text).not.toContain(theirs.name);
    });
  });

  describe('electronic signatures', () => {
    it('should sign with re-entered credentials, bind the signature to the content, and show it broken once the record changes', async () => {
      const signed = await t
        .http()
        .post('/api/signatures')
        .send({ entityType: 'milestone', entityId: myMilestone.id, meaning: 'approved', password: TEST_PASSWORD, comment: 'Interim report plan approved' })
        .expect(201);
      expect(signed.body).toMatchObject({ meaning: 'approved', signer: { username: 'test-regulatory', role: 'regulatory' }, state: 'valid', valid: true, comment: 'Interim report plan approved' });
      expect(signed.body.content).toMatchObject({ id: myMilestone.id, dueDate: '2025-07-31' });

      await t.http().post(`/api/milestones/${String(myMilestone.id)}/due-date`).send({ dueDate: '2025-08-29', reason: 'agreed extension', changeSource: 'variation', procedureRef: 'EMEA/H/C/000001/II/0002' }).expect(201);
      const after = await t.http().get('/api/signatures').query({ entityType: 'milestone', entityId: myMilestone.id }).expect(200);
      expect(after.body).toHaveLength(1);
      expect(after.body[0]).toMatchObject({ id: signed.body.id, state: 'content-changed', valid: false, contentHash: signed.body.contentHash });
      expect(after.body[0].currentContentHash).not.toBe(signed.body.contentHash);

      const audit = await t.dataSource.query<{ action: string; actor: string }[]>(`SELECT action, actor FROM audit_entry WHERE entity_id = $1 AND action LIKE 'signed:%'`, [myMilestone.id]);
      expect(audit).toEqual([{ action: 'signed:approved', actor: 'user:test-regulatory' }]);
    });

    it('should refuse a wrong password (counting it towards lockout) and write no signature', async () => {
      const response = await t.http().post('/api/signatures').send({ entityType: 'milestone', entityId: theirMilestone.id, meaning: 'reviewed', password: 'not my password' }).expect(401);
      expect(response.body.code).toBe('INVALID_CREDENTIALS');
      expect(await t.http().get('/api/signatures').query({ entityType: 'milestone', entityId: theirMilestone.id }).expect(200)).toMatchObject({ body: [] });
      const [user] = await t.dataSource.query<{ failed_logins: number }[]>('SELECT failed_logins FROM app_user WHERE username = $1', ['test-regulatory']);
      expect(user?.failed_logins).toBe(1);
    });

    it('should let only the roles of a meaning sign, and never through an API token', async () => {
      const safety = await t.signIn('safety');
      const refused = await safety.http().post('/api/signatures').send({ entityType: 'milestone', entityId: theirMilestone.id, meaning: 'approved', password: TEST_PASSWORD }).expect(403);
      expect(refused.body.code).toBe('ROLE_CANNOT_SIGN');
      const qppv = await t.signIn('qppv');
      await qppv.http().post('/api/signatures').send({ entityType: 'milestone', entityId: theirMilestone.id, meaning: 'reviewed', password: TEST_PASSWORD }).expect(201);
      const token = (await t.http().post('/api/auth/tokens').send({ name: 'bot' }).expect(201)).body.token as string;
      const bot = await t.anon().post('/api/signatures').set('Authorization', `Bearer ${token}`).send({ entityType: 'milestone', entityId: theirMilestone.id, meaning: 'reviewed', password: TEST_PASSWORD }).expect(403);
      expect(bot.body.code).toBe('SIGNATURE_REQUIRES_SESSION');
      const unknownType = await t.http().post('/api/signatures').send({ entityType: 'pizza', entityId: '00000000-0000-4000-8000-000000000000', meaning: 'reviewed', password: TEST_PASSWORD }).expect(400);
      expect(unknownType.body.errors[0].field).toBe('entityType');
    });

    it('should show a signature whose stored content was tampered with as seal-broken', async () => {
      const signed = await t.http().post('/api/signatures').send({ entityType: 'obligation', entityId: theirObligation.id, meaning: 'reviewed', password: TEST_PASSWORD }).expect(201);
      await expect(t.dataSource.query(`UPDATE electronic_signature SET signer_name = 'Mallory' WHERE id = $1`, [signed.body.id])).rejects.toThrow(/refused/);
      await t.dataSource.query('ALTER TABLE electronic_signature DISABLE TRIGGER electronic_signature_append_only');
      await t.dataSource.query(`UPDATE electronic_signature SET signer_name = 'Mallory' WHERE id = $1`, [signed.body.id]);
      await t.dataSource.query('ALTER TABLE electronic_signature ENABLE TRIGGER electronic_signature_append_only');
      const shown = await t.http().get(`/api/signatures/${String(signed.body.id)}`).expect(200);
      expect(shown.body).toMatchObject({ state: 'seal-broken', valid: false });
    });

    it('should keep older signatures verifiable after the signing key is rotated', async () => {
      const signed = await t.http().post('/api/signatures').send({ entityType: 'obligation', entityId: theirObligation.id, meaning: 'approved', password: TEST_PASSWORD }).expect(201);
      const admin = await t.signIn('admin');
      const keys = (await admin.http().get('/api/admin/signing-keys').expect(200)).body;
      expect(JSON.stringify(keys)).not.toContain('secret');
      const rotated = await admin.http().post('/api/admin/signing-keys/rotate').send({ reason: 'annual rotation' }).expect(201);
      expect(rotated.body).toMatchObject({ active: true });
      expect((await t.http().get(`/api/signatures/${String(signed.body.id)}`).expect(200)).body.state).toBe('valid');
    });
  });

  describe('audit rows share the transaction of the change', () => {
    it('should commit no change when its audit row cannot be written', async () => {
      const before = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM obligation');
      await t.dataSource.query(`ALTER TABLE audit_entry ADD CONSTRAINT test_refuse_obligation CHECK (entity_type <> 'obligation') NOT VALID`);
      try {
        const response = await t.http().post('/api/obligations').send({ product: mine.name, reference: 'SOB 77', category: 'SOB', studyType: 'registry', description: 'x' });
        expect(response.status).toBe(422);
      } finally {
        await t.dataSource.query('ALTER TABLE audit_entry DROP CONSTRAINT test_refuse_obligation');
      }
      expect(await t.dataSource.query('SELECT count(*) AS n FROM obligation')).toEqual(before);
      expect(await t.dataSource.query(`SELECT * FROM obligation WHERE reference = 'SOB 77'`)).toEqual([]);
    });
  });
});
