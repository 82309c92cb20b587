import { checkStep, esiDeadline, esiOnTime } from './signal-workflow';

describe('signal steps', () => {
  const at = (status: 'validated' | 'analysed' | 'assessed' | 'closed', assessmentApproved = false) => ({ status, assessmentApproved });

  it('goes one step at a time', () => {
    expect(checkStep(at('validated'), { to: 'assessed', notes: 'x', assessment: 'y' })).toEqual([{ field: 'to', problem: 'from "validated" the next step is "analysed", not "assessed"' }]);
    expect(checkStep(at('closed'), { to: 'closed', notes: 'x' })).toEqual([{ field: 'to', problem: 'the signal is closed: no step follows' }]);
  });

  it('asks for notes, the priority when analysed, the assessment when assessed', () => {
    expect(checkStep(at('validated'), { to: 'analysed', notes: ' ' }).map((p) => p.field)).toEqual(['notes', 'priority']);
    expect(checkStep(at('validated'), { to: 'analysed', notes: 'ok', priority: 'low' })).toEqual([]);
    expect(checkStep(at('analysed'), { to: 'assessed', notes: 'ok' }).map((p) => p.field)).toEqual(['assessment']);
    expect(checkStep(at('analysed'), { to: 'assessed', notes: 'ok', assessment: 'likely causal' })).toEqual([]);
  });

  it('closes only with a recommended action and a QPPV-approved assessment', () => {
    expect(checkStep(at('assessed'), { to: 'closed', notes: 'ok' }).map((p) => p.field)).toEqual(['recommendedAction', 'to']);
    expect(checkStep(at('assessed', true), { to: 'closed', notes: 'ok', recommendedAction: 'rmp-update' })).toEqual([]);
    expect(checkStep(at('validated'), { to: 'analysed', notes: 'ok', priority: 'high', recommendedAction: 'dhpc' }).map((p) => p.field)).toEqual(['recommendedAction']);
  });
});

describe('emerging safety issue deadline', () => {
  it('counts 3 working days, skipping the weekend', () => {
    expect(esiDeadline('2026-11-20', new Set()).dueOn).toBe('2026-11-25');
    expect(esiDeadline('2026-11-23', new Set()).dueOn).toBe('2026-11-26');
  });

  it('skips EMA closure days (Christmas to New Year)', () => {
    const closures = new Set(['2026-12-24', '2026-12-25', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01']);
    expect(esiDeadline('2026-12-23', closures)).toMatchObject({ dueOn: '2027-01-06', ruleId: 'ESI-NOTIFY-3WD' });
  });

  it('says whether the notification was on time', () => {
    expect(esiOnTime('2026-11-25', null)).toBeNull();
    expect(esiOnTime('2026-11-25', '2026-11-25')).toBe(true);
    expect(esiOnTime('2026-11-25', '2026-11-26')).toBe(false);
  });
});
