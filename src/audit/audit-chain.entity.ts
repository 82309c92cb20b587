import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One link of the audit hash chain: the audit rows of one committed transaction, sealed at its commit by a database
 * trigger. Append-only; `prev_hash` is unique, so the chain cannot fork. Written only by the database (migration
 * 1763769600000-AuditChain), read by the verifier (audit-verify.ts).
 */
@Entity({ name: 'audit_chain' })
@Unique('uq_audit_chain_tx', ['txId', 'txStartedAt'])
@Unique('uq_audit_chain_prev_hash', ['prevHash'])
@Unique('uq_audit_chain_hash', ['hash'])
export class AuditChainLink {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'tx_id', type: 'bigint' })
  txId!: string;

  @Column({ name: 'tx_started_at', type: 'timestamptz' })
  txStartedAt!: Date;

  @Column({ name: 'entry_count', type: 'integer' })
  entryCount!: number;

  @Column({ name: 'first_entry_seq', type: 'bigint' })
  firstEntrySeq!: string;

  @Column({ name: 'last_entry_seq', type: 'bigint' })
  lastEntrySeq!: string;

  /** sha256 over the transaction's rows in seq order (see audit-chain-format.ts). */
  @Column({ name: 'rows_digest', type: 'text' })
  rowsDigest!: string;

  /** The previous link's hash; 64 zeros for the first link. */
  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ name: 'sealed_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  sealedAt!: Date;
}
