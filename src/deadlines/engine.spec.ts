import { InvalidDateError } from '../common/calendar-date';
import { cmaRenewalChain, cmaValidationAnswersDue, cmaValidity, standardRenewal } from './engine/authorisation-renewal';
import { type ClosureDay, DeadlineInputError, derive, type DerivedDate } from './engine/derived-date';
import { effectiveDate } from './engine/effective-date';
import { passFinalReport } from './engine/pass';
import { DEFAULT_CYCLE_ASSUMPTION, defaultPsurCycle, firstPsur, psurSchedule, psurSubmissionDue } from './engine/psur';
import { RULES } from './rules';

const EMA_CHRISTMAS_2023: ClosureDay[] = ['2023-12-25', '2023-12-26', '2023-12-27', '2023-12-28', '2023-12-29', '2024-01-01'].map(
  (date) => ({ date, name: 'EMA Christmas closure' }),
);
const EASTER_2025: ClosureDay[] = [
  { date: '2025-04-18', name: 'Good Friday' },
  { date: '2025-04-21', name: 'Easter Monday' },
];

const dates = (derived: DerivedDate[]): string[] => derived.map((d) => d.date);

function deadlineInputError(action: () => unknown): DeadlineInputError {
  try {
    action();
  } catch (error) {
    if (error instanceof DeadlineInputError) {
      return error;
    }
    throw error;
  }
  throw new Error('no DeadlineInputError thrown');
}

describe('derive', () => {
  it('should carry the rule id, its source and the explanation', () => {
    expect(derive('STD-EXPIRY', '2024-03-25', 'Notified 2019-03-25 + 5 years')).toEqual({
      date: '2024-03-25',
      ruleId: 'STD-EXPIRY',
      source: 'Regulation (EC) No 726/2004 Art 14(1)',
      explanation: 'Notified 2019-03-25 + 5 years',
    });
  });

  it('should not attach a flag to a working day', () => {
    expect(derive('CMA-RENEWAL-DUE', '2024-02-29', 'x')).not.toHaveProperty('nonWorkingDay');
  });

  it('should flag a Sunday on a backward rule without moving the date and suggest the preceding Friday', () => {
    const due = derive('CMA-RENEWAL-DUE', '2023-08-20', 'x');
    expect(due.date).toBe('2023-08-20');
    expect(due.nonWorkingDay).toMatchObject({ reason: 'weekend', suggestedDate: '2023-08-18' });
  });

  it('should flag a Saturday on a forward rule and suggest the following Monday', () => {
    const expiry = derive('CMA-EXPIRY-FIRST', '2024-08-31', 'x');
    expect(expiry.date).toBe('2024-08-31');
    expect(expiry.nonWorkingDay).toMatchObject({ reason: 'weekend', suggestedDate: '2024-09-02' });
  });

  it('should say in the note that the suggestion is only a suggestion and cite Reg 1182/71 Art 3(4)', () => {
    const note = derive('CMA-RENEWAL-DUE', '2023-08-20', 'x').nonWorkingDay?.note ?? '';
    expect(note).toContain('Suggestion only');
    expect(note).toContain('1182/71 Art 3(4)');
    expect(note).toContain('2023-08-18');
    expect(note).toContain('Sunday');
  });

  it('should flag a closure day with its name and skip the whole closure for a backward rule', () => {
    const flag = derive('PASS-WAIVER-REQUEST', '2023-12-27', 'x', EMA_CHRISTMAS_2023).nonWorkingDay;
    expect(flag).toEqual(
      expect.objectContaining({ reason: 'closure', closureName: 'EMA Christmas closure', suggestedDate: '2023-12-22' }),
    );
  });

  it('should skip the whole closure for a forward rule', () => {
    const flag = derive('PASS-FINAL-REPORT', '2023-12-27', 'x', EMA_CHRISTMAS_2023).nonWorkingDay;
    expect(flag).toMatchObject({ reason: 'closure', suggestedDate: '2024-01-02' });
  });

  it('should report a closure that falls on a weekend as a closure', () => {
    const flag = derive('STD-EXPIRY', '2027-12-25', 'x', [{ date: '2027-12-25', name: 'Christmas Day' }]).nonWorkingDay;
    expect(flag).toMatchObject({ reason: 'closure', closureName: 'Christmas Day', suggestedDate: '2027-12-27' });
  });

  it('should refuse an impossible date', () => {
    expect(() => derive('STD-EXPIRY', '2023-02-29', 'x')).toThrow(InvalidDateError);
  });
});

