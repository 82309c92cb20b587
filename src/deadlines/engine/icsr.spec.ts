import { icsrClock, upgradedToSeriousDue } from './icsr';

describe('ICSR reporting clock', () => {
  const base = { day0: '2026-03-02', eea: true, type: 'spontaneous' as const };

  it.each([
    ['spontaneous', true, true, '2026-03-17', 'ICSR-SERIOUS-15'],
    ['spontaneous', true, false, '2026-03-17', 'ICSR-SERIOUS-15'],
    ['spontaneous', false, true, '2026-05-31', 'ICSR-NON-SERIOUS-90'],
    ['literature', true, true, '2026-03-17', 'ICSR-SERIOUS-15'],
    ['literature', false, true, '2026-05-31', 'ICSR-NON-SERIOUS-90'],
  ] as const)('should give a %s case (serious %s, EEA %s) its due date %s under %s', (type, serious, eea, due, ruleId) => {
    expect(icsrClock({ ...base, type, serious, eea })).toMatchObject({ due: { date: due, ruleId }, days: serious ? 15 : 90 });
  });

  it('should not clock a non-serious case from outside the EEA, and say why', () => {
    expect(icsrClock({ ...base, serious: false, eea: false })).toMatchObject({ due: null, ruleId: 'ICSR-NOT-DUE-NON-SERIOUS-NON-EEA', reason: expect.stringContaining('outside the EEA') });
  });

  it('should clock a solicited case only when causality is at least reasonably possible (not assessed counts as possible)', () => {
    expect(icsrClock({ ...base, type: 'solicited', serious: true, causalityPossible: false })).toMatchObject({ due: null, ruleId: 'ICSR-NOT-DUE-SOLICITED-UNRELATED' });
    expect(icsrClock({ ...base, type: 'solicited', serious: true, causalityPossible: true })).toMatchObject({ due: { date: '2026-03-17', ruleId: 'ICSR-SERIOUS-15' } });
    const unassessed = icsrClock({ ...base, type: 'solicited', serious: true, causalityPossible: null });
    expect(unassessed.due?.explanation).toContain('not yet assessed');
  });

  it('should follow the SUSAR clock for interventional trials: 7 days fatal or life-threatening, 15 otherwise, none when non-serious', () => {
    expect(icsrClock({ ...base, type: 'clinical-trial', serious: true, fatalOrLifeThreatening: true })).toMatchObject({ due: { date: '2026-03-09', ruleId: 'SUSAR-7' }, days: 7 });
    expect(icsrClock({ ...base, type: 'clinical-trial', serious: true })).toMatchObject({ due: { date: '2026-03-17', ruleId: 'SUSAR-15' } });
    expect(icsrClock({ ...base, type: 'clinical-trial', serious: false })).toMatchObject({ due: null, ruleId: 'SUSAR-NOT-DUE-NON-SERIOUS' });
  });

  it('should give cases downloaded from EudraVigilance no clock', () => {
    expect(icsrClock({ ...base, type: 'eudravigilance', serious: true })).toMatchObject({ due: null, ruleId: 'ICSR-NOT-DUE-EV-DOWNLOAD' });
  });

  it('should count calendar days across month ends and leap days', () => {
    expect(icsrClock({ ...base, day0: '2028-02-20', serious: true }).due?.date).toBe('2028-03-06');
    expect(icsrClock({ ...base, day0: '2027-02-20', serious: true }).due?.date).toBe('2027-03-07');
    expect(icsrClock({ ...base, day0: '2026-12-20', serious: true }).due?.date).toBe('2027-01-04');
    expect(icsrClock({ ...base, day0: '2026-11-02', serious: false }).due?.date).toBe('2027-01-31');
  });

  it('should flag, not move, a due date on a weekend, suggesting the preceding working day', () => {
    const clock = icsrClock({ ...base, day0: '2026-03-07', serious: true });
    expect(clock.due?.date).toBe('2026-03-22');
    expect(clock.due?.nonWorkingDay).toMatchObject({ reason: 'weekend', suggestedDate: '2026-03-20' });
    expect(clock.due?.nonWorkingDay?.note).toContain('does not roll over');
  });

  it('should flag a closure day', () => {
    const clock = icsrClock({ ...base, day0: '2026-12-10', serious: true, closures: [{ date: '2026-12-25', name: 'EMA Christmas closure' }] });
    expect(clock.due?.nonWorkingDay).toMatchObject({ reason: 'closure', closureName: 'EMA Christmas closure', suggestedDate: '2026-12-24' });
  });

  describe('a non-serious case that turns serious before its first submission', () => {
    it('should keep the earlier follow-up day 0 + 15 when the original date is later', () => {
      expect(upgradedToSeriousDue('2026-05-31', '2026-03-10')).toMatchObject({ date: '2026-03-25', ruleId: 'ICSR-UPGRADED-TO-SERIOUS' });
    });
    it('should keep the original date when it is earlier', () => {
      expect(upgradedToSeriousDue('2026-03-20', '2026-03-10')).toMatchObject({ date: '2026-03-20' });
    });
    it('should clock a previously not-due case from the follow-up day 0', () => {
      expect(upgradedToSeriousDue(null, '2026-03-10').date).toBe('2026-03-25');
    });
  });
});
