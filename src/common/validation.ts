import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, isUUID, Max, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate } from './calendar-date';
import { FieldProblem } from './errors';

/** Flattens class-validator's tree into `field.path: problem` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem: stripFieldName(problem, error.property) }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function stripFieldName(problem: string, property: string): string {
  return problem.startsWith(`${property} `) ? problem.slice(property.length + 1) : problem;
}

/** Rejects unknown fields, converts types, and answers 400 with every field and its problem. */
export function buildValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}

function validationFailed(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException({ code: 'VALIDATION_FAILED', message: problems.map((p) => `${p.field}: ${p.problem}`).join('; '), errors: problems });
}

/** A path parameter that must be a UUID; the 400 names the parameter, like every other validation error. */
@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value, 'all')) {
      throw validationFailed([{ field: metadata.data ?? 'id', problem: `must be a UUID, not "${value.slice(0, 60)}"` }]);
    }
    return value;
  }
}

/**
 * A path parameter that must be a whole number from 1 (a version number); the 400 names the parameter. The
 * global pipe has already turned the text into a number (NaN when it was not one).
 */
@Injectable()
export class ParsePositiveIntPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: ArgumentMetadata): number {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1 || number > 999_999_999) {
      throw validationFailed([{ field: metadata.data ?? 'number', problem: 'must be a whole number from 1' }]);
    }
    return number;
  }
}

/** A `YYYY-MM-DD` value that exists on the calendar (2023-02-31 is refused, never rolled over). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an existing calendar date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
  };
}

/** An optional `limit` query parameter: a whole number from 1 to `max`, `fallback` when left out (the service applies it). */
export function QueryLimit(fallback: number, max: number): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ default: fallback, maximum: max }), IsOptional(), Type(() => Number), IsInt(), Min(1), Max(max));
}

/** An optional boolean query parameter: `true` / `false` as text (anything else is refused, naming the field). */
export function QueryBoolean(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );
}
