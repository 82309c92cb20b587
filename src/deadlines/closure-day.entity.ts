import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A day the regulator is closed; due dates falling on it are flagged, never moved. */
@Entity({ name: 'closure_day' })
export class ClosureDayEntity {
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  name!: string;
}
