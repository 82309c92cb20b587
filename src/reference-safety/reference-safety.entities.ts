import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Severity } from '../safety-cases/case-content';
import type { FrequencyBand, StatedOutcome, TermKind } from './reference-terms';

/** A version of a product's reference safety information, effective from a date until the next version. Append-only. */
@Entity({ name: 'reference_safety_info' })
export class ReferenceSafetyInfoEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  document!: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'boolean' })
  complete!: boolean;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** A listed reaction (a PT or a group of PTs) or a stated outcome rate. Append-only. */
@Entity({ name: 'reference_safety_term' })
export class ReferenceSafetyTermEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'rsi_id', type: 'uuid' })
  rsiId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  term!: string;

  @Column({ type: 'text' })
  kind!: TermKind;

  @Column({ name: 'pt_names', type: 'text', array: true })
  ptNames!: string[];

  @Column({ name: 'hlt_names', type: 'text', array: true, default: () => "'{}'" })
  hltNames!: string[];

  @Column({ name: 'frequency_band', type: 'text', nullable: true })
  frequencyBand!: FrequencyBand | null;

  /** Percent, as numeric(7,3): read back as a string by pg. */
  @Column({ name: 'stated_rate_percent', type: 'numeric', precision: 7, scale: 3, nullable: true })
  statedRatePercent!: string | null;

  @Column({ name: 'rate_denominator', type: 'integer', nullable: true })
  rateDenominator!: number | null;

  @Column({ name: 'denominator_note', type: 'text', nullable: true })
  denominatorNote!: string | null;

  @Column({ name: 'fatal_outcome_listed', type: 'boolean', default: false })
  fatalOutcomeListed!: boolean;

  @Column({ name: 'max_severity', type: 'text', nullable: true })
  maxSeverity!: Severity | null;

  @Column({ type: 'text', nullable: true })
  outcome!: StatedOutcome | null;

  @Column({ name: 'late_onset', type: 'boolean', default: false })
  lateOnset!: boolean;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
