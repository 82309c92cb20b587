import { ConflictError, InvalidInputError } from '../common/errors';

export function dueDateLocked(status: string): ConflictError {
  return new ConflictError('DUE_DATE_LOCKED', `the due date of a ${status} milestone cannot change; only planned or in-progress milestones can be re-dated`, { status });
}

export function outcomeBeforeSubmission(status: string): ConflictError {
  return new ConflictError('OUTCOME_BEFORE_SUBMISSION', `an assessment outcome can be recorded only for a submitted milestone (this one is ${status})`, { status });
}

export function submissionInFuture(submittedOn: string, today: string): InvalidInputError {
  return InvalidInputError.field('submittedOn', `${submittedOn} is after today (${today}); record a submission once it is made`);
}
