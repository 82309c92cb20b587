import {
  addDays,
  addMonths,
  addWorkingDays,
  addYears,
  compareDates,
  dayOfWeek,
  daysBetween,
  fromDayNumber,
  InvalidDateError,
  isIsoDate,
  isWeekend,
  isWorkingDay,
  maxDate,
  minDate,
  nextWorkingDay,
  parseIsoDate,
  previousWorkingDay,
  toDayNumber,
  todayIn,
} from './calendar-date';

const NO_CLOSURES: ReadonlySet<string> = new Set();
const EASTER_2025 = new Set(['2025-04-18', '2025-04-21']);

function problemOf(value: string): string {
  try {
    parseIsoDate(value);
  } catch (error) {
    if (error instanceof InvalidDateError) {
      return error.problem;
    }
    throw error;
  }
  throw new Error(`${value} was accepted`);
}

describe('parseIsoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-02-28', '1900-01-01', '2999-12-31', '2023-12-31', '2023-04-30'])(
    'should accept the calendar date %s unchanged',
    (value) => {
      expect(parseIsoDate(value)).toBe(value);
    },
  );

  it('should refuse 2023-02-31 with a message naming the month length', () => {
    expect(() => parseIsoDate('2023-02-31')).toThrow('"2023-02-31" is not a calendar date (February 2023 has 28 days)');
  });

  it('should refuse 29 February in a common year (2023)', () => {
    expect(problemOf('2023-02-29')).toBe('February 2023 has 28 days');
  });

  it('should refuse 29 February 2100 (divisible by 100, not by 400)', () => {
    expect(problemOf('2100-02-29')).toBe('February 2100 has 28 days');
  });

  it('should refuse 29 February 1900 (divisible by 100, not by 400)', () => {
    expect(problemOf('1900-02-29')).toBe('February 1900 has 28 days');
  });

  it('should refuse 31 April', () => {
    expect(problemOf('2023-04-31')).toBe('April 2023 has 30 days');
  });

  it('should refuse day 00', () => {
    expect(problemOf('2023-01-00')).toBe('January 2023 has 31 days');
  });

  it.each(['2023-13-01', '2023-00-10'])('should refuse the month in %s', (value) => {
    expect(problemOf(value)).toBe('month must be 01 to 12');
  });

  it.each(['2023-2-3', '2023-02-28T00:00', '', ' 2023-02-28', '2023-02-28 ', '20230228', '2023/02/28', '+02023-02-28', '2023-02-3x'])(
    'should refuse the malformed value "%s"',
    (value) => {
      expect(problemOf(value)).toBe('expected the form YYYY-MM-DD');
    },
  );

  it.each(['1899-12-31', '3000-01-01', '0000-01-01'])('should refuse the out-of-range year in %s', (value) => {
    expect(problemOf(value)).toBe('year must be between 1900 and 2999');
  });

  it('should throw an InvalidDateError carrying code, value and problem', () => {
    expect(() => parseIsoDate('2023-02-31')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE', value: '2023-02-31', problem: 'February 2023 has 28 days' }),
    );
  });

  it('should throw an instance of InvalidDateError and of Error', () => {
    expect(() => parseIsoDate('nope')).toThrow(InvalidDateError);
    expect(() => parseIsoDate('nope')).toThrow(Error);
  });

  it('should refuse a non-string smuggled in at runtime', () => {
    expect(() => parseIsoDate(20230228 as unknown as string)).toThrow(InvalidDateError);
  });
});

describe('isIsoDate', () => {
  it('should be true for a valid date', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
  });

  it.each([['2023-02-29'], ['2023-2-3'], [''], [null], [undefined], [20240229], [new Date(0)], [{}]])(
    'should be false for %p',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );
});

