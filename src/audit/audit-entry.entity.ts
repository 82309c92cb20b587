import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per change to a regulated record, written in the transaction of the change. Append-only (database triggers
 * refuse UPDATE, DELETE and TRUNCATE); the database stamps `occurred_at` (transaction start) and `tx_id` itself, and
 * seals each committed transaction's rows into the hash chain (`audit_chain`, see AuditChainLink).
 */
@Entity({ name: 'audit_entry' })
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  /** Start of the writing transaction (forced by a trigger: clients cannot choose it). */
  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  /** txid_current() of the writing transaction (forced by a trigger). */
  @Column({ name: 'tx_id', type: 'bigint', default: () => 'txid_current()' })
  txId!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'text' })
  action!: string;

  /** The product the change belongs to, if any; no foreign key, so the trail outlives every record. */
  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
