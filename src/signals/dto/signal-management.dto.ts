import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull } from '../../common/validation';
import { ALERT_STATUSES, type AlertStatus, RECOMMENDED_ACTIONS, type RecommendedAction, SIGNAL_PRIORITIES, SIGNAL_STATUSES, type SignalPriority, type SignalStatus } from '../signal-workflow';

/** What the alert and signal lists share: one product (optional) and a page size. */
class ProductListQueryDto {
  @ApiPropertyOptional({ example: 'Zemcelpro', description: 'product name or id' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  product?: string;

  @ApiPropertyOptional({ default: 100 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AlertQueryDto extends ProductListQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATUSES })
  @IsOptionalNotNull()
  @IsIn(ALERT_STATUSES)
  status?: AlertStatus;

}

export class ValidateAlertDto {
  @ApiProperty({ description: 'why this is a signal (GVP IX validation: evidence, clinical relevance, previous awareness)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;

  @ApiPropertyOptional({ description: 'add to this open signal of the same product instead of opening a new one' })
  @IsOptionalNotNull()
  @IsUUID('all')
  signal?: string;

  @ApiPropertyOptional({ description: 'title of the new signal (default: product – event)' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(300)
  title?: string;
}

export class DismissAlertDto {
  @ApiProperty({ description: 'why this is not a signal (known and labelled, confounded, duplicate reports…)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;
}

export class SignalQueryDto extends ProductListQueryDto {
  @ApiPropertyOptional({ enum: SIGNAL_STATUSES })
  @IsOptionalNotNull()
  @IsIn(SIGNAL_STATUSES)
  status?: SignalStatus;

}

export class SignalStepDto {
  @ApiProperty({ enum: SIGNAL_STATUSES, description: 'the next step: analysed (with priority), assessed (with the assessment), closed (with the recommended action, after a QPPV signed the assessment)' })
  @IsIn(SIGNAL_STATUSES)
  to!: SignalStatus;

  @ApiProperty({ description: 'what was done and found' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  notes!: string;

  @ApiPropertyOptional({ enum: SIGNAL_PRIORITIES })
  @IsOptionalNotNull()
  @IsIn(SIGNAL_PRIORITIES)
  priority?: SignalPriority;

  @ApiPropertyOptional({ description: 'the assessment of the evidence (at the assessed step)' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(20000)
  assessment?: string;

  @ApiPropertyOptional({ enum: RECOMMENDED_ACTIONS })
  @IsOptionalNotNull()
  @IsIn(RECOMMENDED_ACTIONS)
  recommendedAction?: RecommendedAction;
}

export class EstablishEsiDto {
  @ApiProperty({ example: '2026-11-20', description: 'the day it was established to be an emerging safety issue' })
  @IsCalendarDate()
  establishedOn!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  notes!: string;
}

export class NotifyEsiDto {
  @ApiProperty({ example: '2026-11-23', description: 'the day EMA and the national competent authorities were notified' })
  @IsCalendarDate()
  notifiedOn!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  notes!: string;
}

export class RegulatorOutcomeDto {
  @ApiProperty({ description: 'what the regulator concluded (PRAC recommendation, request, …)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  outcome!: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  receivedOn!: string;
}
