import { ConflictError, InvalidInputError } from '../common/errors';
import { ProcedureClockStop } from './procedure-clock-stop.entity';
import { clockStopLabel } from './procedure-timetable';

export function procedureNumberTaken(number: string): ConflictError {
  return new ConflictError('PROCEDURE_EXISTS', `a procedure numbered ${number} already exists`, { number });
}

export function procedureNumberOfOtherProduct(number: string, productName: string, emaProductNumber: string): InvalidInputError {
  return InvalidInputError.field('number', `${number} is not a procedure of ${productName}: its number should start with ${emaProductNumber}/`);
}

export function clockAlreadyStopped(open: ProcedureClockStop): ConflictError {
  return new ConflictError(
    'CLOCK_ALREADY_STOPPED',
    `the clock is already stopped by the ${clockStopLabel(open.kind)} of ${open.stoppedOn}; record the restart (responses submitted) before a new clock stop`,
    { clockStopId: open.id, kind: open.kind, stoppedOn: open.stoppedOn },
  );
}

export function clockAlreadyRestarted(stop: ProcedureClockStop): ConflictError {
  return new ConflictError('CLOCK_ALREADY_RESTARTED', `the ${clockStopLabel(stop.kind)} clock stop of ${stop.stoppedOn} was already restarted on ${stop.restartedOn}`, {
    clockStopId: stop.id,
    restartedOn: stop.restartedOn,
  });
}

export function procedureConcluded(number: string, opinionOn: string): ConflictError {
  return new ConflictError('PROCEDURE_CONCLUDED', `procedure ${number} reached its opinion on ${opinionOn}; its clock can no longer stop or restart`, { number, opinionOn });
}

export function opinionWhileClockStopped(open: ProcedureClockStop): ConflictError {
  return new ConflictError(
    'CLOCK_STOPPED',
    `the clock is stopped by the ${clockStopLabel(open.kind)} of ${open.stoppedOn}: record the restart before an opinion (only a withdrawal can end a stopped procedure)`,
    { clockStopId: open.id, kind: open.kind, stoppedOn: open.stoppedOn },
  );
}

export function milestoneInOtherProcedure(milestoneId: string, procedureId: string): ConflictError {
  return new ConflictError('MILESTONE_IN_OTHER_PROCEDURE', `milestone ${milestoneId} is already assessed in procedure ${procedureId}`, { milestoneId, procedureId });
}

export function validationAnswersNeedDate(): InvalidInputError {
  return InvalidInputError.field(
    'responsesDueOn',
    'is required here: the 5-working-day default (CMA-RENEWAL-VALIDATION-ANSWERS) applies only to validation questions in the renewal of a conditional marketing authorisation',
  );
}
