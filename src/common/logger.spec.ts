import pino from 'pino';
import { Writable } from 'node:stream';
import { PinoNestLogger, REDACTED_PATHS } from './logger';

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

describe('Nest start-up logs', () => {
  function capture(level: string): { lines: string[]; logger: PinoNestLogger } {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    return { lines, logger: new PinoNestLogger(pino({ level }, sink)) };
  }

  it('should log route mapping and module loading at debug, and everything else at info', () => {
    const info = capture('info');
    info.logger.log('Mapped {/api/products, GET} route', 'RouterExplorer');
    info.logger.log('AuthModule dependencies initialized', 'InstanceLoader');
    info.logger.log('reminder scan scheduled', 'ReminderWorkers');
    expect(info.lines).toHaveLength(1);
    expect(info.lines[0]).toContain('reminder scan scheduled');
    const debug = capture('debug');
    debug.logger.log('Mapped {/api/products, GET} route', 'RouterExplorer');
    expect(debug.lines).toHaveLength(1);
  });
});
