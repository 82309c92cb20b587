import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An HMAC key sealing electronic signatures. One is active; retired keys stay to verify older seals. */
@Entity({ name: 'signing_key' })
export class SigningKey {
  @PrimaryGeneratedColumn()
  id!: number;

  /** 256 random bits, base64. Never leaves the server and is never written to the audit trail. */
  @Column({ type: 'text', select: false })
  secret!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
