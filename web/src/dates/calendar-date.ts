/**
 * Calendar dates as the API gives them (YYYY-MM-DD), with pure Y-M-D arithmetic. A calendar date is
 * never converted through a JavaScript `Date`: `new Date('2026-03-01')` is midnight UTC, which is the
 * previous day west of Greenwich. "Today" is the server's (GET /api/auth/session), never the browser's.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function parseIsoDate(value: string): YearMonthDay {
  const match = ISO_DATE.exec(value);
  const [year, month, day] = match === null ? [NaN, NaN, NaN] : [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) {
    throw new RangeError(`"${value}" is not a YYYY-MM-DD calendar date`);
  }
  return { year, month, day };
}

export function isIsoDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 (proleptic Gregorian), by integer arithmetic only (H. Hinnant's days_from_civil). */
export function dayNumber(value: IsoDate): number {
  const { year, month, day } = parseIsoDate(value);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The calendar date of a day number (civil_from_days). */
export function fromDayNumber(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(value: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(value) + days);
}

/** Whole months later (or earlier), the day clamped to the month's end (31 August − 6 months = 28/29 February). */
export function addMonths(value: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(value);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return `${String(newYear).padStart(4, '0')}-${String(newMonth).padStart(2, '0')}-${String(Math.min(day, daysInMonth(newYear, newMonth))).padStart(2, '0')}`;
}

/** Mon…Sun. 1970-01-01 was a Thursday. */
export function weekday(value: IsoDate): (typeof WEEKDAYS)[number] {
  const index = (((dayNumber(value) + 3) % 7) + 7) % 7;
  return WEEKDAYS[index] ?? 'Mon';
}

/** "Mon 2026-11-23": the API's date as given, with its weekday. */
export function formatDate(value: IsoDate): string {
  return `${weekday(value)} ${value}`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** A deadline's distance from today: "due today", "in 3 days", "1 day overdue". */
export function dueLabel(due: IsoDate, today: IsoDate): string {
  const days = daysBetween(today, due);
  return days === 0 ? 'due today' : days > 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} overdue`;
}

/** Any date's distance from today: "today", "in 3 days", "3 days ago". */
export function relativeLabel(value: IsoDate, today: IsoDate): string {
  const days = daysBetween(today, value);
  return days === 0 ? 'today' : days > 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} ago`;
}
