import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A medicinal product tracked by the holder (e.g. Hemgenix). */
@Entity({ name: 'product' })
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'active_substance', type: 'text' })
  activeSubstance!: string;

  @Column({ name: 'ema_product_number', type: 'text', nullable: true })
  emaProductNumber!: string | null;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'advanced_therapy', type: 'boolean', default: false })
  advancedTherapy!: boolean;

  @Column({ name: 'additional_monitoring', type: 'boolean', default: false })
  additionalMonitoring!: boolean;

  @Column({ name: 'orphan_designation', type: 'text', nullable: true })
  orphanDesignation!: string | null;

  @Column({ name: 'orphan_designation_date', type: 'date', nullable: true })
  orphanDesignationDate!: string | null;

  @Column({ name: 'source_note', type: 'text', default: '' })
  sourceNote!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
