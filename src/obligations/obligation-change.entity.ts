import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const OBLIGATION_CHANGE_FIELDS = ['description', 'status', 'category', 'study-ids', 'milestone-status', 'milestone-outcome'] as const;
export type ObligationChangeField = (typeof OBLIGATION_CHANGE_FIELDS)[number];

/**
 * Where a change comes from: a procedure (variation, renewal opinion, RMP update, PSUSA, Annex II, conversion to a
 * standard authorisation — each with its procedure reference), a regulator's letter, a correction of a
 * transcription error, the holder's own step (a milestone started, submitted or cancelled), or an assessment
 * outcome.
 */
export const OBLIGATION_CHANGE_SOURCES = ['variation', 'renewal-opinion', 'rmp-update', 'psusa', 'annex-ii', 'regulator-letter', 'conversion', 'correction', 'holder', 'assessment'] as const;
export type ObligationChangeSource = (typeof OBLIGATION_CHANGE_SOURCES)[number];

/** Sources that need no procedure reference (the others name the procedure that made the change). */
export const SOURCES_WITHOUT_PROCEDURE: readonly ObligationChangeSource[] = ['regulator-letter', 'correction', 'holder', 'assessment'];

/** The history of an obligation (text, status, category, study ids) and of its milestones' status and outcome. Append-only. */
@Entity({ name: 'obligation_change' })
export class ObligationChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ name: 'obligation_id', type: 'uuid' })
  obligationId!: string;

  @Column({ name: 'milestone_id', type: 'uuid', nullable: true })
  milestoneId!: string | null;

  @Column({ type: 'text' })
  field!: ObligationChangeField;

  @Column({ name: 'from_value', type: 'text', nullable: true })
  fromValue!: string | null;

  @Column({ name: 'to_value', type: 'text', nullable: true })
  toValue!: string | null;

  @Column({ name: 'change_source', type: 'text' })
  changeSource!: ObligationChangeSource;

  @Column({ name: 'procedure_ref', type: 'text', nullable: true })
  procedureRef!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;

  /** Business day of the change (the Clock's "today", regulator's time zone). */
  @Column({ name: 'recorded_on', type: 'date' })
  recordedOn!: string;

  /** The day the change took effect: a milestone's submission or outcome date, else the day recorded. */
  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn!: string;
}
