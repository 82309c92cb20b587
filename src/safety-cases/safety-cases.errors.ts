import { ConflictError, InvalidInputError } from '../common/errors';

export function caseNullified(safetyReportId: string): ConflictError {
  return new ConflictError('CASE_NULLIFIED', `Case ${safetyReportId} is nullified: it takes no further versions`, { safetyReportId });
}

export function worldwideIdTaken(worldwideId: string, safetyReportId: string): ConflictError {
  return new ConflictError('WORLDWIDE_ID_TAKEN', `Worldwide case id ${worldwideId} is already case ${safetyReportId}: add a follow-up to it instead`, { field: 'worldwideId', worldwideId, safetyReportId });
}

export function followUpGoesBack(day0: string, latest: string): InvalidInputError {
  return InvalidInputError.field('day0', `${day0} is before the case's latest day 0 ${latest}: a follow-up carries the date of its own, newer information`);
}

export function receiptDateChanged(given: string, recorded: string): InvalidInputError {
  return InvalidInputError.field('initialReceiptOn', `${given} differs from the recorded initial receipt ${recorded}: a follow-up cannot move it (correct it with an amendment and a reason)`);
}

export function alreadySubmitted(version: number, recipient: string): ConflictError {
  return new ConflictError('VERSION_ALREADY_SUBMITTED', `Version ${version} was already acknowledged by ${recipient}`, { version, recipient });
}

export function linkCycle(reason: string): ConflictError {
  return new ConflictError('CASE_LINK_INVALID', reason);
}

export function caseFromEudraVigilance(safetyReportId: string): ConflictError {
  return new ConflictError('CASE_FROM_EUDRAVIGILANCE', `Case ${safetyReportId} was downloaded from EudraVigilance: it has no reporting clock and is never submitted back`, { safetyReportId });
}
