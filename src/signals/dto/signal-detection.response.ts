import { ZERO_CELL_CORRECTIONS, type ZeroCellCorrection } from '../disproportionality';
import { REVIEW_REASONS, type ReviewReason } from '../run-results';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ApiInstant } from '../../common/api-properties';
import { SIGNAL_DATABASES, type SignalDatabase } from '../disproportionality-counts';
import type { DisproportionalityRunView, PairRow } from '../disproportionality-runs.service';
import type { RatioWithInterval } from '../disproportionality';
import type { Hyperparameters } from '../ebgm';
import type { EbgmSummary } from '../run-results';

export class ScreeningPresetResponse {
  @ApiProperty({ example: 'evans' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'the rule in words' })
  rule!: string;

  @ApiProperty()
  source!: string;

  @ApiProperty({ description: 'false when the run lacks figures the rule needs (EBGM)' })
  applied!: boolean;
}

export class HyperparametersResponse implements Hyperparameters {
  @ApiProperty()
  alpha1!: number;

  @ApiProperty()
  beta1!: number;

  @ApiProperty()
  alpha2!: number;

  @ApiProperty()
  beta2!: number;

  @ApiProperty({ description: 'weight of the first component' })
  p!: number;
}

/** A prior given with a run request: the hyperparameters and their stated source. */
export class GivenPriorResponse extends HyperparametersResponse {
  @ApiProperty()
  source!: string;
}

export class RunParametersResponse {
  @ApiProperty({ type: [String], description: 'drug roles counted' })
  roles!: string[];

  @ApiProperty({ type: 'integer', description: 'smallest a (reports with product and event) kept' })
  minCount!: number;

  @ApiProperty({ enum: ['reports'] })
  unit!: 'reports';

  @ApiProperty({ description: 'how events are named (which MedDRA coding), in words' })
  meddra!: string;

  @ApiProperty({ type: [ScreeningPresetResponse] })
  presets!: ScreeningPresetResponse[];

  @ApiPropertyOptional({ type: GivenPriorResponse, description: 'EBGM hyperparameters given with the request instead of fitted' })
  prior?: GivenPriorResponse;
}

/** The prior fitted for EBGM. */
export class EbgmPriorResponse {
  @ApiProperty({ enum: [true] })
  applied!: true;

  @ApiPropertyOptional({ enum: ['fitted'], description: 'fitted by maximum likelihood over the run’s pairs (older runs lack the field)' })
  obtained?: 'fitted';

  @ApiProperty({ type: HyperparametersResponse })
  theta!: HyperparametersResponse;

  @ApiProperty()
  negLogLikelihood!: number;

  @ApiProperty({ description: 'within openEBGM’s bounds (α, β < 100)' })
  withinOpenEbgmBounds!: boolean;

  @ApiProperty({ type: 'integer' })
  pairs!: number;

  @ApiProperty({ type: 'integer' })
  squashedPoints!: number;

  @ApiProperty({ type: 'integer' })
  truncatedAt!: number;

  @ApiProperty()
  method!: string;

  @ApiProperty()
  fitMs!: number;

  @ApiProperty()
  scoreMs!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'the prior was reused from this run' })
  fromRun?: string;
}

/** A prior given with the run (to reproduce a published or a regulator's prior), not fitted. */
export class EbgmGivenPriorResponse {
  @ApiProperty({ enum: [true] })
  applied!: true;

  @ApiProperty({ enum: ['given'] })
  obtained!: 'given';

  @ApiProperty({ type: HyperparametersResponse })
  theta!: HyperparametersResponse;

  @ApiProperty({ description: 'where the hyperparameters come from, as the requester stated it' })
  source!: string;

  @ApiProperty()
  method!: string;

  @ApiProperty({ type: 'integer' })
  pairs!: number;

  @ApiProperty()
  scoreMs!: number;

  @ApiPropertyOptional({ format: 'uuid' })
  fromRun?: string;
}

/** Why a run has no EBGM. */
export class EbgmNotAppliedResponse {
  @ApiProperty({ enum: [false] })
  applied!: false;

  @ApiProperty()
  reason!: string;
}

export class RunPhasesResponse {
  @ApiProperty()
  countMs!: number;

  @ApiProperty()
  pairsMs!: number;

  @ApiPropertyOptional()
  ebgmMs?: number;

  @ApiProperty()
  writeMs!: number;
}

@ApiExtraModels(EbgmPriorResponse, EbgmGivenPriorResponse, EbgmNotAppliedResponse)
export class RunTotalsResponse {
  @ApiProperty({ type: 'integer' })
  reports!: number;

