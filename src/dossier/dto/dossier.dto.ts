import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull } from '../../common/validation';
import { FILE_KINDS, type FileKind } from '../dossier.service';

export class ProposedChangeDto {
  @ApiProperty({ description: 'the obligation’s Annex II reference, e.g. SOB-001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  obligationReference!: string;

  @ApiProperty({ description: 'the change proposed to the obligation or its timeline' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  change!: string;

  @ApiProperty({ description: 'why' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;
}

export class BuildDossierDto {
  @ApiProperty({ description: 'data lock point (YYYY-MM-DD), not after today; GET …/dossier-suggestion gives a suggested one' })
  @IsCalendarDate()
  dataLockPoint!: string;

  @ApiPropertyOptional({ description: 'the benefit–risk conclusion, kept with the version (shown as still to be written when empty)' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(20_000)
  benefitRisk?: string;

  @ApiPropertyOptional({ type: [ProposedChangeDto], description: 'changes to obligations and timelines proposed in this renewal, with reasons' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ProposedChangeDto)
  proposedChanges?: ProposedChangeDto[];

  @ApiPropertyOptional({ description: 'add the line listing of the interval as an appendix (default false)' })
  @IsOptionalNotNull()
  @IsBoolean()
  lineListing?: boolean;
}

export class CompareQueryDto {
  @ApiProperty({ description: 'the other version (of the same product) to compare with' })
  @IsUUID('all')
  with!: string;
}

export class FileParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;

  @ApiProperty({ enum: FILE_KINDS })
  @IsIn(FILE_KINDS)
  kind!: FileKind;
}
