/**
 * Screening rules for disproportionality (pharmacovigilance §6), as data: each with its name, source and
 * thresholds, so that a flag is always shown with the rule that raised it. A hit is a statistical alert to
 * review, not a signal. Pure.
 */
import type { Disproportionality, RatioWithInterval } from './disproportionality';

export interface PairFigures extends Disproportionality {
  /** EBGM and its 5%/95% posterior quantiles, when the run computed them. */
  ebgm?: number | null;
  eb05?: number | null;
}

export interface ScreeningContext {
  /** The product is under additional monitoring (black triangle): EMA screens from a ≥ 3 instead of 5. */
  additionalMonitoring: boolean;
}

export interface ScreeningPreset {
  id: string;
  name: string;
  source: string;
  /** The rule in words, with the χ² variant where one is used. */
  rule: string;
  /** Figures the rule needs that a run may not have computed (EBGM): without them it is not applied. */
  needs: readonly ('ebgm')[];
  hit(pair: PairFigures, context: ScreeningContext): boolean;
}

function atLeast(value: number | null | undefined, threshold: number): boolean {
  return value !== null && value !== undefined && value >= threshold;
}

/** A point estimate meets "≥ threshold" when it is at least that, or infinite (a zero cell in its denominator). */
function ratioAtLeast(ratio: RatioWithInterval, threshold: number): boolean {
  return ratio.infinite || atLeast(ratio.value, threshold);
}

const EVANS_SOURCE = 'Evans SJW, Waller PC, Davis S. Use of proportional reporting ratios (PRRs) for signal generation from spontaneous adverse drug reaction reports. Pharmacoepidemiol Drug Saf 2001;10:483–6';

export const SCREENING_PRESETS: readonly ScreeningPreset[] = [
  {
    id: 'evans',
    name: 'Evans 2001 (as published)',
    source: EVANS_SOURCE,
    rule: 'PRR ≥ 2 (an infinite PRR, c = 0, meets it), Pearson’s χ² ≥ 4 without Yates’s correction, a ≥ 3',
    needs: [],
    hit: (p) => ratioAtLeast(p.prr, 2) && atLeast(p.chiSquared, 4) && p.a >= 3,
  },
  {
    id: 'evans-yates',
    name: 'Evans 2001 with Yates’s χ²',
    source: `${EVANS_SOURCE}; the criteria as its authors’ agency (UK MCA, now MHRA) applied them, with Yates’s continuity-corrected χ²`,
    rule: 'PRR ≥ 2 (an infinite PRR, c = 0, meets it), χ² with Yates’s continuity correction ≥ 4, a ≥ 3',
    needs: [],
    hit: (p) => ratioAtLeast(p.prr, 2) && atLeast(p.chiSquaredYates, 4) && p.a >= 3,
  },
  {
    id: 'ema',
    name: 'EMA (EudraVigilance)',
    source: 'EMA, Screening for adverse reactions in EudraVigilance (EMA/849944/2016)',
    rule: 'ROR lower 95% bound > 1 (Woolf; with the Haldane–Anscombe correction, 0.5 added to every cell, when a cell is 0) with a ≥ 3 for products under additional monitoring, otherwise a ≥ 5',
    needs: [],
    hit: (p, context) => p.ror.lower !== null && p.ror.lower > 1 && p.a >= (context.additionalMonitoring ? 3 : 5),
  },
  {
    id: 'who-umc',
    name: 'WHO-UMC',
    source: 'Bate A et al., Eur J Clin Pharmacol 1998;54:315–21; Norén GN et al., Stat Methods Med Res 2013 (IC with shrinkage)',
    rule: 'IC025 > 0',
    needs: [],
    hit: (p) => p.ic025 > 0,
  },
  {
    id: 'fda',
    name: 'FDA / Empirica',
    source: 'Szarfman A, Machado SG, O’Neill RT. Drug Saf 2002;25:381–92',
    rule: 'EB05 ≥ 2',
    needs: ['ebgm'],
    hit: (p) => atLeast(p.eb05, 2),
  },
  {
    id: 'mhra',
    name: 'MHRA',
    source: 'Candore G, Juhlin K, Manlik K, et al. Comparison of statistical signal detection methods within and across spontaneous reporting databases. Drug Saf 2015;38:577–87 (the thresholds the MHRA applies)',
    rule: 'EB05 ≥ 1.8, a ≥ 3, EBGM ≥ 2.5',
    needs: ['ebgm'],
    hit: (p) => atLeast(p.eb05, 1.8) && p.a >= 3 && atLeast(p.ebgm, 2.5),
  },
];

/** The presets a pair hits, among those the run can apply (a preset that needs EBGM is skipped without it). */
export function screeningHits(pair: PairFigures, context: ScreeningContext, presets: readonly ScreeningPreset[] = SCREENING_PRESETS): string[] {
  const hasEbgm = pair.ebgm !== undefined && pair.ebgm !== null;
  return presets.filter((preset) => (!preset.needs.includes('ebgm') || hasEbgm) && preset.hit(pair, context)).map((preset) => preset.id);
}
