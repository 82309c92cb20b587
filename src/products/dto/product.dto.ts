import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull } from '../../common/validation';
import { AUTHORISATION_TYPES, AuthorisationType } from '../marketing-authorisation.entity';

export class CreateAuthorisationDto {
  @ApiProperty({ enum: AUTHORISATION_TYPES })
  @IsIn(AUTHORISATION_TYPES)
  type!: AuthorisationType;

  @ApiProperty({ example: 'CSL Behring GmbH' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  holder!: string;

  @ApiPropertyOptional({ example: 'EU/1/22/1715/001' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  euNumber?: string;

  @ApiProperty({ example: '2023-02-20', description: 'date the Commission decision was notified to the holder' })
  @IsCalendarDate()
  notifiedOn!: string;

  @ApiPropertyOptional({ description: 'date first placed on the market (drives the default PSUR cycle)' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  marketedOn?: string;

  @ApiPropertyOptional({ description: 'true when the dates are illustrative and must be confirmed against the Union Register' })
  @IsOptionalNotNull()
  @IsBoolean()
  illustrative?: boolean;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(1000)
  illustrativeNote?: string;
}

export class CreateProductDto {
  @ApiProperty({ example: 'Hemgenix' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'etranacogene dezaparvovec' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  activeSubstance!: string;

  @ApiPropertyOptional({ example: 'EMEA/H/C/004827' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  emaProductNumber?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  advancedTherapy?: boolean;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  additionalMonitoring?: boolean;

  @ApiPropertyOptional({ example: 'EU/3/18/1999' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  orphanDesignation?: string;

  @ApiPropertyOptional({ example: '2018-03-21' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  orphanDesignationDate?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  sourceNote?: string;

  @ApiProperty({ type: CreateAuthorisationDto })
  @ValidateNested()
  @Type(() => CreateAuthorisationDto)
  authorisation!: CreateAuthorisationDto;
}

export class UpdateAuthorisationDto {
  @ApiPropertyOptional({ description: 'expiry recorded from the Commission decision / Union Register; null clears it', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  recordedExpiry?: string | null;

  @ApiPropertyOptional({ example: 'Commission Implementing Decision C(2024) 1234 of 2024-02-15' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  recordedExpirySource?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  marketedOn?: string | null;

  @ApiProperty({ description: 'why the authorisation record changes' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