describe('cmaRenewalChain', () => {
  it('should chain expiries one year apart from notification 2023-02-20', () => {
    const chain = cmaRenewalChain({ notified: '2023-02-20' });
    expect(chain.map((c) => [c.cycle, c.expiry.date, c.windowOpens.date, c.applicationDue.date])).toEqual([
      [1, '2024-02-20', '2023-07-20', '2023-08-20'],
      [2, '2025-02-20', '2024-07-20', '2024-08-20'],
      [3, '2026-02-20', '2025-07-20', '2025-08-20'],
    ]);
  });

  it('should produce 3 cycles by default', () => {
    expect(cmaRenewalChain({ notified: '2023-02-20' })).toHaveLength(3);
  });

  it('should tag the first expiry CMA-EXPIRY-FIRST and later ones CMA-EXPIRY-NEXT', () => {
    const chain = cmaRenewalChain({ notified: '2023-02-20' });
    expect(chain.map((c) => c.expiry.ruleId)).toEqual(['CMA-EXPIRY-FIRST', 'CMA-EXPIRY-NEXT', 'CMA-EXPIRY-NEXT']);
  });

  it('should tag the window and due dates with their rules and sources', () => {
    const [first] = cmaRenewalChain({ notified: '2023-02-20', renewals: 1 });
    expect(first?.windowOpens).toMatchObject({ ruleId: 'CMA-RENEWAL-WINDOW-OPENS', source: RULES['CMA-RENEWAL-WINDOW-OPENS'].source });
    expect(first?.applicationDue).toMatchObject({ ruleId: 'CMA-RENEWAL-DUE', source: RULES['CMA-RENEWAL-DUE'].source });
  });

  it('should explain a later expiry from the previous expiry', () => {
    const chain = cmaRenewalChain({ notified: '2023-02-20', renewals: 2 });
    expect(chain[1]?.expiry.explanation).toBe('Previous expiry 2024-02-20 + 1 year (cycle 2)');
  });

  it('should chain from the previous expiry after a 29 February notification (2025-02-28, 2026-02-28, …)', () => {
    const chain = cmaRenewalChain({ notified: '2024-02-29', renewals: 4 });
    expect(chain.map((c) => c.expiry.date)).toEqual(['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-28']);
  });

  it('should compute window and due from a 28 February expiry', () => {
    const [first] = cmaRenewalChain({ notified: '2024-02-29', renewals: 1 });
    expect([first?.windowOpens.date, first?.applicationDue.date]).toEqual(['2024-07-28', '2024-08-28']);
  });

  it('should clamp month-end notifications: 2023-08-31 gives window 2024-01-31 and due 2024-02-29', () => {
    const chain = cmaRenewalChain({ notified: '2023-08-31', renewals: 2 });
    expect(chain.map((c) => [c.expiry.date, c.windowOpens.date, c.applicationDue.date])).toEqual([
      ['2024-08-31', '2024-01-31', '2024-02-29'],
      ['2025-08-31', '2025-01-31', '2025-02-28'],
    ]);
  });

  it('should flag a Sunday due date with the preceding Friday and keep the date', () => {
    const [first] = cmaRenewalChain({ notified: '2023-02-20', renewals: 1 });
    expect(first?.applicationDue.date).toBe('2023-08-20');
    expect(first?.applicationDue.nonWorkingDay?.suggestedDate).toBe('2023-08-18');
  });

  it('should flag a Saturday window opening with the preceding Friday (backward rule)', () => {
    const chain = cmaRenewalChain({ notified: '2023-02-20', renewals: 2 });
    expect(chain[1]?.windowOpens.nonWorkingDay?.suggestedDate).toBe('2024-07-19');
  });

  it('should flag a Saturday expiry with the following Monday (forward rule)', () => {
    const [first] = cmaRenewalChain({ notified: '2023-08-31', renewals: 1 });
    expect(first?.expiry.nonWorkingDay?.suggestedDate).toBe('2024-09-02');
  });

  it('should leave working-day dates unflagged', () => {
    const [first] = cmaRenewalChain({ notified: '2023-02-20', renewals: 1 });
    expect(first?.expiry.nonWorkingDay).toBeUndefined();
    expect(first?.windowOpens.nonWorkingDay).toBeUndefined();
  });

  it('should flag a closure day passed in', () => {
    const [first] = cmaRenewalChain({ notified: '2023-02-20', renewals: 1, closures: [{ date: '2023-07-20', name: 'Office move' }] });
    expect(first?.windowOpens.nonWorkingDay).toMatchObject({ reason: 'closure', closureName: 'Office move', suggestedDate: '2023-07-19' });
  });

  it('should accept 50 renewals and end 50 years on', () => {
    const chain = cmaRenewalChain({ notified: '2023-02-20', renewals: 50 });
    expect(chain.at(-1)?.expiry.date).toBe('2073-02-20');
  });

  it.each([0, 51, 1.5, -1, Number.NaN])('should refuse %p renewals with INVALID_DEADLINE_INPUT on the renewals field', (renewals) => {
    const error = deadlineInputError(() => cmaRenewalChain({ notified: '2023-02-20', renewals }));
    expect(error).toMatchObject({ code: 'INVALID_DEADLINE_INPUT', field: 'renewals' });
  });

  it('should refuse an impossible notification date', () => {
    expect(() => cmaRenewalChain({ notified: '2023-02-31' })).toThrow(InvalidDateError);
  });
});

