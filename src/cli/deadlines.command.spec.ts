import type { DerivedDate } from '../deadlines/engine/derived-date';
import { runCli } from './main';

interface CmaDoc {
  command: string;
  input: { notified: string; renewals: number };
  cycles: { cycle: number; expiry: DerivedDate; windowOpens: DerivedDate; applicationDue: DerivedDate }[];
}

interface StandardDoc {
  command: string;
  input: { notified: string };
  expiry: DerivedDate;
  applicationDue: DerivedDate;
}

interface PsurDoc {
  command: string;
  input: { dlp: string; intervalMonths: number };
  dlp: string;
  intervalMonths: number;
  submissionDue: DerivedDate;
}

interface PassDoc {
  command: string;
  input: { endOfDataCollection: string };
  finalReportDue: DerivedDate;
  waiverRequestBy: DerivedDate;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let stdoutSpy: jest.SpyInstance | undefined;
let stderrSpy: jest.SpyInstance | undefined;

async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  stdoutSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  stderrSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runCli(argv);
    return { code, stdout, stderr };
  } finally {
    stdoutSpy.mockRestore();
    stderrSpy.mockRestore();
  }
}

/** Runs with --json and parses the WHOLE of stdout: fails unless it is exactly one JSON document. */
async function runJson<T>(...argv: string[]): Promise<T> {
  const result = await run(...argv, '--json');
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as T;
}

afterEach(() => {
  stdoutSpy?.mockRestore();
  stderrSpy?.mockRestore();
});

describe('deadlines cma-renewal', () => {
  const args = ['deadlines', 'cma-renewal', '--notified', '2023-02-20', '--renewals', '3'];

  it('should write exactly one JSON document to stdout and nothing to stderr with --json', async () => {
    const result = await run(...args, '--json');

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
    expect(result.stdout.trim().startsWith('{')).toBe(true);
  });

  it('should echo the command and its input', async () => {
    const doc = await runJson<CmaDoc>(...args);

    expect(doc.command).toBe('cma-renewal');
    expect(doc.input).toEqual({ notified: '2023-02-20', renewals: 3 });
  });

  it('should chain the expiries from the previous expiry, one year apart', async () => {
    const doc = await runJson<CmaDoc>(...args);

    expect(doc.cycles.map((c) => c.cycle)).toEqual([1, 2, 3]);
    expect(doc.cycles.map((c) => c.expiry.date)).toEqual(['2024-02-20', '2025-02-20', '2026-02-20']);
  });

  it('should open each renewal window 7 months before expiry', async () => {
    const doc = await runJson<CmaDoc>(...args);

    expect(doc.cycles.map((c) => c.windowOpens.date)).toEqual(['2023-07-20', '2024-07-20', '2025-07-20']);
  });

  it('should make each renewal application due 6 months before expiry', async () => {
    const doc = await runJson<CmaDoc>(...args);

    expect(doc.cycles.map((c) => c.applicationDue.date)).toEqual(['2023-08-20', '2024-08-20', '2025-08-20']);
  });

  it('should give every date its rule id, source and explanation', async () => {
    const doc = await runJson<CmaDoc>(...args);

    expect(doc.cycles[0]!.expiry).toMatchObject({
      ruleId: 'CMA-EXPIRY-FIRST',
      source: expect.stringContaining('507/2006'),
      explanation: 'Notified 2023-02-20 + 1 year',
    });
    expect(doc.cycles[1]!.expiry.ruleId).toBe('CMA-EXPIRY-NEXT');
    expect(doc.cycles[0]!.windowOpens.ruleId).toBe('CMA-RENEWAL-WINDOW-OPENS');
    expect(doc.cycles[0]!.applicationDue).toMatchObject({
      ruleId: 'CMA-RENEWAL-DUE',
      source: expect.stringContaining('Art 6(1)'),
      explanation: 'Expiry 2024-02-20 − 6 months',
    });
  });

  it('should flag a backward due date on a Sunday with the preceding working day and keep the date', async () => {
    const doc = await runJson<CmaDoc>(...args);

    expect(doc.cycles[0]!.applicationDue.date).toBe('2023-08-20');
    expect(doc.cycles[0]!.applicationDue.nonWorkingDay).toMatchObject({ reason: 'weekend', suggestedDate: '2023-08-18' });
  });

  it('should leave out the non-working-day flag on a working day', async () => {
    const doc = await runJson<CmaDoc>(...args);

    expect(doc.cycles[0]!.expiry).not.toHaveProperty('nonWorkingDay');
  });

  it('should default to 3 renewal cycles', async () => {
    const doc = await runJson<CmaDoc>('deadlines', 'cma-renewal', '--notified', '2023-02-20');

    expect(doc.input.renewals).toBe(3);
    expect(doc.cycles).toHaveLength(3);
  });

  it('should clamp a 29 February notification to 28 February in later years', async () => {
    const doc = await runJson<CmaDoc>('deadlines', 'cma-renewal', '--notified', '2024-02-29', '--renewals', '2');

    expect(doc.cycles.map((c) => c.expiry.date)).toEqual(['2025-02-28', '2026-02-28']);
  });

  it('should print a plain-text table with date, rule id and explanation without --json', async () => {
    const result = await run(...args);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2024-02-20\s+CMA-EXPIRY-FIRST\s+Notified 2023-02-20 \+ 1 year/);
    expect(result.stdout).toMatch(/2023-08-20\s+CMA-RENEWAL-DUE\s+Expiry 2024-02-20 − 6 months/);
  });

  it('should print a ⚠ line with the suggested date under a weekend date in the table', async () => {
    const result = await run(...args);

    const lines = result.stdout.split('\n');
    const dueLine = lines.findIndex((line) => line.includes('2023-08-20  CMA-RENEWAL-DUE'));
    expect(lines[dueLine + 1]).toMatch(/⚠ weekend, suggested date 2023-08-18/);
  });

  it('should refuse a notification date that does not exist with exit 2 naming --notified', async () => {
    const result = await run('deadlines', 'cma-renewal', '--notified', '2023-02-31', '--json');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--notified: "2023-02-31" is not a calendar date');
  });

  it('should refuse a notification date not written as YYYY-MM-DD with exit 2', async () => {
    const result = await run('deadlines', 'cma-renewal', '--notified', '20/02/2023');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--notified: "20/02/2023" is not a calendar date (expected the form YYYY-MM-DD)');
  });

  it('should refuse --renewals 51 with exit 2 naming --renewals', async () => {
    const result = await run(...args.slice(0, 4), '--renewals', '51');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--renewals: "51" is not a whole number from 1 to 50');
  });

  it('should refuse --renewals 0 with exit 2', async () => {
    const result = await run(...args.slice(0, 4), '--renewals', '0');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--renewals');
  });

  it('should refuse a missing --notified with exit 2', async () => {
    const result = await run('deadlines', 'cma-renewal', '--json');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("required option '--notified <date>' not specified");
  });
});

