import { IsOptionalNotNull } from '../../common/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { SIGNATURE_MEANINGS, SignatureMeaning } from '../electronic-signature.entity';
import { SIGNABLE_TYPES, type SignableType } from '../signable-types';

export class SignDto {
  @ApiProperty({ enum: SIGNABLE_TYPES, description: 'the kind of record signed' })
  @IsIn(SIGNABLE_TYPES, { message: `cannot be signed; signable records: ${SIGNABLE_TYPES.join(', ')}` })
  entityType!: SignableType;

  @ApiProperty({ format: 'uuid', description: 'the id of the record signed' })
  @IsUUID('all')
  entityId!: string;

  @ApiProperty({ enum: SIGNATURE_MEANINGS, description: 'what the signature means' })
  @IsIn(SIGNATURE_MEANINGS)
  meaning!: SignatureMeaning;

  @ApiProperty({ format: 'password', description: 'your password, re-entered for this signature' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  password!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class SignatureQueryDto {
  @ApiProperty({ example: 'milestone' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  entityType!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  entityId!: string;
}

export class RotateKeyDto {
  @ApiProperty({ description: 'why the key is rotated (kept in the audit trail)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
