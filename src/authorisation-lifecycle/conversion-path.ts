/**
 * The path of a conditional marketing authorisation to conversion into a standard one (Reg (EC) No 726/2004
 * Art 14-a: converted once its specific obligations are fulfilled): each specific obligation fulfilled or
 * outstanding, with its dates, so that regulatory affairs can plan the conversion application. Pure.
 */
import { compareDates, type IsoDate } from '../common/calendar-date';

export interface PathObligation {
  id: string;
  reference: string;
  description: string;
  status: string;
}

export interface PathMilestone {
  obligationId: string;
  title: string;
  dueDate: IsoDate;
  status: string;
  submittedOn: IsoDate | null;
  outcome: string | null;
  outcomeOn: IsoDate | null;
}

export interface ObligationOnPath {
  reference: string;
  description: string;
  status: string;
  /** Fulfilled: the day it became so (the status change, else the latest fulfilled outcome of its milestones). */
  fulfilledOn: IsoDate | null;
  outstanding: boolean;
  /** The earliest milestone still open, for an outstanding obligation. */
  nextDue: { title: string; dueDate: IsoDate; overdue: boolean } | null;
  milestones: Omit<PathMilestone, 'obligationId'>[];
}

export interface ConversionPath {
  fulfilled: number;
  outstanding: number;
  /** Every specific obligation fulfilled: a conversion can be applied for. */
  readyForConversion: boolean;
  summary: string;
  obligations: ObligationOnPath[];
}

const OPEN = new Set(['planned', 'in-progress']);

export function conversionPath(input: { obligations: readonly PathObligation[]; milestones: readonly PathMilestone[]; fulfilledOn: ReadonlyMap<string, IsoDate>; today: IsoDate }): ConversionPath {
  const obligations = input.obligations.map((o): ObligationOnPath => {
    const milestones = input.milestones.filter((m) => m.obligationId === o.id).sort((a, b) => compareDates(a.dueDate, b.dueDate) || a.title.localeCompare(b.title));
    const outstanding = o.status === 'open';
    const fulfilledByOutcome = milestones
      .filter((m) => m.outcome === 'fulfilled' && m.outcomeOn !== null)
      .map((m) => m.outcomeOn as IsoDate)
      .sort(compareDates)
      .at(-1);
    const next = milestones.find((m) => OPEN.has(m.status));
    return {
      reference: o.reference,
      description: o.description,
      status: o.status,
      fulfilledOn: o.status === 'fulfilled' ? (input.fulfilledOn.get(o.id) ?? fulfilledByOutcome ?? null) : null,
      outstanding,
      nextDue: outstanding && next !== undefined ? { title: next.title, dueDate: next.dueDate, overdue: compareDates(next.dueDate, input.today) < 0 } : null,
      milestones: milestones.map(({ obligationId: _obligationId, ...m }) => m),
    };
  });
  const outstanding = obligations.filter((o) => o.outstanding);
  const fulfilled = obligations.filter((o) => o.status === 'fulfilled').length;
  const summary =
    obligations.length === 0
      ? 'no specific obligation is recorded'
      : outstanding.length === 0
        ? `all ${obligations.length} specific obligation${obligations.length === 1 ? ' is' : 's are'} fulfilled or closed: the conversion into a standard authorisation can be applied for`
        : `${fulfilled} of ${obligations.length} specific obligations fulfilled; outstanding: ${outstanding.map((o) => (o.nextDue === null ? `${o.reference} (no open milestone)` : `${o.reference} (next: ${o.nextDue.title}, due ${o.nextDue.dueDate}${o.nextDue.overdue ? ', overdue' : ''})`)).join('; ')}`;
  return { fulfilled, outstanding: outstanding.length, readyForConversion: obligations.length > 0 && outstanding.length === 0, summary, obligations };
}
