import ical from 'ical-generator';
import { DeadlineRow } from './deadlines.service';

/** An iCalendar feed of deadlines: one all-day event per due date, with the rule and source in the text. */
export function toICalendar(rows: DeadlineRow[], name: string, stamp: Date): string {
  const calendar = ical({ name, prodId: { company: 'cma-tracker', product: 'deadlines', language: 'EN' } });
  for (const { milestone: m, productName, obligationReference } of rows) {
    calendar.createEvent({
      id: `${m.id}-${m.dueDate}@cma-tracker`,
      start: m.dueDate,
      allDay: true,
      stamp,
      summary: `${productName}: ${m.title}${obligationReference === null ? '' : ` (${obligationReference})`}`,
      description: [`Due ${m.dueDate} — ${m.status}`, `Why: ${m.ruleId} — ${m.ruleExplanation}`, `Source: ${m.ruleSource}`, m.illustrative ? 'Illustrative date — confirm against the Union Register / Annex II' : '']
        .filter((line) => line !== '')
        .join('\n'),
    });
  }
  return calendar.toString();
}