describe('toDayNumber / fromDayNumber', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-01-01', 10957],
    ['2024-02-29', 19782],
    ['1900-01-01', -25567],
    ['2999-12-31', 376199],
  ])('should map %s to day %i and back', (date, dayNumber) => {
    expect(toDayNumber(date)).toBe(dayNumber);
    expect(fromDayNumber(dayNumber)).toBe(date);
  });

  it('should agree with a UTC oracle on every day from 1900-01-01 to 2999-12-31', () => {
    const first = toDayNumber('1900-01-01');
    const last = toDayNumber('2999-12-31');
    const mismatches: string[] = [];
    for (let n = first; n <= last; n += 1) {
      const expected = new Date(n * 86_400_000).toISOString().slice(0, 10);
      const actual = fromDayNumber(n);
      if (actual !== expected || toDayNumber(actual) !== n) {
        mismatches.push(`${n}: ${actual} vs ${expected}`);
      }
    }
    expect(last - first + 1).toBe(401767);
    expect(mismatches).toEqual([]);
  });

  it('should refuse a day number before 1900', () => {
    expect(() => fromDayNumber(-25568)).toThrow(InvalidDateError);
  });

  it('should refuse a day number after 2999', () => {
    expect(() => fromDayNumber(376200)).toThrow(InvalidDateError);
  });

  it('should refuse a fractional day number', () => {
    expect(() => fromDayNumber(1.5)).toThrow(RangeError);
  });

  it('should refuse an invalid date string', () => {
    expect(() => toDayNumber('2023-02-31')).toThrow(InvalidDateError);
  });
});

describe('addDays', () => {
  it.each([
    ['2023-01-31', 1, '2023-02-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2023-03-01', -1, '2023-02-28'],
    ['2024-01-01', 365, '2024-12-31'],
    ['2023-01-01', 365, '2024-01-01'],
    ['2024-01-31', 70, '2024-04-10'],
    ['2024-01-31', 90, '2024-04-30'],
    ['2024-05-10', 0, '2024-05-10'],
  ])('should give %s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('should refuse a fractional number of days', () => {
    expect(() => addDays('2024-01-01', 0.5)).toThrow(RangeError);
  });

  it('should refuse to leave the supported years', () => {
    expect(() => addDays('2999-12-31', 1)).toThrow(InvalidDateError);
  });
});

describe('addMonths (Regulation (EEC) 1182/71)', () => {
  it.each([
    ['2025-08-31', -6, '2025-02-28'],
    ['2024-08-31', -6, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2023-03-31', 1, '2023-04-30'],
    ['2023-05-31', -1, '2023-04-30'],
    ['2023-08-31', -7, '2023-01-31'],
    ['2024-08-31', -7, '2024-01-31'],
    ['2023-02-28', 1, '2023-03-28'],
    ['2023-01-15', 0, '2023-01-15'],
  ])('should give %s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-12-15', 1, '2025-01-15'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2025-01-31', -13, '2023-12-31'],
    ['2023-11-30', 25, '2025-12-30'],
    ['2023-07-31', 7, '2024-02-29'],
    ['2023-07-31', -19, '2021-12-31'],
  ])('should cross years: %s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('should not be reversible at month ends (31 Jan + 1 month − 1 month = 28 Jan)', () => {
    expect(addMonths(addMonths('2023-01-31', 1), -1)).toBe('2023-01-28');
  });

  it('should refuse a fractional number of months', () => {
    expect(() => addMonths('2024-01-31', 1.5)).toThrow(RangeError);
  });

  it('should refuse to leave the supported years', () => {
    expect(() => addMonths('1900-01-31', -1)).toThrow(InvalidDateError);
  });
});

