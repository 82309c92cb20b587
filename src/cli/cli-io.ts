import { InvalidDateError } from '../common/calendar-date';
import { DomainError } from '../common/errors';

/** Thrown for bad or missing arguments: printed as a usage problem, exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

/** `--json`: exactly one JSON document on standard output. Logs go to standard error. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Maps a failure to a message on standard error and an exit code (2 usage, 1 anything else). */
export function reportFailure(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\n`);
    return 2;
  }
  if (error instanceof DomainError || error instanceof InvalidDateError) {
    process.stderr.write(`error [${error.code}]: ${error.message}\n`);
    return error instanceof InvalidDateError ? 2 : 1;
  }
  if (isCodedError(error)) {
    process.stderr.write(`error [${error.code}]: ${error.message}\n`);
    return error.code === 'INVALID_DEADLINE_INPUT' ? 2 : 1;
  }
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

function isCodedError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}