describe('cmaValidationAnswersDue', () => {
  it('should allow 5 working days, skipping weekend and Easter closures', () => {
    expect(cmaValidationAnswersDue({ questionsReceived: '2025-04-16', closures: EASTER_2025 }).date).toBe('2025-04-25');
  });

  it('should count 5 working days across one weekend without closures', () => {
    expect(cmaValidationAnswersDue({ questionsReceived: '2025-04-16' })).toMatchObject({
      date: '2025-04-23',
      ruleId: 'CMA-RENEWAL-VALIDATION-ANSWERS',
    });
  });
});

describe('standardRenewal', () => {
  it('should expire 5 years after notification with the renewal due 9 months earlier', () => {
    const { expiry, applicationDue } = standardRenewal({ notified: '2019-03-25' });
    expect([expiry.date, expiry.ruleId, applicationDue.date, applicationDue.ruleId]).toEqual([
      '2024-03-25',
      'STD-EXPIRY',
      '2023-06-25',
      'STD-RENEWAL-DUE',
    ]);
  });

  it('should clamp a 29 February notification to 28 February', () => {
    const { expiry, applicationDue } = standardRenewal({ notified: '2024-02-29' });
    expect([expiry.date, applicationDue.date]).toEqual(['2029-02-28', '2028-05-28']);
  });

  it('should flag a Sunday due date (2023-06-25) with the preceding Friday', () => {
    expect(standardRenewal({ notified: '2019-03-25' }).applicationDue.nonWorkingDay?.suggestedDate).toBe('2023-06-23');
  });

  it('should flag an expiry on a closure day with the next working day after the closure', () => {
    const closures = ['2024-12-25', '2024-12-26', '2024-12-27', '2024-12-30', '2024-12-31', '2025-01-01'].map((date) => ({
      date,
      name: 'EMA Christmas closure',
    }));
    const { expiry } = standardRenewal({ notified: '2019-12-25', closures });
    expect(expiry.nonWorkingDay).toMatchObject({ reason: 'closure', suggestedDate: '2025-01-02' });
  });
});

