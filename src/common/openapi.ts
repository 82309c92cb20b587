import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject, OperationObject, PathItemObject, ResponseObject } from '@nestjs/swagger';
import { ErrorResponse } from './dto/error.response';

const ERROR_CONTENT = { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponse) } } };

/** The error statuses every operation of a kind can answer, with what they mean here. */
const STANDARD_ERRORS: { status: string; description: string; applies: (op: OperationObject, method: string, path: string) => boolean }[] = [
  {
    status: '400',
    description: 'the request does not validate (VALIDATION_FAILED: `errors` names each field and its problem) or its body does not parse',
    applies: (op) => (op.parameters ?? []).length > 0 || op.requestBody !== undefined,
  },
  { status: '404', description: 'a record the path names does not exist, or not for you (records of products outside your scope do not exist for you)', applies: (_op, _m, path) => path.includes('{') },
  {
    status: '409',
    description: 'conflict: the change is not allowed in the record’s current state (e.g. INVALID_TRANSITION with `details.allowed`) or a record with the same unique key exists (DUPLICATE)',
    applies: (op, method) => method !== 'get' && ((op.parameters ?? []).some((p) => 'in' in p && p.in === 'path') || op.requestBody !== undefined),
  },
  {
    status: '415',
    description: 'the body is not in a media type the operation reads (UNSUPPORTED_MEDIA_TYPE: JSON unless the operation says otherwise), or its Content-Encoding is unknown',
    applies: (op) => op.requestBody !== undefined,
  },
  {
    status: '422',
    description: 'the input is well-formed but breaks a rule (INVALID_INPUT: `errors` names the fields), or names a record that does not exist',
    applies: (op) => (op.parameters ?? []).length > 0 || op.requestBody !== undefined,
  },
];

/**
 * Every error answer is the one ErrorResponse body: the statuses an operation can answer by its shape (400/422
 * with input, 404 with a path parameter, 409 for a change) are listed, those declared on the handler (401/403
 * from @Allow, 429…) get the body, and `default` covers the rest (500 with an errorId, 503).
 */
export function documentErrorResponses(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths as Record<string, PathItemObject>)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation === undefined) {
        continue;
      }
      const responses = operation.responses as Record<string, ResponseObject>;
      for (const standard of STANDARD_ERRORS) {
        if (responses[standard.status] === undefined && standard.applies(operation, method, path)) {
          responses[standard.status] = { description: standard.description };
        }
      }
      responses.default ??= { description: 'any other error (500 with an errorId to quote, 503 when a backing service does not answer)' };
      for (const [status, response] of Object.entries(responses)) {
        if ((status === 'default' || Number(status) >= 400) && response.content === undefined) {
          response.content = ERROR_CONTENT;
        }
      }
    }
  }
}

/** The OpenAPI document served at /api/docs and /api/docs-json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CMA tracker')
      .setDescription('Post-authorisation obligations and pharmacovigilance tracker for EU conditional marketing authorisations')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'POST /api/auth/login returns the token' })
      .build(),
    { extraModels: [ErrorResponse] },
  );
  documentErrorResponses(document);
  return document;
}
