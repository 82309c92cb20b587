import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SIGNATURE_MEANINGS = ['reviewed', 'approved'] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

/** An electronic signature: who, when, what it means, and the exact content signed (append-only). */
@Entity({ name: 'electronic_signature' })
export class ElectronicSignature {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ type: 'text' })
  meaning!: SignatureMeaning;

  @Column({ name: 'signer_user_id', type: 'uuid' })
  signerUserId!: string;

  @Column({ name: 'signer_username', type: 'text' })
  signerUsername!: string;

  @Column({ name: 'signer_name', type: 'text' })
  signerName!: string;

  @Column({ name: 'signer_role', type: 'text' })
  signerRole!: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** The record as it was signed (canonical JSON), so a reviewer can see exactly what was signed. */
  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  @Column({ name: 'content_hash', type: 'text' })
  contentHash!: string;

  @Column({ name: 'key_id', type: 'integer' })
  keyId!: number;

  @Column({ type: 'text' })
  seal!: string;
}
