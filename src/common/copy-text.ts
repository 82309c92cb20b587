/**
 * PostgreSQL's COPY text format (tab-separated, \N for null), both ways: the FAERS import and the
 * disproportionality results go in through it, counted pairs come out through it.
 */

/** A text value: \N for null; backslash, tab, newline and carriage return escaped. */
export function copyValue(value: string | null): string {
  if (value === null) {
    return '\\N';
  }
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}

/** A number, or \N for null. */
export function copyNumber(value: number | null): string {
  return value === null ? '\\N' : String(value);
}

/** A field read back from COPY … TO STDOUT, unescaped. */
export function fromCopyText(value: string): string {
  return value.includes('\\') ? value.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c] ?? c) : value;
}
