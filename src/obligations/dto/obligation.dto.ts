import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { OBLIGATION_CATEGORIES, ObligationCategory, STUDY_TYPES, StudyType } from '../obligation.entity';

export class CreateObligationDto {
  @ApiProperty({ description: 'product id or name', example: 'Hemgenix' })
  @IsString()
  @IsNotEmpty()
  product!: string;

  @ApiProperty({ example: 'SOB 001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference!: string;

  @ApiProperty({ enum: OBLIGATION_CATEGORIES })
  @IsIn(OBLIGATION_CATEGORIES)
  category!: ObligationCategory;

  @ApiProperty({ enum: STUDY_TYPES })
  @IsIn(STUDY_TYPES)
  studyType!: StudyType;

  @ApiProperty({ description: 'verbatim text of the obligation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  description!: string;

  @ApiPropertyOptional({ type: [String], example: ['NCT03569891'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  studyIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  owner?: string;
}
