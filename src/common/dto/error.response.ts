import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldProblem } from '../errors';
import type { ErrorBody } from '../http-error.filter';

export class FieldProblemResponse implements FieldProblem {
  @ApiProperty({ example: 'dueDate', description: 'the field at fault (a path such as `reactions[0].outcome` for nested input)' })
  field!: string;

  @ApiProperty({ example: 'must be a calendar date YYYY-MM-DD' })
  problem!: string;
}

/** The one error body of every failure (see HttpErrorFilter). */
export class ErrorResponse implements ErrorBody {
  @ApiProperty({ type: 'integer', example: 422, description: 'the HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({ example: 'INVALID_INPUT', description: 'stable code of the error (e.g. VALIDATION_FAILED, NOT_FOUND, INVALID_TRANSITION)' })
  code!: string;

  @ApiProperty({ description: 'what went wrong, in words' })
  message!: string;

  @ApiPropertyOptional({ type: [FieldProblemResponse], description: 'the fields at fault, each with its problem' })
  errors?: FieldProblem[];

  @ApiPropertyOptional({ description: 'for a 500: the id under which the error was logged' })
  errorId?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'more about the error, by code: e.g. the allowed transitions (`allowed`) of an INVALID_TRANSITION, the entity and id of a NOT_FOUND',
  })
  details?: Record<string, unknown>;
}
