import { IsoDate, todayIn } from './calendar-date';

/** The one source of "today" and "now" in the application; nothing else reads the system time. */
export abstract class Clock {
  /** Today's calendar date in the regulator's time zone. */
  abstract today(): IsoDate;
  /** The current instant, for timestamps of records. */
  abstract now(): Date;
}

export class SystemClock extends Clock {
  constructor(private readonly timeZone: string) {
    super();
  }
  today(): IsoDate {
    return todayIn(this.timeZone, new Date());
  }
  now(): Date {
    return new Date();
  }
}

/**
 * A clock pinned to a calendar date (`--as-of`, AS_OF): "today" stays that date; "now" starts at 12:00 UTC
 * that day and runs with real time, so session expiry and lockouts still work in a pinned demo.
 */
export class FixedClock extends Clock {
  private readonly startedAt = Date.now();
  constructor(private readonly date: IsoDate) {
    super();
  }
  today(): IsoDate {
    return this.date;
  }
  now(): Date {
    return new Date(Date.parse(`${this.date}T12:00:00Z`) + (Date.now() - this.startedAt));
  }
}
