import { beforeSteps, dueStep, stepsBetween } from './reminder-plan';

const RENEWAL = { offsetsDays: [90, 60, 30, 14, 7, 1], escalationEveryDays: 1 };
const WEEKLY = { offsetsDays: [30, 7], escalationEveryDays: 7 };

describe('reminder plan', () => {
  it('should list the before-steps earliest first, ignoring duplicates and non-positive offsets', () => {
    expect(beforeSteps('2026-03-31', { offsetsDays: [7, 30, 7, 0, -1], escalationEveryDays: 1 })).toEqual([
      { step: 'before-30', escalation: false, sendOn: '2026-03-01' },
      { step: 'before-7', escalation: false, sendOn: '2026-03-24' },
    ]);
  });

  it('should send nothing before the first offset', () => {
    expect(dueStep('2026-12-31', RENEWAL, '2026-10-01')).toBeNull();
  });

  it('should send each offset on its day, not late', () => {
    expect(dueStep('2026-12-31', RENEWAL, '2026-10-02')).toEqual({ step: 'before-90', escalation: false, sendOn: '2026-10-02', late: false });
    expect(dueStep('2026-12-31', RENEWAL, '2026-12-30')).toEqual({ step: 'before-1', escalation: false, sendOn: '2026-12-30', late: false });
  });

  it('should send only the latest step that has come due, marked late when its day has passed', () => {
    expect(dueStep('2026-12-31', RENEWAL, '2026-12-26')).toEqual({ step: 'before-7', escalation: false, sendOn: '2026-12-24', late: true });
  });

  it('should send nothing on the due day itself once the last offset has gone', () => {
    expect(dueStep('2026-12-31', { offsetsDays: [7], escalationEveryDays: 1 }, '2026-12-31')).toEqual({ step: 'before-7', escalation: false, sendOn: '2026-12-24', late: true });
  });

  it('should escalate the day after the due date, then on the cadence', () => {
    expect(dueStep('2026-12-31', RENEWAL, '2027-01-01')).toEqual({ step: 'overdue-1', escalation: true, sendOn: '2027-01-01', late: false });
    expect(dueStep('2026-12-31', RENEWAL, '2027-01-05')).toEqual({ step: 'overdue-5', escalation: true, sendOn: '2027-01-05', late: false });
    expect(dueStep('2026-12-31', WEEKLY, '2027-01-07')).toEqual({ step: 'overdue-1', escalation: true, sendOn: '2027-01-01', late: true });
    expect(dueStep('2026-12-31', WEEKLY, '2027-01-08')).toEqual({ step: 'overdue-2', escalation: true, sendOn: '2027-01-08', late: false });
  });

  it('should count month ends and leap days exactly', () => {
    expect(dueStep('2028-03-01', { offsetsDays: [1], escalationEveryDays: 1 }, '2028-02-29')).toMatchObject({ step: 'before-1', sendOn: '2028-02-29' });
  });

  it('should preview every step between two days, escalations included', () => {
    expect(stepsBetween('2026-12-31', WEEKLY, '2026-12-01', '2027-01-15').map((s) => `${s.step}@${s.sendOn}`)).toEqual([
      'before-30@2026-12-01',
      'before-7@2026-12-24',
      'overdue-1@2027-01-01',
      'overdue-2@2027-01-08',
      'overdue-3@2027-01-15',
    ]);
    expect(stepsBetween('2026-12-31', WEEKLY, '2027-02-01', '2027-02-10').map((s) => s.step)).toEqual(['overdue-6']);
  });
});
