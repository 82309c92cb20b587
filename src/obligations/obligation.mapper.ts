import type { ObligationChangeResponse } from './dto/obligation-change.response';
import { Milestone } from '../milestones/milestone.entity';
import { toMilestoneResponse } from '../milestones/milestone.mapper';
import type { ObligationChange } from './obligation-change.entity';
import type { ObligationResponse } from './dto/obligation.response';
import { Obligation } from './obligation.entity';

export function toObligationResponse(o: Obligation, milestones: Milestone[], today: string): ObligationResponse {
  return {
    id: o.id,
    productId: o.productId,
    reference: o.reference,
    category: o.category,
    studyType: o.studyType,
    description: o.description,
    studyIds: o.studyIds,
    owner: o.owner,
    status: o.status,
    illustrative: o.illustrative,
    milestones: milestones.filter((m) => m.obligationId === o.id).map((m) => toMilestoneResponse(m, today)),
  };
}

export function toObligationChangeResponse(c: ObligationChange): ObligationChangeResponse {
  return {
    id: c.id,
    obligationId: c.obligationId,
    milestoneId: c.milestoneId,
    field: c.field,
    from: c.fromValue,
    to: c.toValue,
    changeSource: c.changeSource,
    procedureRef: c.procedureRef,
    reason: c.reason,
    changedBy: c.changedBy,
    changedAt: c.changedAt.toISOString(),
    recordedOn: c.recordedOn,
    effectiveOn: c.effectiveOn,
  };
}
