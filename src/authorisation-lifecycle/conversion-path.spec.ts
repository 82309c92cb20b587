import { conversionPath, type PathMilestone } from './conversion-path';

const milestone = (overrides: Partial<PathMilestone>): PathMilestone => ({ obligationId: 'o1', title: 'Final report', dueDate: '2026-12-31', status: 'planned', submittedOn: null, outcome: null, outcomeOn: null, ...overrides });

describe('conversionPath', () => {
  it('should count fulfilled and outstanding specific obligations and name the next milestone of each outstanding one', () => {
    const path = conversionPath({
      obligations: [
        { id: 'o1', reference: 'SOB 1', description: 'Main studies', status: 'fulfilled' },
        { id: 'o2', reference: 'SOB 2', description: 'Additional studies', status: 'open' },
      ],
      milestones: [
        milestone({ obligationId: 'o1', status: 'submitted', submittedOn: '2026-03-01', outcome: 'fulfilled', outcomeOn: '2026-06-01' }),
        milestone({ obligationId: 'o2', title: 'Interim report', dueDate: '2026-09-30' }),
        milestone({ obligationId: 'o2', title: 'Final report', dueDate: '2027-12-31' }),
      ],
      fulfilledOn: new Map(),
      today: '2026-11-21',
    });
    expect(path).toMatchObject({ fulfilled: 1, outstanding: 1, readyForConversion: false });
    expect(path.obligations[0]).toMatchObject({ reference: 'SOB 1', fulfilledOn: '2026-06-01', outstanding: false, nextDue: null });
    expect(path.obligations[1]?.nextDue).toEqual({ title: 'Interim report', dueDate: '2026-09-30', overdue: true });
    expect(path.summary).toBe('1 of 2 specific obligations fulfilled; outstanding: SOB 2 (next: Interim report, due 2026-09-30, overdue)');
  });

  it('should take the day the status became fulfilled over the milestones’ outcomes', () => {
    const path = conversionPath({
      obligations: [{ id: 'o1', reference: 'SOB 1', description: 'x', status: 'fulfilled' }],
      milestones: [milestone({ status: 'submitted', submittedOn: '2026-03-01', outcome: 'fulfilled', outcomeOn: '2026-06-01' })],
      fulfilledOn: new Map([['o1', '2026-07-15']]),
      today: '2026-11-21',
    });
    expect(path.obligations[0]?.fulfilledOn).toBe('2026-07-15');
    expect(path.readyForConversion).toBe(true);
    expect(path.summary).toContain('can be applied for');
  });

  it('should say when an outstanding obligation has no open milestone, and when nothing is recorded', () => {
    const path = conversionPath({ obligations: [{ id: 'o1', reference: 'SOB 1', description: 'x', status: 'open' }], milestones: [], fulfilledOn: new Map(), today: '2026-11-21' });
    expect(path.summary).toContain('SOB 1 (no open milestone)');
    expect(conversionPath({ obligations: [], milestones: [], fulfilledOn: new Map(), today: '2026-11-21' })).toMatchObject({ readyForConversion: false, summary: 'no specific obligation is recorded' });
  });
});
