import { ConflictError, InvalidInputError } from '../common/errors';

export function productNameTaken(name: string): ConflictError {
  return new ConflictError('PRODUCT_EXISTS', `a product named "${name}" already exists`, { name });
}

export function expirySourceMissing(): InvalidInputError {
  return InvalidInputError.field('recordedExpirySource', 'is required with recordedExpiry (the Commission decision or Union Register entry it comes from)');
}
