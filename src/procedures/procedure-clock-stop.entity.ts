import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CLOCK_STOP_KINDS = ['validation-questions', 'list-of-questions', 'list-of-outstanding-issues', 'request-for-supplementary-information'] as const;
export type ClockStopKind = (typeof CLOCK_STOP_KINDS)[number];

/** The regulator stops the clock with questions; the holder's responses are due by a date; the clock restarts. */
@Entity({ name: 'procedure_clock_stop' })
export class ProcedureClockStop {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'procedure_id', type: 'uuid' })
  procedureId!: string;

  @Column({ type: 'text' })
  kind!: ClockStopKind;

  @Column({ name: 'stopped_on', type: 'date' })
  stoppedOn!: string;

  @Column({ name: 'responses_due_on', type: 'date' })
  responsesDueOn!: string;

  @Column({ name: 'restarted_on', type: 'date', nullable: true })
  restartedOn!: string | null;

  /** The milestone that tracks the responses as a deadline. */
  @Column({ name: 'response_milestone_id', type: 'uuid' })
  responseMilestoneId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
