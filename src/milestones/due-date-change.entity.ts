import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CHANGE_SOURCES = ['initial', 'variation', 'renewal-opinion', 'rmp-update', 'psusa', 'annex-ii', 'regulator-letter', 'recorded-expiry', 'recomputed'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

/** The history of a milestone's due date: from, to, why, through which procedure, who, when. */
@Entity({ name: 'due_date_change' })
export class DueDateChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'milestone_id', type: 'uuid' })
  milestoneId!: string;

  @Column({ name: 'from_date', type: 'date', nullable: true })
  fromDate!: string | null;

  @Column({ name: 'to_date', type: 'date' })
  toDate!: string;

  @Column({ name: 'change_source', type: 'text' })
  changeSource!: ChangeSource;

  @Column({ name: 'procedure_ref', type: 'text', nullable: true })
  procedureRef!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;

  /** Business day of the change (the Clock's "today", regulator's time zone): compared with data lock points. */
  @Column({ name: 'recorded_on', type: 'date' })
  recordedOn!: string;
}