describe('deadlines standard-renewal', () => {
  it('should give the 5-year expiry and the renewal due 9 months before it', async () => {
    const doc = await runJson<StandardDoc>('deadlines', 'standard-renewal', '--notified', '2023-02-20');

    expect(doc).toMatchObject({
      command: 'standard-renewal',
      input: { notified: '2023-02-20' },
      expiry: { date: '2028-02-20', ruleId: 'STD-EXPIRY', explanation: 'Notified 2023-02-20 + 5 years' },
      applicationDue: { date: '2027-05-20', ruleId: 'STD-RENEWAL-DUE', explanation: 'Expiry 2028-02-20 − 9 months' },
    });
  });

  it('should suggest the following working day for a forward date on a Sunday', async () => {
    const doc = await runJson<StandardDoc>('deadlines', 'standard-renewal', '--notified', '2023-02-20');

    expect(doc.expiry.nonWorkingDay).toMatchObject({ reason: 'weekend', suggestedDate: '2028-02-21' });
  });
});

describe('deadlines psur', () => {
  const psur = (intervalMonths: string): string[] => ['deadlines', 'psur', '--dlp', '2025-01-31', '--interval-months', intervalMonths];

  it('should make a 12-month PSUR due 70 days after the DLP', async () => {
    const doc = await runJson<PsurDoc>(...psur('12'));

    expect(doc).toMatchObject({
      command: 'psur',
      input: { dlp: '2025-01-31', intervalMonths: 12 },
      dlp: '2025-01-31',
      intervalMonths: 12,
      submissionDue: { date: '2025-04-11', ruleId: 'PSUR-SUBMIT-70', source: expect.stringContaining('ICH E2C(R2) §2.8.3') },
    });
  });

  it('should make a 13-month PSUR due 90 days after the DLP', async () => {
    const doc = await runJson<PsurDoc>(...psur('13'));

    expect(doc.submissionDue).toMatchObject({ date: '2025-05-01', ruleId: 'PSUR-SUBMIT-90' });
  });

  it('should refuse a missing --dlp with exit 2', async () => {
    const result = await run('deadlines', 'psur', '--interval-months', '6', '--json');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--dlp');
  });

  it('should refuse --interval-months 0 with exit 2 naming the option', async () => {
    const result = await run(...psur('0'), '--json');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--interval-months: "0" is not a whole number from 1 to 120');
  });

  it('should refuse --interval-months abc with exit 2 naming the option', async () => {
    const result = await run(...psur('abc'));

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--interval-months: "abc"');
  });

  it('should refuse a fractional --interval-months with exit 2', async () => {
    const result = await run(...psur('6.5'));

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--interval-months: "6.5"');
  });
});

