/**
 * Disproportionality of one product–event pair in a report database (pharmacovigilance §6), from its 2×2
 * table: a = reports with the product and the event, b = the product without the event, c = the event
 * without the product, d = neither. PRR and ROR with 95% intervals, Pearson's χ² with and without Yates's
 * correction, and the information component IC with its 95% credibility interval (Norén's shrinkage,
 * gamma quantiles). Pure functions. A ratio that is infinite or undefined is null, with a note saying why
 * (JSON has no infinity; no stand-in value such as 99999 is invented).
 */
import { jStat } from 'jstat';

export interface TwoByTwo {
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface RatioWithInterval {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

export interface Disproportionality extends TwoByTwo {
  n: number;
  /** Expected count of a under independence: (a+b)(a+c)/N. */
  expected: number;
  prr: RatioWithInterval;
  ror: RatioWithInterval;
  chiSquared: number | null;
  chiSquaredYates: number | null;
  ic: number;
  ic025: number;
  ic975: number;
  /** Why a figure is null (infinite or undefined). */
  notes: string[];
}

export const Z_95 = 1.959963984540054;

export class TableInputError extends Error {
  readonly code = 'INVALID_2X2_INPUT';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

function check(table: TwoByTwo): void {
  for (const field of ['a', 'b', 'c', 'd'] as const) {
    const value = table[field];
    if (!(Number.isSafeInteger(value) && value >= 0)) {
      throw new TableInputError(field, `must be a whole number of reports, 0 or more (got ${value})`);
    }
  }
  if (table.a + table.b + table.c + table.d === 0) {
    throw new TableInputError('a', 'the table is empty: at least one report is needed');
  }
}

function interval(value: number, standardError: number, z: number): RatioWithInterval {
  return { value, lower: Math.exp(Math.log(value) - z * standardError), upper: Math.exp(Math.log(value) + z * standardError) };
}

const NONE: RatioWithInterval = { value: null, lower: null, upper: null };

/** PRR = [a/(a+b)] / [c/(c+d)]; CI exp(ln PRR ± z·√(1/a − 1/(a+b) + 1/c − 1/(c+d))). */
export function prr({ a, b, c, d }: TwoByTwo, notes: string[] = [], z = Z_95): RatioWithInterval {
  if (a + b === 0 || c + d === 0) {
    notes.push(`PRR undefined: ${a + b === 0 ? 'no report of the product' : 'every report is of the product'}`);
    return NONE;
  }
  if (c === 0) {
    notes.push(a === 0 ? 'PRR undefined: 0/0 (the event is in no report)' : 'PRR infinite: the event is reported with no other product (c = 0)');
    return NONE;
  }
  if (a === 0) {
    notes.push('PRR interval undefined: a = 0');
    return { value: 0, lower: null, upper: null };
  }
  return interval(a / (a + b) / (c / (c + d)), Math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d)), z);
}

/** ROR = ad/bc; CI exp(ln ROR ± z·√(1/a + 1/b + 1/c + 1/d)). */
export function ror({ a, b, c, d }: TwoByTwo, notes: string[] = [], z = Z_95): RatioWithInterval {
  if (b === 0 || c === 0) {
    notes.push(a === 0 || d === 0 ? `ROR undefined: 0/0 (${b === 0 ? 'b' : 'c'} = 0 and ${a === 0 ? 'a' : 'd'} = 0)` : `ROR infinite: ${b === 0 ? 'b' : 'c'} = 0`);
    return NONE;
  }
  if (a === 0 || d === 0) {
    notes.push(`ROR interval undefined: ${a === 0 ? 'a' : 'd'} = 0`);
    return { value: 0, lower: null, upper: null };
  }
  return interval((a * d) / (b * c), Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d), z);
}

/**
 * Pearson's χ² of the 2×2 table, N(ad − bc)² / ((a+b)(c+d)(a+c)(b+d)); with Yates's correction the
 * difference is reduced by N/2 (not below 0). Null when a margin is 0 (no test possible).
 */
export function chiSquared({ a, b, c, d }: TwoByTwo, yates: boolean): number | null {
  const n = a + b + c + d;
  const margins = (a + b) * (c + d) * (a + c) * (b + d);
  if (margins === 0) {
    return null;
  }
  const difference = Math.abs(a * d - b * c);
  const corrected = yates ? Math.max(0, difference - n / 2) : difference;
  // Divide step by step: the products overflow safe integers on a large database, the quotient does not.
  return (((n * corrected) / (a + b)) * (corrected / (c + d))) / ((a + c) * (b + d));
}

/**
 * The 2.5% and 97.5% quantiles of Gamma(shape, scale 1), by shape. The gamma is a scale family (a quantile at
 * scale s is s times the one at scale 1, which is how jStat computes it too) and a run's shapes are a + 0.5
 * for a few thousand distinct counts a: a run over 650,000 pairs inverts the incomplete gamma a few thousand
 * times instead of 1.3 million.
 */
const standardQuantiles = new Map<number, readonly [number, number]>();

function gammaQuantiles(shape: number): readonly [number, number] {
  let quantiles = standardQuantiles.get(shape);
  if (quantiles === undefined) {
    quantiles = [jStat.gamma.inv(0.025, shape, 1), jStat.gamma.inv(0.975, shape, 1)];
    if (standardQuantiles.size < 100_000) {
      standardQuantiles.set(shape, quantiles);
    }
  }
  return quantiles;
}

/** IC = log2((a + 0.5)/(E + 0.5)); IC025/IC975 = log2 of the 2.5%/97.5% quantiles of Gamma(a + 0.5, rate E + 0.5). */
export function informationComponent(a: number, expected: number): { ic: number; ic025: number; ic975: number } {
  const shape = a + 0.5;
  const scale = 1 / (expected + 0.5);
  const [q025, q975] = gammaQuantiles(shape);
  return {
    ic: Math.log2(shape * scale),
    ic025: Math.log2(q025 * scale),
    ic975: Math.log2(q975 * scale),
  };
}

export function disproportionality(table: TwoByTwo): Disproportionality {
  check(table);
  const { a, b, c, d } = table;
  const n = a + b + c + d;
  const expected = ((a + b) * (a + c)) / n;
  const notes: string[] = [];
  const prrValue = prr(table, notes);
  const rorValue = ror(table, notes);
  const chi = chiSquared(table, false);
  if (chi === null) {
    notes.push('χ² undefined: a row or column of the table is empty');
  }
  return { a, b, c, d, n, expected, prr: prrValue, ror: rorValue, chiSquared: chi, chiSquaredYates: chiSquared(table, true), ...informationComponent(a, expected), notes };
}
