import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiInstant } from '../../common/api-properties';

/** One change of an obligation (text, status, category, study ids) or of one of its milestones' steps. */
export class ObligationChangeResponse {
  @ApiProperty({ example: '17', description: 'a 64-bit integer as text' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  obligationId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  milestoneId!: string | null;

  @ApiProperty({ example: 'status' })
  field!: string;

  @ApiProperty({ type: String, nullable: true })
  from!: string | null;

  @ApiProperty({ type: String, nullable: true })
  to!: string | null;

  @ApiProperty()
  changeSource!: string;

  @ApiProperty({ type: String, nullable: true })
  procedureRef!: string | null;

  @ApiProperty()
  reason!: string;

  @ApiProperty()
  changedBy!: string;

  @ApiInstant()
  changedAt!: string;

  @ApiDate()
  recordedOn!: string;

  @ApiDate()
  effectiveOn!: string;
}
