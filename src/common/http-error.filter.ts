import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { InvalidDateError } from './calendar-date';
import { DomainError, FieldProblem, TooManyAttemptsError, UnauthenticatedError } from './errors';
import { bodyRefusal } from './request-body';

/** One error body for every failure: a stable code, a message, and the fields at fault. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: FieldProblem[];
  errorId?: string;
  details?: Record<string, unknown>;
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'INVALID_INPUT',
  429: 'TOO_MANY_REQUESTS',
};

/** Maps any thrown value to the error body; unknown errors become a 500 with a logged errorId. */
export function toErrorBody(error: unknown, logger: Logger): ErrorBody {
  if (error instanceof DomainError) {
    const { errors, ...details } = error.details as { errors?: FieldProblem[] };
    return { statusCode: error.status, code: error.code, message: error.message, errors, details };
  }
  if (error instanceof InvalidDateError) {
    return { statusCode: 422, code: error.code, message: error.message };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const body = typeof response === 'object' ? (response as Partial<ErrorBody>) : {};
    return {
      statusCode: status,
      code: body.code ?? HTTP_CODES[status] ?? 'HTTP_ERROR',
      message: body.message !== undefined && typeof body.message === 'string' ? body.message : error.message,
      errors: body.errors,
    };
  }
  const constraint = constraintViolation(error);
  if (constraint !== null) {
    return constraint;
  }
  const refusal = bodyRefusal(error);
  if (refusal !== null) {
    return toErrorBody(refusal, logger);
  }
  const errorId = randomUUID();
  logger.error(`unhandled error ${errorId}`, error instanceof Error ? error.stack : String(error));
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; quote the errorId when you report it', errorId };
}

/** PostgreSQL constraint codes → a 4xx: a race past a service's check must not become a 500. */
const CONSTRAINT_ERRORS: Record<string, { statusCode: number; code: string; message: string }> = {
  '23505': { statusCode: 409, code: 'DUPLICATE', message: 'a record with the same unique key already exists' },
  '23503': { statusCode: 422, code: 'REFERENCE_NOT_FOUND', message: 'the record refers to another record that does not exist' },
  '23514': { statusCode: 422, code: 'CONSTRAINT_VIOLATED', message: 'the change breaks a rule of the data' },
};

function constraintViolation(error: unknown): ErrorBody | null {
  if (!(error instanceof QueryFailedError)) {
    return null;
  }
  const driver = error.driverError as { code?: string; constraint?: string; detail?: string };
  const known = driver.code === undefined ? undefined : CONSTRAINT_ERRORS[driver.code];
  if (known === undefined) {
    return null;
  }
  return { ...known, message: `${known.message} (${driver.constraint ?? 'constraint'})`, details: { constraint: driver.constraint } };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception, this.logger);
    if (exception instanceof UnauthenticatedError) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="cma-tracker"');
    }
    if (exception instanceof TooManyAttemptsError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    // A handler may have labelled its answer already (@Header('Content-Type', 'text/calendar')): an error is JSON.
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.status(body.statusCode).json(body);
  }
}
