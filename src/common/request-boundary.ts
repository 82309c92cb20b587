import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { Observable } from 'rxjs';
import { DomainError } from './errors';
import { unstorableTextProblem } from './storable-text';

/** The metadata key @nestjs/swagger's @ApiConsumes writes (its constants are not exported). */
const API_CONSUMES = 'swagger/apiConsumes';

/** A path that cannot be read: a percent-escape that is not UTF-8, or text PostgreSQL cannot store. */
export class MalformedPathError extends DomainError {
  readonly code = 'MALFORMED_PATH';
  readonly status = 400;
  constructor(problem: string) {
    super(`path: ${problem}`, { errors: [{ field: 'path', problem }] });
  }
}

/** A request body in a media type the route does not read. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
  readonly status = 415;
  constructor(contentType: string, accepted: readonly string[]) {
    const problem = `must be sent as ${accepted.join(' or ')}, not ${contentType === '' ? 'without a Content-Type' : contentType}`;
    super(`body: ${problem}`, { errors: [{ field: 'body', problem }] });
  }
}

/** What is wrong with a request path, or null: every segment must percent-decode to storable text. */
export function malformedPathProblem(path: string): string | null {
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `"${segment.slice(0, 60)}" is not a valid percent-encoded UTF-8 segment`;
    }
    const problem = unstorableTextProblem(decoded);
    if (problem !== null) {
      return `a segment ${problem}`;
    }
  }
  return null;
}

/**
 * Express middleware, first in line: a path that cannot be decoded or stored is refused with 400
 * MALFORMED_PATH before routing (otherwise the router's decoding error or PostgreSQL's would answer 500).
 */
export function refuseMalformedPaths() {
  return (request: Request, _response: Response, next: NextFunction): void => {
    const problem = malformedPathProblem(request.path);
    next(problem === null ? undefined : new MalformedPathError(problem));
  };
}

/** True when the request carries a body (a positive Content-Length or a chunked transfer). */
function carriesBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

function mediaType(contentType: string | undefined): string {
  return ((contentType ?? '').split(';')[0] ?? '').trim().toLowerCase();
}

function accepts(accepted: readonly string[], type: string): boolean {
  return accepted.some((candidate) => candidate === type || (candidate === 'application/json' && /^application\/[a-z0-9.+-]*\+json$/.test(type)));
}

/**
 * A body sent to a route in a media type it does not read answers 415 naming `body` (without this, a JSON route
 * sent `text/plain` sees no body at all and answers as if nothing was sent). A route reads JSON unless it says
 * otherwise with `@ApiConsumes` (uploads: `multipart/form-data`).
 */
@Injectable()
export class MediaTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      if (carriesBody(request)) {
        const accepted = this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES, [context.getHandler(), context.getClass()]) ?? ['application/json'];
        const type = mediaType(request.headers['content-type']);
        if (!accepts(accepted, type)) {
          throw new UnsupportedMediaTypeError(type, accepted);
        }
      }
    }
    return next.handle();
  }
}
