import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An ICSR message we generated: the case version its message id carries (acknowledgements name the message). */
@Entity({ name: 'e2b_export' })
export class E2bExport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'batch_id', type: 'text' })
  batchId!: string;

  @Column({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  receiver!: string;

  @Column({ name: 'batch_sha256', type: 'text' })
  batchSha256!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

export const ACK_OUTCOMES = ['submission-recorded', 'already-recorded', 'rejected', 'not-recorded', 'unmatched', 'batch-only'] as const;
export type AckOutcome = (typeof ACK_OUTCOMES)[number];

/** One acknowledged message (ACK.B.r) as read, and what it led to. Never changed or deleted. */
@Entity({ name: 'e2b_acknowledgement' })
export class E2bAcknowledgement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'file_sha256', type: 'text' })
  fileSha256!: string;

  /** 0-based position of the ACK.B.r in the file (the batch-only row of a file without any is 0). */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'ack_batch_id', type: 'text', nullable: true })
  ackBatchId!: string | null;

  @Column({ name: 'icsr_batch_id', type: 'text', nullable: true })
  icsrBatchId!: string | null;

  @Column({ name: 'batch_code', type: 'text', nullable: true })
  batchCode!: 'AA' | 'AE' | 'AR' | null;

  @Column({ name: 'message_number', type: 'text', nullable: true })
  messageNumber!: string | null;

  @Column({ name: 'referenced_ids', type: 'text', array: true, default: () => "'{}'" })
  referencedIds!: string[];

  @Column({ type: 'text', nullable: true })
  code!: 'CA' | 'CR' | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  messages!: string[];

  @Column({ name: 'acknowledged_on', type: 'date', nullable: true })
  acknowledgedOn!: string | null;

  @Column({ name: 'sender_id', type: 'text', nullable: true })
  senderId!: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'integer', nullable: true })
  version!: number | null;

  @Column({ type: 'text' })
  outcome!: AckOutcome;

  @Column({ type: 'text' })
  detail!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
