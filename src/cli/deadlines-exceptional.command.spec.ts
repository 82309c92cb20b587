import { runCliCaptured } from '../../test/cli-run';
import type { DerivedDate } from '../deadlines/engine/derived-date';

interface ExceptionalDoc {
  command: string;
  input: { notified: string; until: string; leadMonths: number };
  expiry: DerivedDate;
  applicationDue: DerivedDate;
  reassessments: { cycle: number; anniversary: DerivedDate; applicationDue: DerivedDate }[];
}

const run = (...argv: string[]): ReturnType<typeof runCliCaptured> => runCliCaptured({}, 'deadlines', 'exceptional', ...argv);

describe('deadlines exceptional', () => {
  it('should print one JSON document: the 5-year expiry, the renewal due 9 months before, and the annual reassessments past the expiry', async () => {
    const result = await run('--notified', '2023-02-20', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const doc = JSON.parse(result.stdout) as ExceptionalDoc;
    expect(doc).toMatchObject({
      command: 'exceptional',
      input: { notified: '2023-02-20', until: '2033-02-20', leadMonths: 3 },
      expiry: { date: '2028-02-20', ruleId: 'EC-EXPIRY' },
      applicationDue: { date: '2027-05-20', ruleId: 'EC-RENEWAL-DUE' },
    });
    expect(doc.reassessments).toHaveLength(10);
    expect(doc.reassessments[6]).toMatchObject({ cycle: 7, anniversary: { date: '2030-02-20', ruleId: 'EC-REASSESSMENT-ANNIVERSARY' }, applicationDue: { date: '2029-11-20', ruleId: 'EC-REASSESSMENT-DUE' } });
    expect(doc.reassessments[0]?.applicationDue.assumption).toMatch(/confirm it/);
  });

  it('should take the last anniversary and the lead time, across a leap day', async () => {
    const result = await run('--notified', '2024-02-29', '--until', '2028-02-29', '--lead-months', '1', '--json');
    const doc = JSON.parse(result.stdout) as ExceptionalDoc;
    expect(doc.reassessments.map((r) => [r.anniversary.date, r.applicationDue.date])).toEqual([
      ['2025-02-28', '2025-01-28'],
      ['2026-02-28', '2026-01-28'],
      ['2027-02-28', '2027-01-28'],
      ['2028-02-29', '2028-01-29'],
    ]);
    expect(doc.expiry.date).toBe('2029-02-28');
  });

  it('should show the rules, their sources and the assumption in the plain table', async () => {
    const result = await run('--notified', '2023-02-20', '--until', '2024-02-20');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Annual reassessment 1');
    expect(result.stdout).toContain('EC-REASSESSMENT-DUE');
    expect(result.stdout).toContain('⚠ assumption:');
    expect(result.stdout).toContain('Continuation of the authorisation shall be linked to the annual reassessment of these conditions.');
  });

  it('should refuse a lead time outside 0 to 11 months and a missing notification date with exit code 2', async () => {
    expect((await run('--notified', '2023-02-20', '--lead-months', '12', '--json')).code).toBe(2);
    const missing = await run('--json');
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
  });
});

describe('deadlines conversion', () => {
  const convert = (...argv: string[]): ReturnType<typeof runCliCaptured> => runCliCaptured({}, 'deadlines', 'conversion', ...argv);
  type Period = { cycle: number; expiry: DerivedDate; applicationDue: DerivedDate };

  it('should compute the standard expiry from the conversion only as a fallback, marked as an assumption', async () => {
    const result = await convert('--converted', '2026-11-12', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const doc = JSON.parse(result.stdout) as { periods: Period[] };
    expect(doc.periods).toEqual([expect.objectContaining({ cycle: 1, expiry: expect.objectContaining({ date: '2031-11-12', ruleId: 'CONVERSION-EXPIRY', assumption: expect.stringContaining('Union Register') }), applicationDue: expect.objectContaining({ date: '2031-02-12', ruleId: 'STD-RENEWAL-DUE' }) })]);
  });

  it('should take a recorded expiry, and show the one additional five-year period (Art 14(3)) when asked, across a leap day', async () => {
    const doc = JSON.parse((await convert('--converted', '2024-02-29', '--expiry', '2029-02-28', '--expiry-source', 'Commission decision C(2024) 1', '--additional-five-year', '--json')).stdout) as { periods: Period[] };
    expect(doc.periods.map((p) => [p.cycle, p.expiry.date, p.expiry.ruleId, p.applicationDue.date])).toEqual([
      [1, '2029-02-28', 'RECORDED-EXPIRY', '2028-05-28'],
      [2, '2034-02-28', 'STD-ADDITIONAL-RENEWAL', '2033-05-28'],
    ]);
    expect(doc.periods[0]?.expiry.source).toBe('Commission decision C(2024) 1');
  });

  it('should refuse an expiry without its source with exit code 2', async () => {
    const result = await convert('--converted', '2026-11-12', '--expiry', '2031-11-12', '--json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});
