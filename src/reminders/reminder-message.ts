import { daysBetween, IsoDate } from '../common/calendar-date';
import type { DeadlineSubject } from './deadline-source';

export interface ReminderMessage {
  subject: string;
  body: string;
}

/** The words of a reminder: what is due, when, how far off (or how late), and why the reminder is late if it is. */
export function reminderMessage(subject: DeadlineSubject, step: string, sendOn: IsoDate, late: boolean, today: IsoDate): ReminderMessage {
  const product = subject.productName === null ? '' : `[${subject.productName}] `;
  const days = daysBetween(today, subject.dueDate);
  const when = days > 1 ? `due in ${days} days` : days === 1 ? 'due tomorrow' : days === 0 ? 'due today' : `OVERDUE by ${-days} day${days === -1 ? '' : 's'}`;
  const lines = [
    `${subject.title}`,
    `Due date: ${subject.dueDate} (${when}).`,
    `Deadline: ${subject.type} ${subject.kind} ${subject.id}.`,
    step.startsWith('overdue-') ? 'This deadline has passed without a submission: you are told again until it is met.' : `Reminder ${step.replace('before-', '')} days before the due date.`,
  ];
  if (late) {
    lines.push(`This reminder was due on ${sendOn} and is sent late.`);
  }
  return { subject: `${product}${subject.title} — ${when}`, body: lines.join('\n') };
}
