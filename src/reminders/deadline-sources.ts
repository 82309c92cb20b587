import { Injectable } from '@nestjs/common';
import { type DeadlineSource, milestoneDeadlines } from './deadline-source';

/**
 * The deadline sources reminders scan: milestones, built in, and those the features register when their
 * module is created (`sources.register(caseClockDeadlines)` in SafetyCasesModule, the emerging-safety-issue
 * clock in SignalsModule). Reminders depends on no feature; a feature that wants its deadlines reminded imports
 * RemindersModule and registers. Nest has no multi-providers: this one provider collects them.
 */
@Injectable()
export class DeadlineSources {
  private readonly sources: DeadlineSource[] = [milestoneDeadlines];

  register(source: DeadlineSource): void {
    if (this.sources.some((known) => known.type === source.type)) {
      throw new Error(`a deadline source of type ${source.type} is already registered`);
    }
    this.sources.push(source);
  }

  /** Every registered source, built-in first, then in the order they were registered. */
  all(): readonly DeadlineSource[] {
    return this.sources;
  }
}
