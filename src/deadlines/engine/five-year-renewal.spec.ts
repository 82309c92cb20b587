import { fiveYearPeriods } from './five-year-renewal';

describe('fiveYearPeriods', () => {
  it('should give one period of a standard authorisation: notified + 5 years, the application 9 months before', () => {
    expect(fiveYearPeriods({ type: 'standard', from: { date: '2023-02-20', event: 'grant' }, recordedExpiry: null, decisions: [] })).toEqual([
      expect.objectContaining({ cycle: 1, expiry: expect.objectContaining({ date: '2028-02-20', ruleId: 'STD-EXPIRY' }), applicationDue: expect.objectContaining({ date: '2027-05-20', ruleId: 'STD-RENEWAL-DUE' }) }),
    ]);
  });

  it('should run a converted authorisation from the conversion, marking the computed expiry as an assumption', () => {
    const [period] = fiveYearPeriods({ type: 'standard', from: { date: '2026-11-12', event: 'conversion' }, recordedExpiry: null, decisions: [] });
    expect(period?.expiry).toMatchObject({ date: '2031-11-12', ruleId: 'CONVERSION-EXPIRY', explanation: 'Conversion notified 2026-11-12 + 5 years' });
    expect(period?.expiry.assumption).toContain('record it');
    expect(period?.applicationDue.assumption).toBeUndefined();
  });

  it('should let a recorded expiry win, without an assumption, and count the application back from it', () => {
    const [period] = fiveYearPeriods({ type: 'standard', from: { date: '2026-11-12', event: 'conversion' }, recordedExpiry: { date: '2031-11-30', source: 'Union Register' }, decisions: [] });
    expect(period?.expiry).toMatchObject({ date: '2031-11-30', ruleId: 'RECORDED-EXPIRY', source: 'Union Register' });
    expect(period?.expiry.assumption).toBeUndefined();
    // 30 November − 9 months = 28 February (2031 is not a leap year).
    expect(period?.applicationDue.date).toBe('2031-02-28');
  });

  it('should add one five-year period after a decision of one additional renewal, from the previous expiry, and none after unlimited validity', () => {
    const additional = fiveYearPeriods({ type: 'exceptional-circumstances', from: { date: '2024-02-29', event: 'grant' }, recordedExpiry: null, decisions: [{ cycle: 1, outcome: 'additional-five-year', expiry: null }] });
    expect(additional.map((p) => [p.cycle, p.expiry.date, p.expiry.ruleId, p.applicationDue.date, p.applicationDue.ruleId])).toEqual([
      [1, '2029-02-28', 'EC-EXPIRY', '2028-05-28', 'EC-RENEWAL-DUE'],
      [2, '2034-02-28', 'STD-ADDITIONAL-RENEWAL', '2033-05-28', 'EC-RENEWAL-DUE'],
    ]);
    expect(fiveYearPeriods({ type: 'standard', from: { date: '2023-02-20', event: 'grant' }, recordedExpiry: null, decisions: [{ cycle: 1, outcome: 'unlimited', expiry: null }] })).toHaveLength(1);
  });

  it('should take the additional period’s expiry from its decision when recorded', () => {
    const periods = fiveYearPeriods({ type: 'standard', from: { date: '2023-02-20', event: 'grant' }, recordedExpiry: null, decisions: [{ cycle: 1, outcome: 'additional-five-year', expiry: { date: '2033-03-01', source: 'C(2027) 9' } }] });
    expect(periods[1]?.expiry).toMatchObject({ date: '2033-03-01', ruleId: 'RECORDED-EXPIRY', source: 'C(2027) 9' });
    expect(periods[1]?.applicationDue.date).toBe('2032-06-01');
  });
});
