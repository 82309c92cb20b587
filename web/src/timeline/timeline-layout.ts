import { addMonths, daysBetween, parseIsoDate, weekday, type IsoDate } from '../dates/calendar-date';

/**
 * The timeline's geometry and flags as pure functions over calendar-date strings (never a JavaScript
 * Date): the 12-month window from the server's today, its month columns, where a date sits on the track,
 * and whether a due date falls on a weekend or a closure day.
 */
export const TIMELINE_MONTHS = 12;
/** "Due soon": due within this many days of today (the dashboard's figure). */
export const DUE_SOON_DAYS = 30;

export interface TimelineWindow {
  from: IsoDate;
  to: IsoDate;
  /** GET /api/deadlines' `withinDays` that reaches `to`. */
  withinDays: number;
}

export function timelineWindow(today: IsoDate): TimelineWindow {
  const to = addMonths(today, TIMELINE_MONTHS);
  return { from: today, to, withinDays: daysBetween(today, to) };
}

/** Where a date sits on the track, as a fraction 0…1 of the window (clamped). */
export function position(window: TimelineWindow, date: IsoDate): number {
  const span = daysBetween(window.from, window.to);
  return Math.min(1, Math.max(0, daysBetween(window.from, date) / span));
}

/** A month column narrower than this share of the track (about two weeks) shows no label. */
const MIN_LABELLED_SHARE = 0.04;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export interface MonthColumn {
  /** "Dec 2026". */
  name: string;
  /** What the column header shows: "Dec"; the year too in January and in the first labelled column ("Jan 2027"); none when too narrow. */
  label: string;
  /** The part of the month inside the window, as fractions of the track. */
  start: number;
  end: number;
}

/** The months the window crosses (the first and last ones partly), each with its share of the track. */
export function monthColumns(window: TimelineWindow): MonthColumn[] {
  const columns: MonthColumn[] = [];
  let { year, month } = parseIsoDate(window.from);
  for (;;) {
    const first = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
    if (daysBetween(window.to, first) > 0) {
      return columns;
    }
    const next = addMonths(first, 1);
    const short = MONTH_NAMES[month - 1] ?? '';
    const start = position(window, first);
    const end = position(window, next);
    const label = end - start < MIN_LABELLED_SHARE ? '' : month === 1 || columns.every((c) => c.label === '') ? `${short} ${year}` : short;
    columns.push({ name: `${short} ${year}`, label, start, end });
    ({ year, month } = parseIsoDate(next));
  }
}

export type Urgency = 'overdue' | 'due-soon' | 'later';

export function urgencyOf(dueDate: IsoDate, today: IsoDate): Urgency {
  const days = daysBetween(today, dueDate);
  return days < 0 ? 'overdue' : days <= DUE_SOON_DAYS ? 'due-soon' : 'later';
}

export const URGENCY_LABELS: Record<Urgency, string> = { overdue: 'Overdue', 'due-soon': `Due within ${DUE_SOON_DAYS} days`, later: 'Later' };

export interface NonWorkingDay {
  reason: 'weekend' | 'closure';
  /** "Saturday", "Closure: EMA Christmas closure". */
  text: string;
}

/** A due date on a Saturday, a Sunday or a day the regulator is closed (GET /api/closure-days). */
export function nonWorkingDay(date: IsoDate, closures: ReadonlyMap<IsoDate, string>): NonWorkingDay | null {
  const closure = closures.get(date);
  if (closure !== undefined) {
    return { reason: 'closure', text: `Closure day: ${closure}` };
  }
  const day = weekday(date);
  return day === 'Sat' ? { reason: 'weekend', text: 'Saturday' } : day === 'Sun' ? { reason: 'weekend', text: 'Sunday' } : null;
}

/** A renewal window as drawn: from when it opens (or the application due date) to the expiry, clipped to the window; null when outside it. */
export function renewalSpan(window: TimelineWindow, opens: IsoDate | null, due: IsoDate, expiry: IsoDate): { start: number; end: number; due: number } | null {
  const first = opens ?? due;
  if (daysBetween(window.to, first) > 0 || daysBetween(expiry, window.from) > 0) {
    return null;
  }
  return { start: position(window, first), end: position(window, expiry), due: position(window, due) };
}

