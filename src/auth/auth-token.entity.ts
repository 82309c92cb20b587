import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './roles';

export const TOKEN_KINDS = ['session', 'api', 'calendar'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** A session, an API token or a calendar-feed token. Only the SHA-256 of the secret is kept. */
@Entity({ name: 'auth_token' })
export class AuthToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  kind!: TokenKind;

  /** API tokens: what the integration is. */
  @Column({ type: 'text', nullable: true })
  name!: string | null;

  /** API tokens: the role the token acts with (the owner's role or viewer). */
  @Column({ type: 'text', nullable: true })
  role!: Role | null;

  @Column({ name: 'token_hash', type: 'text', select: false })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'text', nullable: true })
  revokedBy!: string | null;
}
