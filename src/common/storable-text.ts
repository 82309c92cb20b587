import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { FieldProblem } from './errors';

/**
 * Text PostgreSQL cannot store: the NUL character (refused in `text` and in JSONB as `\u0000`) and UTF-16
 * surrogates that are not part of a pair (they cannot be written as UTF-8, so JSON holding them is invalid
 * in a `jsonb` column or an audit row). Returns what is wrong, or null when the text can be stored.
 */
export function unstorableTextProblem(text: string): string | null {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit === 0) {
      return 'must not contain the NUL character (\\u0000)';
    }
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
      return 'must not contain an unpaired UTF-16 surrogate';
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      return 'must not contain an unpaired UTF-16 surrogate';
    }
  }
  return null;
}

/** How deep the walk goes; the JSON body parser already refuses deeper bodies (request-body.ts). */
const MAX_WALK_DEPTH = 80;

/**
 * Every string in `value` (object keys too) that cannot be stored, with the path of its field in the same
 * notation as validation errors (`content.reactions[0].term`). Depth-bounded and iterative per level, so a
 * hostile value costs one pass.
 */
export function findUnstorableText(value: unknown, path = '', depth = 0): FieldProblem[] {
  if (typeof value === 'string') {
    const problem = unstorableTextProblem(value);
    return problem === null ? [] : [{ field: path === '' ? 'value' : path, problem }];
  }
  if (typeof value !== 'object' || value === null || depth > MAX_WALK_DEPTH) {
    return [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown, index) => findUnstorableText(item, `${path}[${index}]`, depth + 1));
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
    const field = path === '' ? key : `${path}.${key}`;
    const keyProblem = unstorableTextProblem(key);
    if (keyProblem !== null) {
      return [{ field: path === '' ? 'body' : path, problem: `a field name ${keyProblem}` }];
    }
    return findUnstorableText(item, field, depth + 1);
  });
}

/**
 * The first global pipe: refuses body, query and path values holding text PostgreSQL cannot store with a 400
 * naming the field, before validation and long before a query or an audit row would fail with a 500.
 */
@Injectable()
export class StorableTextPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') {
      return value;
    }
    // A whole body or query object is walked from its fields; a single @Param('id') or @Query('x') is named by itself.
    const problems = findUnstorableText(value, metadata.data ?? '');
    if (problems.length > 0) {
      throw new BadRequestException({ code: 'VALIDATION_FAILED', message: problems.map((p) => `${p.field}: ${p.problem}`).join('; '), errors: problems });
    }
    return value;
  }
}
