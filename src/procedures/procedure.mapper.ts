import { toMilestoneResponse } from '../milestones/milestone.mapper';
import type { ClockStopResponse, ProcedureResponse } from './dto/procedure.response';
import { ClockStopView, ProcedureView } from './procedures.service';

export function toClockStopResponse(c: ClockStopView, today: string): ClockStopResponse {
  return {
    id: c.stop.id,
    kind: c.stop.kind,
    stoppedOn: c.stop.stoppedOn,
    responsesDueOn: c.stop.responsesDueOn,
    restartedOn: c.stop.restartedOn,
    open: c.open,
    days: c.days,
    responseMilestone: toMilestoneResponse(c.responseMilestone, today),
  };
}

export function toProcedureResponse(view: ProcedureView, today: string): ProcedureResponse {
  const { procedure: p } = view;
  return {
    id: p.id,
    productId: p.productId,
    number: p.number,
    type: p.type,
    title: p.title,
    state: view.state,
    timetable: {
      submittedOn: p.submittedOn,
      startedOn: p.startedOn,
      opinionOn: p.opinionOn,
      opinionOutcome: p.opinionOutcome,
      commissionDecisionOn: p.commissionDecisionOn,
    },
    clockStopDays: view.clockStopDays,
    clockStops: view.clockStops.map((c) => toClockStopResponse(c, today)),
    assessedMilestones: view.assessedMilestones.map((m) => ({ id: m.id, title: m.title, kind: m.kind, dueDate: m.dueDate, status: m.status, submittedOn: m.submittedOn })),
  };
}