describe('addYears', () => {
  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-02-29', -4, '2020-02-29'],
    ['2024-02-29', -1, '2023-02-28'],
    ['2096-02-29', 4, '2100-02-28'],
    ['1996-02-29', 4, '2000-02-29'],
    ['2023-02-20', 1, '2024-02-20'],
    ['2019-12-25', 5, '2024-12-25'],
  ])('should give %s + %i years = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2024-01-01', '2025-01-01', 366],
    ['2023-01-01', '2024-01-01', 365],
    ['2100-01-01', '2101-01-01', 365],
    ['2000-01-01', '2001-01-01', 366],
    ['2025-01-01', '2024-01-01', -366],
    ['2024-02-29', '2024-02-29', 0],
    ['2024-02-28', '2024-03-01', 2],
  ])('should count %s → %s as %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe('dayOfWeek / isWeekend', () => {
  it.each([
    ['1900-01-01', 1],
    ['1970-01-01', 4],
    ['2000-01-01', 6],
    ['2024-02-29', 4],
    ['2025-03-30', 0],
    ['2025-10-26', 0],
    ['2023-08-20', 0],
    ['2024-08-31', 6],
    ['2999-12-31', 2],
  ])('should give %s weekday %i (0 = Sunday)', (date, weekday) => {
    expect(dayOfWeek(date)).toBe(weekday);
  });

  it.each([
    ['2025-03-07', false],
    ['2025-03-08', true],
    ['2025-03-09', true],
    ['2025-03-10', false],
  ])('should say %s is weekend: %p', (date, expected) => {
    expect(isWeekend(date)).toBe(expected);
  });
});

describe('compareDates / minDate / maxDate', () => {
  it('should order dates', () => {
    expect(compareDates('2024-02-28', '2024-02-29')).toBe(-1);
    expect(compareDates('2024-02-29', '2024-02-29')).toBe(0);
    expect(compareDates('2025-01-01', '2024-12-31')).toBe(1);
  });

  it('should sort dates chronologically when used as a comparator', () => {
    expect(['2025-01-01', '1999-12-31', '2024-02-29'].sort(compareDates)).toEqual(['1999-12-31', '2024-02-29', '2025-01-01']);
  });

  it('should pick the earliest and latest date', () => {
    expect(minDate('2024-03-01', '2024-02-29', '2025-01-01')).toBe('2024-02-29');
    expect(maxDate('2024-03-01', '2024-02-29', '2025-01-01')).toBe('2025-01-01');
  });

  it('should return a single date unchanged', () => {
    expect(minDate('2024-03-01')).toBe('2024-03-01');
    expect(maxDate('2024-03-01')).toBe('2024-03-01');
  });

  it('should refuse an invalid date among the candidates', () => {
    expect(() => minDate('2024-03-01', '2023-02-31')).toThrow(InvalidDateError);
  });
});

describe('working days', () => {
  it('should treat a closure day as a non-working day', () => {
    expect(isWorkingDay('2025-04-18', EASTER_2025)).toBe(false);
    expect(isWorkingDay('2025-04-17', EASTER_2025)).toBe(true);
  });

  it('should find the next working day after a Friday across the weekend', () => {
    expect(nextWorkingDay('2025-03-07', NO_CLOSURES)).toBe('2025-03-10');
  });

  it('should find the previous working day before a Monday across the weekend', () => {
    expect(previousWorkingDay('2025-03-10', NO_CLOSURES)).toBe('2025-03-07');
  });

  it('should skip closure days and weekends together when looking back', () => {
    expect(previousWorkingDay('2025-04-22', EASTER_2025)).toBe('2025-04-17');
  });

  it('should add 1 working day from a Friday to the Monday', () => {
    expect(addWorkingDays('2025-03-07', 1, NO_CLOSURES)).toBe('2025-03-10');
  });

  it('should add 5 working days across a weekend', () => {
    expect(addWorkingDays('2025-03-06', 5, NO_CLOSURES)).toBe('2025-03-13');
  });

  it('should add 1 working day from a Saturday to the Monday', () => {
    expect(addWorkingDays('2025-03-08', 1, NO_CLOSURES)).toBe('2025-03-10');
  });

  it('should skip closure days (Good Friday and Easter Monday 2025)', () => {
    expect(addWorkingDays('2025-04-16', 3, EASTER_2025)).toBe('2025-04-23');
  });

  it('should count the same days as working days when there are no closures', () => {
    expect(addWorkingDays('2025-04-16', 3, NO_CLOSURES)).toBe('2025-04-21');
  });

  it('should return the date itself for 0 working days, even on a weekend', () => {
    expect(addWorkingDays('2025-03-08', 0, NO_CLOSURES)).toBe('2025-03-08');
  });

  it('should refuse a negative number of working days', () => {
    expect(() => addWorkingDays('2025-03-08', -1, NO_CLOSURES)).toThrow(RangeError);
  });

  it('should refuse an invalid start date', () => {
    expect(() => addWorkingDays('2025-02-29', 1, NO_CLOSURES)).toThrow(InvalidDateError);
  });
});

