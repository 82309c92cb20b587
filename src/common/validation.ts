import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, isUUID, Max, Min, registerDecorator, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';
import { isIsoDate } from './calendar-date';
import { FieldProblem } from './errors';

/**
 * Flattens class-validator's tree into `field.path: problem` pairs. A null sent for a field that may not be null
 * gets that one problem, not also every type and length check the null fails.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const own = oneProblem(error).map((problem) => ({ field, problem: stripFieldName(problem, error.property) }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Checks of what a value is: when one fails, the checks of its length or range say nothing more. */
const TYPE_CHECKS = ['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'isIn', 'isEnum', 'isUuid', 'isCalendarDate', 'isDateString', 'nestedValidation'];

/**
 * One problem per field: a missing value is "required" (not also "must be a string; should not be empty; must be
 * shorter than…"), a null where null is refused is that, a value of the wrong kind says so; otherwise every check
 * it fails (they then name different problems).
 */
function oneProblem(error: ValidationError): string[] {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints);
  if (names.length === 0) {
    return [];
  }
  const notNull = constraints[NOT_NULL];
  if (notNull !== undefined) {
    return [notNull];
  }
  if (error.value === undefined) {
    return ['is required'];
  }
  const type = TYPE_CHECKS.find((name) => constraints[name] !== undefined);
  return type === undefined ? Object.values(constraints) : [constraints[type] ?? ''];
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

const NOT_NULL = 'isNotNull';

/**
 * An optional field that may be left out but not sent as `null`: class-validator's @IsOptional skips every check
 * for null too, which lets null reach a NOT NULL column (a 500) or silently mean "left out". Use it instead of
 * @IsOptional on every field where null means nothing; the 400 says "must not be null" once.
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    ValidateIf((_object: object, value: unknown) => value !== undefined)(target, propertyName);
    registerDecorator({
      name: NOT_NULL,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must not be null (leave the field out instead)' },
      validator: { validate: (value: unknown) => value !== null },
    });
  };
}

/**
 * The dates the API takes: every date it records (receipt, day 0, submissions, decisions, due dates, data lock
 * points, onsets) falls in this range. A date outside is a typo (0202 for 2020) or a probe, refused with the range
 * named, long before it could overflow a date sum or sort a case to the top of a list for ever.
 */
export const PLAUSIBLE_DATES = { from: '1950-01-01', to: '2100-12-31' } as const;

/** A value written YYYY-MM-DD whose year is out of the plausible range (0202-02-02): the range is the news. */
function outsidePlausibleYears(value: unknown): boolean {
  const year = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? Number(value.slice(0, 4)) : null;
  return year !== null && (year < Number(PLAUSIBLE_DATES.from.slice(0, 4)) || year > Number(PLAUSIBLE_DATES.to.slice(0, 4)));
}

/** A `YYYY-MM-DD` value that exists on the calendar (2023-02-31 is refused, never rolled over) and is plausible. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args: ValidationArguments) =>
          isIsoDate(args.value) || outsidePlausibleYears(args.value)
            ? `must be a date from ${PLAUSIBLE_DATES.from} to ${PLAUSIBLE_DATES.to}`
            : 'must be an existing calendar date written YYYY-MM-DD',
        ...options,
      },
      // ISO dates of the same length compare as text.
      validator: { validate: (value: unknown) => isIsoDate(value) && value >= PLAUSIBLE_DATES.from && value <= PLAUSIBLE_DATES.to },
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
