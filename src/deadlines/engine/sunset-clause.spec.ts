import { cessationNoticeDue, type PresenceEvent, sunsetClause } from './sunset-clause';

const placed = (memberState: string, on: string): PresenceEvent => ({ kind: 'placed', memberState, on, until: null, decisionRef: null });
const ceased = (memberState: string, on: string): PresenceEvent => ({ kind: 'ceased', memberState, on, until: null, decisionRef: null });
const exemption = (on: string, until: string | null): PresenceEvent => ({ kind: 'exemption', memberState: null, on, until, decisionRef: 'C(2026) 100' });

describe('sunsetClause (Reg 726/2004 Art 14(4)–(6))', () => {
  it('should give grant + 3 years under Art 14(4) while the product was never placed on the market', () => {
    const view = sunsetClause({ grantedOn: '2024-02-29', marketedOn: null, events: [], today: '2025-01-10' });
    expect(view).toMatchObject({ state: 'never-placed', firstPlacedOn: null, marketedIn: [], offMarketSince: null, exemption: null });
    // 29 February + 3 years = 28 February (Reg 1182/71: the period ends on the last day of the month).
    expect(view.sunset).toMatchObject({ date: '2027-02-28', ruleId: 'SUNSET-NOT-PLACED' });
    expect(view.sunset?.source).toContain('Art 14(4)');
  });

  it('should have no sunset date once placed in one member state', () => {
    const view = sunsetClause({ grantedOn: '2023-02-20', marketedOn: null, events: [placed('DE', '2023-06-01')], today: '2025-01-10' });
    expect(view).toMatchObject({ state: 'on-market', firstPlacedOn: '2023-06-01', marketedIn: ['DE'], sunset: null });
  });

  it('should take the authorisation’s first marketing date when no member state is recorded', () => {
    const view = sunsetClause({ grantedOn: '2023-02-20', marketedOn: '2023-05-01', events: [], today: '2025-01-10' });
    expect(view).toMatchObject({ state: 'on-market', firstPlacedOn: '2023-05-01', marketedIn: [], sunset: null });
  });

  it('should count marketing in any member state: leaving one while present in another starts no clock', () => {
    const view = sunsetClause({ grantedOn: '2023-02-20', marketedOn: null, events: [placed('DE', '2023-06-01'), placed('FR', '2023-09-01'), ceased('DE', '2024-03-31')], today: '2025-01-10' });
    expect(view).toMatchObject({ state: 'on-market', marketedIn: ['FR'], sunset: null });
  });

  it('should start the Art 14(5) clock on the day the product left the last member state', () => {
    const view = sunsetClause({ grantedOn: '2023-02-20', marketedOn: null, events: [placed('DE', '2023-06-01'), placed('FR', '2023-09-01'), ceased('DE', '2024-03-31'), ceased('FR', '2024-08-31')], today: '2025-01-10' });
    expect(view).toMatchObject({ state: 'off-market', marketedIn: [], offMarketSince: '2024-08-31' });
    expect(view.sunset).toMatchObject({ date: '2027-08-31', ruleId: 'SUNSET-ABSENT' });
  });

  it('should treat a switch of member state on the same day as no gap', () => {
    const view = sunsetClause({ grantedOn: '2023-02-20', marketedOn: null, events: [placed('DE', '2023-06-01'), placed('AT', '2024-03-31'), ceased('DE', '2024-03-31')], today: '2025-01-10' });
    expect(view).toMatchObject({ state: 'on-market', marketedIn: ['AT'], sunset: null, offMarketSince: null });
  });

  it('should show a planned cessation of the last member state as the start of a future clock while still on the market today', () => {
    const view = sunsetClause({ grantedOn: '2023-02-20', marketedOn: null, events: [placed('DE', '2023-06-01'), ceased('DE', '2025-06-30')], today: '2025-01-10' });
    expect(view).toMatchObject({ state: 'on-market', marketedIn: ['DE'], offMarketSince: null });
    expect(view.sunset).toMatchObject({ date: '2028-06-30', ruleId: 'SUNSET-ABSENT' });
  });

  it('should say the authorisation ceased to be valid when the day passed, at the boundary', () => {
    const events = [placed('DE', '2020-06-01'), ceased('DE', '2021-01-15')];
    expect(sunsetClause({ grantedOn: '2020-02-20', marketedOn: null, events, today: '2024-01-15' }).state).toBe('off-market');
    expect(sunsetClause({ grantedOn: '2020-02-20', marketedOn: null, events, today: '2024-01-16' }).state).toBe('ceased-to-be-valid');
  });

  it('should find a past absence of more than 3 years between two placings', () => {
    const view = sunsetClause({ grantedOn: '2015-02-20', marketedOn: null, events: [placed('DE', '2015-06-01'), ceased('DE', '2016-01-01'), placed('DE', '2019-01-02')], today: '2025-01-10' });
    expect(view.sunset).toMatchObject({ date: '2019-01-01', ruleId: 'SUNSET-ABSENT' });
    expect(view.state).toBe('ceased-to-be-valid');
  });

  it('should refuse a first placing later than 3 years after the grant as keeping the authorisation', () => {
    const view = sunsetClause({ grantedOn: '2020-02-20', marketedOn: null, events: [placed('DE', '2023-02-21')], today: '2025-01-10' });
    expect(view.sunset).toMatchObject({ date: '2023-02-20', ruleId: 'SUNSET-NOT-PLACED' });
    expect(view.state).toBe('ceased-to-be-valid');
  });

  it('should name an Art 14(6) exemption covering the day, and not say the authorisation ceased', () => {
    const view = sunsetClause({ grantedOn: '2020-02-20', marketedOn: null, events: [exemption('2022-12-01', null)], today: '2025-01-10' });
    expect(view.exemption).toEqual({ on: '2022-12-01', until: null, decisionRef: 'C(2026) 100' });
    expect(view.state).toBe('never-placed');
  });

  it('should ignore an exemption that ends before the day', () => {
    const view = sunsetClause({ grantedOn: '2020-02-20', marketedOn: null, events: [exemption('2022-12-01', '2023-02-19')], today: '2025-01-10' });
    expect(view.exemption).toBeNull();
    expect(view.state).toBe('ceased-to-be-valid');
  });
});

describe('cessationNoticeDue (Reg 726/2004 Art 13(4))', () => {
  it('should be due 2 months before the cessation, at month ends and flagged on a weekend, never moved later', () => {
    expect(cessationNoticeDue({ ceasesOn: '2025-04-30', memberState: 'DE' })).toMatchObject({ date: '2025-02-28', ruleId: 'MARKETING-CESSATION-NOTICE' });
    expect(cessationNoticeDue({ ceasesOn: '2024-04-30', memberState: 'DE' }).date).toBe('2024-02-29');
    const weekend = cessationNoticeDue({ ceasesOn: '2025-08-01', memberState: 'FR' });
    expect(weekend.date).toBe('2025-06-01');
    expect(weekend.nonWorkingDay).toMatchObject({ reason: 'weekend', suggestedDate: '2025-05-30' });
  });
});
