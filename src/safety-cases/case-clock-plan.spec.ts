import { ClockPlanInput, planClock } from './case-clock-plan';

function input(overrides: Partial<ClockPlanInput> = {}): ClockPlanInput {
  return {
    versionType: 'initial',
    significant: true,
    reportType: 'spontaneous',
    day0: '2026-03-02',
    valid: true,
    missing: [],
    serious: true,
    fatalOrLifeThreatening: false,
    eea: true,
    causalityPossible: true,
    previousSerious: null,
    openClocks: [],
    ...overrides,
  };
}

describe('planClock', () => {
  it('should start a 15-day clock for a valid serious initial report', () => {
    expect(planClock(input()).clock).toMatchObject({ dueOn: '2026-03-17', days: 15, ruleId: 'ICSR-SERIOUS-15' });
  });

  it('should start no clock for an invalid report and name what is missing', () => {
    const plan = planClock(input({ valid: false, missing: ['identifiable-reporter'] }));
    expect(plan.clock).toBeNull();
    expect(plan.noClock?.reason).toContain('identifiable-reporter');
  });

  it('should say a report whose causality both sides exclude is not a valid case', () => {
    expect(planClock(input({ valid: false, missing: ['causality-excluded'] })).noClock?.reason).toContain('excludes a causal link');
  });

  it('should start no clock for an amendment', () => {
    expect(planClock(input({ versionType: 'amendment' })).clock).toBeNull();
    expect(planClock(input({ fromEudraVigilance: true })).noClock?.reason).toContain('downloaded from EudraVigilance');
  });

  it('should start no clock for a follow-up without significant information', () => {
    expect(planClock(input({ versionType: 'follow-up', significant: false })).noClock?.reason).toContain('without significant new information');
  });

  it('should start a new clock from a significant follow-up and leave open clocks as they are', () => {
    const plan = planClock(input({ versionType: 'follow-up', day0: '2026-04-01', previousSerious: true, openClocks: [{ version: 1, dueOn: '2026-03-17' }] }));
    expect(plan.clock).toMatchObject({ dueOn: '2026-04-16', ruleId: 'ICSR-SERIOUS-15' });
    expect(plan.supersede).toBeNull();
  });

  it('should keep the original due date when a non-serious case turns serious and that date is earlier', () => {
    const plan = planClock(input({ versionType: 'follow-up', day0: '2026-05-20', previousSerious: false, openClocks: [{ version: 1, dueOn: '2026-05-31' }] }));
    expect(plan.clock).toMatchObject({ dueOn: '2026-05-31', days: 11, ruleId: 'ICSR-UPGRADED-TO-SERIOUS' });
    expect(plan.supersede?.versions).toEqual([1]);
  });

  it('should take follow-up day 0 + 15 when a non-serious case turns serious and that is earlier', () => {
    const plan = planClock(input({ versionType: 'follow-up', day0: '2026-03-10', previousSerious: false, openClocks: [{ version: 1, dueOn: '2026-05-31' }] }));
    expect(plan.clock).toMatchObject({ dueOn: '2026-03-25', ruleId: 'ICSR-UPGRADED-TO-SERIOUS' });
  });

  it('should not apply the upgrade rule to clinical-trial reports', () => {
    const plan = planClock(input({ reportType: 'clinical-trial', versionType: 'follow-up', day0: '2026-03-10', previousSerious: false, openClocks: [{ version: 1, dueOn: '2026-05-31' }] }));
    expect(plan.clock?.ruleId).toBe('SUSAR-15');
  });

  it('should cancel every open clock of a nullified case', () => {
    const plan = planClock(input({ versionType: 'nullification', openClocks: [{ version: 1, dueOn: '2026-03-17' }, { version: 2, dueOn: '2026-04-16' }] }));
    expect(plan.cancel).toEqual({ versions: [1, 2], reason: 'case nullified before submission' });
  });
});
