import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuthorisationType } from './marketing-authorisation.entity';

export const AUTHORISATION_EVENTS = ['conversion', 'renewal-decision', 'not-renewed', 'withdrawn', 'lapsed'] as const;
export type AuthorisationEventKind = (typeof AUTHORISATION_EVENTS)[number];
/** Art 14(3): after the five-year renewal, valid without limit — or one additional five-year renewal on pharmacovigilance grounds. */
export const RENEWAL_OUTCOMES = ['unlimited', 'additional-five-year'] as const;
export type RenewalOutcome = (typeof RENEWAL_OUTCOMES)[number];

/** What happened to an authorisation after its grant, with the Commission decision; the type history. Append-only. */
@Entity({ name: 'authorisation_event' })
export class AuthorisationEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'authorisation_id', type: 'uuid' })
  authorisationId!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  event!: AuthorisationEventKind;

  @Column({ name: 'from_type', type: 'text' })
  fromType!: AuthorisationType;

  @Column({ name: 'to_type', type: 'text' })
  toType!: AuthorisationType;

  /** The Commission decision, e.g. "C(2026) 1234". */
  @Column({ name: 'decision_ref', type: 'text', nullable: true })
  decisionRef!: string | null;

  /** The day of the decision (or the day the authorisation ended). */
  @Column({ name: 'decided_on', type: 'date' })
  decidedOn!: string;

  /** The day the decision was notified to the holder. */
  @Column({ name: 'notified_on', type: 'date', nullable: true })
  notifiedOn!: string | null;

  @Column({ name: 'procedure_ref', type: 'text', nullable: true })
  procedureRef!: string | null;

  @Column({ name: 'renewal_cycle', type: 'integer', nullable: true })
  renewalCycle!: number | null;

  @Column({ name: 'renewal_outcome', type: 'text', nullable: true })
  renewalOutcome!: RenewalOutcome | null;

  /** The expiry the decision or the Union Register gives (wins over a computed one). */
  @Column({ type: 'date', nullable: true })
  expiry!: string | null;

  @Column({ name: 'expiry_source', type: 'text', nullable: true })
  expirySource!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ name: 'recorded_on', type: 'date' })
  recordedOn!: string;
}
