import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const AUTHORISATION_TYPES = ['conditional', 'standard', 'exceptional-circumstances'] as const;
export type AuthorisationType = (typeof AUTHORISATION_TYPES)[number];
export const AUTHORISATION_ENDINGS = ['not-renewed', 'withdrawn', 'lapsed'] as const;
export type AuthorisationEnding = (typeof AUTHORISATION_ENDINGS)[number];

/** The EU marketing authorisation of a product; its notification date anchors the renewal chain. */
@Entity({ name: 'marketing_authorisation' })
export class MarketingAuthorisation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  type!: AuthorisationType;

  @Column({ type: 'text' })
  holder!: string;

  @Column({ name: 'eu_number', type: 'text', nullable: true })
  euNumber!: string | null;

  @Column({ name: 'notified_on', type: 'date' })
  notifiedOn!: string;

  /** Expiry from the Commission decision / Union Register; wins over the computed chain. */
  @Column({ name: 'recorded_expiry', type: 'date', nullable: true })
  recordedExpiry!: string | null;

  @Column({ name: 'recorded_expiry_source', type: 'text', nullable: true })
  recordedExpirySource!: string | null;

  @Column({ name: 'marketed_on', type: 'date', nullable: true })
  marketedOn!: string | null;

  /** Notification of the decision converting a conditional authorisation into a standard one. */
  @Column({ name: 'converted_on', type: 'date', nullable: true })
  convertedOn!: string | null;

  /** The day the authorisation ended (not renewed, withdrawn, lapsed); null while it is in force. */
  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  ending!: AuthorisationEnding | null;

  @Column({ type: 'boolean', default: false })
  illustrative!: boolean;

  @Column({ name: 'illustrative_note', type: 'text', nullable: true })
  illustrativeNote!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
