/**
 * Disproportionality of one product–event pair in a report database (pharmacovigilance §6), from its 2×2
 * table: a = reports with the product and the event, b = the product without the event, c = the event
 * without the product, d = neither. PRR and ROR with 95% intervals, Pearson's χ² with and without Yates's
 * correction, and the information component IC with its 95% credibility interval (Norén's shrinkage,
 * gamma quantiles). Pure functions.
 *
 * Zero cells: a ratio whose denominator is 0 (and numerator not) is infinite — JSON has no infinity, so its
 * value is null with `infinite: true`, and a point-estimate rule (PRR ≥ 2) counts it as met; 0/0 is undefined
 * (null, not infinite). Woolf's interval is undefined with a zero cell (not infinite): when any cell is 0 the
 * 95% intervals are computed on the table with the Haldane–Anscombe correction (0.5 added to every cell) and
 * the figures say so (`zeroCellCorrection`). No stand-in value such as 99999 is invented.
 */
import { jStat } from 'jstat';

export interface TwoByTwo {
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface RatioWithInterval {
  /** The ratio on the table as counted; null when it is infinite or undefined (0/0). */
  value: number | null;
  /** The ratio is infinite: its denominator is 0 and its numerator is not (JSON has no infinity). */
  infinite: boolean;
  /** 95% interval (Woolf's log method); on the corrected table when the figures name a zero-cell correction. */
  lower: number | null;
  upper: number | null;
}

/** The zero-cell corrections the intervals may be computed with. */
export const ZERO_CELL_CORRECTIONS = ['haldane-anscombe'] as const;
export type ZeroCellCorrection = (typeof ZERO_CELL_CORRECTIONS)[number];

export const ZERO_CELL_CORRECTION_TEXT: Readonly<Record<ZeroCellCorrection, string>> = {
  'haldane-anscombe':
    'Haldane–Anscombe: a cell of the 2×2 table is 0, so 0.5 was added to every cell and the PRR and ROR 95% intervals computed on that table (Woolf); the point estimates are those of the table as counted',
};

export interface Disproportionality extends TwoByTwo {
  n: number;
  /** Expected count of a under independence: (a+b)(a+c)/N. */
  expected: number;
  prr: RatioWithInterval;
  ror: RatioWithInterval;
  /** The correction the PRR and ROR intervals were computed with (a cell is 0), or null (none needed). */
  zeroCellCorrection: ZeroCellCorrection | null;
  chiSquared: number | null;
  chiSquaredYates: number | null;
  ic: number;
  ic025: number;
  ic975: number;
  /** Why a figure is null or infinite, and which correction an interval used. */
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

/** Woolf's interval around ln(ratio) with the given standard error; null bounds when the ratio is 0 or not finite. */
function woolf(ratio: number, standardError: number, z: number): { lower: number | null; upper: number | null } {
  if (!(ratio > 0 && Number.isFinite(ratio) && Number.isFinite(standardError))) {
    return { lower: null, upper: null };
  }
  return { lower: Math.exp(Math.log(ratio) - z * standardError), upper: Math.exp(Math.log(ratio) + z * standardError) };
}

/** A table with a zero cell gets its intervals computed on this one. */
function haldaneAnscombe({ a, b, c, d }: TwoByTwo): TwoByTwo {
  return { a: a + 0.5, b: b + 0.5, c: c + 0.5, d: d + 0.5 };
}

function hasZeroCell({ a, b, c, d }: TwoByTwo): boolean {
  return a === 0 || b === 0 || c === 0 || d === 0;
}

/** A whole row or column of the table is 0: no interval, corrected or not, says anything about the pair. */
function emptyMargin({ a, b, c, d }: TwoByTwo): boolean {
  return a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0;
}

/** The table the intervals are computed on: as counted, or corrected when a cell is 0; null when none can be. */
function intervalTable(table: TwoByTwo): TwoByTwo | null {
  if (emptyMargin(table)) {
    return null;
  }
  return hasZeroCell(table) ? haldaneAnscombe(table) : table;
}

/** numerator / denominator, with x/0 infinite (x > 0) and 0/0 undefined. */
function ratio(numerator: number, denominator: number): { value: number | null; infinite: boolean } {
  if (denominator === 0) {
    return { value: null, infinite: numerator > 0 };
  }
  return { value: numerator / denominator, infinite: false };
}

function prrPoint({ a, b, c, d }: TwoByTwo): number {
  return a / (a + b) / (c / (c + d));
}

function prrStandardError({ a, b, c, d }: TwoByTwo): number {
  return Math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d));
}

