import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const MILESTONE_KINDS = ['obligation', 'cma-renewal', 'standard-renewal', 'annual-reassessment', 'psur', 'pass-final-report', 'pass-waiver-request', 'procedure-response', 'sunset', 'cessation-notice'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];
export const MILESTONE_STATUSES = ['planned', 'in-progress', 'submitted', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const DATE_BASES = ['computed', 'annex-ii', 'regulator', 'recorded'] as const;
export type DateBasis = (typeof DATE_BASES)[number];
export const OUTCOMES = ['fulfilled', 'not-fulfilled', 'further-data-requested'] as const;
export type MilestoneOutcome = (typeof OUTCOMES)[number];
export const ECTD_SUBMISSION_TYPES = ['pam-sob', 'pam-anx', 'pam-mea', 'pam-leg', 'pam-sda', 'pam-capa', 'pam-paes', 'pam-rec', 'pass107n', 'pass107q', 'renewal', 'annual-reassessment', 'psur', 'psusa', 'rmp'] as const;
export type EctdSubmissionType = (typeof ECTD_SUBMISSION_TYPES)[number];

/**
 * Something the holder must submit by a date: a milestone of an obligation, a renewal or PSUR of the
 * authorisation, or the responses in a procedure. Timeliness and the assessment outcome are kept apart.
 */
@Entity({ name: 'milestone' })
export class Milestone {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ name: 'authorisation_id', type: 'uuid', nullable: true })
  authorisationId!: string | null;

  @Column({ name: 'obligation_id', type: 'uuid', nullable: true })
  obligationId!: string | null;

  @Column({ name: 'procedure_id', type: 'uuid', nullable: true })
  procedureId!: string | null;

  @Column({ type: 'text' })
  kind!: MilestoneKind;

  @Column({ type: 'text' })
  title!: string;

  /** Renewal or PSUR number for milestones derived from the authorisation. */
  @Column({ type: 'integer', nullable: true })
  cycle!: number | null;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'text' })
  basis!: DateBasis;

  @Column({ name: 'rule_id', type: 'text' })
  ruleId!: string;

  @Column({ name: 'rule_source', type: 'text' })
  ruleSource!: string;

  @Column({ name: 'rule_explanation', type: 'text', default: '' })
  ruleExplanation!: string;

  @Column({ type: 'text', default: 'planned' })
  status!: MilestoneStatus;

  @Column({ name: 'submitted_on', type: 'date', nullable: true })
  submittedOn!: string | null;

  @Column({ name: 'submitted_on_time', type: 'boolean', nullable: true })
  submittedOnTime!: boolean | null;

  @Column({ name: 'submission_ref', type: 'text', nullable: true })
  submissionRef!: string | null;

  @Column({ name: 'ectd_type', type: 'text', nullable: true })
  ectdType!: EctdSubmissionType | null;

  @Column({ type: 'text', nullable: true })
  outcome!: MilestoneOutcome | null;

  @Column({ name: 'outcome_on', type: 'date', nullable: true })
  outcomeOn!: string | null;

  @Column({ name: 'outcome_procedure_ref', type: 'text', nullable: true })
  outcomeProcedureRef!: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  @Column({ type: 'text', nullable: true })
  owner!: string | null;

  @Column({ type: 'boolean', default: false })
  illustrative!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
