import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsOptionalNotNull, QueryLimit } from '../../common/validation';
import { ACK_OUTCOMES, type AckOutcome } from '../e2b.entities';
import { EXPORT_RECEIVERS, type ExportReceiver, MAX_EXPORT_CASES } from '../e2b-export.service';

export class AcknowledgementQueryDto {
  @ApiPropertyOptional({ enum: ACK_OUTCOMES, description: 'e.g. unmatched: acknowledgements that name no case of ours' })
  @IsOptionalNotNull()
  @IsIn(ACK_OUTCOMES)
  outcome?: AckOutcome;

  @QueryLimit(100, 1000)
  limit?: number;
}

export class ExportDto {
  @ApiProperty({ type: [String], description: 'case ids or safety report ids (C.1.1); the current version of each is exported', maxItems: MAX_EXPORT_CASES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EXPORT_CASES)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @IsNotEmpty({ each: true })
  cases!: string[];

  @ApiPropertyOptional({ enum: EXPORT_RECEIVERS, default: 'EVHUMAN', description: 'EVHUMAN (production) or EVTEST (EudraVigilance test system)' })
  @IsOptionalNotNull()
  @IsIn(EXPORT_RECEIVERS)
  receiver?: ExportReceiver;
}