describe('psurSubmissionDue', () => {
  it('should add 70 days for a 12-month interval (the edge)', () => {
    expect(psurSubmissionDue({ dlp: '2024-01-31', intervalMonths: 12 })).toMatchObject({ date: '2024-04-10', ruleId: 'PSUR-SUBMIT-70' });
  });

  it('should add 90 days for a 13-month interval', () => {
    expect(psurSubmissionDue({ dlp: '2024-01-31', intervalMonths: 13 })).toMatchObject({ date: '2024-04-30', ruleId: 'PSUR-SUBMIT-90' });
  });

  it('should add 70 days for a 6-month interval', () => {
    expect(psurSubmissionDue({ dlp: '2024-02-29', intervalMonths: 6 }).date).toBe('2024-05-09');
  });

  it('should add 90 days for a 36-month interval', () => {
    expect(psurSubmissionDue({ dlp: '2028-03-01', intervalMonths: 36 }).date).toBe('2028-05-30');
  });

  it('should explain the calculation', () => {
    expect(psurSubmissionDue({ dlp: '2024-01-31', intervalMonths: 12 }).explanation).toBe('DLP 2024-01-31 + 70 days (12-month interval)');
  });

  it('should accept the bounds 1 and 120 months', () => {
    expect(psurSubmissionDue({ dlp: '2024-01-31', intervalMonths: 1 }).date).toBe('2024-04-10');
    expect(psurSubmissionDue({ dlp: '2024-01-31', intervalMonths: 120 }).date).toBe('2024-04-30');
  });

  it.each([0, 121, 6.5, -6])('should refuse an interval of %p months', (intervalMonths) => {
    expect(deadlineInputError(() => psurSubmissionDue({ dlp: '2024-01-31', intervalMonths })).field).toBe('intervalMonths');
  });

  it('should flag a due date falling on a Saturday with the following Monday', () => {
    const due = psurSubmissionDue({ dlp: '2024-06-22', intervalMonths: 6 });
    expect([due.date, due.nonWorkingDay?.suggestedDate]).toEqual(['2024-08-31', '2024-09-02']);
  });
});

describe('firstPsur', () => {
  it('should set the DLP 6 months after authorisation and the submission 70 days later', () => {
    const { dlp, submissionDue } = firstPsur({ authorisationDate: '2023-08-31' });
    expect([dlp.date, dlp.ruleId, submissionDue.date, submissionDue.ruleId]).toEqual([
      '2024-02-29',
      'PSUR-FIRST-DLP',
      '2024-05-09',
      'PSUR-SUBMIT-70',
    ]);
  });
});

describe('psurSchedule', () => {
  it('should step from the first DLP by whole intervals without month-end drift', () => {
    const schedule = psurSchedule({ firstDlp: '2024-08-31', intervalMonths: 6, until: '2026-02-28' });
    expect(dates(schedule.map((s) => s.dlp))).toEqual(['2024-08-31', '2025-02-28', '2025-08-31', '2026-02-28']);
  });

  it('should stop before a DLP after `until`', () => {
    const schedule = psurSchedule({ firstDlp: '2024-08-31', intervalMonths: 6, until: '2026-02-27' });
    expect(dates(schedule.map((s) => s.dlp))).toEqual(['2024-08-31', '2025-02-28', '2025-08-31']);
  });

  it('should give each DLP its submission date', () => {
    const schedule = psurSchedule({ firstDlp: '2024-01-31', intervalMonths: 12, until: '2025-01-31' });
    expect(dates(schedule.map((s) => s.submissionDue))).toEqual(['2024-04-10', '2025-04-11']);
  });

  it('should use +90 days for a 3-yearly EURD interval', () => {
    const [first] = psurSchedule({ firstDlp: '2024-01-31', intervalMonths: 36, until: '2024-01-31' });
    expect(first?.submissionDue).toMatchObject({ date: '2024-04-30', ruleId: 'PSUR-SUBMIT-90' });
  });

  it('should tag DLPs PSUR-EURD by default', () => {
    const [first] = psurSchedule({ firstDlp: '2024-01-31', intervalMonths: 6, until: '2024-01-31' });
    expect(first?.dlp.ruleId).toBe('PSUR-EURD');
  });

  it('should tag DLPs with the rule passed in', () => {
    const [first] = psurSchedule({ firstDlp: '2024-01-31', intervalMonths: 6, until: '2024-01-31', ruleId: 'ANNEX-II' });
    expect(first?.dlp).toMatchObject({ ruleId: 'ANNEX-II', source: RULES['ANNEX-II'].source });
  });

  it('should return nothing when `until` is before the first DLP', () => {
    expect(psurSchedule({ firstDlp: '2024-01-31', intervalMonths: 6, until: '2024-01-30' })).toEqual([]);
  });

  it('should refuse a non-integer interval', () => {
    expect(deadlineInputError(() => psurSchedule({ firstDlp: '2024-01-31', intervalMonths: 0.5, until: '2025-01-01' })).field).toBe(
      'intervalMonths',
    );
  });
});

