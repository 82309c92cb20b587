import { InvalidDateError, type IsoDate, parseIsoDate } from '../common/calendar-date';
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

/** Commander argParser: a `YYYY-MM-DD` date that exists, or a UsageError naming the option. */
export function dateOption(flag: string): (value: string) => IsoDate {
  return (value) => {
    try {
      return parseIsoDate(value);
    } catch (error) {
      if (error instanceof InvalidDateError) {
        throw new UsageError(`${flag}: ${error.message}`);
      }
      throw error;
    }
  };
}

/**
 * Commander argParser: a whole number in [min, max] written as digits only ("6", not "6.0", "+6" or "abc").
 * Any number of digits is read; a value above 2^53 − 1 (or `max`) is refused, never rounded.
 */
export function integerOption(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new UsageError(`${flag}: "${value}" is not a whole number from ${min} to ${max}`);
    }
    return parsed;
  };
}

/** Commander argParser: one of a fixed list of words, or a UsageError naming the option and the choices. */
export function choiceOption<T extends string>(flag: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    const found = choices.find((choice) => choice === value);
    if (found === undefined) {
      throw new UsageError(`${flag}: "${value}" is not one of ${choices.join(', ')}`);
    }
    return found;
  };
}