/**
 * PRR = [a/(a+b)] / [c/(c+d)]; CI exp(ln PRR ± z·√(1/a − 1/(a+b) + 1/c − 1/(c+d))), on the Haldane–Anscombe
 * corrected table when a cell is 0. Infinite when c = 0 < a.
 */
export function prr(table: TwoByTwo, notes: string[] = [], z = Z_95): RatioWithInterval {
  const { a, b, c, d } = table;
  if (a > 0 && b > 0 && c > 0 && d > 0) {
    // No zero cell (nearly every pair of a run): Woolf's interval on the table as counted.
    const value = a / (a + b) / (c / (c + d));
    const spread = z * Math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d));
    return { value, infinite: false, lower: value * Math.exp(-spread), upper: value * Math.exp(spread) };
  }
  if (a + b === 0 || c + d === 0) {
    notes.push(`PRR undefined: ${a + b === 0 ? 'no report of the product' : 'every report is of the product'}`);
    return { value: null, infinite: false, lower: null, upper: null };
  }
  const point = ratio(a * (c + d), c * (a + b));
  if (point.infinite) {
    notes.push('PRR infinite: the event is reported with no other product (c = 0)');
  } else if (point.value === null) {
    notes.push('PRR undefined: 0/0 (the event is in no report)');
  }
  const corrected = intervalTable(table);
  const bounds = corrected === null ? { lower: null, upper: null } : woolf(prrPoint(corrected), prrStandardError(corrected), z);
  if (corrected === null && point.value !== null) {
    notes.push('PRR interval undefined: the table has an empty row or column');
  }
  return { value: point.infinite ? null : point.value === null ? null : prrPoint(table), infinite: point.infinite, ...bounds };
}

/** ROR = ad/bc; CI exp(ln ROR ± z·√(1/a + 1/b + 1/c + 1/d)), on the Haldane–Anscombe corrected table when a cell is 0. */
export function ror(table: TwoByTwo, notes: string[] = [], z = Z_95): RatioWithInterval {
  const { a, b, c, d } = table;
  if (a > 0 && b > 0 && c > 0 && d > 0) {
    const value = (a * d) / (b * c);
    const spread = z * Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
    return { value, infinite: false, lower: value * Math.exp(-spread), upper: value * Math.exp(spread) };
  }
  const point = ratio(a * d, b * c);
  if (point.infinite) {
    notes.push(`ROR infinite: ${b === 0 ? 'b' : 'c'} = 0`);
  } else if (point.value === null) {
    notes.push(`ROR undefined: 0/0 (${b === 0 ? 'b' : 'c'} = 0 and ${a === 0 ? 'a' : 'd'} = 0)`);
  }
  const corrected = intervalTable(table);
  if (corrected === null) {
    if (point.value !== null) {
      notes.push('ROR interval undefined: the table has an empty row or column');
    }
    return { ...point, lower: null, upper: null };
  }
  const bounds = woolf((corrected.a * corrected.d) / (corrected.b * corrected.c), Math.sqrt(1 / corrected.a + 1 / corrected.b + 1 / corrected.c + 1 / corrected.d), z);
  return { value: point.value, infinite: point.infinite, ...bounds };
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

/** Every figure of one pair's 2×2 table. */
export function disproportionality(table: TwoByTwo): Disproportionality {
  check(table);
  const { a, b, c, d } = table;
  const n = a + b + c + d;
  const expected = ((a + b) * (a + c)) / n;
  const notes: string[] = [];
  const prrValue = prr(table, notes);
  const rorValue = ror(table, notes);
  const zeroCellCorrection: ZeroCellCorrection | null = hasZeroCell(table) && !emptyMargin(table) ? 'haldane-anscombe' : null;
  if (zeroCellCorrection !== null) {
    const zeros = (['a', 'b', 'c', 'd'] as const).filter((cell) => table[cell] === 0).map((cell) => `${cell} = 0`);
    notes.push(`PRR and ROR intervals with the Haldane–Anscombe correction (0.5 added to every cell: ${zeros.join(', ')})`);
  }
  const chi = chiSquared(table, false);
  if (chi === null) {
    notes.push('χ² undefined: a row or column of the table is empty');
  }
  return { a, b, c, d, n, expected, prr: prrValue, ror: rorValue, zeroCellCorrection, chiSquared: chi, chiSquaredYates: chiSquared(table, true), ...informationComponent(a, expected), notes };
}
