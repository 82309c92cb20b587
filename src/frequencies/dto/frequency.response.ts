import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiInstant } from '../../common/api-properties';
import { ProductRefResponse } from '../../products/dto/product.response';
import { ReferenceSafetyRefResponse } from '../../reference-safety/dto/reference-safety.response';
import { FREQUENCY_BANDS, type FrequencyBand } from '../../reference-safety/reference-terms';
import type { ExposureView } from '../exposure.service';
import type { CountSummary } from '../frequency-counts';
import type { RunView, RunWithResults } from '../frequency-runs.service';
import type { FrequencyFlag, Interval } from '../frequency-statistics';
import { EXPOSURE_KINDS, type ExposureFigure, type ExposureKind, type FollowUp, type FrequencyRow, RESULT_LEVELS, type ResultLevel } from '../frequency-table';

/** An exposure figure: cumulative patients on the day it was counted. */
export class ExposureFigureResponse implements ExposureFigure {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: EXPOSURE_KINDS })
  kind!: ExposureKind;

  @ApiDate()
  countedOn!: string;

  @ApiProperty({ type: 'integer', description: 'cumulative patients' })
  patients!: number;

  @ApiProperty()
  source!: string;

  @ApiProperty({ type: Number, nullable: true })
  followUpMedianMonths!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  followUpMaxMonths!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  patientYears!: number | null;
}

export class ExposureResponse extends ExposureFigureResponse implements ExposureView {
  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ description: 'patients estimated from doses distributed' })
  estimate!: boolean;

  @ApiProperty({ type: 'integer', nullable: true })
  dosesDistributed!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  dosesPerPatient!: number | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the figure this one corrects' })
  replaces!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'why it corrects it' })
  reason!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'replaced by a later correction: kept, no longer counted' })
  replacedBy!: string | null;

  @ApiProperty()
  createdBy!: string;

  @ApiInstant()
  createdAt!: Date;
}

export class SolicitedDenominatorResponse {
  @ApiProperty({ type: 'integer' })
  patients!: number;

  @ApiProperty({ type: [ExposureFigureResponse] })
  figures!: ExposureFigureResponse[];
}

export class SpontaneousDenominatorResponse {
  @ApiProperty({ type: 'integer' })
  patients!: number;

  @ApiProperty({ type: ExposureFigureResponse })
  figure!: ExposureFigureResponse;
}

/** Patients enrolled in registries and studies (solicited data), and patients treated (spontaneous). */
export class DenominatorsResponse {
  @ApiProperty({ type: SolicitedDenominatorResponse, nullable: true })
  solicited!: SolicitedDenominatorResponse | null;

  @ApiProperty({ type: SpontaneousDenominatorResponse, nullable: true })
  spontaneous!: SpontaneousDenominatorResponse | null;
}

export class CountSummaryResponse implements CountSummary {
  @ApiProperty({ type: 'integer', description: 'cases first received in the period, before exclusions' })
  casesInPeriod!: number;

  @ApiProperty({ type: 'integer' })
  casesCounted!: number;

  @ApiProperty({ type: 'integer' })
  nullified!: number;

  @ApiProperty({ type: 'integer' })
  invalid!: number;

  @ApiProperty({ type: 'integer' })
  duplicates!: number;

  @ApiProperty({ type: 'integer' })
  patients!: number;

  @ApiProperty({ type: 'integer' })
  solicitedPatients!: number;

  @ApiProperty({ type: 'integer' })
  spontaneousPatients!: number;

  @ApiProperty({ type: 'integer', description: 'reactions of solicited cases left out: every causality assessment excludes a reasonable possibility' })
  reactionsNotRelated!: number;

  @ApiProperty({ type: 'integer' })
  syntheticCases!: number;
}

export class MeddraReleaseBriefResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  version!: string;
}

