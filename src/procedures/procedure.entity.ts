import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const PROCEDURE_TYPES = ['renewal', 'variation-type-ii', 'variation-type-ib', 'psusa', 'rmp-update', 'pam', 'pass-protocol', 'pass-report', 'annual-reassessment', 'other'] as const;
export type ProcedureType = (typeof PROCEDURE_TYPES)[number];
export const OPINION_OUTCOMES = ['positive', 'negative', 'withdrawn'] as const;
export type OpinionOutcome = (typeof OPINION_OUTCOMES)[number];

/** A regulatory procedure after a submission (EMEA/H/C/xxxx/II/yyyy…) and its timetable. */
@Entity({ name: 'procedure' })
export class Procedure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text' })
  type!: ProcedureType;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'submitted_on', type: 'date', nullable: true })
  submittedOn!: string | null;

  @Column({ name: 'started_on', type: 'date', nullable: true })
  startedOn!: string | null;

  @Column({ name: 'opinion_on', type: 'date', nullable: true })
  opinionOn!: string | null;

  @Column({ name: 'opinion_outcome', type: 'text', nullable: true })
  opinionOutcome!: OpinionOutcome | null;

  @Column({ name: 'commission_decision_on', type: 'date', nullable: true })
  commissionDecisionOn!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