describe('defaultPsurCycle', () => {
  const marketed = defaultPsurCycle({ authorisationDate: '2020-01-15', marketedDate: '2021-03-01', until: '2030-12-31' });

  it('should be 6-monthly from authorisation until marketed, then 6/6/6/6, 12/12 and 36 months from marketing', () => {
    expect(marketed.map((e) => [e.dlp.date, e.intervalMonths])).toEqual([
      ['2020-07-15', 6],
      ['2021-01-15', 6],
      ['2021-09-01', 6],
      ['2022-03-01', 6],
      ['2022-09-01', 6],
      ['2023-03-01', 6],
      ['2024-03-01', 12],
      ['2025-03-01', 12],
      ['2028-03-01', 36],
    ]);
  });

  it('should give +70 days for 6- and 12-month intervals and +90 days for the 3-yearly one', () => {
    expect(marketed.slice(-3).map((e) => [e.submissionDue.date, e.submissionDue.ruleId])).toEqual([
      ['2024-05-10', 'PSUR-SUBMIT-70'],
      ['2025-05-10', 'PSUR-SUBMIT-70'],
      ['2028-05-30', 'PSUR-SUBMIT-90'],
    ]);
  });

  it('should tag every DLP PSUR-DEFAULT-CYCLE', () => {
    expect(new Set(marketed.map((e) => e.dlp.ruleId))).toEqual(new Set(['PSUR-DEFAULT-CYCLE']));
  });

  it('should say on every default-cycle date that it is an assumption and ask for the EURD entry', () => {
    for (const entry of marketed) {
      expect(entry.dlp.assumption).toBe(DEFAULT_CYCLE_ASSUMPTION);
      expect(entry.submissionDue.assumption).toBe(DEFAULT_CYCLE_ASSUMPTION);
    }
    expect(DEFAULT_CYCLE_ASSUMPTION).toMatch(/before July 2012/);
    expect(DEFAULT_CYCLE_ASSUMPTION).toMatch(/EURD entry/);
  });

  it('should cite ICH E2C(R2) §2.8.3, not the Directive, for the 70- and 90-day timelines', () => {
    for (const intervalMonths of [12, 13]) {
      const due = psurSubmissionDue({ dlp: '2024-01-31', intervalMonths });
      expect(due.source).toContain('ICH E2C(R2) §2.8.3');
      expect(due.source).not.toContain('107c');
      expect(due.assumption).toBeUndefined();
    }
  });

  it('should continue 3-yearly after the first 3-year interval', () => {
    const long = defaultPsurCycle({ authorisationDate: '2020-01-15', marketedDate: '2021-03-01', until: '2034-03-01' });
    expect(dates(long.slice(-3).map((e) => e.dlp))).toEqual(['2028-03-01', '2031-03-01', '2034-03-01']);
  });

  it('should stay 6-monthly up to and including `until` when never marketed', () => {
    const cycle = defaultPsurCycle({ authorisationDate: '2020-01-15', until: '2021-07-15' });
    expect(cycle.map((e) => [e.dlp.date, e.intervalMonths])).toEqual([
      ['2020-07-15', 6],
      ['2021-01-15', 6],
      ['2021-07-15', 6],
    ]);
  });

  it('should stay 6-monthly when marketing happens after `until`', () => {
    const cycle = defaultPsurCycle({ authorisationDate: '2020-01-15', marketedDate: '2022-01-01', until: '2021-01-15' });
    expect(dates(cycle.map((e) => e.dlp))).toEqual(['2020-07-15', '2021-01-15']);
  });

  it('should start the marketed cycle at marketing when a 6-monthly DLP falls on the marketing date', () => {
    const cycle = defaultPsurCycle({ authorisationDate: '2020-01-15', marketedDate: '2020-07-15', until: '2021-07-15' });
    expect(dates(cycle.map((e) => e.dlp))).toEqual(['2021-01-15', '2021-07-15']);
  });

  it('should explain a marketed-phase DLP from the marketing date', () => {
    expect(marketed[8]?.dlp.explanation).toBe('Placed on the market 2021-03-01 + 84 months (36-monthly)');
  });

  it('should refuse a marketing date before authorisation', () => {
    const error = deadlineInputError(() =>
      defaultPsurCycle({ authorisationDate: '2020-01-15', marketedDate: '2020-01-14', until: '2025-01-01' }),
    );
    expect(error.field).toBe('marketedDate');
  });
});

