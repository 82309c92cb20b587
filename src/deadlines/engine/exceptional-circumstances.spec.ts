import { DeadlineInputError } from './derived-date';
import { annualReassessments, DEFAULT_REASSESSMENT_LEAD_MONTHS, exceptionalRenewal } from './exceptional-circumstances';

describe('exceptionalRenewal', () => {
  it('should expire 5 years after notification with the renewal application due 9 months before', () => {
    const { expiry, applicationDue } = exceptionalRenewal({ notified: '2023-02-20' });
    expect(expiry).toMatchObject({ date: '2028-02-20', ruleId: 'EC-EXPIRY' });
    expect(applicationDue).toMatchObject({ date: '2027-05-20', ruleId: 'EC-RENEWAL-DUE' });
    expect(expiry.source).toContain('Art 14(8)');
    expect(applicationDue.source).toContain('Art 14(2)');
  });

  it('should clamp a 29 February notification to 28 February five years on (not a leap year)', () => {
    const { expiry, applicationDue } = exceptionalRenewal({ notified: '2024-02-29' });
    expect(expiry.date).toBe('2029-02-28');
    expect(applicationDue.date).toBe('2028-05-28');
  });

  it('should clamp a month end nine months back: expiry 2026-11-30 gives the application due 2026-02-28', () => {
    expect(exceptionalRenewal({ notified: '2021-11-30' }).applicationDue.date).toBe('2026-02-28');
    expect(exceptionalRenewal({ notified: '2023-05-31' }).applicationDue.date).toBe('2027-08-31');
  });

  it('should flag a weekend application due date with the preceding Friday and keep the date (a backward period)', () => {
    // Expiry 2028-03-26 − 9 months = 2027-06-26, a Saturday.
    const { applicationDue } = exceptionalRenewal({ notified: '2023-03-26' });
    expect(applicationDue.date).toBe('2027-06-26');
    expect(applicationDue.nonWorkingDay).toMatchObject({ reason: 'weekend', suggestedDate: '2027-06-25' });
  });

  it('should refuse an impossible notification date', () => {
    expect(() => exceptionalRenewal({ notified: '2023-02-30' })).toThrow();
  });
});

describe('annualReassessments', () => {
  it('should give one reassessment per anniversary of notification, each due 3 months before it by default', () => {
    const cycles = annualReassessments({ notified: '2023-02-20', until: '2026-02-20' });
    expect(cycles.map((c) => [c.cycle, c.anniversary.date, c.applicationDue.date])).toEqual([
      [1, '2024-02-20', '2023-11-20'],
      [2, '2025-02-20', '2024-11-20'],
      [3, '2026-02-20', '2025-11-20'],
    ]);
    expect(cycles[0]?.anniversary).toMatchObject({ ruleId: 'EC-REASSESSMENT-ANNIVERSARY', explanation: 'Notified 2023-02-20 + 1 year' });
    expect(cycles[0]?.anniversary.source).toContain('Continuation of the authorisation shall be linked to the annual reassessment of these conditions.');
    expect(cycles[0]?.applicationDue).toMatchObject({ ruleId: 'EC-REASSESSMENT-DUE', explanation: 'Anniversary 2024-02-20 − 3 months' });
    expect(DEFAULT_REASSESSMENT_LEAD_MONTHS).toBe(3);
  });

  it('should say that the default lead time is an assumption to confirm', () => {
    const [first] = annualReassessments({ notified: '2023-02-20', until: '2024-02-20' });
    expect(first?.applicationDue.assumption).toMatch(/not checked against the text: confirm it/);
    expect(first?.anniversary.assumption).toBeUndefined();
  });

  it('should count each anniversary from the notification itself: a 29 February notification is 28 February in common years and 29 February in leap years', () => {
    const cycles = annualReassessments({ notified: '2024-02-29', until: '2029-03-01' });
    expect(cycles.map((c) => c.anniversary.date)).toEqual(['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29', '2029-02-28']);
    expect(cycles.map((c) => c.applicationDue.date)).toEqual(['2024-11-28', '2025-11-28', '2026-11-28', '2027-11-29', '2028-11-28']);
  });

  it('should clamp the application at a month end: 31 May − 3 months is 29 February in a leap year, 28 February otherwise', () => {
    const cycles = annualReassessments({ notified: '2023-05-31', until: '2025-05-31' });
    expect(cycles.map((c) => [c.anniversary.date, c.applicationDue.date])).toEqual([
      ['2024-05-31', '2024-02-29'],
      ['2025-05-31', '2025-02-28'],
    ]);
  });

  it('should include an anniversary on the last day asked for and none after it', () => {
    expect(annualReassessments({ notified: '2023-02-20', until: '2024-02-20' })).toHaveLength(1);
    expect(annualReassessments({ notified: '2023-02-20', until: '2024-02-19' })).toHaveLength(0);
  });

  it('should go on after the five-year validity (the renewal makes it unlimited; the reassessment stays annual)', () => {
    const cycles = annualReassessments({ notified: '2023-02-20', until: '2035-12-31' });
    expect(cycles).toHaveLength(12);
    expect(cycles.at(-1)?.anniversary.date).toBe('2035-02-20');
    expect(cycles.filter((c) => c.anniversary.date > exceptionalRenewal({ notified: '2023-02-20' }).expiry.date)).toHaveLength(7);
  });

  it('should take another lead time (0 to 11 months) and say it is not the default', () => {
    const [first] = annualReassessments({ notified: '2023-02-20', until: '2024-02-20', leadMonths: 2 });
    expect(first?.applicationDue.date).toBe('2023-12-20');
    expect(first?.applicationDue.assumption).toContain('Lead of 2 months as given');
    expect(annualReassessments({ notified: '2023-02-20', until: '2024-02-20', leadMonths: 0 })[0]?.applicationDue.date).toBe('2024-02-20');
    expect(() => annualReassessments({ notified: '2023-02-20', until: '2024-02-20', leadMonths: 12 })).toThrow(DeadlineInputError);
    expect(() => annualReassessments({ notified: '2023-02-20', until: '2024-02-20', leadMonths: 1.5 })).toThrow(DeadlineInputError);
  });

  it('should flag an anniversary on a weekend with the following Monday and an application due on a weekend with the preceding Friday', () => {
    // 2027-03-06 is a Saturday; 2026-12-06 a Sunday.
    const [, , , cycle4] = annualReassessments({ notified: '2023-03-06', until: '2027-03-06' });
    expect(cycle4?.anniversary.nonWorkingDay).toMatchObject({ suggestedDate: '2027-03-08' });
    expect(cycle4?.applicationDue.date).toBe('2026-12-06');
    expect(cycle4?.applicationDue.nonWorkingDay).toMatchObject({ suggestedDate: '2026-12-04' });
  });
});
