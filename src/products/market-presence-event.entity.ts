import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MARKET_PRESENCE_KINDS = ['placed', 'ceased', 'exemption'] as const;
export type MarketPresenceKind = (typeof MARKET_PRESENCE_KINDS)[number];

/**
 * The product placed on, or ceasing to be on, the market of one member state (Reg 726/2004 Art 13(4)), or an Art
 * 14(6) exemption from the sunset clause. Append-only: a correction is a new event with its reason.
 */
@Entity({ name: 'market_presence_event' })
export class MarketPresenceEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  kind!: MarketPresenceKind;

  /** ISO 3166 alpha-2 (Greece EL, as the EU writes it); null for an exemption. */
  @Column({ name: 'member_state', type: 'text', nullable: true })
  memberState!: string | null;

  @Column({ name: 'on_date', type: 'date' })
  on!: string;

  /** Exemption only: the last day it covers (null: without end). */
  @Column({ name: 'until_date', type: 'date', nullable: true })
  until!: string | null;

  /** The Commission decision granting an exemption. */
  @Column({ name: 'decision_ref', type: 'text', nullable: true })
  decisionRef!: string | null;

  /** A cessation's notice to the Agency, tracked as a milestone (kind cessation-notice). */
  @Column({ name: 'notice_milestone_id', type: 'uuid', nullable: true })
  noticeMilestoneId!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_on', type: 'date' })
  recordedOn!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
