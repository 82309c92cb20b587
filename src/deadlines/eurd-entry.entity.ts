import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An entry of the EU reference dates list: PSUR frequency and data lock point for a substance. */
@Entity({ name: 'eurd_entry' })
export class EurdEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  substance!: string;

  @Column({ name: 'frequency_months', type: 'integer' })
  frequencyMonths!: number;

  @Column({ name: 'first_dlp', type: 'date' })
  firstDlp!: string;

  /** EURD changes take effect 6 months after publication. */
  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'text' })
  source!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
