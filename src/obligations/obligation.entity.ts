import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const OBLIGATION_CATEGORIES = ['SOB', 'ANX', 'MEA', 'LEG', 'REC'] as const;
export type ObligationCategory = (typeof OBLIGATION_CATEGORIES)[number];
export const STUDY_TYPES = ['PASS', 'PAES', 'registry', 'long-term-follow-up', 'clinical-trial', 'none'] as const;
export type StudyType = (typeof STUDY_TYPES)[number];
export const OBLIGATION_STATUSES = ['open', 'fulfilled', 'withdrawn'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** A post-authorisation measure the holder owes (specific obligation, Annex II condition, RMP measure…). */
@Entity({ name: 'obligation' })
export class Obligation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  /** The holder's or EMA's short reference, e.g. "SOB 001". */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text' })
  category!: ObligationCategory;

  @Column({ name: 'study_type', type: 'text' })
  studyType!: StudyType;

  /** Verbatim text of the obligation. */
  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'study_ids', type: 'text', array: true, default: () => "'{}'" })
  studyIds!: string[];

  @Column({ type: 'text', nullable: true })
  owner!: string | null;

  @Column({ type: 'text', default: 'open' })
  status!: ObligationStatus;

  @Column({ type: 'boolean', default: false })
  illustrative!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
