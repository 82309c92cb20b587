/**
 * Calendar dates as `YYYY-MM-DD` strings. All arithmetic goes through an integer day number
 * (days since 1970-01-01, proleptic Gregorian), so no result depends on the server's time zone.
 * `todayIn` is the only place where an instant becomes a calendar date.
 */

/** A validated `YYYY-MM-DD` calendar date string (produce one with `parseIsoDate`). */
export type IsoDate = string;

export class InvalidDateError extends Error {
  readonly code = 'INVALID_DATE';

  constructor(
    readonly value: string,
    readonly problem: string,
  ) {
    super(`"${value}" is not a calendar date (${problem})`);
    this.name = 'InvalidDateError';
  }
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2999;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function format({ year, month, day }: CivilDate): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function checkCivil(value: string, { year, month, day }: CivilDate): void {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new InvalidDateError(value, `year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  if (month < 1 || month > 12) {
    throw new InvalidDateError(value, 'month must be 01 to 12');
  }
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) {
    throw new InvalidDateError(value, `${MONTH_NAMES[month - 1]} ${year} has ${lastDay} days`);
  }
}

function toCivil(value: string): CivilDate {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) {
    throw new InvalidDateError(value, 'expected the form YYYY-MM-DD');
  }
  const civil = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  checkCivil(value, civil);
  return civil;
}

function requireInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be an integer, got ${value}`);
  }
}

/** Validates a `YYYY-MM-DD` string; impossible dates (2023-02-31) are refused, never rolled over. */
export function parseIsoDate(value: string): IsoDate {
  if (typeof value !== 'string') {
    throw new InvalidDateError(String(value), 'expected a string of the form YYYY-MM-DD');
  }
  return format(toCivil(value));
}

/** True when `value` is a valid `YYYY-MM-DD` calendar date string. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') {
    return false;
  }
  try {
    toCivil(value);
    return true;
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 (days-from-civil algorithm, H. Hinnant); no Date object involved. */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = toCivil(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of `toDayNumber` (civil-from-days); refuses results outside the supported years. */
export function fromDayNumber(dayNumber: number): IsoDate {
  requireInteger('dayNumber', dayNumber);
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const civil = { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
  checkCivil(`day number ${dayNumber}`, civil);
  return format(civil);
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  requireInteger('days', days);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Reg (EEC) 1182/71 month arithmetic: same day-of-month, or the month's last day when it does not exist. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  requireInteger('months', months);
  const { year, month, day } = toCivil(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const civil = { year: targetYear, month: targetMonth, day: 0 };
  checkCivil(`${date} + ${months} months`, { ...civil, day: 1 });
  return format({ ...civil, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** `addMonths(date, 12 * years)`: 2024-02-29 + 1 year = 2025-02-28. */
export function addYears(date: IsoDate, years: number): IsoDate {
  requireInteger('years', years);
  return addMonths(date, 12 * years);
}

/** `to − from` in calendar days. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** True on Saturday and Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

/** Negative when a < b, 0 when equal, positive when a > b (usable as a sort comparator). */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** The earliest of the given dates. */
export function minDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((min, date) => (compareDates(date, min) < 0 ? date : min), parseIsoDate(first));
}

/** The latest of the given dates. */
export function maxDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((max, date) => (compareDates(date, max) > 0 ? date : max), parseIsoDate(first));
}

/** Neither a weekend nor one of the closure days (rule book §9). */
export function isWorkingDay(date: IsoDate, closures: ReadonlySet<IsoDate>): boolean {
  return !isWeekend(date) && !closures.has(date);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate, closures: ReadonlySet<IsoDate>): IsoDate {
  let candidate = addDays(date, 1);
  while (!isWorkingDay(candidate, closures)) {
    candidate = addDays(candidate, 1);
  }
  return candidate;
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: IsoDate, closures: ReadonlySet<IsoDate>): IsoDate {
  let candidate = addDays(date, -1);
  while (!isWorkingDay(candidate, closures)) {
    candidate = addDays(candidate, -1);
  }
  return candidate;
}

/** `date` plus `workingDays` working days, skipping Saturdays, Sundays and closure days (rule book §9). */
export function addWorkingDays(date: IsoDate, workingDays: number, closures: ReadonlySet<IsoDate>): IsoDate {
  requireInteger('workingDays', workingDays);
  if (workingDays < 0) {
    throw new RangeError(`workingDays must be 0 or more, got ${workingDays}`);
  }
  let result = parseIsoDate(date);
  for (let counted = 0; counted < workingDays; counted += 1) {
    result = nextWorkingDay(result, closures);
  }
  return result;
}

/** The calendar date at instant `now` in `timeZone` (the regulator's zone is Europe/Amsterdam). */
export function todayIn(timeZone: string, now: Date): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return parseIsoDate(`${part('year')}-${part('month')}-${part('day')}`);
}
