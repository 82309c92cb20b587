import { describe, expect, it } from '@jest/globals';
import { toCsv } from './csv';

describe('CSV built in the browser', () => {
  it('should start with a byte order mark and end records with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });

  it('should quote commas, quotes and line breaks, and leave empty cells for null', () => {
    expect(toCsv(['t'], [['a,b'], ['say "hi"'], ['two\nlines'], [null]])).toBe('\uFEFFt\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\n\r\n');
  });

  it('should defuse text that a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(toCsv(['t'], [['=HYPERLINK("x")'], ['@SUM(A1)'], [-3]])).toBe('\uFEFFt\r\n"\'=HYPERLINK(""x"")"\r\n\'@SUM(A1)\r\n-3\r\n');
  });
});