export class FrequencyRunResponse implements RunView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: ProductRefResponse })
  product!: ProductRefResponse;

  @ApiProperty({ enum: ['interval', 'cumulative'] })
  period!: 'interval' | 'cumulative';

  @ApiDate({ nullable: true, description: 'null: cumulative' })
  periodStart!: string | null;

  @ApiDate()
  dataLockPoint!: string;

  @ApiProperty({ type: ReferenceSafetyRefResponse, nullable: true })
  referenceSafety!: ReferenceSafetyRefResponse | null;

  @ApiProperty({ type: MeddraReleaseBriefResponse, nullable: true })
  meddraRelease!: MeddraReleaseBriefResponse | null;

  @ApiProperty({ type: DenominatorsResponse })
  exposure!: DenominatorsResponse;

  @ApiProperty({ type: CountSummaryResponse })
  summary!: CountSummaryResponse;

  @ApiProperty({ description: 'generated demo cases were counted' })
  synthetic!: boolean;

  @ApiProperty({ description: 'SHA-256 of the inputs and results' })
  digest!: string;

  @ApiProperty({ enum: ['request', 'schedule', 'case-change'] })
  trigger!: RunView['trigger'];

  @ApiProperty()
  requestedBy!: string;

  @ApiInstant()
  startedAt!: Date;

  @ApiInstant()
  finishedAt!: Date;
}

export class IntervalResponse implements Interval {
  @ApiProperty()
  lower!: number;

  @ApiProperty()
  upper!: number;

  @ApiProperty({ example: 0.95 })
  level!: number;

  @ApiProperty({ example: 'Clopper–Pearson exact binomial' })
  method!: string;
}

export class FollowUpResponse implements FollowUp {
  @ApiProperty({ type: Number, nullable: true })
  medianMonths!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  maxMonths!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  patientYears!: number | null;

  @ApiProperty({ example: 'registry, counted on 2026-10-31' })
  basis!: string;
}

/** A listed term, an outcome rate, a reported PT or a SOC: observed proportion, exact interval, stated rate and flag. */
export class FrequencyRowResponse implements FrequencyRow {
  @ApiProperty({ enum: RESULT_LEVELS })
  level!: ResultLevel;

  @ApiProperty()
  label!: string;

  @ApiProperty({ type: [String] })
  listedTerms!: string[];

  @ApiProperty({ type: 'integer' })
  patients!: number;

  @ApiProperty({ type: 'integer' })
  serious!: number;

  @ApiProperty({ type: 'integer' })
  fatal!: number;

  @ApiProperty({ type: 'integer' })
  solicitedPatients!: number;

  @ApiProperty({ type: 'integer', nullable: true })
  solicitedExposed!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'a fraction (0.6 = 60 %)' })
  proportion!: number | null;

  @ApiProperty({ type: IntervalResponse, nullable: true })
  interval!: IntervalResponse | null;

  @ApiProperty({ type: 'integer' })
  spontaneousPatients!: number;

  @ApiProperty({ type: 'integer', nullable: true })
  spontaneousExposed!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  reportingRate!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  statedRatePercent!: number | null;

  @ApiProperty({ enum: FREQUENCY_BANDS, nullable: true })
  statedBand!: FrequencyBand | null;

  @ApiProperty({ enum: ['exceeds', 'unlisted', 'uncoded'], nullable: true })
  flag!: FrequencyFlag | null;

  @ApiProperty()
  explanation!: string;

  @ApiProperty({ type: FollowUpResponse, nullable: true })
  followUp!: FollowUpResponse | null;
}

export class FrequencyRunWithRowsResponse extends FrequencyRunResponse implements RunWithResults {
  @ApiProperty({ type: [FrequencyRowResponse] })
  rows!: FrequencyRowResponse[];
}

export class RequestedFrequencyRunResponse extends FrequencyRunWithRowsResponse {
  @ApiProperty({ description: 'false: an identical latest run was returned instead of a copy' })
  stored!: boolean;
}
