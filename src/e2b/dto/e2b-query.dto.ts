import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { QueryLimit } from '../../common/validation';
import { ACK_OUTCOMES, type AckOutcome } from '../e2b.entities';

export class AcknowledgementQueryDto {
  @ApiPropertyOptional({ enum: ACK_OUTCOMES, description: 'e.g. unmatched: acknowledgements that name no case of ours' })
  @IsOptional()
  @IsIn(ACK_OUTCOMES)
  outcome?: AckOutcome;

  @QueryLimit(100, 1000)
  limit?: number;
}
