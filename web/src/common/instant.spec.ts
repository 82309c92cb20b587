import { describe, expect, it } from '@jest/globals';
import { formatInstant } from './instant';

describe('instants from the API', () => {
  it('should write a UTC instant as its day and time, whatever the browser’s zone', () => {
    expect(formatInstant('2026-11-21T23:59:03.120Z')).toBe('2026-11-21 23:59:03 UTC');
    expect(formatInstant('2026-11-21T00:00:00Z')).toBe('2026-11-21 00:00:00 UTC');
  });

  it('should leave anything else as it came', () => {
    expect(formatInstant('2026-11-21T12:00:00+01:00')).toBe('2026-11-21T12:00:00+01:00');
  });
});
