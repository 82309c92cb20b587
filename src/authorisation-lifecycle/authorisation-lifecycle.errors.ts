import { ConflictError, InvalidInputError } from '../common/errors';

export function authorisationEnded(product: string, endedOn: string, ending: string): ConflictError {
  return new ConflictError('AUTHORISATION_ENDED', `the authorisation of ${product} ended on ${endedOn} (${ending}): nothing more can happen to it`, { endedOn, ending });
}

export function notConditional(product: string, type: string): ConflictError {
  return new ConflictError('NOT_CONDITIONAL', `only a conditional marketing authorisation can be converted; ${product}'s is ${type}`, { type });
}

export function notFiveYear(product: string): ConflictError {
  return new ConflictError('NOT_FIVE_YEAR', `${product} has a conditional marketing authorisation, renewed every year: a five-year renewal decision does not apply (record its conversion first)`, {});
}

export function required(field: string, event: string, what: string): InvalidInputError {
  return InvalidInputError.field(field, `is required for ${event}: ${what}`);
}