describe('deadlines pass-final', () => {
  const args = ['deadlines', 'pass-final', '--end-of-data-collection', '2024-06-30'];

  it('should make the final report due 12 months after the end of data collection', async () => {
    const doc = await runJson<PassDoc>(...args);

    expect(doc).toMatchObject({
      command: 'pass-final',
      input: { endOfDataCollection: '2024-06-30' },
      finalReportDue: { date: '2025-06-30', ruleId: 'PASS-FINAL-REPORT', source: expect.stringContaining('107p') },
    });
  });

  it('should require the waiver request 3 months before the final report is due, flagged to the preceding Friday', async () => {
    const doc = await runJson<PassDoc>(...args);

    expect(doc.waiverRequestBy).toMatchObject({
      date: '2025-03-30',
      ruleId: 'PASS-WAIVER-REQUEST',
      explanation: 'Final report due 2025-06-30 − 3 months',
      nonWorkingDay: { reason: 'weekend', suggestedDate: '2025-03-28' },
    });
  });

  it('should refuse a missing --end-of-data-collection with exit 2', async () => {
    const result = await run('deadlines', 'pass-final');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--end-of-data-collection');
  });
});

describe('deadlines help and errors', () => {
  it('should exit 0 on --help and write the help, naming the rule, to stderr only', async () => {
    const result = await run('deadlines', 'psur', '--help');

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('PSUR-SUBMIT-70');
  });

  it('should list the four deadline commands on deadlines --help', async () => {
    const result = await run('deadlines', '--help');

    expect(result.code).toBe(0);
    for (const name of ['cma-renewal', 'standard-renewal', 'psur', 'pass-final']) {
      expect(result.stderr).toContain(name);
    }
  });

  it('should exit 2 on an unknown deadlines subcommand', async () => {
    const result = await run('deadlines', 'sunset');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });

  it('should exit 2 with an error on stderr when a computed date leaves the supported years', async () => {
    const result = await run('deadlines', 'cma-renewal', '--notified', '2999-06-01', '--json');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('INVALID_DATE');
  });
});

