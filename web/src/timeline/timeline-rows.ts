import type { Deadline } from '../deadlines/deadlines-api';
import type { ProductDetail, ProductSummary } from '../products/products-api';
import type { IsoDate } from '../dates/calendar-date';
import { nonWorkingDay, renewalSpan, urgencyOf, type NonWorkingDay, type TimelineWindow, type Urgency } from './timeline-layout';

/** A deadline as the timeline shows it: where, how urgent, and whether its due date is a working day. */
export interface TimelineMarker {
  deadline: Deadline;
  urgency: Urgency;
  nonWorkingDay: NonWorkingDay | null;
}

/** A renewal window (opens → application due → expiry) that reaches into the timeline. */
export interface TimelineRenewal {
  cycle: number;
  opens: IsoDate | null;
  due: IsoDate;
  expiry: IsoDate;
  milestoneId: string | null;
  span: { start: number; end: number; due: number };
}

export interface TimelineRow {
  product: Pick<ProductSummary, 'id' | 'name'>;
  markers: TimelineMarker[];
  renewals: TimelineRenewal[];
}

export function renewalsOf(detail: ProductDetail | undefined, range: TimelineWindow): TimelineRenewal[] {
  return (detail?.renewals ?? []).flatMap((r) => {
    const opens = r.windowOpens?.date ?? null;
    const span = renewalSpan(range, opens, r.applicationDue.date, r.expiry.date);
    return span === null ? [] : [{ cycle: r.cycle, opens, due: r.applicationDue.date, expiry: r.expiry.date, milestoneId: r.milestoneId, span }];
  });
}

/** One row per product, in the products' order, with its deadlines (by due date) and renewal windows. */
export function timelineRows(
  products: readonly Pick<ProductSummary, 'id' | 'name'>[],
  deadlines: readonly Deadline[],
  details: ReadonlyMap<string, ProductDetail>,
  closures: ReadonlyMap<IsoDate, string>,
  range: TimelineWindow,
): TimelineRow[] {
  return products.map((product) => ({
    product,
    markers: deadlines
      .filter((d) => d.productId === product.id)
      .map((deadline) => ({ deadline, urgency: urgencyOf(deadline.dueDate, range.from), nonWorkingDay: nonWorkingDay(deadline.dueDate, closures) })),
    renewals: renewalsOf(details.get(product.id), range),
  }));
}