describe('passFinalReport', () => {
  it('should make the final report due 12 months after the end of data collection and the waiver 3 months earlier', () => {
    const { finalReportDue, waiverRequestBy } = passFinalReport({ endOfDataCollection: '2024-02-29' });
    expect([finalReportDue.date, finalReportDue.ruleId, waiverRequestBy.date, waiverRequestBy.ruleId]).toEqual([
      '2025-02-28',
      'PASS-FINAL-REPORT',
      '2024-11-28',
      'PASS-WAIVER-REQUEST',
    ]);
  });

  it('should flag a waiver deadline inside the EMA Christmas closure with the last working day before it', () => {
    const { waiverRequestBy } = passFinalReport({ endOfDataCollection: '2023-03-27', closures: EMA_CHRISTMAS_2023 });
    expect([waiverRequestBy.date, waiverRequestBy.nonWorkingDay?.suggestedDate]).toEqual(['2023-12-27', '2023-12-22']);
  });
});

describe('effectiveDate', () => {
  const computed = derive('CMA-EXPIRY-FIRST', '2024-02-20', 'Notified 2023-02-20 + 1 year');

  it('should let a recorded expiry win and keep the computed date as superseded', () => {
    const effective = effectiveDate(computed, {
      date: '2024-02-22',
      ruleId: 'RECORDED-EXPIRY',
      explanation: 'Union Register entry',
    });
    expect(effective).toMatchObject({
      date: '2024-02-22',
      ruleId: 'RECORDED-EXPIRY',
      source: RULES['RECORDED-EXPIRY'].source,
      explanation: 'Union Register entry',
      supersedes: computed,
    });
  });

  it('should use the override source when one is given', () => {
    const effective = effectiveDate(computed, {
      date: '2024-06-30',
      ruleId: 'ANNEX-II',
      source: 'Annex II.E, EMEA/H/C/004827/R/0015',
      explanation: 'Final study report due date in Annex II',
    });
    expect(effective?.source).toBe('Annex II.E, EMEA/H/C/004827/R/0015');
  });

  it('should return the computed date when there is no override', () => {
    expect(effectiveDate(computed, null)).toEqual({ ...computed, supersedes: null });
  });

  it('should return the override even when nothing was computed', () => {
    const effective = effectiveDate(null, { date: '2024-06-28', ruleId: 'ANNEX-II', explanation: 'Annex II' });
    expect(effective).toMatchObject({ date: '2024-06-28', supersedes: null });
  });

  it('should return null when there is neither', () => {
    expect(effectiveDate(null, null)).toBeNull();
  });

  it('should flag an override on a weekend too', () => {
    const effective = effectiveDate(computed, { date: '2024-06-29', ruleId: 'ANNEX-II', explanation: 'Annex II' });
    expect(effective?.nonWorkingDay?.suggestedDate).toBe('2024-07-01');
  });

  it('should refuse an impossible override date', () => {
    expect(() => effectiveDate(computed, { date: '2024-06-31', ruleId: 'ANNEX-II', explanation: 'typo' })).toThrow(InvalidDateError);
  });
});