describe('todayIn', () => {
  it.each([
    ['2025-03-29T23:30:00Z', 'Europe/Amsterdam', '2025-03-30'],
    ['2025-03-29T23:30:00Z', 'UTC', '2025-03-29'],
    ['2025-10-25T22:30:00Z', 'Europe/Amsterdam', '2025-10-26'],
    ['2025-10-25T21:59:59Z', 'Europe/Amsterdam', '2025-10-25'],
    ['2024-12-31T23:00:00Z', 'Europe/Amsterdam', '2025-01-01'],
    ['2024-12-31T22:59:59Z', 'Europe/Amsterdam', '2024-12-31'],
    ['2024-02-29T12:00:00Z', 'Pacific/Kiritimati', '2024-03-01'],
    ['2024-03-01T05:00:00Z', 'America/Los_Angeles', '2024-02-29'],
  ])('should turn the instant %s into the calendar date in %s', (instant, zone, expected) => {
    expect(todayIn(zone, new Date(instant))).toBe(expected);
  });

  it('should refuse an unknown time zone', () => {
    expect(() => todayIn('Mars/Olympus_Mons', new Date('2025-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('time-zone independence', () => {
  const RealDate = Date;

  afterEach(() => {
    globalThis.Date = RealDate;
    jest.restoreAllMocks();
  });

  /** Arithmetic across the 2025 EU (30 Mar, 26 Oct) and US (9 Mar, 2 Nov) DST changes. */
  function dstArithmetic(): unknown[] {
    return [
      addDays('2025-03-29', 1),
      addDays('2025-03-30', 1),
      daysBetween('2025-03-29', '2025-03-31'),
      addDays('2025-10-25', 2),
      daysBetween('2025-10-26', '2025-10-27'),
      addDays('2025-03-08', 2),
      addDays('2025-11-01', 2),
      addMonths('2025-02-28', 1),
      addMonths('2025-09-26', 1),
      addMonths('2025-04-30', -1),
      dayOfWeek('2025-03-30'),
      dayOfWeek('2025-10-26'),
      addWorkingDays('2025-03-28', 1, NO_CLOSURES),
      addWorkingDays('2025-10-24', 1, NO_CLOSURES),
      toDayNumber('2025-03-30'),
    ];
  }

  const expected = [
    '2025-03-30',
    '2025-03-31',
    2,
    '2025-10-27',
    1,
    '2025-03-10',
    '2025-11-03',
    '2025-03-28',
    '2025-10-26',
    '2025-03-30',
    0,
    0,
    '2025-03-31',
    '2025-10-27',
    20177,
  ];

  it('should give exact results across the DST change dates', () => {
    expect(dstArithmetic()).toEqual(expected);
  });

  it('should never read process.env.TZ', () => {
    const reads: PropertyKey[] = [];
    const watchedEnv = new Proxy(process.env, {
      get(target, key) {
        reads.push(key);
        return Reflect.get(target, key) as unknown;
      },
    });
    jest.replaceProperty(process, 'env', watchedEnv);
    dstArithmetic();
    todayIn('Europe/Amsterdam', new RealDate('2025-03-29T23:30:00Z'));
    expect(reads).not.toContain('TZ');
  });

  it('should not touch Date at all (so the server time zone cannot shift a result)', () => {
    globalThis.Date = function forbiddenDate(): never {
      throw new Error('calendar arithmetic must not use Date');
    } as unknown as DateConstructor;
    expect(dstArithmetic()).toEqual(expected);
  });
});