  @ApiProperty({ type: 'integer' })
  pairs!: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'pairs each preset flags, by preset id' })
  hits!: Record<string, number>;

  @ApiPropertyOptional({
    oneOf: [{ $ref: getSchemaPath(EbgmPriorResponse) }, { $ref: getSchemaPath(EbgmGivenPriorResponse) }, { $ref: getSchemaPath(EbgmNotAppliedResponse) }],
    description: 'the prior fitted for EBGM, or why there is none (older runs lack it)',
  })
  ebgm?: EbgmSummary;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' }, description: 'pairs listed for case-by-case review, per reason (older runs lack it)' })
  review?: Record<string, number>;

  @ApiProperty()
  durationMs!: number;

  @ApiProperty({ type: RunPhasesResponse })
  phases!: RunPhasesResponse;

  @ApiPropertyOptional({ format: 'uuid' })
  fromRun?: string;
}

/** A disproportionality run over one database: parameters, totals and the presets applied. */
export class DisproportionalityRunResponse implements DisproportionalityRunView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: SIGNAL_DATABASES })
  database!: SignalDatabase;

  @ApiProperty({ type: String, nullable: true, description: 'one product, or null for every pair' })
  product!: string | null;

  @ApiProperty({ type: RunParametersResponse })
  parameters!: RunParametersResponse;

  @ApiProperty({ type: RunTotalsResponse, nullable: true, description: 'null while running' })
  totals!: RunTotalsResponse | null;

  @ApiProperty({ enum: ['running', 'done', 'failed'] })
  status!: 'running' | 'done' | 'failed';

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty({ enum: ['request', 'job'] })
  trigger!: 'request' | 'job';

  @ApiProperty()
  requestedBy!: string;

  @ApiInstant()
  startedAt!: Date;

  @ApiInstant({ nullable: true })
  finishedAt!: Date | null;
}

export class ReviewResponse {
  @ApiProperty({ enum: REVIEW_REASONS })
  reason!: ReviewReason;

  @ApiProperty()
  explanation!: string;
}

export class RatioWithIntervalResponse implements RatioWithInterval {
  @ApiProperty({ type: Number, nullable: true, description: 'null when infinite or undefined (see notes)' })
  value!: number | null;

  @ApiProperty({ description: 'the ratio is infinite: its denominator is 0 and its numerator is not (JSON has no infinity)' })
  infinite!: boolean;

  @ApiProperty({ type: Number, nullable: true })
  lower!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  upper!: number | null;
}

/** A product–event pair: 2×2 table, PRR, ROR, χ², IC, EBGM and the presets it hits. */
export class PairResponse implements PairRow {
  @ApiProperty()
  product!: string;

  @ApiProperty()
  event!: string;

  @ApiProperty({ type: 'integer', description: 'reports with the product and the event' })
  a!: number;

  @ApiProperty({ type: 'integer', description: 'the product without the event' })
  b!: number;

  @ApiProperty({ type: 'integer', description: 'the event without the product' })
  c!: number;

  @ApiProperty({ type: 'integer', description: 'neither' })
  d!: number;

  @ApiProperty({ type: 'integer' })
  n!: number;

  @ApiProperty({ description: 'expected a under independence' })
  expected!: number;

  @ApiProperty({ type: RatioWithIntervalResponse })
  prr!: RatioWithIntervalResponse;

  @ApiProperty({ type: RatioWithIntervalResponse })
  ror!: RatioWithIntervalResponse;

  @ApiProperty({ type: String, enum: ZERO_CELL_CORRECTIONS, nullable: true, description: 'the correction the intervals were computed with when a cell is 0' })
  zeroCellCorrection!: ZeroCellCorrection | null;

  @ApiProperty({ type: Number, nullable: true })
  chiSquared!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  chiSquaredYates!: number | null;

  @ApiProperty()
  ic!: number;

  @ApiProperty()
  ic025!: number;

  @ApiProperty()
  ic975!: number;

  @ApiProperty({ type: [String], description: 'why a figure is null' })
  notes!: string[];

  @ApiProperty({ type: Number, nullable: true })
  ebgm!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  eb05!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  eb95!: number | null;

  @ApiProperty({ type: [String], description: 'ids of the presets the pair meets' })
  hits!: string[];

  @ApiProperty({ type: [ReviewResponse], description: 'why the pair is listed for case-by-case review whatever its statistics say' })
  review!: ReviewResponse[];
}