describe('cmaValidity', () => {
  const expiry = '2025-02-20';

  it('should be valid before expiry with the renewal still to come', () => {
    expect(cmaValidity({ expiry, today: '2024-06-01' })).toEqual({
      status: 'valid',
      explanation: 'Valid until 2025-02-20; renewal application due 2024-08-20.',
    });
  });

  it('should be valid on the expiry day itself', () => {
    expect(cmaValidity({ expiry, today: '2025-02-20' }).status).toBe('valid');
  });

  it('should be valid but report the overdue application before expiry', () => {
    expect(cmaValidity({ expiry, today: '2024-09-01' }).explanation).toBe(
      'Valid until 2025-02-20; renewal application overdue since 2024-08-20.',
    );
  });

  it('should be expired the day after expiry without a renewal application', () => {
    expect(cmaValidity({ expiry, renewalSubmittedOn: null, commissionDecisionOn: null, today: '2025-02-21' })).toEqual({
      status: 'expired',
      explanation: 'Expired 2025-02-20; no renewal application was submitted (due 2024-08-20).',
    });
  });

  it('should stay renewal-pending after expiry when the renewal was submitted on the due date', () => {
    const validity = cmaValidity({ expiry, renewalSubmittedOn: '2024-08-20', commissionDecisionOn: null, today: '2025-03-15' });
    expect(validity.status).toBe('renewal-pending');
    expect(validity.explanation).toContain('stays valid until the Commission decides (Reg 507/2006 Art 6(2))');
  });

  it('should be lapsed-late-renewal after expiry when the renewal was submitted a day late', () => {
    const validity = cmaValidity({ expiry, renewalSubmittedOn: '2024-08-21', commissionDecisionOn: null, today: '2025-02-21' });
    expect(validity.status).toBe('lapsed-late-renewal');
    expect(validity.explanation).toContain('renewal submitted late on 2024-08-21 (due 2024-08-20)');
  });

  it('should be valid before expiry even when the renewal was submitted late', () => {
    const validity = cmaValidity({ expiry, renewalSubmittedOn: '2024-10-01', today: '2025-01-01' });
    expect(validity).toEqual({ status: 'valid', explanation: 'Valid until 2025-02-20; renewal submitted late on 2024-10-01 (due 2024-08-20).' });
  });

  it('should use an explicit renewal due date instead of expiry − 6 months', () => {
    const validity = cmaValidity({ expiry, renewalDue: '2024-09-30', renewalSubmittedOn: '2024-09-15', today: '2025-03-01' });
    expect(validity.status).toBe('renewal-pending');
  });

  it('should end the pending period once the Commission has decided', () => {
    const validity = cmaValidity({ expiry, renewalSubmittedOn: '2024-08-01', commissionDecisionOn: '2025-03-10', today: '2025-03-11' });
    expect(validity.status).toBe('expired');
    expect(validity.explanation).toContain('evaluate the next period (expiry 2026-02-20');
  });

  it('should still be renewal-pending the day before the Commission decision is recorded', () => {
    const validity = cmaValidity({ expiry, renewalSubmittedOn: '2024-08-01', commissionDecisionOn: null, today: '2025-03-09' });
    expect(validity.status).toBe('renewal-pending');
  });

  it('should refuse a renewal submission dated after today', () => {
    expect(deadlineInputError(() => cmaValidity({ expiry, renewalSubmittedOn: '2024-08-02', today: '2024-08-01' })).field).toBe(
      'renewalSubmittedOn',
    );
  });

  it('should refuse a Commission decision dated after today', () => {
    const error = deadlineInputError(() =>
      cmaValidity({ expiry, renewalSubmittedOn: '2024-08-01', commissionDecisionOn: '2025-03-02', today: '2025-03-01' }),
    );
    expect(error.field).toBe('commissionDecisionOn');
  });

  it('should refuse a Commission decision without a renewal submission', () => {
    expect(deadlineInputError(() => cmaValidity({ expiry, commissionDecisionOn: '2025-01-02', today: '2025-03-01' })).field).toBe(
      'commissionDecisionOn',
    );
  });

  it('should refuse an impossible date', () => {
    expect(() => cmaValidity({ expiry: '2025-02-30', today: '2025-03-01' })).toThrow(InvalidDateError);
  });
});
