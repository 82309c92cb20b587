import { clockStopDays, clockStopStartProblems, procedureState, Timetable, timetableProblems } from './procedure-timetable';

const EMPTY: Timetable = { submittedOn: null, startedOn: null, opinionOn: null, opinionOutcome: null, commissionDecisionOn: null };
const STARTED: Timetable = { ...EMPTY, submittedOn: '2025-01-10', startedOn: '2025-01-25' };
const TODAY = '2025-06-02';

describe('procedureState', () => {
  it('should follow the timetable from planned to decided', () => {
    expect(procedureState(EMPTY, [])).toBe('planned');
    expect(procedureState({ ...EMPTY, submittedOn: '2025-01-10' }, [])).toBe('submitted');
    expect(procedureState(STARTED, [])).toBe('under-assessment');
    expect(procedureState(STARTED, [{ kind: 'list-of-questions', stoppedOn: '2025-03-14', restartedOn: null }])).toBe('clock-stopped');
    expect(procedureState(STARTED, [{ kind: 'list-of-questions', stoppedOn: '2025-03-14', restartedOn: '2025-05-30' }])).toBe('under-assessment');
    expect(procedureState({ ...STARTED, opinionOn: '2025-06-01', opinionOutcome: 'positive' }, [])).toBe('opinion');
    expect(procedureState({ ...STARTED, opinionOn: '2025-06-01', opinionOutcome: 'positive', commissionDecisionOn: '2025-06-02' }, [])).toBe('decided');
  });
});

describe('clockStopDays', () => {
  it('should count calendar days to the restart, or to today while open', () => {
    expect(clockStopDays({ kind: 'list-of-questions', stoppedOn: '2025-03-14', restartedOn: '2025-03-14' }, TODAY)).toBe(0);
    expect(clockStopDays({ kind: 'list-of-questions', stoppedOn: '2025-03-14', restartedOn: '2025-05-30' }, TODAY)).toBe(77);
    expect(clockStopDays({ kind: 'list-of-questions', stoppedOn: '2025-03-14', restartedOn: null }, TODAY)).toBe(80);
  });
});

describe('timetableProblems', () => {
  it('should accept dates in order, on the same day included', () => {
    const timetable: Timetable = { submittedOn: '2025-01-10', startedOn: '2025-01-10', opinionOn: '2025-05-22', opinionOutcome: 'positive', commissionDecisionOn: '2025-05-22' };
    expect(timetableProblems(timetable, [], TODAY, new Set(['opinionOn', 'commissionDecisionOn']))).toEqual([]);
  });

  it('should name the changed field when two dates are out of order', () => {
    const timetable: Timetable = { ...STARTED, submittedOn: '2025-02-01' };
    expect(timetableProblems(timetable, [], TODAY, new Set(['submittedOn'])).map((p) => p.field)).toEqual(['submittedOn']);
    expect(timetableProblems(timetable, [], TODAY, new Set(['startedOn'])).map((p) => p.field)).toEqual(['startedOn']);
  });

  it('should refuse a date after today', () => {
    expect(timetableProblems({ ...STARTED, opinionOn: '2025-06-03', opinionOutcome: 'positive' }, [], TODAY, new Set(['opinionOn']))).toEqual([
      { field: 'opinionOn', problem: '2025-06-03 is after today (2025-06-02); record the opinion once it has happened' },
    ]);
  });

  it('should refuse an opinion before the restart of a clock stop', () => {
    const stops = [{ kind: 'list-of-questions' as const, stoppedOn: '2025-03-14', restartedOn: '2025-05-30' }];
    expect(timetableProblems({ ...STARTED, opinionOn: '2025-05-29', opinionOutcome: 'positive' }, stops, TODAY, new Set(['opinionOn'])).map((p) => p.field)).toEqual(['opinionOn']);
  });

  it('should refuse a Commission decision on a withdrawn procedure', () => {
    const timetable: Timetable = { ...STARTED, opinionOn: '2025-05-22', opinionOutcome: 'withdrawn', commissionDecisionOn: '2025-05-30' };
    expect(timetableProblems(timetable, [], TODAY, new Set(['commissionDecisionOn'])).map((p) => p.field)).toEqual(['commissionDecisionOn']);
  });
});

describe('clockStopStartProblems', () => {
  it('should let validation questions come before the start, but no other clock stop', () => {
    expect(clockStopStartProblems(STARTED, [], 'validation-questions', '2025-01-15', TODAY)).toEqual([]);
    expect(clockStopStartProblems(STARTED, [], 'list-of-questions', '2025-01-15', TODAY).map((p) => p.field)).toEqual(['stoppedOn']);
  });

  it('should refuse a clock stop before the previous restart', () => {
    const stops = [{ kind: 'list-of-questions' as const, stoppedOn: '2025-03-14', restartedOn: '2025-05-30' }];
    expect(clockStopStartProblems(STARTED, stops, 'list-of-outstanding-issues', '2025-05-29', TODAY)).toHaveLength(1);
    expect(clockStopStartProblems(STARTED, stops, 'list-of-outstanding-issues', '2025-05-30', TODAY)).toEqual([]);
  });
});
