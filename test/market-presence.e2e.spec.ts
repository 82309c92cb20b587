import { createProduct } from './factories';
import { createTestApp, TestApp } from './test-app';

interface Presence {
  sunset: { state: string; firstPlacedOn: string | null; marketedIn: string[]; offMarketSince: string | null; sunset: { date: string; ruleId: string; source: string } | null; exemption: { decisionRef: string | null } | null };
  events: { id: string; kind: string; memberState: string | null; noticeMilestoneId: string | null }[];
}
interface MilestoneRow {
  id: string;
  kind: string;
  cycle: number | null;
  dueDate: string;
  status: string;
  cancelReason: string | null;
}

/** The sunset clause (Reg 726/2004 Art 14(4)–(6)) and the notice of a cessation (Art 13(4)), through the API. */
describe('market presence and the sunset clause', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ today: '2024-01-10' });
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => t.clock.set('2024-01-10'));

  const presence = async (product: string): Promise<Presence> => (await t.http().get(`/api/products/${product}/market-presence`).expect(200)).body as Presence;
  const milestones = async (product: string, kind: string): Promise<MilestoneRow[]> =>
    ((await t.http().get(`/api/products/${product}`).expect(200)).body.milestones as MilestoneRow[]).filter((m) => m.kind === kind);
  const record = (product: string, body: Record<string, unknown>) => t.http().post(`/api/products/${product}/market-presence`).send(body);

  it('plans the sunset day of a product never placed on the market, and cancels it with the reason once placed', async () => {
    const { name } = await createProduct(t, {}, { notifiedOn: '2023-02-20' });
    const before = await presence(name);
    expect(before.sunset).toMatchObject({ state: 'never-placed', marketedIn: [], sunset: { date: '2026-02-20', ruleId: 'SUNSET-NOT-PLACED' } });
    expect(before.sunset.sunset?.source).toContain('Art 14(4)');
    expect(await milestones(name, 'sunset')).toEqual([expect.objectContaining({ cycle: 1, dueDate: '2026-02-20', status: 'planned' })]);

    await record(name, { kind: 'placed', memberState: 'DE', on: '2023-06-01', reason: 'Launch in Germany' }).expect(201);

    const after = await presence(name);
    expect(after.sunset).toMatchObject({ state: 'on-market', firstPlacedOn: '2023-06-01', marketedIn: ['DE'], sunset: null });
    expect(await milestones(name, 'sunset')).toEqual([expect.objectContaining({ cycle: 1, status: 'cancelled', cancelReason: expect.stringContaining('on the market in DE since 2023-06-01') })]);
    const product = (await t.http().get(`/api/products/${name}`).expect(200)).body;
    expect(product.authorisation.marketedOn).toBe('2023-06-01');
  });

  it('gives a cessation its notice milestone 2 months ahead, and opens a new sunset milestone when the last member state is left', async () => {
    const { name } = await createProduct(t, {}, { notifiedOn: '2023-02-20' });
    await record(name, { kind: 'placed', memberState: 'FR', on: '2023-05-02', reason: 'Launch in France' }).expect(201);
    const ceased = await record(name, { kind: 'ceased', memberState: 'FR', on: '2024-04-30', reason: 'Supply interruption planned' }).expect(201);

    const notices = await milestones(name, 'cessation-notice');
    expect(notices).toEqual([expect.objectContaining({ id: ceased.body.noticeMilestoneId, dueDate: '2024-02-29', status: 'planned' })]);
    const view = await presence(name);
    expect(view.sunset).toMatchObject({ state: 'on-market', marketedIn: ['FR'], sunset: { date: '2027-04-30', ruleId: 'SUNSET-ABSENT' } });
    const sunset = await milestones(name, 'sunset');
    expect(sunset.filter((m) => m.status === 'planned')).toEqual([expect.objectContaining({ dueDate: '2027-04-30' })]);

    const audit = (await t.http().get('/api/audit').query({ entityType: 'market-presence-event' }).expect(200)).body;
    expect(JSON.stringify(audit)).toContain(ceased.body.id);
  });

  it('records a notice already given as a submitted milestone', async () => {
    const { name } = await createProduct(t, {}, { notifiedOn: '2023-02-20' });
    await record(name, { kind: 'placed', memberState: 'IT', on: '2023-05-02', reason: 'Launch' }).expect(201);
    const ceased = await record(name, { kind: 'ceased', memberState: 'IT', on: '2024-06-30', notifiedOn: '2024-01-05', reason: 'Withdrawn from Italy' }).expect(201);
    const notice = (await milestones(name, 'cessation-notice')).find((m) => m.id === ceased.body.noticeMilestoneId);
    expect(notice).toMatchObject({ status: 'submitted' });
  });

  it('cancels the sunset milestone for an Art 14(6) exemption, naming the decision', async () => {
    const { name } = await createProduct(t, {}, { notifiedOn: '2023-02-20' });
    await record(name, { kind: 'exemption', on: '2024-01-05', decisionRef: 'C(2024) 55', reason: 'Public health grounds' }).expect(201);
    expect((await presence(name)).sunset.exemption).toMatchObject({ decisionRef: 'C(2024) 55' });
    expect(await milestones(name, 'sunset')).toEqual([expect.objectContaining({ status: 'cancelled', cancelReason: expect.stringContaining('C(2024) 55') })]);
  });

  it('refuses records that cannot be true, naming the field, and writes nothing', async () => {
    const { name } = await createProduct(t, {}, { notifiedOn: '2023-02-20' });
    const cases: [Record<string, unknown>, number, string][] = [
      [{ kind: 'placed', on: '2023-06-01', reason: 'x' }, 422, 'memberState'],
      [{ kind: 'placed', memberState: 'GR', on: '2023-06-01', reason: 'x' }, 400, 'Greece EL'],
      [{ kind: 'placed', memberState: 'DE', on: '2024-02-01', reason: 'x' }, 422, 'after today'],
      [{ kind: 'placed', memberState: 'DE', on: '2022-06-01', reason: 'x' }, 422, 'before the authorisation was notified'],
      [{ kind: 'ceased', memberState: 'DE', on: '2023-09-01', reason: 'x' }, 409, 'NOT_ON_MARKET'],
      [{ kind: 'exemption', on: '2023-09-01', reason: 'x' }, 422, 'decisionRef'],
      [{ kind: 'exemption', memberState: 'DE', on: '2023-09-01', decisionRef: 'C(1)', reason: 'x' }, 422, 'memberState'],
    ];
    for (const [body, status, named] of cases) {
      const response = await record(name, body).expect(status);
      expect(JSON.stringify(response.body)).toContain(named);
    }
    expect((await presence(name)).events).toEqual([]);
  });
});
