import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiInstant } from '../../common/api-properties';
import { SEVERITIES, type Severity } from '../../safety-cases/case-content';
import type { ReferenceSafetyVersion } from '../reference-safety.service';
import { FREQUENCY_BANDS, type FrequencyBand, type ReferenceTerm, STATED_OUTCOMES, type StatedOutcome, TERM_KINDS, type TermKind } from '../reference-terms';

/** A listed reaction (a set of PTs or HLTs) or an outcome rate, with its frequency. */
export class ReferenceTermResponse implements ReferenceTerm {
  @ApiProperty({ example: 'Headache' })
  term!: string;

  @ApiProperty({ enum: TERM_KINDS })
  kind!: TermKind;

  @ApiProperty({ type: [String], description: 'PT names the listed term stands for' })
  ptNames!: string[];

  @ApiProperty({ type: [String], description: 'HLT names whose PTs all count as listed' })
  hltNames!: string[];

  @ApiProperty({ enum: FREQUENCY_BANDS, nullable: true })
  frequencyBand!: FrequencyBand | null;

  @ApiProperty({ type: Number, nullable: true, description: 'a stated rate in percent' })
  statedRatePercent!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'patients the rate was measured on; null = unknown' })
  rateDenominator!: number | null;

  @ApiProperty({ type: String, nullable: true })
  denominatorNote!: string | null;

  @ApiProperty({ description: 'the label mentions fatal outcomes (if not, a fatal outcome is unexpected)' })
  fatalOutcomeListed!: boolean;

  @ApiProperty({ enum: SEVERITIES, nullable: true, description: 'the most severe form the label describes' })
  maxSeverity!: Severity | null;

  @ApiProperty({ enum: STATED_OUTCOMES, nullable: true, description: 'an outcome term: what its rate counts' })
  outcome!: StatedOutcome | null;

  @ApiProperty({ description: 'a late event: its frequency is shown with the follow-up time' })
  lateOnset!: boolean;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
}

/** A version of a product's reference safety information and the days it is in force. */
export class ReferenceSafetyResponse implements ReferenceSafetyVersion {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ example: 'SmPC section 4.8 (2024-02)' })
  document!: string;

  @ApiDate()
  effectiveFrom!: string;

  @ApiDate({ nullable: true, description: 'the day the next version took over (exclusive); null for the version in force' })
  effectiveUntil!: string | null;

  @ApiProperty({ description: 'false while the list is known to be partial' })
  complete!: boolean;

  @ApiProperty({ type: [ReferenceTermResponse] })
  terms!: ReferenceTermResponse[];

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty()
  createdBy!: string;

  @ApiInstant()
  createdAt!: Date;
}

/** The reference safety information a figure or an assessment was made against. */
export class ReferenceSafetyRefResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty()
  document!: string;

  @ApiDate()
  effectiveFrom!: string;

  @ApiProperty()
  complete!: boolean;
}
