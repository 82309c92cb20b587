import { describe, expect, it } from '@jest/globals';
import { addDays, addMonths, dayNumber, daysBetween, dueLabel, formatDate, fromDayNumber, isIsoDate, parseIsoDate, relativeLabel, weekday } from './calendar-date';

describe('calendar dates in the browser (pure Y-M-D arithmetic)', () => {
  it('should number 1970-01-01 as day 0 and round-trip every day across leap years and centuries', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2);
    expect(dayNumber('1900-03-01') - dayNumber('1900-02-28')).toBe(1);
    for (let n = dayNumber('1899-12-25'); n <= dayNumber('2101-01-05'); n += 1) {
      expect(dayNumber(fromDayNumber(n))).toBe(n);
    }
  });

  it('should agree with UTC day counts for dates before and after the epoch', () => {
    for (const date of ['1969-12-31', '1601-01-01', '2024-02-29', '2026-11-21', '2400-12-31']) {
      expect(dayNumber(date)).toBe(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
    }
  });

  it('should count calendar days across a month end, a leap day and a year end', () => {
    expect(daysBetween('2026-11-21', '2026-12-01')).toBe(10);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2027-01-01', '2026-12-31')).toBe(-1);
  });

  it('should add days and months, clamping to the end of a shorter month', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2024-08-31', -6)).toBe('2024-02-29');
    expect(addMonths('2026-11-21', -12)).toBe('2025-11-21');
    expect(addMonths('2026-01-15', 13)).toBe('2027-02-15');
  });

  it('should name the weekday', () => {
    expect(weekday('1970-01-01')).toBe('Thu');
    expect(weekday('2026-11-21')).toBe('Sat');
    expect(weekday('2026-11-23')).toBe('Mon');
    expect(weekday('1969-12-28')).toBe('Sun');
    expect(formatDate('2026-11-23')).toBe('Mon 2026-11-23');
  });

  it('should say how far a deadline is from today, in days', () => {
    expect(dueLabel('2026-11-21', '2026-11-21')).toBe('due today');
    expect(dueLabel('2026-11-22', '2026-11-21')).toBe('in 1 day');
    expect(dueLabel('2026-12-01', '2026-11-21')).toBe('in 10 days');
    expect(dueLabel('2026-11-20', '2026-11-21')).toBe('1 day overdue');
    expect(dueLabel('2025-11-21', '2026-11-21')).toBe('365 days overdue');
    expect(relativeLabel('2026-11-19', '2026-11-21')).toBe('2 days ago');
    expect(relativeLabel('2026-11-21', '2026-11-21')).toBe('today');
  });

  it('should refuse what is not a calendar date', () => {
    expect(() => parseIsoDate('2026-02-29')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-13-01')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-1-01')).toThrow(RangeError);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-11-21T00:00:00Z')).toBe(false);
  });
});
