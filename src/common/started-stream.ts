import type { Response } from 'express';
import { Logger, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { toErrorBody } from './http-error.filter';

/**
 * Runs a generator of chunks up to its first chunk before anything is answered, so that what fails on the way in
 * (a filter the database refuses, a connection that cannot be had) answers as an error with its code and status;
 * the rest streams. The generator has started, so destroying the stream (the client went away) runs its `finally`.
 */
export async function startedStream(chunks: AsyncGenerator<string>): Promise<Readable> {
  const first = await chunks.next();
  const stream = Readable.from(chunks);
  if (first.done !== true) {
    stream.unshift(first.value);
  }
  return stream;
}

const logger = new Logger('StreamedFile');

/**
 * A streamed file whose failure every client sees as one: before the headers, the error body with its status;
 * after them, the connection is destroyed without the terminating chunk (never a clean end to a partial file).
 */
export function streamedFile(stream: Readable, options: { type: string; disposition: string }): StreamableFile {
  const file = new StreamableFile(stream, options);
  file.setErrorHandler((error: Error, handlerResponse) => {
    // Nest types the response loosely (any platform); this application runs on Express.
    const response = handlerResponse as unknown as Response;
    if (response.destroyed) {
      return;
    }
    if (response.headersSent) {
      logger.error(`streamed file failed midway: ${error.message}`, error.stack);
      response.destroy(error);
      return;
    }
    const body = toErrorBody(error, logger);
    response.status(body.statusCode).setHeader('Content-Type', 'application/json; charset=utf-8').removeHeader('Content-Disposition');
    response.json(body);
  });
  return file;
}
