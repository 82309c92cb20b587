import { DueDateChange } from './due-date-change.entity';
import type { DueDateChangeResponse, MilestoneResponse } from './dto/milestone.response';
import { Milestone } from './milestone.entity';
import { allowedTransitions, daysLeft, isOverdue } from './milestone-workflow';

export function toMilestoneResponse(m: Milestone, today: string): MilestoneResponse {
  return {
    id: m.id,
    productId: m.productId,
    authorisationId: m.authorisationId,
    obligationId: m.obligationId,
    procedureId: m.procedureId,
    kind: m.kind,
    title: m.title,
    cycle: m.cycle,
    dueDate: m.dueDate,
    why: { basis: m.basis, ruleId: m.ruleId, source: m.ruleSource, explanation: m.ruleExplanation },
    status: m.status,
    allowedTransitions: allowedTransitions(m.status),
    overdue: isOverdue(m, today),
    daysLeft: m.status === 'planned' || m.status === 'in-progress' ? daysLeft(m.dueDate, today) : null,
    submission: m.submittedOn === null ? null : { submittedOn: m.submittedOn, onTime: m.submittedOnTime, reference: m.submissionRef, ectdType: m.ectdType },
    outcome: m.outcome === null ? null : { outcome: m.outcome, decidedOn: m.outcomeOn, procedureRef: m.outcomeProcedureRef },
    cancelReason: m.cancelReason,
    owner: m.owner,
    illustrative: m.illustrative,
  };
}

export function toDueDateChangeResponse(c: DueDateChange): DueDateChangeResponse {
  return {
    from: c.fromDate,
    to: c.toDate,
    source: c.changeSource,
    procedureRef: c.procedureRef,
    reason: c.reason,
    changedBy: c.changedBy,
    changedAt: c.changedAt.toISOString(),
    recordedOn: c.recordedOn,
  };
}
