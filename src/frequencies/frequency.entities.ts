import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ExposureKind } from './frequency-table';

/** Patients exposed to a product as counted on a day (cumulative), with follow-up and source. Append-only. */
@Entity({ name: 'product_exposure' })
export class ProductExposure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  kind!: ExposureKind;

  @Column({ name: 'counted_on', type: 'date' })
  countedOn!: string;

  @Column({ type: 'integer' })
  patients!: number;

  @Column({ name: 'doses_distributed', type: 'integer', nullable: true })
  dosesDistributed!: number | null;

  /** numeric: read back as a string by pg. */
  @Column({ name: 'doses_per_patient', type: 'numeric', precision: 10, scale: 3, nullable: true })
  dosesPerPatient!: string | null;

  @Column({ name: 'follow_up_median_months', type: 'numeric', precision: 6, scale: 1, nullable: true })
  followUpMedianMonths!: string | null;

  @Column({ name: 'follow_up_max_months', type: 'numeric', precision: 6, scale: 1, nullable: true })
  followUpMaxMonths!: string | null;

  @Column({ name: 'patient_years', type: 'numeric', precision: 12, scale: 1, nullable: true })
  patientYears!: string | null;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'replaces_id', type: 'uuid', nullable: true })
  replacesId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Business day the figure was recorded: a correction counts at a data lock point only when recorded by it. */
  @Column({ name: 'recorded_on', type: 'date' })
  recordedOn!: string;
}

/** One aggregation run: its inputs, a summary of what was counted, and the digest a dossier cites. Append-only. */
@Entity({ name: 'frequency_run' })
export class FrequencyRun {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  period!: 'interval' | 'cumulative';

  @Column({ name: 'period_start', type: 'date', nullable: true })
  periodStart!: string | null;

  @Column({ name: 'data_lock_point', type: 'date' })
  dataLockPoint!: string;

  @Column({ name: 'rsi_id', type: 'uuid', nullable: true })
  rsiId!: string | null;

  @Column({ name: 'meddra_release_id', type: 'uuid', nullable: true })
  meddraReleaseId!: string | null;

  @Column({ type: 'jsonb' })
  exposure!: object;

  @Column({ type: 'jsonb' })
  summary!: object;

  @Column({ type: 'text' })
  digest!: string;

  @Column({ type: 'text' })
  trigger!: 'schedule' | 'case-change' | 'request';

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', default: () => 'now()' })
  finishedAt!: Date;
}

/** The alerts of a frequency run were raised, once, in the transaction that raised them. Append-only. */
@Entity({ name: 'frequency_run_alerts' })
export class FrequencyRunAlerts {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @Column({ type: 'integer' })
  raised!: number;

  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' })
  raisedAt!: Date;
}
