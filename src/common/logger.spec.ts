import pino from 'pino';
import { Writable } from 'node:stream';
import { REDACTED_PATHS } from './logger';

describe('log redaction', () => {
  it('should censor passwords, tokens and authorization headers wherever they appear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info({ password: 'hunter2-hunter2', body: { newPassword: 'secret-new-pass', token: 'cmas_abc' }, req: { headers: { authorization: 'Bearer cmas_abc' } } }, 'sign-in');
    const text = lines.join('');
    expect(text).not.toMatch(/hunter2|secret-new-pass|cmas_abc/);
    expect(text).toContain('[redacted]');
  });
});
