import 'reflect-metadata';
import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidInputError } from '../src/common/errors';
import { HttpErrorFilter } from '../src/common/http-error.filter';
import { startedStream, streamedFile } from '../src/common/started-stream';

/** Chunks of a file; `failAt` throws instead of yielding that chunk (0: before anything). */
async function* chunks(failAt: number): AsyncGenerator<string> {
  for (let i = 0; i < 3; i += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    if (i === failAt) {
      throw i === 0 ? InvalidInputError.field('entityType', 'the database refused it') : new Error('connection lost midway');
    }
    yield `line ${i}\n`;
  }
}

@Controller('files')
class FilesController {
  @Get('whole')
  async whole() {
    return streamedFile(await startedStream(chunks(-1)), { type: 'text/csv', disposition: 'attachment; filename="x.csv"' });
  }

  @Get('early')
  async early() {
    return streamedFile(await startedStream(chunks(0)), { type: 'text/csv', disposition: 'attachment; filename="x.csv"' });
  }

  @Get('midway')
  async midway() {
    return streamedFile(await startedStream(chunks(2)), { type: 'text/csv', disposition: 'attachment; filename="x.csv"' });
  }
}

@Module({ controllers: [FilesController] })
class FilesModule {}

interface Received {
  status: number;
  type: string | undefined;
  text: string;
  complete: boolean;
}

/** A plain HTTP client: what a curl or a browser would see, including a response cut short. */
function fetchRaw(port: number, path: string): Promise<Received> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', () => undefined);
      response.on('close', () => resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], text, complete: response.complete }));
    }).on('error', reject);
  });
}

/** A streamed file fails visibly: an error body before it starts, a cut connection (no clean end) after. */
describe('streamed files', () => {
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    app = await NestFactory.create(FilesModule, { logger: false });
    app.useGlobalFilters(new HttpErrorFilter());
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer() as { address(): AddressInfo }).address().port;
  });

  afterAll(async () => {
    await app.close();
  });

  it('should send the whole file and end it cleanly', async () => {
    expect(await fetchRaw(port, '/files/whole')).toEqual({ status: 200, type: 'text/csv', text: 'line 0\nline 1\nline 2\n', complete: true });
  });

  it('should answer a failure before the first chunk as the error, with its status and field, not as a file', async () => {
    const received = await fetchRaw(port, '/files/early');
    expect(received).toMatchObject({ status: 422, type: 'application/json; charset=utf-8', complete: true });
    expect(JSON.parse(received.text)).toMatchObject({ code: 'INVALID_INPUT', errors: [{ field: 'entityType' }] });
  });

  it('should cut the connection on a failure midway, so the client sees an incomplete response', async () => {
    const received = await fetchRaw(port, '/files/midway');
    expect(received).toMatchObject({ status: 200, type: 'text/csv', complete: false });
    expect(received.text).toBe('line 0\nline 1\n');
  });
});
