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

/** A clock pinned to a calendar date (`--as-of`, AS_OF): "now" is that date at 12:00 UTC. */
export class FixedClock extends Clock {
  constructor(private readonly date: IsoDate) {
    super();
  }
  today(): IsoDate {
    return this.date;
  }
  now(): Date {
    return new Date(`${this.date}T12:00:00Z`);
  }
}