describe('deadlines icsr', () => {
  interface IcsrDoc {
    command: string;
    due: DerivedDate | null;
    days?: number;
    ruleId: string;
    source: string;
    reason?: string;
  }

  it('should print the due date of a serious case with its rule id and source', async () => {
    const doc = await runJson<IcsrDoc>('deadlines', 'icsr', '--day0', '2026-03-02', '--serious');
    expect(doc).toMatchObject({ command: 'icsr', due: { date: '2026-03-17', ruleId: 'ICSR-SERIOUS-15' }, days: 15, ruleId: 'ICSR-SERIOUS-15' });
    expect(doc.source).toContain('Directive 2001/83/EC Art 107');
  });

  it('should give a non-serious EEA case 90 days and a non-serious non-EEA case none, with the reason, exit 0', async () => {
    expect((await runJson<IcsrDoc>('deadlines', 'icsr', '--day0', '2026-03-02', '--non-serious')).due?.date).toBe('2026-05-31');
    const none = await runJson<IcsrDoc>('deadlines', 'icsr', '--day0', '2026-03-02', '--non-serious', '--non-eea');
    expect(none).toMatchObject({ due: null, ruleId: 'ICSR-NOT-DUE-NON-SERIOUS-NON-EEA', reason: expect.stringContaining('outside the EEA') });
  });

  it('should follow the SUSAR clock for clinical-trial cases and none for EudraVigilance downloads', async () => {
    const susar = await runJson<IcsrDoc>('deadlines', 'icsr', '--day0', '2026-03-02', '--serious', '--type', 'clinical-trial', '--fatal-or-life-threatening');
    expect(susar.due).toMatchObject({ date: '2026-03-09', ruleId: 'SUSAR-7' });
    expect((await runJson<IcsrDoc>('deadlines', 'icsr', '--day0', '2026-03-02', '--serious', '--type', 'eudravigilance')).due).toBeNull();
    const unrelated = await runJson<IcsrDoc>('deadlines', 'icsr', '--day0', '2026-03-02', '--serious', '--type', 'solicited', '--causality', 'not-possible');
    expect(unrelated.ruleId).toBe('ICSR-NOT-DUE-SOLICITED-UNRELATED');
  });

  it('should refuse missing or contradictory seriousness, an unknown type and an impossible date with exit code 2', async () => {
    expect((await run('deadlines', 'icsr', '--day0', '2026-03-02')).code).toBe(2);
    expect((await run('deadlines', 'icsr', '--day0', '2026-03-02', '--serious', '--non-serious')).code).toBe(2);
    const badType = await run('deadlines', 'icsr', '--day0', '2026-03-02', '--serious', '--type', 'rumour');
    expect(badType.code).toBe(2);
    expect(badType.stderr).toContain('--type');
    expect((await run('deadlines', 'icsr', '--day0', '2026-02-30', '--serious')).code).toBe(2);
  });

  it('should print a table with the weekend flag without --json', async () => {
    const result = await run('deadlines', 'icsr', '--day0', '2026-03-07', '--serious');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2026-03-22');
    expect(result.stdout).toContain('weekend, suggested date 2026-03-20');
  });
});

describe('deadlines sunset', () => {
  interface SunsetDoc {
    state: string;
    marketedIn: string[];
    sunset: { date: string; ruleId: string; source: string } | null;
    cessationNotices: { memberState: string; noticeDue: { date: string; ruleId: string } }[];
  }

  it('should give grant + 3 years while never placed, and nothing once on the market', async () => {
    const never = await runJson<SunsetDoc>('deadlines', 'sunset', '--notified', '2024-02-29', '--as-of', '2025-01-10');
    expect(never).toMatchObject({ state: 'never-placed', sunset: { date: '2027-02-28', ruleId: 'SUNSET-NOT-PLACED', source: expect.stringContaining('Art 14(4)') } });
    const placed = await runJson<SunsetDoc>('deadlines', 'sunset', '--notified', '2024-02-29', '--placed', 'DE:2024-06-01', '--as-of', '2025-01-10');
    expect(placed).toMatchObject({ state: 'on-market', marketedIn: ['DE'], sunset: null });
  });

  it('should count any member state and give each cessation its notice 2 months ahead', async () => {
    const doc = await runJson<SunsetDoc>('deadlines', 'sunset', '--notified', '2023-02-20', '--placed', 'DE:2023-06-01', '--placed', 'FR:2023-07-01', '--ceased', 'DE:2024-04-30', '--ceased', 'FR:2024-08-31', '--as-of', '2025-01-10');
    expect(doc).toMatchObject({ state: 'off-market', sunset: { date: '2027-08-31', ruleId: 'SUNSET-ABSENT' } });
    expect(doc.cessationNotices.map((n) => [n.memberState, n.noticeDue.date, n.noticeDue.ruleId])).toEqual([
      ['DE', '2024-02-29', 'MARKETING-CESSATION-NOTICE'],
      ['FR', '2024-06-30', 'MARKETING-CESSATION-NOTICE'],
    ]);
  });

  it('should refuse a malformed placing with exit code 2 naming the option', async () => {
    const result = await run('deadlines', 'sunset', '--notified', '2023-02-20', '--placed', '2023-06-01');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--placed');
  });
});
