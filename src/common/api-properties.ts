import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** Response-class property helpers: how dates, instants and free-form values read in the OpenAPI document. */
interface PropertyOptions {
  description?: string;
  nullable?: boolean;
  required?: boolean;
  example?: unknown;
}

/** A calendar date as recorded, `YYYY-MM-DD` (never converted through a time zone). */
export const ApiDate = (options: PropertyOptions = {}): PropertyDecorator => ApiProperty({ type: String, format: 'date', ...options });

/** An instant, ISO 8601 in UTC (`2026-03-31T09:15:00.000Z`). */
export const ApiInstant = (options: PropertyOptions = {}): PropertyDecorator => ApiProperty({ type: String, format: 'date-time', ...options });

/** Any JSON value (free-form content such as a recorded before/after value). */
export const ApiAnyValue = (options: Omit<PropertyOptions, 'nullable'> = {}): PropertyDecorator => ApiProperty({ anyOf: [{}], ...options });

/** A JSON object whose keys the class does not list. */
export const ApiFreeObject = (options: Omit<PropertyOptions, 'required'> = {}): PropertyDecorator => ApiProperty({ type: 'object', additionalProperties: true, ...options });

/** An answer that is a file or text of another media type (CSV, iCalendar, PDF…), not JSON. */
export function ApiFileResponse(status: number, mediaTypes: readonly string[], description: string): MethodDecorator & ClassDecorator {
  const binary = (type: string): boolean => !type.startsWith('text/') && type !== 'application/xml';
  return ApiResponse({
    status,
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: binary(type) ? { type: 'string', format: 'binary' } : { type: 'string' } }])),
  });
}

/** 200 with the response class as JSON, or the same data as CSV (`?format=csv`). */
export function ApiJsonOrCsvResponse(type: new (...args: never[]) => unknown, description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description,
      content: { 'application/json': { schema: { $ref: getSchemaPath(type) } }, 'text/csv': { schema: { type: 'string' } } },
    }),
  );
}
