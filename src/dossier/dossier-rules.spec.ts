import type { RenewalCycleView } from '../deadlines/authorisation-schedule';
import { renewalFor, reportingPeriod, suggestedDataLockPoint, timeliness } from './dossier-rules';

function cycle(n: number, expiry: string, due: string): RenewalCycleView {
  return {
    cycle: n,
    expiry: { date: expiry, ruleId: 'CMA-VALIDITY', source: 'Reg 507/2006 Art 5', explanation: '' },
    windowOpens: null,
    applicationDue: { date: due, ruleId: 'CMA-RENEWAL-DUE', source: 'Reg 507/2006 Art 6', explanation: '' },
  };
}

describe('renewal dossier dates', () => {
  const renewals = [cycle(4, '2027-02-20', '2026-08-20'), cycle(3, '2026-02-20', '2025-08-20'), cycle(5, '2028-02-20', '2027-08-20')];

  it('reports on the 12 months up to the data lock point', () => {
    expect(reportingPeriod('2026-06-30')).toMatchObject({ from: '2025-07-01', to: '2026-06-30' });
    expect(reportingPeriod('2024-02-29')).toMatchObject({ from: '2023-03-01', to: '2024-02-29' });
    expect(reportingPeriod('2026-06-30').basis).toContain('507/2006');
    expect(reportingPeriod('2026-06-30', 'exceptional-circumstances').basis).toContain('Art. 14(8)');
    expect(reportingPeriod('2026-06-30', 'exceptional-circumstances').basis).not.toContain('conditional');
  });

  it('belongs to the renewal whose expiry is the first after the data lock point', () => {
    expect(renewalFor(renewals, '2026-06-30')?.cycle).toBe(4);
    expect(renewalFor(renewals, '2026-02-20')?.cycle).toBe(4);
    expect(renewalFor(renewals, '2026-02-19')?.cycle).toBe(3);
    expect(renewalFor(renewals, '2028-03-01')).toBeNull();
  });

  it('suggests a data lock point 90 days before the next application is due', () => {
    expect(suggestedDataLockPoint(renewals, '2026-06-10')).toMatchObject({ dataLockPoint: '2026-05-22', renewal: { cycle: 4 } });
    expect(suggestedDataLockPoint(renewals, '2026-08-21')?.renewal.cycle).toBe(5);
    // 90 days before the due date is still ahead: today, never a future data lock point.
    expect(suggestedDataLockPoint(renewals, '2026-01-10')).toMatchObject({ dataLockPoint: '2026-01-10', renewal: { cycle: 4 }, basis: expect.stringContaining('still ahead') });
    expect(suggestedDataLockPoint([], '2026-01-10')).toBeNull();
  });

  it('judges each milestone at the data lock point', () => {
    const dlp = '2026-06-30';
    expect(timeliness({ dueDate: '2026-01-31', status: 'submitted', submittedOn: '2026-01-31' }, dlp)).toEqual({ timeliness: 'on-time', daysLate: 0 });
    expect(timeliness({ dueDate: '2026-01-31', status: 'submitted', submittedOn: '2026-02-10' }, dlp)).toEqual({ timeliness: 'late', daysLate: 10 });
    expect(timeliness({ dueDate: '2026-06-01', status: 'planned', submittedOn: null }, dlp)).toEqual({ timeliness: 'overdue', daysLate: 29 });
    expect(timeliness({ dueDate: '2026-06-30', status: 'planned', submittedOn: null }, dlp)).toEqual({ timeliness: 'pending', daysLate: 0 });
    expect(timeliness({ dueDate: '2026-01-31', status: 'cancelled', submittedOn: null }, dlp)).toEqual({ timeliness: 'cancelled', daysLate: 0 });
    // Submitted after the data cut-off: overdue at the DLP.
    expect(timeliness({ dueDate: '2026-06-01', status: 'submitted', submittedOn: '2026-07-05' }, dlp)).toEqual({ timeliness: 'overdue', daysLate: 29 });
  });
});
